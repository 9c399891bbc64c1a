package sop

import (
	"encoding/binary"
	"errors"
	"sync"
)

// AppendCompact appends to b an encoding of m and md that ReadCompact
// reads back as Compact would copy them, without reflection: render's
// cache keeps SOPs so. It is the length of all their texts, the texts,
// the H1 (h1Index), then every other part in walk's order: numbers as
// varints, flags as a byte, lists and texts by their length.
func AppendCompact(b []byte, m *Meta, md *Body) []byte {
	w := writers.Get().(*writer)
	defer writers.Put(w)
	// walk assigns each list back, the same: copies keep m and md
	// unwritten, for any reader of them at the same time.
	w.m, w.md = *m, *md
	h1 := h1Index(md)
	var own *Heading
	if h1 == ownH1 {
		own = md.H1
	}
	w.texts, w.parts = w.texts[:0], binary.AppendVarint(w.parts[:0], int64(h1))
	walk(&w.m, &w.md, own, w)
	w.m, w.md = Meta{}, Body{} // nothing of them kept in the pool
	b = binary.AppendUvarint(b, uint64(len(w.texts)))
	return append(append(b, w.texts...), w.parts...)
}

// writer is the visitor that encodes (AppendCompact): the texts, and
// apart, every other part and the texts' lengths. AppendCompact keeps
// writers in a pool, so that writing an SOP allocates nothing.
type writer struct {
	texts, parts []byte
	m            Meta
	md           Body
}

var writers = sync.Pool{New: func() any { return new(writer) }}

func (w *writer) text(s *string) {
	w.texts = append(w.texts, *s...)
	w.parts = binary.AppendUvarint(w.parts, uint64(len(*s)))
}
func (w *writer) num(n *int) { w.parts = binary.AppendVarint(w.parts, int64(*n)) }
func (w *writer) flag(f *bool) {
	if *f {
		w.parts = append(w.parts, 1)
	} else {
		w.parts = append(w.parts, 0)
	}
}
func (w *writer) size(n int) int { w.parts = binary.AppendUvarint(w.parts, uint64(n)); return n }

// errCompact is data that AppendCompact did not write.
var errCompact = errors.New("not an SOP's encoding")

// ReadCompact reads into m and md what AppendCompact wrote, in
// Compact's form: every text in one string, the items of m's lists in
// one block, each other list of its exact length, md.H1 pointing into
// md.Headings (or to a heading of its own). They share no memory with
// data. The caller's m and md, rather than results, are read into: they
// are where the caller keeps them (a Doc's), and a Meta of 700 bytes
// copied out and moved to the heap for each SOP was most of what reading
// the render cache allocated. Any other bytes are an error, never a
// panic, and never make it allocate more than a small multiple of
// len(data): a list is no longer than the bytes left, each item taking
// one at least. After an error, m and md hold nothing to use.
func ReadCompact(data []byte, m *Meta, md *Body) error {
	*md = Body{}
	r := reader{data: data}
	size := r.uvarint()
	if r.err != nil || size > uint64(len(r.data)) {
		return errCompact
	}
	r.texts, r.data = string(r.data[:size]), r.data[size:]
	var h1 int
	r.num(&h1)
	var own *Heading
	if h1 == ownH1 {
		own = &Heading{}
	}
	// The lists' items are read into a pooled Meta's, then packed into
	// one block as Compact packs them.
	scratch := scratchMetas.Get().(*scratchMeta)
	defer scratch.put()
	walk(&scratch.m, md, own, &r)
	switch {
	case r.err != nil || len(r.data) > 0 || r.off != len(r.texts):
		return errCompact
	case h1 >= 0 && h1 < len(md.Headings):
		md.H1 = &md.Headings[h1]
	case h1 == ownH1:
		md.H1 = own
	case h1 != noH1:
		return errCompact
	}
	*m = scratch.m
	packItems(m)
	return nil
}

// scratchMetas are the Metas ReadCompact reads into: their lists' items
// are copied out (packItems), and their memory is read into again.
var scratchMetas = sync.Pool{New: func() any { return new(scratchMeta) }}

// scratchMeta is a Meta ReadCompact reads into.
type scratchMeta struct{ m Meta }

// put empties s.m, but for its lists' memory, into the pool.
func (s *scratchMeta) put() {
	for _, f := range fields {
		if f.list == nil {
			*f.scalar(&s.m) = Value{}
			continue
		}
		l := f.list(&s.m)
		clear(l.Items) // no text kept alive by the pool
		*l = List{Items: l.Items[:0]}
	}
	scratchMetas.Put(s)
}

// reader is the visitor that decodes (ReadCompact). After the first
// error it reads nothing more: each number is 0, each list empty.
type reader struct {
	data  []byte // what is left to read
	texts string // every text, which text slices
	off   int    // of the next text in texts
	err   error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.err = errCompact
		return 0
	}
	r.data = r.data[n:]
	return x
}

func (r *reader) text(s *string) {
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.texts)-r.off) {
		r.err = errCompact
	}
	if r.err != nil {
		return
	}
	*s = r.texts[r.off : r.off+int(n)]
	r.off += int(n)
}

func (r *reader) num(p *int) {
	if r.err != nil {
		return
	}
	x, n := binary.Varint(r.data)
	if n <= 0 || int64(int(x)) != x {
		r.err = errCompact
		return
	}
	r.data = r.data[n:]
	*p = int(x)
}

func (r *reader) flag(p *bool) {
	switch {
	case r.err != nil:
	case len(r.data) == 0 || r.data[0] > 1:
		r.err = errCompact
	default:
		*p = r.data[0] == 1
		r.data = r.data[1:]
	}
}

func (r *reader) size(int) int {
	n := r.uvarint()
	if n > uint64(len(r.data)) { // each item takes a byte at least
		r.err = errCompact
	}
	if r.err != nil {
		return 0
	}
	return int(n)
}
