package markdown

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// FuzzBody edits arbitrary bodies of an SOP in a library that holds a
// picture and a form: the edit never panics, never leaves raw HTML or an
// unsafe link (else the body is published as a code block), and every
// relative link or image it leaves names a file of the bundle: an SOP's
// page, or a copied file.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		"![Flow](img/flow.png) [form](../forms/form.pdf#page=2)",
		"[![Flow](img/flow.png)](../forms/form.pdf) ![](img/flow.png) [![](img/flow.png)](b.md)",
		"[x][r]\n\n[r]: <img/flow.png>",
		"[](img/flow.png) [](b.md) [<b></b>](img/flow.png)",
		"![*a* `b`](img/flow.png \"t\") [c](</forms/form.pdf?v=1>)",
		"`[](img/flow.png)` [](javascript:alert(1)) ![](nope.png)",
	} {
		f.Add(s)
	}
	render1 := bodyRenderer(f)
	f.Fuzz(func(t *testing.T, src string) {
		h, out, warned := render1(src)
		if h == nil || warned {
			return // not an SOP, or published as a code block
		}
		if why := unsafeMarkdown(out, func(string) bool { return true }); why != "" {
			t.Fatalf("%s left in %q", why, out)
		}
		bundle := map[string]bool{"sops/a.md": true, "sops/b.md": true}
		for _, f := range h.Files() {
			bundle[f.Name] = true
		}
		for _, dest := range relativeDests(out) {
			if target, ok := pathFrom("sops", dest); ok && !bundle[target] {
				t.Fatalf("%q leads to %s, which the bundle lacks, in %q", dest, target, out)
			}
		}
	})
}

// Links and images of odd shapes are rewritten in place, not left for
// the check that publishes a body it cannot fix as a code block.
func TestFileLinkShapes(t *testing.T) {
	render1 := bodyRenderer(t)
	for _, tc := range []struct{ body, want string }{
		{"[<b></b>](img/flow.png)", "[](../files/sops/img/flow.png)"},
		{"[0](img/flow.png)[](img/flow.png )", "[0](../files/sops/img/flow.png)[](../files/sops/img/flow.png )"},
		{"[![F](img/flow.png)](../forms/form.pdf)", "[![F](../files/sops/img/flow.png)](../files/forms/form.pdf)"},
		{"![](img/flow.png) and ![](img/flow.png)", "![](../files/sops/img/flow.png) and ![](../files/sops/img/flow.png)"},
		{"[](b.md) [](../forms/form.pdf)", "[](b.md) [](../files/forms/form.pdf)"},
	} {
		_, out, warned := render1(tc.body)
		if warned || strings.TrimSpace(out) != tc.want {
			t.Errorf("%q: %q (published as a code block: %v), want %q", tc.body, out, warned, tc.want)
		}
	}
	// One the edits cannot reach: removing raw HTML makes a link.
	if _, out, warned := render1("[]<A>(missing.png)"); !warned || !strings.HasPrefix(out, "```") {
		t.Errorf("a link that removing raw HTML makes, to nothing: %q, want a code block and a warning", out)
	}
}

// works accepts what leads to a file of the bundle from where a
// placement puts the body: SOP files as its href names them (flat in
// sops/, or sops/b.md and ../sops/b.md from elsewhere), copied files from
// the placement's folder, headings of the file, addresses outside.
func TestPlacementWorks(t *testing.T) {
	h, _, _ := bodyRenderer(t)("![F](img/flow.png) [f](../forms/form.pdf)")
	in := func(dir, root string) placement {
		return placement{root: root, href: func(to *render.Page, a string) string { return fileHref(dir+to.ID+".md", a) }}
	}
	sops, book, top := in("", "../"), in("../sops/", "../"), in("sops/", "")
	for _, tc := range []struct {
		pl   placement
		dest string
		want bool
	}{
		{sops, "b.md", true}, {sops, "b.md#procedure", true}, {sops, "c.md", false}, {sops, "../sops/b.md", false},
		{sops, "../files/sops/img/flow.png", true}, {sops, "../files/forms/form.pdf?v=1#page=2", true},
		{sops, "files/forms/form.pdf", false}, {sops, "../files/forms/other.pdf", false},
		{book, "../sops/b.md#procedure", true}, {book, "b.md", false}, {book, "../files/forms/form.pdf", true},
		{top, "sops/b.md", true}, {top, "files/forms/form.pdf", true}, {top, "../files/forms/form.pdf", false},
		{sops, "#procedure", true}, {sops, "https://example.org/x.md", true}, {sops, "mailto:a@example.org", true},
	} {
		if got := tc.pl.works(h, tc.dest); got != tc.want {
			t.Errorf("works(%q) from %s = %v, want %v", tc.dest, tc.pl.href(&render.Page{ID: "b"}, ""), got, tc.want)
		}
	}
}

// bodyRenderer returns a function that publishes a body of SOP a (in
// sops/) of a library that also holds SOP b, sops/img/flow.png and
// forms/form.pdf, as its page in sops/: the handbook (nil when the body
// makes no SOP), the Markdown, and whether it was published as a code
// block with a warning.
func bodyRenderer(tb testing.TB) func(src string) (*render.Handbook, string, bool) {
	dir := tb.TempDir()
	testlib.WriteTree(tb, dir, map[string]string{"sops/img/flow.png": "PNG", "forms/form.pdf": "%PDF"})
	cfg, err := library.ParseConfig(library.ConfigFile, []byte("title: T\n"))
	if err != nil {
		tb.Fatal(err)
	}
	b, err := sop.Parse("sops/b.md", []byte("---\nid: b\ntitle: B\n---\n## Procedure\n1. Do.\n"))
	if err != nil {
		tb.Fatal(err)
	}
	return func(src string) (*render.Handbook, string, bool) {
		a, err := sop.Parse("sops/a.md", []byte("---\nid: a\ntitle: A\n---\n"+src))
		if err != nil {
			return nil, "", false
		}
		h := render.Build(&library.Library{Dir: dir, Config: cfg, Docs: []*sop.Doc{a, b}}, nil, nil, time.Time{})
		p, ok := h.Page("a")
		if !ok {
			return nil, "", false
		}
		pb, err := parseBody(h, p)
		if err != nil {
			tb.Fatal(err)
		}
		out, w := pb.place(h, p, placement{href: func(to *render.Page, a string) string { return fileHref(to.ID+".md", a) }, root: "../"})
		return h, out, w != nil
	}
}

// relativeDests lists the destinations of the links and images of md
// that have no scheme, as a Markdown reader reads them (an image's
// description is its alt text, whose links are none).
func relativeDests(md string) []string {
	var out []string
	_ = ast.Walk(sop.ParseMarkdown([]byte(md)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		}
		if entering && dest != nil {
			if u, err := url.Parse(string(dest)); err != nil || u.Scheme == "" && u.Host == "" {
				out = append(out, string(dest))
			}
		}
		if entering && n.Kind() == ast.KindImage {
			return ast.WalkSkipChildren, nil // a description is text: a link in it links nothing
		}
		return ast.WalkContinue, nil
	})
	return out
}

// pathFrom is the bundle file a relative destination in folder dir
// names; false for a link within the page.
func pathFrom(dir, dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil {
		return dest, true
	}
	if u.Path == "" {
		return "", false
	}
	return path.Join(dir, u.Path), true
}
