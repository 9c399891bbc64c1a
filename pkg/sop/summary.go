package sop

import "slices"

// Summary returns what the SOP is to a command that reads no SOP's text
// (lint): its path, its typed fields and their problems, and its Markdown
// summary (headings and anchors, sections, links, placeholders, comments),
// each list in memory of its own length; Src, Front and Body are left out.
// A library of 100,000 SOPs holds summaries in memory that grows with the
// number of SOPs, not their size: the file's bytes and the front matter's
// node tree are most of a Doc, and the parser's lists have room to spare.
func (d *Doc) Summary() *Doc {
	s := &Doc{Path: d.Path, BodyLine: d.BodyLine, Meta: d.Meta, Problems: clip(d.Problems)}
	for _, l := range []*List{&s.Meta.Roles, &s.Meta.Channels, &s.Meta.Related, &s.Meta.KPIs, &s.Meta.Supersedes, &s.Meta.Tags} {
		l.Items = clip(l.Items)
	}
	m := &d.Markdown
	s.Markdown = Body{Headings: clip(m.Headings), Sections: clip(m.Sections), Links: clip(m.Links),
		Placeholders: clip(m.Placeholders), Comments: clip(m.Comments)}
	for i := range m.Headings {
		if m.H1 == &m.Headings[i] {
			s.Markdown.H1 = &s.Markdown.Headings[i]
		}
	}
	return s
}

// Summarized reports whether the Doc is a Summary, without its file's
// bytes, front-matter nodes or body: whoever edits or renders an SOP needs
// the whole Doc.
func (d *Doc) Summarized() bool { return d.Src == nil && d.Front == nil && d.Body == nil }

// clip copies a list into memory of its own length; nil stays nil.
func clip[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}
