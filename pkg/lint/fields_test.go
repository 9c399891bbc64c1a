package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The rules that read the field table (approval-incomplete, broken-ref,
// todo-placeholder, and orphan through related and supersedes) report
// what they reported when they named the fields by hand.
func TestFieldTableRules(t *testing.T) {
	const body = "## Purpose\nP.\n## Scope\nS.\n## Procedure\n1. Do it.\n"
	for _, tt := range []struct {
		name, front string // front matter after id: a, title (unless set) and version
		rule        string
		want        []string // "line:col: message" of the rule's findings in sops/a.md
	}{
		{"approved with both", "status: approved\napprover: Head\neffective: 2026-01-01\n", "approval-incomplete", nil},
		{"approved without effective", "status: approved\napprover: Head\n", "approval-incomplete",
			[]string{"4:9: status is approved but effective is missing: add it"}},
		{"approved without approver", "status: approved\neffective: 2026-01-01\n", "approval-incomplete",
			[]string{"4:9: status is approved but approver is missing: add it"}},
		{"approved without either", "status: approved\n", "approval-incomplete",
			[]string{"4:9: status is approved but approver and effective are missing: add who approved it and the date it applies from"}},
		{"draft without either", "status: draft\n", "approval-incomplete", nil},
		{"every reference field", "status: draft\nroles: [nobody]\nrelated: [b, nosuch]\nkpis: [CSAT, NPS]\nsupersedes: [gone]\n", "broken-ref", []string{
			`5:9: roles names "nobody", which is no role template and not under roles: in sopctl.yaml: add it there or fix the id`,
			`6:14: related names "nosuch", which is no SOP of this library: fix the id or remove it`,
			`7:14: kpis names "NPS", which is not under kpis: in sopctl.yaml: add it there with its name`,
			`8:14: supersedes names "gone", which is no SOP of this library: fix the id or remove it`,
		}},
		{"free-text values", "title: \"TODO: a title\"\nstatus: draft\nowner: \"TODO: someone\"\napprover: \"TODO: who\"\nchannels: [\"TODO: x\"]\n", "todo-placeholder", []string{
			`3:8: a placeholder is still here: replace "TODO: a title" with the real value`,
			`5:8: a placeholder is still here: replace "TODO: someone" with the real value`,
			`6:11: a placeholder is still here: replace "TODO: who" with the real value`,
		}},
		{"superseded by b", "status: draft\n", "orphan", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			front := tt.front
			if !strings.HasPrefix(front, "title:") {
				front = "title: A\n" + front
			}
			b := "related: [a]\n"
			if tt.rule == "orphan" {
				b = "supersedes: [a]\n"
			}
			dir := t.TempDir()
			testlib.WriteTree(t, dir, map[string]string{
				"sopctl.yaml": "title: T\nkpis: {CSAT: Customer Satisfaction Score}\n",
				"sops/a.md":   "---\nid: a\n" + front + "version: \"1\"\n---\n" + body,
				"sops/b.md":   "---\nid: b\ntitle: B\nversion: \"1\"\nstatus: draft\nowner: O\n" + b + "---\n" + body,
			})
			var got []string
			for _, f := range lintDir(t, dir) {
				if f.Rule == tt.rule && f.Path == "sops/a.md" {
					got = append(got, fmt.Sprintf("%d:%d: %s", f.Line, f.Column, f.Message))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s findings:\n got %q\nwant %q", tt.rule, got, tt.want)
			}
		})
	}
}

// Every field an approved SOP needs says how approval-incomplete asks
// for it.
func TestApprovalFieldsAsk(t *testing.T) {
	for _, f := range sop.Fields() {
		if f.Approval != (f.Asks != "") {
			t.Errorf("field %s: Approval %v but Asks %q", f.Name, f.Approval, f.Asks)
		}
	}
}
