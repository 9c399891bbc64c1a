package sop

import "strings"

// Compact returns a copy of m and md for a reader that holds many SOPs
// for a whole run (render): every text of both (the fields' values and
// items, the headings' text and slugs, the links, comments, sections and
// parameter citations) in one string, and each list in memory of its own
// length, md.H1 pointing into the copy's headings. Parsed, an SOP's texts
// are some fifty small strings, each a block of memory of its own that
// the garbage collector visits; compact, they are one. Neither m nor md
// is changed, and the copy shares no memory with them.
func Compact(m *Meta, md *Body) (Meta, Body) {
	cm, cb := *m, *md
	for _, f := range fields {
		if f.list != nil {
			l := f.list(&cm)
			l.Items = clip(l.Items)
		}
	}
	h1 := -1
	for i := range md.Headings {
		if md.H1 == &md.Headings[i] {
			h1 = i
		}
	}
	cb.Headings, cb.Sections, cb.Links = clip(md.Headings), clip(md.Sections), clip(md.Links)
	cb.Placeholders, cb.Comments, cb.Params = clip(md.Placeholders), clip(md.Comments), clip(md.Params)
	var own *Heading // an H1 that is not one of its headings: a copy of its own
	switch {
	case h1 >= 0:
		cb.H1 = &cb.Headings[h1]
	case md.H1 != nil:
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

// eachText calls f with each text of m and md, and of own (md's H1 when
// it is not one of its headings), always in the same order.
func eachText(m *Meta, md *Body, own *Heading, f func(*string)) {
	for _, fd := range fields {
		if fd.scalar != nil {
			f(&fd.scalar(m).Text)
			continue
		}
		items := fd.list(m).Items
		for i := range items {
			f(&items[i].Text)
		}
	}
	heading := func(h *Heading) { f(&h.Text); f(&h.Slug) }
	for i := range md.Headings {
		heading(&md.Headings[i])
	}
	if own != nil {
		heading(own)
	}
	for i := range md.Sections {
		heading(&md.Sections[i].Heading)
	}
	for i := range md.Links {
		f(&md.Links[i].Dest)
	}
	for i := range md.Comments {
		f(&md.Comments[i].Text)
	}
	for i := range md.Params {
		f(&md.Params[i].ID)
	}
}
