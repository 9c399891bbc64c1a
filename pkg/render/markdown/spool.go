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
	mem   [][]string      // by Handbook.Index: handbook.md's section ("" for none), then its books' (Handbook.BooksOf)
	spans [][]render.Span // as mem, where the spool holds them
}

func newPrinted(out render.Output, n int) (*printed, error) {
	sp, ok := out.(render.Spooler)
	if !ok {
		return &printed{mem: make([][]string, n)}, nil
	}
	spool, err := sp.Spool()
	if err != nil {
		return nil, err
	}
	return &printed{spool: spool, spans: make([][]render.Span, n)}, nil
}

// put keeps the sections of SOP i; from any goroutine, for distinct i.
func (pr *printed) put(i int, sections []string) error {
	if pr.spool == nil {
		pr.mem[i] = sections
		return nil
	}
	size := 0
	for _, s := range sections {
		size += len(s)
	}
	b := make([]byte, 0, size)
	for _, s := range sections {
		b = append(b, s...)
	}
	// One write for all of them: they lie one after another.
	at, err := pr.spool.Append(b)
	spans := make([]render.Span, len(sections))
	for k, s := range sections {
		spans[k] = render.Span{Off: at.Off, Len: len(s)}
		at.Off += int64(len(s))
	}
	pr.spans[i] = spans
	return err
}

// writeTo appends section k of SOP i (0: handbook.md's, 1+j: its j-th
// book's) to b.
func (pr *printed) writeTo(b *bytes.Buffer, i, k int) error {
	if pr.spool == nil {
		b.WriteString(pr.mem[i][k])
		return nil
	}
	s, err := pr.spool.Read(pr.spans[i][k])
	b.Write(s)
	return err
}

// close removes the spool, if any.
func (pr *printed) close() error {
	if pr.spool == nil {
		return nil
	}
	return pr.spool.Close()
}
