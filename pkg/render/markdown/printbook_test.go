package markdown_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// sopHeadings lists the SOP titles a handbook file prints, in order: its
// headings of the given level after the contents.
func sopHeadings(md, level string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^`+level+` (.+)$`).FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

// The Markdown handbooks of a library of five SOPs in two roles, one of
// them in both, under and over handbook_max_sops: what each file holds,
// in which order, and where its links lead.
func TestPrintableHandbooks(t *testing.T) {
	type file struct {
		level    string   // of the SOP headings
		sops     []string // SOP titles, in order
		has, not []string
	}
	for _, tt := range []struct {
		name  string
		max   int
		files map[string]file
		none  []string
	}{
		{"under the limit", 6, map[string]file{
			"handbook.md": {"###", []string{"Alpha", "alpha", "delta", "Charlie", "Echo"}, []string{
				"- [Agent](#agent)\n  - [Alpha](#alpha) (DRAFT)\n  - [alpha](#alpha-1)\n  - [delta](#delta)\n- [Team Lead](#team-lead)\n  - [Alpha](#alpha) (DRAFT)\n  - [Charlie](#charlie)\n",
				"\n## Agent\n", "\n## Team Lead\n", "\n## Other procedures\n", "> **DRAFT:**",
				"printed under another role: [Alpha](#alpha).", "See [b](#steps)", "See [c](#steps-1)", "#### Steps",
				// f is retired: listed, not printed; links to it lead to its page.
				"and [f](sops/f.md#steps)", "Retired, not printed: [Foxtrot](sops/f.md)."}, []string{"sops/a", "sops/b", "sops/c", "sops/d", "sops/e", "part", "Foxtrot\n"}},
			"roles/agent-handbook.md": {"##", []string{"Contents", "Alpha", "alpha", "delta"}, []string{"# Agent: printable handbook\n",
				"[All SOPs](../README.md) · [Agent](agent.md)", "See [c](#steps-1)", "See [b](#steps)", "### Steps"}, []string{"part"}},
			"roles/lead-handbook.md": {"##", []string{"Contents", "Alpha", "Charlie"}, []string{"See [c](../sops/c.md#steps)", "See [b](#alpha)",
				"and [f](../sops/f.md#steps)", "Retired, not printed: [Foxtrot](../sops/f.md)."}, nil},
			"roles/_other-handbook.md": {"##", []string{"Contents", "Echo"}, []string{"# Other procedures: printable handbook\n"}, []string{"_other.md"}},
			"roles/agent.md":           {"##", nil, []string{"[Printable handbook](agent-handbook.md)", "| **DRAFT** [Alpha](../sops/b.md)"}, nil},
			"README.md":                {"###", nil, []string{"[Printable handbook](roles/agent-handbook.md)", "[Printable handbook](roles/_other-handbook.md)"}, nil},
			"SUMMARY.md": {"###", nil, []string{"  - [Agent: printable handbook](roles/agent-handbook.md)\n",
				"- [Other procedures: printable handbook](roles/_other-handbook.md)\n"}, nil},
		}, []string{"roles/agent-handbook-2.md", "roles/_other.md"}},
		{"over the limit", 2, map[string]file{
			"handbook.md": {"###", nil, []string{"more than the 2 that one file holds (handbook_max_sops in sopctl.yaml)",
				"- [Agent](roles/agent-handbook.md) (3 SOPs, in 2 parts)\n", "- [Team Lead](roles/lead-handbook.md) (3 SOPs)\n",
				"- [Other procedures](roles/_other-handbook.md) (1 SOP)\n"}, []string{"## Contents"}},
			"roles/agent-handbook.md": {"##", []string{"Contents", "Alpha", "alpha"}, []string{"# Agent: printable handbook, part 1 of 2\n",
				"[Next part](agent-handbook-2.md)", "See [c](#steps-1)"}, []string{"Previous part"}},
			"roles/agent-handbook-2.md": {"##", []string{"Contents", "delta"}, []string{"part 2 of 2", "[Previous part](agent-handbook.md)",
				"See [b](../sops/b.md#steps) and [c](../sops/c.md)"}, []string{"Next part"}},
			"SUMMARY.md": {"###", nil, []string{"  - [Agent: printable handbook, part 1 of 2](roles/agent-handbook.md)\n",
				"  - [Agent: printable handbook, part 2 of 2](roles/agent-handbook-2.md)\n"}, nil},
			// b is printed once, in its first role's book (agent).
			"roles/lead-handbook.md": {"##", []string{"Contents", "Charlie"}, []string{
				"Also for this role, printed in another role's handbook: [Alpha](../sops/b.md).\n"}, []string{"Alpha <"}},
		}, []string{"roles/lead-handbook-2.md", "roles/agent-handbook-3.md"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, _ := bundle(t, rendertest.PrintLibrary(t, tt.max), gitlog.History{})
			for name, want := range tt.files {
				md := string(files[name])
				if md == "" {
					t.Errorf("%s not written", name)
					continue
				}
				if got := sopHeadings(md, want.level); want.sops != nil && !slices.Equal(got, want.sops) {
					t.Errorf("%s: %s headings %q, want %q", name, want.level, got, want.sops)
				}
				rendertest.Pieces(t, name, md, want.has, want.not)
			}
			rendertest.Absent(t, files, tt.none)
			if broken := brokenLinks(t, files); len(broken) > 0 {
				t.Errorf("broken links:\n%s", strings.Join(broken, "\n"))
			}
		})
	}
}

// sops/<id>.md says when its file last changed and links to edit_url,
// when each is known; git's history is the "Change log".
func TestProvenance(t *testing.T) {
	const edit = "edit_url: \"https://example.com/edit/main/{path}?x=(1)\"\n"
	history := gitlog.History{"sops/a.md": {{Commit: "abc", Author: "A", Date: time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC), Subject: "s"}}}
	for _, tt := range []struct {
		name    string
		config  string
		history gitlog.History
		want    string // the line after the title
	}{
		{"neither", "", nil, "| Field | Value |"},
		{"last updated", "", history, "Last updated 2026-05-06"},
		{"edit", edit, nil, "[Edit this page](https://example.com/edit/main/sops/a.md?x=%281%29)"},
		{"both", edit, history, "Last updated 2026-05-06 · [Edit this page](https://example.com/edit/main/sops/a.md?x=%281%29)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := rendertest.LibraryFiles(t, map[string]string{
				"sopctl.yaml": "title: T\n" + tt.config,
				"sops/a.md":   "---\nid: a\ntitle: A\nversion: \"1\"\nstatus: approved\nowner: O\n---\n\n## Revision History\n\n- 1: first.\n",
			})
			files, _ := bundle(t, dir, tt.history)
			lines := strings.Split(string(files["sops/a.md"]), "\n")
			if len(lines) < 3 || lines[2] != tt.want {
				t.Errorf("sops/a.md line 3 = %q, want %q", lines[min(2, len(lines)-1)], tt.want)
			}
			md := string(files["sops/a.md"])
			if got := strings.Count(md, "## Change log"); got != min(len(tt.history), 1) {
				t.Errorf("sops/a.md has %d Change log sections, want %d", got, min(len(tt.history), 1))
			}
			if strings.Contains(md, "## Revision history") || !strings.Contains(md, "## Revision History") {
				t.Errorf("sops/a.md: the generated history must be titled Change log, the authored Revision History kept:\n%s", md)
			}
		})
	}
}
