package sop

import (
	"slices"
)

// Summary returns what other SOPs need of this one, for a reader of many
// SOPs that has looked at each whole SOP once, as it was parsed (render;
// lint keeps less, a Brief): its path; of its fields the id, title,
// version and status and the lists that name SOPs, roles or KPIs
// (Field.Refs); of its body the headings' anchors (Level, Slug and Pos),
// the links and the comments. Each list is
// in memory of its own length. Src, Front, Body, Problems, the other
// fields, the headings' text, the sections, the placeholders and the H1
// are left out: a library of 100,000 summaries holds memory that grows
// with the number of SOPs, not their size.
func (d *Doc) Summary() *Doc {
	s := &Doc{Path: d.Path, BodyLine: d.BodyLine}
	m := &d.Meta
	s.Meta = Meta{ID: m.ID, Title: m.Title, Version: m.Version, Status: m.Status}
	for _, f := range fields {
		if f.Refs != RefNone && f.list != nil {
			from, to := f.list(m), f.list(&s.Meta)
			*to = List{Items: clip(from.Items), Pos: from.Pos, Set: from.Set}
		}
	}
	s.Markdown = Body{Links: clip(d.Markdown.Links), Comments: clip(d.Markdown.Comments)}
	if hs := d.Markdown.Headings; len(hs) > 0 {
		s.Markdown.Headings = make([]Heading, len(hs))
		for i, h := range hs {
			s.Markdown.Headings[i] = Heading{Level: h.Level, Slug: h.Slug, Pos: h.Pos}
		}
	}
	return s
}

// Summarized reports whether the Doc is a Summary, without its file's
// bytes, front-matter nodes or body: whoever reads, edits or renders an
// SOP's text needs the whole Doc.
func (d *Doc) Summarized() bool { return d.Src == nil && d.Front == nil && d.Body == nil }

// clip copies a list into memory of its own length; nil stays nil.
func clip[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// BodyOf returns the body (Doc.Body) of an SOP file that parsed, from its
// bytes, without parsing it again: for a reader that kept a Summary, read
// the file again (library.Source) and made sure it is what parsed.
func BodyOf(src []byte) []byte {
	_, _, body, _, _ := splitFile(normalize(src))
	return body
}
