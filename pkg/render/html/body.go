package html

import (
	"bufio"
	"bytes"
	"fmt"
	"sync"

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
// own, the one-page handbook), from its tape (tape.go, placed.go):
// headings get GitHub anchors placed by the linker, links to SOPs point
// at their pages, links and images of library files point at their
// copies under files/, and links that cannot be resolved or use an unsafe
// scheme become plain text (Handbook.LinkWarnings lists them). Raw HTML is
// dropped. The body's H1 is left out when it repeats the title
// (sop.Body.TitleHeading), since every page shows the title itself. The
// bodies are written into bufs, and are good until bufs is used again.
func bodyHTML(h *render.Handbook, p *render.Page, bufs *sopBufs, linkers ...linker) ([][]byte, error) {
	tape, err := bodyTape(h, p, bufs)
	if err != nil {
		return nil, err
	}
	pieces, err := readTape(tape, bufs.pieces[:0])
	bufs.pieces = pieces
	defer clear(pieces) // the pool keeps no page of this SOP's
	if err != nil {
		return nil, fmt.Errorf("%s: cannot render the body: %w", p.Doc.Path, err)
	}
	resolve(h, p, pieces)
	for len(bufs.bodies) < len(linkers) {
		bufs.bodies = append(bufs.bodies, nil)
	}
	out := bufs.bodies[:len(linkers)]
	pl := &bufs.placer
	for i, l := range linkers {
		bufs.scratch.Reset()
		pl.w.Reset(&bufs.scratch)
		pl.p, pl.l = p, l
		if err := pl.place(pieces); err != nil {
			return nil, fmt.Errorf("%s: cannot render the body: %w", p.Doc.Path, err)
		}
		out[i] = keyboardCode(out[i][:0], bufs.scratch.Bytes())
	}
	pl.p, pl.l = nil, nil
	return out, nil
}

// bodyTape is the tape of p's body: the one recorded as its file was
// loaded (Handbook.PreparedBody), or, for an SOP the load did not parse
// (taken from the render cache) or a whole document, one made now from
// its body.
func bodyTape(h *render.Handbook, p *render.Page, bufs *sopBufs) ([]byte, error) {
	tape, ok, err := h.PreparedBody(p, bufs.read)
	if ok || err != nil {
		if cap(tape) > cap(bufs.read) {
			bufs.read = tape[:0]
		}
		return tape, err
	}
	src, err := h.Body(p)
	if err != nil {
		return nil, err
	}
	return bufs.tape.record(src, sop.ParseMarkdown(src)), nil
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
// given tens of kilobytes an SOP: the page, the bodies, the tape and its
// pieces, and the bufio.Writers goldmark's renderer would otherwise make
// for every body it writes; scratch takes each body as it is placed, then
// the sections of the printable handbooks (printSections).
type sopBufs struct {
	page, scratch bytes.Buffer
	bodies        [][]byte
	pieces        []piece
	tape          *tapeWriter
	read          []byte // a tape read back from the spool (bodyTape)
	placer        placer
}

func newSOPBufs() *sopBufs {
	return &sopBufs{tape: newTapeWriter(), placer: placer{w: bufio.NewWriter(nil)}}
}

var sopBufPool = sync.Pool{New: func() any { return newSOPBufs() }}
