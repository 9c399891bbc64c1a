package markdown_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/sop"
)

// mdLink is a link, image or autolink of a bundle file.
type mdLink struct {
	kind, dest, text string
}

// links lists every link destination of a Markdown file as goldmark reads
// it (reference-style links resolved), and the raw HTML nodes.
func links(src []byte) (out []mdLink, rawHTML []string) {
	root := sop.ParseMarkdown(src)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, mdLink{"link", string(n.Destination), string(nodeText(n, src))})
		case *ast.Image:
			out = append(out, mdLink{"image", string(n.Destination), string(nodeText(n, src))})
		case *ast.AutoLink:
			out = append(out, mdLink{"autolink", string(n.URL(src)), string(n.Label(src))})
		case *ast.RawHTML:
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				b.Write(s.Value(src))
			}
			rawHTML = append(rawHTML, b.String())
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				b.Write(s.Value(src))
			}
			rawHTML = append(rawHTML, b.String())
		}
		return ast.WalkContinue, nil
	})
	return out, rawHTML
}

func nodeText(n ast.Node, src []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b = append(b, t.Segment.Value(src)...)
		}
		return ast.WalkContinue, nil
	})
	return b
}

// slugs are the GitHub anchors of a Markdown file's headings, computed by
// sopctl's own parser (the file given a stand-in front matter).
func slugs(t testing.TB, name string, src []byte) map[string]bool {
	t.Helper()
	doc, err := sop.Parse(name, append([]byte("---\nid: x\n---\n"), src...))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]bool{}
	for _, h := range doc.Markdown.Headings {
		out[h.Slug] = true
	}
	return out
}

// mdFiles lists the Markdown files of a bundle, sorted.
func mdFiles(files map[string][]byte) []string { return rendertest.Names(files, ".md") }

// brokenLinks checks every link of every .md file of a bundle
// (rendertest.BrokenLinks says how); the anchors are the headings' slugs.
func brokenLinks(t testing.TB, files map[string][]byte) []string {
	t.Helper()
	anchors := map[string]map[string]bool{}
	var all []rendertest.Link
	for _, name := range mdFiles(files) {
		anchors[name] = slugs(t, name, files[name])
		ls, _ := links(files[name])
		for _, l := range ls {
			where := fmt.Sprintf("%s: %s [%s](%s)", name, l.kind, l.text, l.dest)
			all = append(all, rendertest.Link{File: name, Ref: l.dest, Where: where})
		}
	}
	return rendertest.BrokenLinks(files, anchors, all)
}

// Every link of the Markdown bundles of the small and example libraries
// resolves.
func TestLinks(t *testing.T) { rendertest.NoBrokenLinks(t, write, brokenLinks) }

// The small library's links land where they should.
func TestLinksSmallTargets(t *testing.T) {
	files, warns := bundle(t, smallDir, rendertest.SmallHistory())
	if len(warns) != 4 {
		t.Errorf("%d warnings, want 4 (missing file, missing anchor, missing local anchor, missing image): %v", len(warns), warns)
	}
	dests := func(name string) []string {
		ls, raw := links(files[name])
		if len(raw) > 0 {
			t.Errorf("%s holds raw HTML: %q", name, raw)
		}
		var out []string
		for _, l := range ls {
			out = append(out, l.dest)
		}
		return out
	}
	page := dests("sops/complaint-handling.md")
	for _, want := range []string{
		"refund-processing.md#approval-limits",
		"#procedure", // a same-page link stays as written
		"order-intake.md",
		"escalation.md#triggers",
		"https://example.org/rules?a=1&b=2",
		"mailto:help@example.com",
		"https://example.com/auto",
		"https://example.com/logo.png",
		"../roles/customer-service-representative.md",
		"../roles/customer-contact-specialist.md",
	} {
		if !slices.Contains(page, want) {
			t.Errorf("sops/complaint-handling.md has no link to %s; it has %q", want, page)
		}
	}
	for _, d := range page {
		if strings.Contains(d, "missing") || strings.Contains(d, "no-such-heading") || strings.Contains(d, "nowhere") || strings.Contains(d, "images/") {
			t.Errorf("sops/complaint-handling.md keeps a dead link: %s", d)
		}
	}
	if !slices.Contains(dests("sops/escalation.md"), "complaint-handling.md#café-stores") {
		t.Errorf("sops/escalation.md: no link to complaint-handling.md#café-stores: %q", dests("sops/escalation.md"))
	}
	hb := dests("handbook.md")
	for _, want := range []string{"#approval-limits", "#procedure-1", "#order-intake", "#triggers", "#café-stores", "#checklist-1"} {
		if !slices.Contains(hb, want) {
			t.Errorf("handbook.md has no link to %s: %q", want, hb)
		}
	}
}
