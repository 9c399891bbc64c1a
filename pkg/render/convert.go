package render

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Warning is a problem found while rendering that does not stop it: a link
// rendered as plain text, say.
type Warning struct {
	Path string
	Pos  sop.Pos
	Msg  string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s:%d:%d: warning: %s", w.Path, w.Pos.Line, w.Pos.Col, w.Msg)
}

// Linker places pages in a bundle: the id attribute of a heading, and the
// href of a link to an SOP (anchor may be "").
type Linker interface {
	HeadingID(p *Page, slug string) string
	Href(from, to *Page, anchor string) string
	// Level maps a heading level of the body to the level it gets on the
	// page, so that bodies nest under the page's own headings.
	Level(level int) int
}

// HTML converts an SOP's body to HTML once for each linker (a page of its
// own, the one-page handbook), parsing it once: headings get GitHub
// anchors placed by the linker, links to SOPs point at their pages, and
// links that cannot be resolved or use an unsafe scheme become plain text
// (LinkWarnings lists them). Raw HTML is dropped. The body's H1 is left out
// when it repeats the title, since every page shows the title itself.
func (h *Handbook) HTML(p *Page, linkers ...Linker) ([][]byte, error) {
	src := p.Doc.Body
	root := sop.Markdown.Parser().Parse(text.NewReader(src))
	body := h.prepare(p, root, src)
	out := make([][]byte, len(linkers))
	w := bufWriters.Get().(*bufio.Writer)
	defer bufWriters.Put(w)
	for i, l := range linkers {
		body.place(p, l)
		var b bytes.Buffer
		b.Grow(len(src) + len(src)/2 + 256) // HTML runs about 1.25 times its Markdown
		w.Reset(&b)
		if err := bundleMarkdown.Renderer().Render(w, src, root); err != nil {
			return nil, fmt.Errorf("%s: cannot render the body: %w", p.Doc.Path, err)
		}
		out[i] = b.Bytes()
	}
	w.Reset(nil) // let the buffer go
	return out, nil
}

// bufWriters spare goldmark's renderer a new 4 KiB bufio.Writer for every
// body it writes (it makes one unless given one).
var bufWriters = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// preparedBody is a syntax tree rewritten for publishing, with the parts
// each linker places differently.
type preparedBody struct {
	headings []preparedHeading
	links    []preparedLink
}

type preparedHeading struct {
	node  *ast.Heading
	slug  string
	level int
}

type preparedLink struct {
	node   *ast.Link
	target *Page
	anchor string
}

// place sets heading ids and levels and SOP link targets for a linker.
func (b *preparedBody) place(p *Page, l Linker) {
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
}

// prepare applies the rules that do not depend on where the body goes.
func (h *Handbook) prepare(p *Page, root ast.Node, src []byte) *preparedBody {
	body := &preparedBody{}
	headings := p.Doc.Markdown.Headings
	nHeading := 0
	var unwrap []ast.Node
	var replace [][2]ast.Node
	var drop []ast.Node
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			slug := ""
			if nHeading < len(headings) {
				slug = headings[nHeading].Slug
				if n.Level == 1 && headings[nHeading].Text == p.Title && nHeading == firstH1(headings) {
					drop = append(drop, n)
				}
			}
			nHeading++
			body.headings = append(body.headings, preparedHeading{n, slug, n.Level})
		case *ast.Link:
			switch kind, target, anchor := h.Classify(p, string(n.Destination)); kind {
			case LinkSOP:
				body.links = append(body.links, preparedLink{n, target, anchor})
			case LinkDrop:
				unwrap = append(unwrap, n)
			}
		case *ast.AutoLink:
			if kind, _, _ := h.Classify(p, string(n.URL(src))); kind != LinkKeep {
				replace = append(replace, [2]ast.Node{n, ast.NewString(n.Label(src))})
			}
		case *ast.Image:
			dest := string(n.Destination)
			alt := strings.TrimSpace(string(plainText(n, src)))
			// A page must open with no network and no missing files, so
			// images are shown by their description, linked when remote
			// (unless already inside a link). An embedded data: image is
			// text too: an SVG one can carry script, and LinkWarnings
			// names its scheme.
			label := ast.NewString([]byte("[image: " + alt + "]"))
			if kind, _, _ := h.Classify(p, dest); kind == LinkKeep && !insideLink(n) {
				link := ast.NewLink()
				link.Destination = []byte(dest)
				link.AppendChild(link, label)
				replace = append(replace, [2]ast.Node{n, link})
			} else {
				replace = append(replace, [2]ast.Node{n, label})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range drop {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, r := range replace {
		r[0].Parent().ReplaceChild(r[0].Parent(), r[0], r[1])
	}
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	return body
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

func firstH1(hs []sop.Heading) int {
	for i, h := range hs {
		if h.Level == 1 {
			return i
		}
	}
	return -1
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
