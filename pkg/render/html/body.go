package html

import (
	"bufio"
	"bytes"
	"cmp"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// linker places pages in a bundle: the id attribute of a heading, and the
// href of a link to an SOP (anchor may be "").
type linker interface {
	HeadingID(p *render.Page, slug string) string
	Href(from, to *render.Page, anchor string) string
	// Level maps a heading level of the body to the level it gets on the
	// page, so that bodies nest under the page's own headings.
	Level(level int) int
	// Root is the way from the page to the bundle's root ("../" from
	// sops/), which links to copied files (render.FileLink) start with.
	Root() string
}

// bodyHTML writes an SOP's body as HTML for each linker (a page of its
// own, the one-page handbook), parsing and converting it once (splice):
// headings get GitHub anchors placed by the linker, links to SOPs point
// at their pages, links and images of library files point at their
// copies under files/, and links that cannot be resolved or use an unsafe
// scheme become plain text (Handbook.LinkWarnings lists them). Raw HTML is
// dropped. The body's H1 is left out when it repeats the title
// (sop.Body.TitleHeading), since every page shows the title itself. The
// bodies are written into bufs, and are good until bufs is used again.
func bodyHTML(h *render.Handbook, p *render.Page, bufs *sopBufs, linkers ...linker) ([][]byte, error) {
	src, err := h.Body(p)
	if err != nil {
		return nil, err
	}
	root := sop.ParseMarkdown(src)
	body := prepare(h, p, root, src)
	for len(bufs.bodies) < len(linkers) {
		bufs.bodies = append(bufs.bodies, nil)
	}
	out := bufs.bodies[:len(linkers)]
	sw := &bufs.first
	for i, l := range linkers {
		body.place(p, l)
		if i == 0 {
			sw.reset(&bufs.scratch)
			err = bundleMarkdown.Renderer().Render(sw, src, root)
		} else {
			bufs.spliced.Reset()
			bufs.w.Reset(&bufs.spliced)
			err = splice(bufs.w, bufs.scratch.Bytes(), src, sw.spans)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: cannot render the body: %w", p.Doc.Path, err)
		}
		if i == 0 {
			out[i] = keyboardCode(out[i][:0], bufs.scratch.Bytes())
		} else {
			out[i] = keyboardCode(out[i][:0], bufs.spliced.Bytes())
		}
	}
	clear(sw.spans) // the pool keeps no syntax tree of this SOP's
	return out, nil
}

// keyboardCode appends body to dst with each code block's box made
// reachable from the keyboard: its box scrolls sideways. Only a code
// block writes "<pre><code": raw HTML is dropped and text escaped.
func keyboardCode(dst, body []byte) []byte {
	const pre, reachable = "<pre><code", `<pre tabindex="0"><code`
	for {
		i := bytes.Index(body, []byte(pre))
		if i < 0 {
			return append(dst, body...)
		}
		dst = append(append(dst, body[:i]...), reachable...)
		body = body[i+len(pre):]
	}
}

// sopBufs are the buffers one SOP's page and bodies are written into,
// kept from SOP to SOP (sopBufPool) so that the garbage collector is not
// given tens of kilobytes an SOP: the page, the bodies, the converter's
// output and the bufio.Writer goldmark's renderer would otherwise make
// for every body it writes.
type sopBufs struct {
	page, scratch, spliced bytes.Buffer
	bodies                 [][]byte
	first                  spanWriter // writes the first body into scratch
	w                      *bufio.Writer
}

func newSOPBufs() *sopBufs {
	return &sopBufs{first: spanWriter{Writer: bufio.NewWriter(nil)}, w: bufio.NewWriter(nil)}
}

var sopBufPool = sync.Pool{New: func() any { return newSOPBufs() }}

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
		n.SetAttributeString(tableLabelAttr, []byte(e.tableLabel()))
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

// plainText is the text of an inline tree, for alt text and search.
func plainText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// tableLabel names a body table by the SOP's title and the heading above
// it, numbered when a heading has more than one: the one-page handbook
// holds every SOP's tables, and axe wants each region's name unique.
func (e *bodyEdits) tableLabel() string {
	label := e.p.Title
	if len(e.lastHead) > 0 {
		label += ", " + string(e.lastHead)
	}
	if e.tables == nil {
		e.tables = map[string]int{}
	}
	e.tables[label]++
	if n := e.tables[label]; n > 1 {
		label += fmt.Sprintf(" (%d)", n)
	}
	return label
}
