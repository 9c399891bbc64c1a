package html

import (
	"bytes"
	"cmp"
	"path"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The package's tests load summaries as sopctl render does: with each
// body's tape recorded as it is loaded.
func init() { rendertest.PrepareBodies = PrepareBody }

// TestTapedBodies holds bodyHTML, which writes a body for each linker from
// its tape (tape.go, placed.go), to what goldmark writes for the body's
// whole tree edited for each linker (wholeBody, how bodies were written
// before tapes): byte for byte, for every SOP of the writers' libraries
// and of the print library, with the one-page handbook printed and not,
// from a tape recorded as the library loaded (summaries) and from one
// made as the page is written (whole documents).
func TestTapedBodies(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<script>x</script>")),
		rendertest.Lib{Name: "files", Dir: rendertest.FilesDir},
		rendertest.Lib{Name: "print-2", Dir: rendertest.PrintLibrary(t, 2)},
		rendertest.Lib{Name: "print-100", Dir: rendertest.PrintLibrary(t, 100)})
	for _, lib := range libs {
		for _, loaded := range []string{"whole", "summaries"} {
			t.Run(lib.Name+"/"+loaded, func(t *testing.T) {
				h, _ := rendertest.Load(t, lib.Dir, lib.History)
				if loaded == "summaries" {
					h, _ = rendertest.LoadSummaries(t, lib.Dir, lib.History)
				}
				bufs := newSOPBufs()
				prepared := 0
				for _, p := range h.SOPs {
					if _, ok, _ := h.PreparedBody(p, nil); ok {
						prepared++
					}
					linkers := append([]linker{pageLinker{}}, printLinkers(h, p)...)
					got, err := bodyHTML(h, p, bufs, linkers...)
					if err != nil {
						t.Fatal(err)
					}
					for i, l := range linkers {
						if want := wholeBody(t, h, p, l); !bytes.Equal(got[i], want) {
							t.Errorf("%s, linker %d (%T): %s", p.ID, i, l, testlib.FirstDiff(got[i], want))
						}
					}
				}
				if want := map[string]int{"whole": 0, "summaries": len(h.SOPs)}[loaded]; prepared != want {
					t.Errorf("%d of %d bodies recorded as loaded, want %d", prepared, len(h.SOPs), want)
				}
			})
		}
	}
}

// wholeMarkdown is bundleMarkdown as it was before tapes: goldmark's
// functions for every node but checkboxes and tables.
var wholeMarkdown = goldmark.New(goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(checkBoxRenderer{}, 0), util.Prioritized(tableRenderer{}, 0))))

// wholeBody is p's body for l, parsed, edited for l and written whole by
// goldmark.
func wholeBody(t *testing.T, h *render.Handbook, p *render.Page, l linker) []byte {
	t.Helper()
	src, err := h.Body(p)
	if err != nil {
		t.Fatal(err)
	}
	root := sop.ParseMarkdown(src)
	prepare(h, p, root, src).place(p, l)
	var b bytes.Buffer
	if err := wholeMarkdown.Renderer().Render(&b, src, root); err != nil {
		t.Fatal(err)
	}
	return keyboardCode(nil, b.Bytes())
}

// preparedBody is a syntax tree rewritten for publishing, with the parts
// each linker places differently.
type preparedBody struct {
	headings []preparedHeading
	links    []preparedLink
	files    []preparedFile
}

type preparedHeading struct {
	node  *ast.Heading
	slug  string
	level int
}

type preparedLink struct {
	node   *ast.Link
	target *render.Page
	anchor string
}

// preparedFile is a link (*ast.Link) or image (*ast.Image) of a copied
// library file, with its address from the bundle's root.
type preparedFile struct {
	node ast.Node
	href string
}

// place sets heading ids and levels and SOP link targets for a linker.
func (b *preparedBody) place(p *render.Page, l linker) {
	for _, hd := range b.headings {
		hd.node.SetAttributeString("id", []byte(l.HeadingID(p, hd.slug)))
		if hd.slug == "" || l.HeadingID(p, hd.slug) == "" {
			hd.node.RemoveAttributes()
		}
		hd.node.Level = min(l.Level(hd.level), 6)
	}
	for _, lk := range b.links {
		lk.node.Destination = []byte(l.Href(p, lk.target, lk.anchor))
	}
	for _, f := range b.files {
		switch n := f.node.(type) {
		case *ast.Link:
			n.Destination = []byte(l.Root() + f.href)
		case *ast.Image:
			n.Destination = []byte(l.Root() + f.href)
		}
	}
}

// prepare applies the rules that do not depend on where the body goes.
func prepare(h *render.Handbook, p *render.Page, root ast.Node, src []byte) *preparedBody {
	e := &bodyEdits{h: h, p: p, src: src}
	_ = ast.Walk(root, e.visit)
	for _, n := range e.drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, r := range e.replace {
		r[0].Parent().ReplaceChild(r[0].Parent(), r[0], r[1])
	}
	for _, n := range e.unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	return &e.body
}

// bodyEdits collects, in one walk, the parts of a body each linker places
// and the nodes to drop, replace or unwrap once the walk is done.
type bodyEdits struct {
	h        *render.Handbook
	p        *render.Page
	src      []byte
	body     preparedBody
	nHeading int            // headings met so far: an index into p.Doc.Markdown.Headings
	lastHead []byte         // the text of the last heading met, which names the tables below it
	tables   map[string]int // tables met so far by label
	unwrap   []ast.Node
	replace  [][2]ast.Node
	drop     []ast.Node
}

func (e *bodyEdits) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	h, p, src := e.h, e.p, e.src
	switch n := n.(type) {
	case *ast.Heading:
		e.heading(n)
		e.lastHead = bytes.TrimSpace(plainText(n, src))
	case *extast.Table:
		if e.tables == nil {
			e.tables = map[string]int{}
		}
		n.SetAttributeString(tableLabelAttr, []byte(tableLabel(e.p.Title, e.lastHead, e.tables)))
	case *ast.Link:
		switch kind, target, anchor := h.Classify(p, string(n.Destination)); kind {
		case render.LinkSOP:
			e.body.links = append(e.body.links, preparedLink{n, target, anchor})
		case render.LinkFile:
			f, _ := h.File(p, string(n.Destination))
			e.body.files = append(e.body.files, preparedFile{n, f.Href})
		case render.LinkDrop:
			e.unwrap = append(e.unwrap, n)
		}
	case *ast.AutoLink:
		if kind, _, _ := h.Classify(p, string(n.URL(src))); kind != render.LinkKeep {
			e.replace = append(e.replace, [2]ast.Node{n, ast.NewString(n.Label(src))})
		}
	case *ast.Image:
		e.image(n)
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// heading takes its slug from the parsed body (the headings come in the
// same order), and drops the heading that repeats the title.
func (e *bodyEdits) heading(n *ast.Heading) {
	headings := e.p.Doc.Markdown.Headings
	slug := ""
	if e.nHeading < len(headings) {
		slug = headings[e.nHeading].Slug
		if title, repeats := e.p.Doc.Markdown.TitleHeading(e.p.Title); repeats && title == &headings[e.nHeading] {
			e.drop = append(e.drop, n)
		}
	}
	e.nHeading++
	e.body.headings = append(e.body.headings, preparedHeading{n, slug, n.Level})
}

// image shows a picture copied from the library as an image, and any
// other image by its description, linked when it is remote or another
// copied file (unless already inside a link): a page must open with no
// network and no missing files. An embedded data: image is text too: an
// SVG one can carry script, and LinkWarnings names its scheme.
func (e *bodyEdits) image(n *ast.Image) {
	dest := string(n.Destination)
	alt := strings.TrimSpace(string(plainText(n, e.src)))
	label := ast.NewString([]byte("[image: " + alt + "]"))
	kind, _, _ := e.h.Classify(e.p, dest)
	if f, ok := e.h.File(e.p, dest); kind == render.LinkFile && ok {
		if f.Image {
			if alt == "" && sop.InsideLink(n) { // a link's only content: it needs a name
				n.AppendChild(n, ast.NewString([]byte(path.Base(f.Path))))
			}
			e.body.files = append(e.body.files, preparedFile{n, f.Href})
			return
		}
		if !sop.InsideLink(n) {
			link := ast.NewLink()
			link.AppendChild(link, ast.NewString([]byte(cmp.Or(alt, path.Base(f.Path)))))
			e.body.files = append(e.body.files, preparedFile{link, f.Href})
			e.replace = append(e.replace, [2]ast.Node{n, link})
			return
		}
	}
	if kind == render.LinkKeep && !sop.InsideLink(n) {
		link := ast.NewLink()
		link.Destination = []byte(dest)
		link.AppendChild(link, label)
		e.replace = append(e.replace, [2]ast.Node{n, link})
	} else {
		e.replace = append(e.replace, [2]ast.Node{n, label})
	}
}
