package html_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// A link to the anchor of an SOP's H1 (which the page leaves out, since
// it repeats the title) must still land somewhere.
func TestLinkToDroppedH1Anchor(t *testing.T) {
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   rendertest.SOPFile("a", "", "## Purpose\n\nSee [b](b.md#b-title) and [me](#a).\n\n## Procedure\n\n1. Do.\n"),
		"sops/b.md":   "---\nid: b\ntitle: B Title\nversion: \"1\"\nstatus: draft\nowner: O\n---\n\n# B Title\n\n## Procedure\n\n1. Do.\n",
	})
	// a's title is "a", so "# a" would be dropped too; it has no H1, and
	// #a is not a heading of it: that link is dropped with a warning.
	files, _ := bundle(t, dir, gitlog.History{})
	if p := brokenLinks(t, files); len(p) > 0 {
		t.Errorf("regression: convert.go rewrite drops the body's H1 when it repeats the title, but Classify still accepts its slug as an anchor: [b](b.md#b-title) becomes a link to a fragment that no element has: %s; expected the link to point at the page (or the H1's id to be kept on the page's own <h1>)", strings.Join(p, "; "))
	}
}

// A role whose id is "unassigned" (valid in sopctl.yaml roles:) gets its
// page like any other.
func TestRoleNamedUnassigned(t *testing.T) {
	files, _ := bundle(t, rendertest.RoleNamedUnassignedLibrary(t), gitlog.History{})
	problems := brokenLinks(t, files)
	for _, name := range htmlPages(files) {
		problems = append(problems, pageProblems(name, parse(t, name, files[name]), false)...)
	}
	if len(problems) > 0 {
		t.Errorf("regression: render.Unassigned (\"unassigned\") is also a valid role id: with roles: {unassigned: Floating Staff} in sopctl.yaml, html.Bundle skips roles/unassigned.html and the index has two groups with id role-unassigned: %s; expected the built-in group to use an id no role can have", strings.Join(problems, "; "))
	}
}

// An SOP whose id is invalid (lint reports it; render still publishes
// every SOP that parses) must not become a path outside sops/.
func TestInvalidIDsStayInsideTheBundle(t *testing.T) {
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/y.md":   rendertest.SOPFile("../../y", "", "## Procedure\n\n1. Do.\n"),
		"sops/z.md":   rendertest.SOPFile("Z/Z", "", "## Procedure\n\n1. Do.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	var bad []string
	for name := range files {
		if strings.Contains(name, "..") || strings.Count(name, "/") > 1 {
			bad = append(bad, name)
		}
	}
	if broken := brokenLinks(t, files); len(bad) > 0 || len(broken) > 0 {
		t.Errorf("regression: handbook.go Build uses an invalid front-matter id verbatim (p.ID = d.Meta.ID.Text): for id: ../../y and id: Z/Z html.Bundle names files %q (render.Write then refuses the whole bundle with \"internal error: bundle file ... leaves the output folder\"; sops/Z/Z.html's ../assets links break); %d broken links, first %q; expected the file's stem or a sanitised id",
			bad, len(broken), broken[:min(1, len(broken))])
	}
}

// An image inside a link becomes a link inside a link, which HTML does
// not allow.
func TestImageInsideLink(t *testing.T) {
	dir := rendertest.ProcedureLibrary(t, "[![Logo](https://example.com/logo.png)](https://example.org/).")
	files, _ := bundle(t, dir, gitlog.History{})
	z := xhtml.NewTokenizer(bytes.NewReader(files["sops/a.html"]))
	depth, nested := 0, false
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		name, _ := z.TagName()
		if string(name) != "a" {
			continue
		}
		switch tt {
		case xhtml.StartTagToken:
			depth++
			nested = nested || depth > 1
		case xhtml.EndTagToken:
			depth--
		}
	}
	if nested {
		t.Errorf("regression: convert.go rewrite replaces a remote image by a link to it, so [![Logo](https://example.com/logo.png)](https://example.org/) becomes <a href=https://example.org/><a href=https://example.com/logo.png>[image: Logo]</a></a>, nested links that browsers split apart; expected the plain label inside the outer link")
	}
}

// The revision table shows the day of the commit as git log does, in the
// author's time zone.
func TestHistoryDateInAuthorsZone(t *testing.T) {
	h := rendertest.SmallHistory()
	rev := h["sops/service/complaint-handling.md"][0]
	rev.Date = time.Date(2026, 11, 2, 0, 30, 0, 0, time.FixedZone("CET", 3600)) // 2026-11-01 23:30 UTC
	h["sops/service/complaint-handling.md"][0] = rev
	files, _ := bundle(t, smallDir, h)
	page := string(files["sops/complaint-handling.html"])
	if !strings.Contains(page, "<td>2026-11-02</td>") {
		t.Errorf("regression: html.go template func date formats t.UTC(): a commit made 2026-11-02 00:30 +01:00 shows as %q, expected 2026-11-02 as git log --date=short and the author's calendar say (markdown.go does the same with r.Date.UTC())",
			rendertest.Between(page, "<tbody><tr><td>", "</td>"))
	}
}

// An overdue review is said in words everywhere, not only by colour.
func TestOverdueInWords(t *testing.T) {
	files, _ := bundle(t, smallDir, rendertest.SmallHistory())
	var missing []string
	for _, name := range []string{"index.html", "roles/customer-service-representative.html", "sops/returns.html"} {
		doc := parse(t, name, files[name])
		walk(doc, func(n *xhtml.Node) {
			if class, _ := attr(n, "class"); strings.Contains(" "+class+" ", " overdue ") && !strings.Contains(strings.ToLower(textOf(n)), "overdue") {
				missing = append(missing, name+": "+textOf(n))
			}
		})
	}
	// The one-page handbook says it too, in the overdue SOP's metadata line.
	walk(parse(t, "handbook.html", files["handbook.html"]), func(n *xhtml.Node) {
		if class, _ := attr(n, "class"); class == "metaline" && strings.Contains(textOf(n), "2026-01-01") && !strings.Contains(textOf(n), "overdue") {
			missing = append(missing, "handbook.html: "+textOf(n))
		}
	})
	if len(missing) > 0 {
		t.Errorf("regression: templates.go: an overdue next review is marked only with class=\"overdue\" (colour) in soptable, and not at all in the handbook's metaline: %q; expected \"(overdue)\" in words as the SOP page's metadata says (WCAG 1.4.1: colour is not the only visual means)", missing)
	}
}

// Every link render turns into plain text is reported, autolinks too.
func TestDroppedAutolinkIsWarned(t *testing.T) {
	dir := rendertest.ProcedureLibrary(t, "Call <javascript:alert(1)> or <ftp://example.org/x>.")
	files, warns := bundle(t, dir, gitlog.History{})
	for _, p := range xssProblems(t, files) {
		t.Errorf("an unsafe autolink is kept: %s", p)
	}
	if len(warns) != 2 {
		t.Errorf("regression: links.go LinkWarnings only looks at p.Doc.Markdown.Links (inline and reference links), so the autolinks <javascript:alert(1)> and <ftp://example.org/x> are rendered as plain text with %d warnings; expected one warning each, as SPEC section 6 says for every link rendered as plain text", len(warns))
	}
}
