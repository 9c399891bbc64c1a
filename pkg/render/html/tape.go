package html

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"sync"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/sop"
)

// A body's HTML is the same wherever it is printed but for a few pieces
// that depend on the rest of the library (a link's address, or whether
// it is a link at all; a heading's id and level; a table's name, which
// holds the SOP's title). So goldmark converts a body once into a tape
// (tapeWriter.record): its HTML, cut where such a piece goes, each cut holding
// what the piece is made from. A full render records it while the file
// is loaded, from the syntax tree the load parsed (PrepareBody), and the
// page reads it back, so that goldmark parses each body once; each place
// the body is printed then writes the tape with its pieces (placed.go).
//
// A tape is a list of ops, each a byte and its fields: a number as a
// uvarint, bytes as their uvarint length and the bytes.
const (
	opText       byte = iota + 1 // HTML as it is
	opHeading                    // a heading's opening tag: its index in Body.Headings, its level
	opHeadingEnd                 // its closing tag
	opTable                      // a table's opening tags: the text of the heading above it
	opLink                       // a link's opening tag: destination, title (opTitle)
	opLinkEnd                    // a link's closing tag
	opAutoLink                   // an autolink: its URL, its HTML, its HTML as text
	opImage                      // an image: destination, title, description, the description's HTML, inside a link (0 or 1)
)

// A title is its bytes after a byte that says whether there is one:
// goldmark writes an empty title="" but none for a link without one.
const (
	noTitle byte = iota
	hasTitle
)

// errTape is a tape that does not read back: never one tapeWriter.record wrote.
var errTape = errors.New("the body's converted form does not read back")

// gmFuncs are goldmark's own HTML functions, and the table's
// (tableRenderer), which the tape's pieces are written with.
var gmFuncs = func() funcsOf {
	reg := funcsOf{}
	gmhtml.NewRenderer().RegisterFuncs(reg)
	tableRenderer{}.RegisterFuncs(reg)
	return reg
}()

type funcsOf map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcsOf) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

// PrepareBody gives keep the tape of an SOP's body (tapeWriter.record),
// made from the syntax tree sop.ParseTree read it into, for
// render.Sources.PrepareBodies; the tape is good until keep returns.
func PrepareBody(d *sop.Doc, tree ast.Node, keep func(tape []byte)) {
	t := tapePool.Get().(*tapeWriter)
	defer tapePool.Put(t)
	keep(t.record(d.Body, tree))
}

var tapePool = sync.Pool{New: func() any { return newTapeWriter() }}

// tapeWriter is the writer bundleMarkdown converts a body with into a
// tape: the HTML goes through its bufio.Writer into lit, and the pieces'
// functions (tapeRenderer) cut it.
type tapeWriter struct {
	*bufio.Writer
	lit      bytes.Buffer
	tape     []byte
	src      []byte
	headings int    // headings met so far
	lastHead []byte // the text of the last heading met, which names the tables below it
	alt      bytes.Buffer
	altW     *bufio.Writer
}

func newTapeWriter() *tapeWriter {
	t := &tapeWriter{}
	t.Writer = bufio.NewWriter(&t.lit)
	t.altW = bufio.NewWriter(&t.alt)
	return t
}

// record returns the tape of the body src parsed into root, good until t
// records another.
func (t *tapeWriter) record(src []byte, root ast.Node) []byte {
	t.src, t.tape, t.headings, t.lastHead = src, t.tape[:0], 0, nil
	t.lit.Reset()
	t.Writer.Reset(&t.lit)
	// goldmark's functions return only the writer's errors, and lit
	// takes everything.
	_ = bundleMarkdown.Renderer().Render(t, src, root)
	t.flushText()
	t.src, t.lastHead = nil, nil // a pool keeps no body
	return t.tape
}

// cut ends the HTML written so far with an opText and starts op.
func (t *tapeWriter) cut(op byte) {
	t.flushText()
	t.tape = append(t.tape, op)
}

// flushText ends the HTML written so far with an opText, if there is any.
func (t *tapeWriter) flushText() {
	_ = t.Flush()
	if t.lit.Len() > 0 {
		t.tape = appendField(append(t.tape, opText), t.lit.Bytes())
		t.lit.Reset()
	}
}

func (t *tapeWriter) field(b []byte) { t.tape = appendField(t.tape, b) }
func (t *tapeWriter) number(n int)   { t.tape = binary.AppendUvarint(t.tape, uint64(n)) }
func (t *tapeWriter) title(b []byte) {
	if b == nil {
		t.tape = append(t.tape, noTitle)
		return
	}
	t.tape = appendField(append(t.tape, hasTitle), b)
}

// html is what write writes, made apart from the body's HTML.
func (t *tapeWriter) html(write func(w util.BufWriter)) []byte {
	t.alt.Reset()
	t.altW.Reset(&t.alt)
	write(t.altW)
	_ = t.altW.Flush()
	return t.alt.Bytes()
}

// tapeRenderer writes the pieces that depend on the library as ops of a
// tapeWriter; into any other writer, as goldmark does.
type tapeRenderer struct{}

func (tapeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	cuts := map[ast.NodeKind]func(t *tapeWriter, n ast.Node, entering bool) ast.WalkStatus{
		ast.KindHeading: (*tapeWriter).heading, extast.KindTable: (*tapeWriter).table,
		ast.KindLink: (*tapeWriter).link, ast.KindAutoLink: (*tapeWriter).autoLink, ast.KindImage: (*tapeWriter).image,
	}
	for k, cut := range cuts {
		write := gmFuncs[k]
		reg.Register(k, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := w.(*tapeWriter); ok {
				return cut(t, n, entering), nil
			}
			return write(w, src, n, entering)
		})
	}
}

func (t *tapeWriter) heading(n ast.Node, entering bool) ast.WalkStatus {
	if !entering {
		t.cut(opHeadingEnd)
		return ast.WalkContinue
	}
	t.cut(opHeading)
	t.number(t.headings)
	t.number(n.(*ast.Heading).Level)
	t.headings++
	t.lastHead = bytes.TrimSpace(plainText(n, t.src))
	return ast.WalkContinue
}

func (t *tapeWriter) table(n ast.Node, entering bool) ast.WalkStatus {
	if !entering {
		_, _ = gmFuncs[extast.KindTable](t, t.src, n, false)
		return ast.WalkContinue
	}
	t.cut(opTable)
	t.field(t.lastHead)
	return ast.WalkContinue
}

func (t *tapeWriter) link(n ast.Node, entering bool) ast.WalkStatus {
	if !entering {
		t.cut(opLinkEnd)
		return ast.WalkContinue
	}
	l := n.(*ast.Link)
	t.cut(opLink)
	t.field(l.Destination)
	t.title(l.Title)
	return ast.WalkContinue
}

// autoLink records both ways an autolink is written: as goldmark writes
// it, and as its text when it cannot be kept (render.Handbook.Classify).
func (t *tapeWriter) autoLink(n ast.Node, entering bool) ast.WalkStatus {
	if !entering {
		return ast.WalkContinue
	}
	a := n.(*ast.AutoLink)
	t.cut(opAutoLink)
	t.field(a.URL(t.src))
	t.field(t.html(func(w util.BufWriter) { _, _ = gmFuncs[ast.KindAutoLink](w, t.src, a, true) }))
	text := ast.NewString(a.Label(t.src))
	t.field(t.html(func(w util.BufWriter) { _, _ = gmFuncs[ast.KindString](w, t.src, text, true) }))
	return ast.WalkContinue
}

// image records what each way of writing an image takes (placer.image): its
// description as text and as goldmark writes it into alt="".
func (t *tapeWriter) image(n ast.Node, entering bool) ast.WalkStatus {
	if !entering {
		return ast.WalkContinue
	}
	img := n.(*ast.Image)
	t.cut(opImage)
	t.field(img.Destination)
	t.title(img.Title)
	t.field(bytes.TrimSpace(plainText(n, t.src)))
	dest, title := img.Destination, img.Title
	img.Destination, img.Title = nil, nil
	alt := t.html(func(w util.BufWriter) { _, _ = gmFuncs[ast.KindImage](w, t.src, img, true) })
	img.Destination, img.Title = dest, title
	alt, _ = bytes.CutPrefix(alt, []byte(`<img src="" alt="`))
	alt, _ = bytes.CutSuffix(alt, []byte(`">`))
	t.field(alt)
	inside := byte(0)
	if sop.InsideLink(n) {
		inside = 1
	}
	t.tape = append(t.tape, inside)
	return ast.WalkSkipChildren
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
