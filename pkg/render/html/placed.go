package html

import (
	"bufio"
	"cmp"
	"fmt"
	"path"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/sopctl/sopctl/pkg/render"
)

// A body's tape (tape.go) is read into pieces (readTape), the library
// decides each piece once for the SOP (resolve: where a link leads, which
// heading repeats the title, a table's name), and then each place the
// body is printed writes it (place), with the pieces a linker places
// written by goldmark's own functions, so that the bytes are those
// goldmark writes for the edited tree (TestTapedBodies).

// piece is one op of a tape, and what resolve decided of it.
type piece struct {
	op byte
	// text is opText's HTML, opLink's, opAutoLink's and opImage's
	// destination, and opTable's heading text.
	text  []byte
	title []byte // opLink's and opImage's title; nil for none
	// alt is opImage's description; altHTML its HTML, and opAutoLink's
	// HTML as text; keep opAutoLink's HTML.
	alt, altHTML, keep []byte
	n, level           int // opHeading's index and level
	inside             bool

	kind   render.LinkKind
	target *render.Page
	anchor string
	file   render.FileLink
	fileOK bool
	drop   bool   // a heading that repeats the title
	slug   string // a heading's
	label  string // a table's
}

// title is a link's or image's title as tapeWriter.title wrote it.
func (r *fieldReader) title() []byte {
	if r.byte() == noTitle {
		return nil
	}
	return r.field()
}

// readTape appends the pieces of tape to dst; they point into tape.
func readTape(tape []byte, dst []piece) ([]piece, error) {
	r := &fieldReader{b: tape}
	for len(r.b) > 0 && !r.bad {
		pc := piece{op: r.byte()}
		switch pc.op {
		case opText:
			pc.text = r.field()
		case opHeading:
			pc.n, pc.level = r.number(), r.number()
		case opTable:
			pc.text = r.field()
		case opLink:
			pc.text, pc.title = r.field(), r.title()
		case opAutoLink:
			pc.text, pc.keep, pc.altHTML = r.field(), r.field(), r.field()
		case opImage:
			pc.text, pc.title, pc.alt, pc.altHTML = r.field(), r.title(), r.field(), r.field()
			pc.inside = r.byte() == 1
		case opHeadingEnd, opLinkEnd:
		default:
			r.bad = true
		}
		dst = append(dst, pc)
	}
	if r.bad {
		return dst, errTape
	}
	return dst, nil
}

// resolve decides what the library makes of each piece of p's body.
func resolve(h *render.Handbook, p *render.Page, pieces []piece) {
	headings := p.Doc.Markdown.Headings
	title, repeats := p.Doc.Markdown.TitleHeading(p.Title)
	var tables map[string]int
	for i := range pieces {
		pc := &pieces[i]
		switch pc.op {
		case opHeading:
			if pc.n < len(headings) {
				pc.slug = headings[pc.n].Slug
				pc.drop = repeats && title == &headings[pc.n]
			}
		case opTable:
			if tables == nil {
				tables = map[string]int{}
			}
			pc.label = tableLabel(p.Title, pc.text, tables)
		case opLink, opAutoLink, opImage:
			pc.kind, pc.target, pc.anchor = h.Classify(p, string(pc.text))
			if pc.kind == render.LinkFile && pc.op != opAutoLink {
				pc.file, pc.fileOK = h.File(p, string(pc.text))
			}
		}
	}
}

// tableLabel names a body table by the SOP's title and the heading above
// it, numbered when a heading has more than one (counted in tables): the
// one-page handbook holds every SOP's tables, and axe wants each region's
// name unique.
func tableLabel(title string, lastHead []byte, tables map[string]int) string {
	label := title
	if len(lastHead) > 0 {
		label += ", " + string(lastHead)
	}
	tables[label]++
	if n := tables[label]; n > 1 {
		label += fmt.Sprintf(" (%d)", n)
	}
	return label
}

// placer writes resolved pieces for one linker.
type placer struct {
	w       *bufio.Writer
	p       *render.Page
	l       linker
	heading *ast.Heading // the one open: anchored or plain
	// anchored and plain are the heading nodes written, kept from heading
	// to heading: a new one for each, and the attributes goldmark makes
	// room for in it (ten), were some 45 MB at 10,000 SOPs. anchored has
	// its id, in id, and plain none.
	anchored, plain ast.Heading
	id              []byte
	links           []bool // the open links: whether each was written as one
	// linkNode is the node every link is written through, opened with its
	// address in dest and closed alike: two new ones a link were some
	// 11 MB at 10,000 SOPs.
	linkNode ast.Link
	dest     []byte
}

// place writes the body of pieces as l places it.
func (pl *placer) place(pieces []piece) error {
	pl.heading, pl.links = nil, pl.links[:0]
	skip := false // inside a heading that is left out
	for i := range pieces {
		pc := &pieces[i]
		if skip {
			skip = pc.op != opHeadingEnd
			continue
		}
		switch pc.op {
		case opText:
			_, _ = pl.w.Write(pc.text)
		case opHeading:
			skip = pc.drop
			if !skip {
				pl.openHeading(pc)
			}
		case opHeadingEnd:
			if pl.heading == nil {
				return errTape
			}
			_, _ = gmFuncs[ast.KindHeading](pl.w, nil, pl.heading, false)
			pl.heading = nil
		case opTable:
			t := extast.NewTable()
			t.SetAttributeString(tableLabelAttr, []byte(pc.label))
			_, _ = gmFuncs[extast.KindTable](pl.w, nil, t, true)
		case opLink:
			pl.openLink(pc)
		case opLinkEnd:
			if len(pl.links) == 0 {
				return errTape
			}
			if pl.links[len(pl.links)-1] {
				_, _ = gmFuncs[ast.KindLink](pl.w, nil, &pl.linkNode, false)
			}
			pl.links = pl.links[:len(pl.links)-1]
		case opAutoLink:
			html := pc.altHTML // an address the bundle cannot keep is text
			if pc.kind == render.LinkKeep {
				html = pc.keep
			}
			_, _ = pl.w.Write(html)
		case opImage:
			pl.image(pc)
		}
	}
	return pl.w.Flush()
}

func (pl *placer) openHeading(pc *piece) {
	pl.heading = &pl.plain
	if id := pl.l.HeadingID(pl.p, pc.slug); pc.slug != "" && id != "" {
		pl.heading, pl.id = &pl.anchored, append(pl.id[:0], id...)
		pl.heading.SetAttributeString("id", pl.id) // in place of the last one's
	}
	pl.heading.Level = min(pl.l.Level(pc.level), 6)
	_, _ = gmFuncs[ast.KindHeading](pl.w, nil, pl.heading, true)
}

// openLink writes a link's opening tag with the address the linker gives
// an SOP or a copied file, or none for a link that becomes plain text.
func (pl *placer) openLink(pc *piece) {
	dest := string(pc.text)
	switch pc.kind {
	case render.LinkSOP:
		dest = pl.l.Href(pl.p, pc.target, pc.anchor)
	case render.LinkFile:
		dest = pl.l.Root() + pc.file.Href
	case render.LinkDrop:
		pl.links = append(pl.links, false)
		return
	}
	pl.links = append(pl.links, true)
	pl.dest = append(pl.dest[:0], dest...)
	pl.linkNode.Destination, pl.linkNode.Title = pl.dest, pc.title
	_, _ = gmFuncs[ast.KindLink](pl.w, nil, &pl.linkNode, true)
}

// image shows a picture copied from the library as an image, and any
// other image by its description, linked when it is remote or another
// copied file (unless already inside a link): a page must open with no
// network and no missing files. An embedded data: image is text too: an
// SVG one can carry script, and LinkWarnings names its scheme.
func (pl *placer) image(pc *piece) {
	label := "[image: " + string(pc.alt) + "]"
	if f := pc.file; pc.kind == render.LinkFile && pc.fileOK {
		if f.Image {
			img := ast.NewImage(ast.NewLink())
			img.Destination, img.Title = []byte(pl.l.Root()+f.Href), pc.title
			alt := ast.NewString(pc.altHTML)
			alt.SetCode(true) // written as it is: it is HTML already
			img.AppendChild(img, alt)
			if len(pc.alt) == 0 && pc.inside { // a link's only content: it needs a name
				img.AppendChild(img, ast.NewString([]byte(path.Base(f.Path))))
			}
			_, _ = gmFuncs[ast.KindImage](pl.w, nil, img, true)
			return
		}
		if !pc.inside {
			pl.link(pl.l.Root()+f.Href, cmp.Or(string(pc.alt), path.Base(f.Path)))
			return
		}
	}
	if pc.kind == render.LinkKeep && !pc.inside {
		pl.link(string(pc.text), label)
		return
	}
	_, _ = gmFuncs[ast.KindString](pl.w, nil, ast.NewString([]byte(label)), true)
}

// link writes a link to dest whose content is text.
func (pl *placer) link(dest, text string) {
	lk := ast.NewLink()
	lk.Destination = []byte(dest)
	_, _ = gmFuncs[ast.KindLink](pl.w, nil, lk, true)
	_, _ = gmFuncs[ast.KindString](pl.w, nil, ast.NewString([]byte(text)), true)
	_, _ = gmFuncs[ast.KindLink](pl.w, nil, lk, false)
}
