package sop

import "strings"

// Compact returns a copy of m and md for a reader that holds many SOPs
// for a whole run (render): every text of both (the fields' values and
// items, the headings' text and slugs, the links, comments, sections and
// parameter citations) in one string, the items of m's lists in one
// block (packItems), and each other list in memory of its own length,
// md.H1 pointing into the copy's headings. Parsed, an SOP's texts are
// some fifty small strings, each a block of memory of its own that the
// garbage collector visits; compact, they are one. Neither m nor md is
// changed, and the copy shares no memory with them.
func Compact(m *Meta, md *Body) (Meta, Body) {
	cm, cb := *m, *md
	packItems(&cm)
	h1 := h1Index(md)
	cb.Headings, cb.Sections, cb.Links = clip(md.Headings), clip(md.Sections), clip(md.Links)
	cb.Placeholders, cb.Comments, cb.Params = clip(md.Placeholders), clip(md.Comments), clip(md.Params)
	var own *Heading // an H1 that is not one of its headings: a copy of its own
	switch {
	case h1 >= 0:
		cb.H1 = &cb.Headings[h1]
	case h1 == ownH1:
		h := *md.H1
		own, cb.H1 = &h, &h
	}
	size := 0
	eachText(&cm, &cb, own, func(s *string) { size += len(*s) })
	var all strings.Builder
	all.Grow(size)
	eachText(&cm, &cb, own, func(s *string) { all.WriteString(*s) })
	text, off := all.String(), 0
	eachText(&cm, &cb, own, func(s *string) {
		n := len(*s)
		*s, off = text[off:off+n], off+n
	})
	return cm, cb
}

// packItems moves the items of m's lists into one block of memory of
// their number, each list a part of it of its own length and capacity
// (an empty one nil): for a reader of many SOPs, one object where there
// were one for each list.
func packItems(m *Meta) {
	n := 0
	for _, f := range fields {
		if f.list != nil {
			n += len(f.list(m).Items)
		}
	}
	all := make([]Value, n)
	for _, f := range fields {
		if f.list == nil {
			continue
		}
		l := f.list(m)
		k := copy(all, l.Items)
		l.Items = nil
		if k > 0 {
			l.Items, all = all[:k:k], all[k:]
		}
	}
}

// The H1 of a Body, as h1Index tells it: none, or one of its own, not
// among its headings; otherwise the index of the heading it is.
const (
	noH1  = -1
	ownH1 = -2
)

// h1Index is the index of md.H1 in md.Headings, or noH1 or ownH1.
func h1Index(md *Body) int {
	if md.H1 == nil {
		return noH1
	}
	for i := range md.Headings {
		if md.H1 == &md.Headings[i] {
			return i
		}
	}
	return ownH1
}

// eachText calls f with each text of m and md, and of own (md's H1 when
// it is not one of its headings), always in the same order.
func eachText(m *Meta, md *Body, own *Heading, f func(*string)) {
	walk(m, md, own, texts(f))
}

// A visitor sees each part of an SOP's Meta and Body that walk visits.
// Compact's passes see only the texts (texts); the codec
// (AppendCompact, ReadCompact) writes or reads every part.
type visitor interface {
	text(*string)
	num(*int)
	flag(*bool)
	// size is the length of a list of n items: n, or for a reader the
	// length it read, which walk makes the list's.
	size(n int) int
}

// walk shows v every part of m and md, and of own (md's H1 when it is not
// one of its headings), always in the same order: each field of m, in
// the fields table's order, then md's headings, own, sections, links,
// placeholders, comments and parameter citations. md.H1 is the caller's.
func walk(m *Meta, md *Body, own *Heading, v visitor) {
	pos := func(p *Pos) { v.num(&p.Line); v.num(&p.Col) }
	value := func(x *Value) { v.text(&x.Text); pos(&x.Pos); v.flag(&x.Set) }
	for _, fd := range fields {
		if fd.scalar != nil {
			value(fd.scalar(m))
			continue
		}
		l := fd.list(m)
		pos(&l.Pos)
		v.flag(&l.Set)
		each(v, &l.Items, value)
	}
	heading := func(h *Heading) {
		v.num(&h.Level)
		v.text(&h.Text)
		v.text(&h.Slug)
		pos(&h.Pos)
		v.num(&h.Start)
		v.num(&h.End)
	}
	each(v, &md.Headings, heading)
	if own != nil {
		heading(own)
	}
	each(v, &md.Sections, func(s *Section) { heading(&s.Heading); v.flag(&s.Empty); v.flag(&s.OrderedList) })
	each(v, &md.Links, func(l *Link) { v.text(&l.Dest); pos(&l.Pos); v.flag(&l.Image) })
	each(v, &md.Placeholders, pos)
	each(v, &md.Comments, func(c *Comment) { v.text(&c.Text); pos(&c.Pos); v.num(&c.NextLine) })
	each(v, &md.Params, func(p *ParamCite) { v.text(&p.ID); pos(&p.Pos) })
}

// each makes *s a list of the length v gives (sized), and shows v each
// of its items with f.
func each[E any](v visitor, s *[]E, f func(*E)) {
	*s = sized(*s, v.size(len(*s)))
	for i := range *s {
		f(&(*s)[i])
	}
}

// sized is s when it has n items, else a list of n (nil for none): a
// reader's list, of exact length, in s's memory when it has room
// (ReadCompact's pooled Meta), else new.
func sized[S ~[]E, E any](s S, n int) S {
	switch {
	case len(s) == n:
		return s
	case n == 0:
		return nil
	case cap(s) >= n:
		return s[:n]
	}
	return make(S, n)
}

// texts is a visitor of texts only.
type texts func(*string)

func (f texts) text(s *string) { f(s) }
func (texts) num(*int)         {}
func (texts) flag(*bool)       {}
func (texts) size(n int) int   { return n }
