package markdown

import (
	"bytes"

	"github.com/sopctl/sopctl/pkg/render"
)

// printed holds each SOP's sections of the handbooks, from when the SOP is
// rendered to when its handbooks are written, after every SOP: into a
// render.Spooler (a Stage) in its spool, so that memory does not grow with
// the size of the library; into any other output, in memory.
type printed struct {
	spool *render.Spool
	mem   [][]byte        // by Handbook.Index, without a spool: the SOP's sections, one after another
	spans [][]render.Span // by Handbook.Index: where each of its sections lies, in the spool or in mem
}

func newPrinted(out render.Output, n int) (*printed, error) {
	pr := &printed{spans: make([][]render.Span, n)}
	sp, ok := out.(render.Spooler)
	if !ok {
		pr.mem = make([][]byte, n)
		return pr, nil
	}
	var err error
	pr.spool, err = sp.Spool()
	return pr, err
}

// put keeps the sections of SOP i, one after another in sections, of
// lengths lens: handbook.md's (0 for none), then its books' (as
// Handbook.BooksOf lists them). From any goroutine, for distinct i.
func (pr *printed) put(i int, sections []byte, lens []int) error {
	var at render.Span
	var err error
	if pr.spool == nil {
		pr.mem[i] = sections
	} else {
		at, err = pr.spool.Append(sections) // one write for all of them
	}
	spans := make([]render.Span, len(lens))
	for k, n := range lens {
		spans[k] = render.Span{Off: at.Off, Len: n}
		at.Off += int64(n)
	}
	pr.spans[i] = spans
	return err
}

// writeTo appends section k of SOP i (0: handbook.md's, 1+j: its j-th
// book's) to b.
func (pr *printed) writeTo(b *bytes.Buffer, i, k int) error {
	span := pr.spans[i][k]
	if pr.spool == nil {
		b.Write(pr.mem[i][span.Off : span.Off+int64(span.Len)])
		return nil
	}
	// Read into b's spare room: no array made for each section.
	b.Grow(span.Len)
	s, err := pr.spool.ReadInto(b.AvailableBuffer(), span)
	b.Write(s)
	return err
}

// size is how long section k of SOP i is.
func (pr *printed) size(i, k int) int { return pr.spans[i][k].Len }

// close removes the spool, if any.
func (pr *printed) close() error {
	if pr.spool == nil {
		return nil
	}
	return pr.spool.Close()
}
