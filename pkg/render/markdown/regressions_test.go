package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// render1 renders a one-folder library whose SOP "a" (in sops/sub/) has
// the given body, beside SOP "b" (in sops/).
func render1(t *testing.T, body string) map[string][]byte {
	t.Helper()
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml":     "title: T\n",
		"sops/sub/a.md":   rendertest.SOPFile("a", "", "## Purpose\n\n"+body+"\n\n## Procedure\n\n1. Do.\n"),
		"sops/b.md":       rendertest.SOPFile("b", "", "## Purpose\n\nB.\n\n## Triggers\n\nT.\n\n## Procedure\n\n1. Do.\n"),
		"sops/sub/img.md": rendertest.SOPFile("img", "", "## Procedure\n\n1. Do.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	return files
}

func TestUnsafeLinksInMarkdownShapes(t *testing.T) {
	for _, tc := range []struct{ name, body, where string }{
		{"reference link", "See [k][ref].\n\n[ref]: javascript:alert(2)", "edit.go linkSpan (reference-style links are left alone)"},
		{"collapsed reference", "See [k][].\n\n[k]: javascript:alert(2)", "edit.go linkSpan (reference-style links are left alone)"},
		{"shortcut reference", "See [k].\n\n[k]: javascript:alert(2)", "edit.go linkSpan (reference-style links are left alone)"},
		{"empty link text", "See [](javascript:alert(1)).", "edit.go linkSpan (a link without a text node is not found)"},
		{"link text only raw HTML", "See [<b></b>](javascript:alert(1)).", "edit.go linkSpan (a link without a text node is not found)"},
		{"image inside link", "See [![logo](logo.png)](javascript:alert(1)).", "edit.go linkSpan (finds the image's brackets, not the link's)"},
		{"autolink after the same text in code", "Code `<javascript:alert(1)>` and <javascript:alert(1)>.", "edit.go autoLinkSpan (finds the first <label in the whole body)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := render1(t, tc.body)
			for _, name := range []string{"sops/a.md", "handbook.md"} {
				ls, _ := links(files[name])
				for _, l := range ls {
					if !safeURL(l.dest) {
						t.Errorf("regression: %s: markdown bundle keeps an unsafe link: body %q of sops/sub/a.md gives %s %s[%s](%s) in %s; expected the text only, as for inline links (the HTML bundle neutralises it)",
							tc.where, tc.body, name, l.kind, l.text, l.dest, name)
					}
				}
			}
		})
	}
}

// Raw HTML removed piecewise must not leave new raw HTML behind.
func TestRawHTMLRemovalDoesNotJoinTags(t *testing.T) {
	body := "Text <<b></b>script>alert(1)<<b></b>/script> and <<i></i>img src=x onerror=alert(1)>."
	files := render1(t, body)
	for _, name := range []string{"sops/a.md", "handbook.md"} {
		b := string(files[name])
		_, raw := links(files[name])
		if strings.Contains(b, "<script>") || len(raw) > 0 {
			t.Errorf("regression: edit.go body: removing each raw HTML node on its own joins the text around it into new raw HTML: body %q becomes %q in %s (raw HTML nodes %q); expected the < to be escaped (&lt;) or the text kept inert; mdBook passes raw HTML through, so this runs script",
				body, line(b, "Text "), name, raw)
		}
	}
}

// A link dropped to plain text leaves only its text, whatever the
// shape of its destination.
func TestDroppedLinkLeavesOnlyText(t *testing.T) {
	var bad []string
	for _, tc := range []struct{ body, want string }{
		{"See [f](  javascript:alert(1)  \"title\") now.", "See f now."},
		{"See [g](<javascript:alert(1)>) now.", "See g now."},
		{"See [h](<missing file.md>) now.", "See h now."},
		{"See [i](missing.md 'title') now.", "See i now."},
		{"See [j](\nmissing.md) now.", "See j now."},
		{"See [k](missing.md) now.", "See k now."},
	} {
		files := render1(t, tc.body)
		if got := line(string(files["sops/a.md"]), "See "); got != tc.want {
			bad = append(bad, fmt.Sprintf("%q gives %q, expected %q", tc.body, got, tc.want))
		}
	}
	if len(bad) > 0 {
		t.Errorf("regression: edit.go body: a dropped link's edit assumes \"](\" right before the destination (edit{destFrom - 2, end}), so spaces or <angle brackets> around it leave debris: %s", strings.Join(bad, "; "))
	}
}

// Reference-style links to SOPs are pointed at the bundle's files like
// inline ones (sops/ is flat in the bundle).
func TestReferenceLinkToSOP(t *testing.T) {
	files := render1(t, "See [the triggers][t].\n\n[t]: ../b.md#triggers")
	for _, p := range brokenLinks(t, files) {
		t.Errorf("regression: edit.go linkSpan leaves reference-style links alone, so [the triggers][t] with [t]: ../b.md#triggers in sops/sub/a.md is not rewritten: %s; expected b.md#triggers (and #triggers in handbook.md)", p)
	}
}

// A role whose id is "unassigned" (valid in sopctl.yaml roles:) gets its
// page like any other.
func TestRoleNamedUnassigned(t *testing.T) {
	files, _ := bundle(t, rendertest.RoleNamedUnassignedLibrary(t), gitlog.History{})
	for _, p := range brokenLinks(t, files) {
		t.Errorf("regression: render.Unassigned (\"unassigned\") is also a valid role id: with roles: {unassigned: Floating Staff} in sopctl.yaml the role's page is not written (Bundle skips r.ID == render.Unassigned) and README shows two groups with the same anchor: %s; expected the built-in group to use an id no role can have", p)
	}
}

// An SOP whose id is invalid (lint reports it; render still publishes
// every SOP that parses) must not be used as a file name or link as is.
func TestInvalidIDsStayInsideTheBundle(t *testing.T) {
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/x.md":   rendertest.SOPFile("'x.md) [a](javascript:alert(1)) ('", "", "## Procedure\n\n1. Do.\n"),
		"sops/y.md":   rendertest.SOPFile("../../y", "", "## Procedure\n\n1. Do.\n"),
		"sops/z.md":   rendertest.SOPFile("Z Z", "", "## Procedure\n\n1. Do.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	var bad []string
	for name := range files {
		if strings.Contains(name, "..") || strings.ContainsAny(name, " ()[]'") {
			bad = append(bad, name)
		}
	}
	problems := xssProblems(files)
	if len(bad) > 0 || len(problems) > 0 {
		t.Errorf("regression: handbook.go Build uses an invalid front-matter id verbatim (p.ID = d.Meta.ID.Text): the bundle gets files %q and unsafe Markdown %q; expected the file's stem (or a sanitised id) so that names stay inside sops/ and links stay links (render.Write then fails with an \"internal error\" for ../../y)", bad, problems)
	}
}

func line(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// The contents of handbook.md link to each SOP's heading as GitHub
// anchors it, even when the title has runs of spaces (which escape
// collapses in the heading).
func TestHandbookAnchorsOfOddTitles(t *testing.T) {
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   "---\nid: a\ntitle: \"Two  Spaces\"\nversion: \"1\"\nstatus: draft\nowner: O\n---\n\n## Procedure\n\n1. See [b](b.md).\n",
		"sops/b.md":   "---\nid: b\ntitle: \"Tab\\there & <more>\"\nversion: \"1\"\nstatus: draft\nowner: O\n---\n\n## Procedure\n\n1. See [a](a.md).\n",
	})
	files, _ := bundle(t, dir, gitlog.History{})
	if p := brokenLinks(t, files); len(p) > 0 {
		t.Errorf("regression: markdown.go handbook computes each title's slug from p.Title, but writes the heading through escape, which collapses runs of white space: a title \"Two  Spaces\" gets the heading \"## Two Spaces\" (GitHub anchor two-spaces) while the contents link to #two--spaces: %q", p)
	}
}

// Shifting headings two levels down in handbook.md (under the SOP's
// heading under its role's) keeps the blocks they sit in (block quotes,
// list items) and the text after them.
func TestHandbookShiftKeepsContainers(t *testing.T) {
	body := "> ## Note\n> Quoted text.\n\n- ## In a list\n  Item text."
	files := render1(t, body)
	hb := string(files["handbook.md"])
	for _, want := range []string{"> #### Note", "Quoted text.", "- #### In a list", "Item text."} {
		if !strings.Contains(hb, want) {
			t.Errorf("regression: edit.go headingEdits takes an ATX heading inside a block quote or list item for a setext one (the text before it on its line is \"> \" or \"- \", not only spaces), so in handbook.md it replaces the heading line and the next line by \"### Note\": body %q gives %q, losing %q (content silently missing from handbook.md; sops/a.md is right)",
				body, rendertest.Between(hb, "#### Purpose", "#### Procedure"), want)
		}
	}
}
