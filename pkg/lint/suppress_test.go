package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// suppressSOP is an SOP whose lines from 15 on are the case's body; its
// only finding of its own is orphan (info, at 1:1).
const suppressSOP = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: draft\nowner: Ops\n---\n# A\n## Purpose\nP.\n## Scope\nS.\n## Procedure\n1. Step.\n"

func TestSuppression(t *testing.T) {
	tests := []struct {
		name   string
		front  string // extra front-matter lines, after owner (line 7 on)
		body   string // from line 15 on (or later, after front)
		config string // sopctl.yaml's lint: value
		want   []string
	}{
		{name: "none", body: "[x](m.md)\n",
			want: []string{"1:1 orphan", "15:1 broken-link"}},
		{name: "next line", body: "<!-- sopctl-disable-next-line broken-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan"}},
		{name: "a rule named twice", body: "<!-- sopctl-disable-next-line broken-link,broken-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan"}},
		{name: "next line skips blank lines", body: "<!-- sopctl-disable-next-line broken-link -->\n\n\n[x](m.md)\n",
			want: []string{"1:1 orphan"}},
		{name: "next line only", body: "<!-- sopctl-disable-next-line broken-link -->\n[x](m.md)\n[y](n.md)\n",
			want: []string{"1:1 orphan", "17:1 broken-link"}},
		{name: "next line, two rules, one unused", body: "<!-- sopctl-disable-next-line broken-link, todo-placeholder -->\n[x](m.md)\n",
			want: []string{"1:1 orphan", "15:1 unused-suppression sopctl-disable-next-line todo-placeholder silenced nothing on line 16: remove it, or todo-placeholder from it"}},
		{name: "inline, with a reason", body: "See [x](m.md). <!-- sopctl-disable-next-line broken-link -- ships later -->\n[y](n.md)\n",
			want: []string{"1:1 orphan", "15:5 broken-link"}},
		{name: "range", body: "[w](l.md)\n<!-- sopctl-disable broken-link -->\n[x](m.md)\n\n[y](n.md)\n<!-- sopctl-enable broken-link -->\n[z](o.md)\n",
			want: []string{"1:1 orphan", "15:1 broken-link", "21:1 broken-link"}},
		{name: "range to the end of the file", body: "<!-- sopctl-disable broken-link -->\n[x](m.md)\n\n[y](n.md)\n",
			want: []string{"1:1 orphan"}},
		{name: "range does not reach front matter or line 1", front: "ownr: X\n", body: "<!-- sopctl-disable orphan, unknown-field -->\n[x](m.md)\n",
			want: []string{"1:1 orphan", "7:1 unknown-field",
				"16:1 unused-suppression sopctl-disable orphan silenced nothing from line 16 to the end of the file: remove it, or orphan from it",
				"16:1 unused-suppression sopctl-disable unknown-field silenced nothing from line 16 to the end of the file: remove it, or unknown-field from it",
				"17:1 broken-link"}},
		{name: "file covers front matter and line 1", front: "ownr: X\n", body: "<!-- sopctl-disable-file orphan,unknown-field -->\n",
			want: nil},
		{name: "nested: the inner range silences, the outer is unused",
			body: "<!-- sopctl-disable broken-link -->\n\n<!-- sopctl-disable broken-link -->\n[x](m.md)\n<!-- sopctl-enable broken-link -->\n[y](n.md)\n",
			want: []string{"1:1 orphan", "15:1 unused-suppression sopctl-disable broken-link silenced nothing on lines 15-19: remove it, or broken-link from it", "20:1 broken-link"}},
		{name: "overlapping ranges of two rules",
			body: "<!-- sopctl-disable broken-link -->\n[x](m.md)\n<!-- sopctl-disable todo-placeholder -->\nTODO: write\n<!-- sopctl-enable broken-link -->\n[y](n.md) TODO: more\n<!-- sopctl-enable todo-placeholder -->\nTODO: last\n",
			want: []string{"1:1 orphan", "20:1 broken-link", "22:1 todo-placeholder"}},
		{name: "next line beats the range", body: "<!-- sopctl-disable broken-link -->\n<!-- sopctl-disable-next-line broken-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan", "15:1 unused-suppression sopctl-disable broken-link silenced nothing from line 15 to the end of the file: remove it, or broken-link from it"}},
		{name: "in a code block: ignored", body: "```\n<!-- sopctl-disable-next-line broken-link -->\n```\n[x](m.md)\n",
			want: []string{"1:1 orphan", "18:1 broken-link"}},
		{name: "in a code span: ignored", body: "`<!-- sopctl-disable-next-line broken-link -->`\n\n[x](m.md)\n",
			want: []string{"1:1 orphan", "17:1 broken-link"}},
		{name: "other comments: ignored", body: "<!-- a note for editors -->\n<!-- sopctl is great -->\n",
			want: []string{"1:1 orphan"}},
		{name: "unknown rule", body: "<!-- sopctl-disable-next-line brokn-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan", `15:1 invalid-suppression sopctl-disable-next-line names unknown rule "brokn-link": did you mean "broken-link"?`, "16:1 broken-link"}},
		{name: "unknown rule, nothing close", body: "<!-- sopctl-disable-file zzz -->\n",
			want: []string{"1:1 orphan", `15:1 invalid-suppression sopctl-disable-file names unknown rule "zzz": sopctl lint --list-rules lists them`}},
		{name: "unsuppressible", body: "<!-- sopctl-disable-file yaml-syntax, orphan -->\n",
			want: []string{"15:1 invalid-suppression yaml-syntax cannot be suppressed: a file sopctl cannot read is always reported; remove yaml-syntax from the comment"}},
		{name: "no rule", body: "<!-- sopctl-disable -->\n",
			want: []string{"1:1 orphan", "15:1 invalid-suppression sopctl-disable names no rule: write the rule ids after it, as in <!-- sopctl-disable broken-link -->"}},
		{name: "directive typo", body: "<!-- sopctl-disable-nextline broken-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan", `15:1 invalid-suppression sopctl-disable-nextline is no suppression comment: did you mean "sopctl-disable-next-line"?`, "16:1 broken-link"}},
		{name: "enable closes nothing", body: "<!-- sopctl-enable broken-link -->\n",
			want: []string{"1:1 orphan", "15:1 unused-suppression sopctl-enable broken-link closes no sopctl-disable broken-link above it: remove it"}},
		{name: "next line with no line after it", body: "<!-- sopctl-disable-next-line broken-link -->\n",
			want: []string{"1:1 orphan", "15:1 unused-suppression sopctl-disable-next-line broken-link silenced nothing (no line follows it): remove it, or broken-link from it"}},
		{name: "a rule turned off is not unused", config: "{rules: {broken-link: off}}", body: "<!-- sopctl-disable-next-line broken-link -->\n[x](m.md)\n",
			want: []string{"1:1 orphan"}},
		{name: "suppression findings can be silenced", body: "<!-- sopctl-disable-file unused-suppression,invalid-suppression -->\n<!-- sopctl-disable-next-line broken-link -->\n<!-- sopctl-disable-next-line nope -->\n",
			want: []string{"1:1 orphan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				src := strings.Replace(suppressSOP, "owner: Ops\n", "owner: Ops\n"+tt.front, 1) + tt.body
				got := lintSuppress(t, strings.ReplaceAll(src, "\n", eol), tt.config)
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("eol %q: findings\n%s\nwant\n%s", eol, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
			}
		})
	}
}

// lintSuppress lints one SOP file, sops/a.md, and lists its findings as
// "line:col rule", with the message for the suppression rules.
func lintSuppress(t *testing.T, src, lintConfig string) []string {
	t.Helper()
	dir := t.TempDir()
	config := "title: T\n"
	if lintConfig != "" {
		config += "lint: " + lintConfig + "\n"
	}
	testlib.WriteTree(t, dir, map[string]string{"sopctl.yaml": config, "sops/a.md": src})
	var out []string
	for _, f := range runBoth(t, dir, Options{Now: today}) {
		s := fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Rule)
		if f.Rule == RuleUnusedSuppression || f.Rule == RuleInvalidSuppression {
			s += " " + f.Message
		}
		out = append(out, s)
	}
	return out
}
