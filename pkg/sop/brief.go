package sop

import (
	"iter"
	"strings"
)

// Brief is what the rules across SOPs need of one SOP (lint), kept after
// its whole Doc is dropped: its path; its id, version and status; the
// items, with their positions, of the lists that name SOPs, roles or KPIs
// (Field.Refs); its headings' anchors; its links and its comments.
//
// It is two blocks of memory that hold no pointers: its strings one after
// another, and fixed-size entries that name them by offset. A library of
// 100,000 Briefs is then some 600 bytes an SOP, and little for the garbage
// collector to scan: a Summary (a Doc) is 952 bytes before anything is
// filled in, and every string in it is a pointer the collector follows.
// The strings a Brief returns share its memory; it is never changed.
type Brief struct {
	text string
	ents []briefEnt
	// Where each kind of entry starts in ents: the fixed ones (briefPath
	// to briefStatus), then the items, the headings, the links and the
	// comments.
	heads, links, comments int32
}

// briefEnt is one string of a Brief (text[off:off+n]) and where it is.
type briefEnt struct {
	off, n    uint32
	line, col int32
	// aux is, for a fixed entry, 1 when the value is Set; for an item, its
	// field's index in the fields table; for a link, 1 for an image; for a
	// comment, its NextLine.
	aux int32
}

// The fixed entries, first in every Brief.
const (
	briefPath = iota
	briefID
	briefVersion
	briefStatus
	briefFixed
)

// Brief returns the Doc's Brief. The Doc may be whole or a Summary.
func (d *Doc) Brief() Brief {
	m := &d.Meta
	md := &d.Markdown
	size := len(d.Path) + len(m.ID.Text) + len(m.Version.Text) + len(m.Status.Text)
	count := briefFixed + len(md.Headings) + len(md.Links) + len(md.Comments)
	for _, f := range fields {
		if f.Refs != RefNone && f.list != nil {
			for _, it := range f.list(m).Items {
				size += len(it.Text)
				count++
			}
		}
	}
	for _, h := range md.Headings {
		size += len(h.Slug)
	}
	for _, l := range md.Links {
		size += len(l.Dest)
	}
	for _, c := range md.Comments {
		size += len(c.Text)
	}
	w := briefWriter{ents: make([]briefEnt, 0, count)}
	w.text.Grow(size)
	w.add(d.Path, Pos{}, 0)
	for _, v := range []*Value{&m.ID, &m.Version, &m.Status} {
		w.add(v.Text, v.Pos, b2i(v.Set))
	}
	for i, f := range fields {
		if f.Refs != RefNone && f.list != nil {
			for _, it := range f.list(m).Items {
				w.add(it.Text, it.Pos, int32(i))
			}
		}
	}
	b := Brief{heads: int32(len(w.ents))}
	for _, h := range md.Headings {
		w.add(h.Slug, Pos{}, 0)
	}
	b.links = int32(len(w.ents))
	for _, l := range md.Links {
		w.add(l.Dest, l.Pos, b2i(l.Image))
	}
	b.comments = int32(len(w.ents))
	for _, c := range md.Comments {
		w.add(c.Text, c.Pos, int32(c.NextLine))
	}
	b.text, b.ents = w.text.String(), w.ents
	return b
}

// briefWriter builds a Brief's two blocks.
type briefWriter struct {
	text strings.Builder
	ents []briefEnt
}

func (w *briefWriter) add(s string, pos Pos, aux int32) {
	w.ents = append(w.ents, briefEnt{off: uint32(w.text.Len()), n: uint32(len(s)), line: int32(pos.Line), col: int32(pos.Col), aux: aux})
	w.text.WriteString(s)
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func (b *Brief) str(e *briefEnt) string { return b.text[e.off : e.off+e.n] }

func (b *Brief) value(i int) Value {
	e := &b.ents[i]
	return Value{Text: b.str(e), Pos: Pos{Line: int(e.line), Col: int(e.col)}, Set: e.aux == 1}
}

// Path is the SOP file's path (Doc.Path).
func (b *Brief) Path() string { return b.str(&b.ents[briefPath]) }

// ID is the id field (Meta.ID).
func (b *Brief) ID() Value { return b.value(briefID) }

// Version is the version field (Meta.Version).
func (b *Brief) Version() Value { return b.value(briefVersion) }

// Status is the status field's text (Meta.Status).
func (b *Brief) Status() string { return b.str(&b.ents[briefStatus]) }

// Retired reports whether the SOP's status is retired (Meta.Retired).
func (b *Brief) Retired() bool { return b.Status() == StatusRetired }

// Items are the items of the list field named field, which must be one
// that names SOPs, roles or KPIs (Field.Refs); none for any other. Its
// items are in order, as List.Items holds them.
func (b *Brief) Items(field string) iter.Seq[Value] {
	return func(yield func(Value) bool) {
		for i := briefFixed; i < int(b.heads); i++ {
			if fields[b.ents[i].aux].Name != field {
				continue
			}
			v := b.value(i)
			v.Set = true // as every item of a list is
			if !yield(v) {
				return
			}
		}
	}
}

// HasAnchor reports whether a heading has the slug (Body.HasAnchor).
func (b *Brief) HasAnchor(slug string) bool {
	for i := b.heads; i < b.links; i++ {
		if b.str(&b.ents[i]) == slug {
			return true
		}
	}
	return false
}

// Slugs are the headings' anchors, in order.
func (b *Brief) Slugs() []string {
	var out []string
	for i := b.heads; i < b.links; i++ {
		out = append(out, b.str(&b.ents[i]))
	}
	return out
}

// NumLinks is the number of the body's links and images.
func (b *Brief) NumLinks() int { return int(b.comments - b.links) }

// Link is the body's j-th link or image (Body.Links[j]).
func (b *Brief) Link(j int) Link {
	v := b.value(int(b.links) + j)
	return Link{Dest: v.Text, Pos: v.Pos, Image: b.ents[int(b.links)+j].aux == 1}
}

// Comments are the body's comments, in order (Body.Comments).
func (b *Brief) Comments() iter.Seq[Comment] {
	return func(yield func(Comment) bool) {
		for i := int(b.comments); i < len(b.ents); i++ {
			v := b.value(i)
			if !yield(Comment{Text: v.Text, Pos: v.Pos, NextLine: int(b.ents[i].aux)}) {
				return
			}
		}
	}
}

// HasComments reports whether the body has a comment.
func (b *Brief) HasComments() bool { return int(b.comments) < len(b.ents) }
