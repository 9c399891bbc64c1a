package lint

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
)

// The lifecycle rules (approver-is-owner, effective-in-future,
// review-before-effective) fire at the value of the key concerned; today
// is 2026-11-25.
func TestLifecycleRules(t *testing.T) {
	const body = "## Purpose\nP.\n## Scope\nS.\n## Procedure\n1. Do it.\n"
	for _, tt := range []struct {
		name, front string // front matter after id, title, version and owner: O
		want        []string
	}{
		{"approver is owner", "status: approved\napprover: O\neffective: 2026-01-01\n",
			[]string{"approver-is-owner 7:11: the approver is the owner, O: have someone else approve it (sopctl approve a --by NAME)"}},
		{"owner in other case and blanks", "status: approved\napprover: \" o \"\neffective: 2026-01-01\n",
			[]string{"approver-is-owner 7:11: the approver is the owner, O: have someone else approve it (sopctl approve a --by NAME)"}},
		{"approver is owner but not approved", "status: review\napprover: O\n", nil},
		{"approved by someone else", "status: approved\napprover: Head\neffective: 2026-01-01\n", nil},
		{"effective tomorrow", "status: approved\napprover: Head\neffective: 2026-11-26\nreviewed: 2026-11-26\n",
			[]string{"effective-in-future 8:12: approved, but not in force until 2026-11-26 (today is 2026-11-25)"}},
		{"effective today", "status: approved\napprover: Head\neffective: 2026-11-25\n", nil},
		{"a draft's future date", "status: draft\neffective: 2027-01-01\n", nil},
		{"an invalid date is invalid-field's", "status: approved\napprover: Head\neffective: 2027-02-30\n",
			[]string{`invalid-field 8:12: effective "2027-02-30" is not a date: February 2027 has 28 days; write a day from 01 to 28`}},
		{"reviewed before effective", "status: approved\napprover: Head\neffective: 2026-03-01\nreviewed: 2026-02-28\n",
			[]string{"review-before-effective 9:11: reviewed 2026-02-28 is before effective 2026-03-01: set reviewed to the date of the latest review (sopctl reviewed a)"}},
		{"reviewed on effective", "status: approved\napprover: Head\neffective: 2026-03-01\nreviewed: 2026-03-01\n", nil},
		{"reviewed without effective", "status: draft\nreviewed: 2026-03-01\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testlib.WriteTree(t, dir, map[string]string{
				"sopctl.yaml": "title: T\nlint: {rules: {orphan: off}}\n",
				"sops/a.md":   "---\nid: a\ntitle: A\nversion: \"1.0\"\nowner: O\n" + tt.front + "---\n" + body,
			})
			lib, err := library.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			sev, err := Configure(lib.Config)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range Run(lib, Options{Now: today, Severities: sev}) {
				got = append(got, fmt.Sprintf("%s %d:%d: %s", f.Rule, f.Line, f.Column, f.Message))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// RetirementRefs lists what retired-ref will report once an SOP is
// retired: related items and links naming it in SOPs that are not
// retired, whatever the rule's severity.
func TestRetirementRefs(t *testing.T) {
	const body = "## Purpose\nP.\n## Scope\nS.\n## Procedure\n1. Do it.\n"
	sopFile := func(id, extra, text string) string {
		return "---\nid: " + id + "\ntitle: X\nversion: \"1\"\nstatus: draft\nowner: O\n" + extra + "---\n" + body + text
	}
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml": "title: T\nlint: {rules: {retired-ref: off}}\n",
		"sops/old.md": sopFile("old", "related: [b]\n", "See [me](old.md).\n"),
		"sops/b.md":   sopFile("b", "related: [old]\n", "See [old](old.md#purpose).\n"),
		"sops/c.md":   sopFile("c", "supersedes: [old]\n", ""),
		"sops/d.md":   "---\nid: d\ntitle: X\nversion: \"1\"\nstatus: retired\nowner: O\nrelated: [old]\n---\n" + body,
		"sops/e.md":   sopFile("e", "related: [b]\n", "![pic](old.md)\n"),
	})
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range RetirementRefs(lib, Options{Now: today}, "old") {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s %s", f.Path, f.Line, f.Column, f.Rule, f.Message))
	}
	want := []string{
		"sops/b.md:7:11: retired-ref old is retired: relate to the SOP that supersedes it instead",
		"sops/b.md:15:5: retired-ref link to old.md#purpose, which is retired: link to the SOP that supersedes it instead",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := RetirementRefs(lib, Options{}, "nosuch"); got != nil {
		t.Errorf("unknown id: %v", got)
	}
}
