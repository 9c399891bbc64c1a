package library

import (
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/sopctl/sopctl/pkg/sop"
)

// A library's SOPs are its Docs or, loaded by LoadBriefs, its Briefs, both
// sorted by path; an SOP is named by its index in that order, which the
// indexes hold instead of pointers.

// briefs are a library's Briefs: loaded (LoadBriefs), or made from its
// Docs the first time Briefs is called.
type briefs struct {
	once sync.Once
	list []sop.Brief
}

// Briefs returns the Brief of every SOP that parsed, in the order of Docs
// (by path): those loaded (LoadBriefs), else made once from the Docs.
// Safe for concurrent use.
func (l *Library) Briefs() []sop.Brief {
	l.briefs.once.Do(func() {
		if l.mode.briefs {
			return
		}
		l.briefs.list = make([]sop.Brief, len(l.Docs))
		for i, d := range l.Docs {
			l.briefs.list[i] = d.Brief()
		}
	})
	return l.briefs.list
}

// count is the number of SOPs that parsed.
func (l *Library) count() int {
	if l.mode.briefs {
		return len(l.briefs.list)
	}
	return len(l.Docs)
}

// pathAt is the path of the i-th SOP.
func (l *Library) pathAt(i int) string {
	if l.mode.briefs {
		return l.briefs.list[i].Path()
	}
	return l.Docs[i].Path
}

func (l *Library) idAt(i int) string {
	if l.mode.briefs {
		return l.briefs.list[i].ID().Text
	}
	return l.Docs[i].Meta.ID.Text
}

// anchors are what says whether an SOP has a heading anchor.
type anchors interface{ HasAnchor(slug string) bool }

func (l *Library) anchorsAt(i int) anchors {
	if l.mode.briefs {
		return &l.briefs.list[i]
	}
	return &l.Docs[i].Markdown
}

// keep adds the i-th SOP of old (Reload).
func (l *Library) keep(old *Library, i int) {
	if l.mode.briefs {
		l.briefs.list = append(l.briefs.list, old.briefs.list[i])
	} else {
		l.Docs = append(l.Docs, old.Docs[i])
	}
}

// sort puts the SOPs and Failed in order of path.
func (l *Library) sort() {
	if l.mode.briefs {
		slices.SortFunc(l.briefs.list, func(a, b sop.Brief) int { return strings.Compare(a.Path(), b.Path()) })
	} else {
		slices.SortFunc(l.Docs, func(a, b *sop.Doc) int { return strings.Compare(a.Path, b.Path) })
	}
	slices.SortFunc(l.Failed, func(a, b *sop.Error) int { return strings.Compare(a.Path, b.Path) })
}

// find returns the index of the SOP at a path.
func (l *Library) find(p string) (int, bool) {
	return sort.Find(l.count(), func(i int) int { return strings.Compare(p, l.pathAt(i)) })
}

// idIndex holds each id's SOPs, in the walk's order (which is not always
// the order of paths): their indexes, one after another, in one slice,
// and where each id's run of them is.
type idIndex struct {
	runs  map[string]idRun
	order []int32
}

type idRun struct{ off, n int32 }

// index fills ids, each id's SOPs in the walk's order (paths).
func (l *Library) index(paths []string) {
	var found []int32 // the SOPs that have an id, in the walk's order
	// The walk's order is the paths' order but where a name sorts before
	// a folder of the same prefix (x-y/ < x/), so the SOP after the last
	// one found is tried before a binary search (0.39 s of one core at
	// 100k, while the other waited).
	after := 0
	for _, p := range paths {
		i, ok := after, after < l.count() && l.pathAt(after) == p
		if !ok {
			i, ok = l.find(p)
		}
		if !ok {
			continue // it failed to parse
		}
		after = i + 1
		if l.idAt(i) != "" {
			found = append(found, int32(i))
		}
	}
	runs := make(map[string]idRun, len(found))
	for _, i := range found {
		r, ok := runs[l.idAt(int(i))]
		if !ok {
			r.off = -1
		}
		r.n++
		runs[l.idAt(int(i))] = r
	}
	order := make([]int32, len(found))
	next := int32(0)
	for _, i := range found {
		id := l.idAt(int(i))
		r := runs[id]
		if r.off < 0 {
			r.off, r.n, next = next, 0, next+r.n
		}
		order[r.off+r.n] = i
		r.n++
		runs[id] = r
	}
	l.ids = idIndex{runs: runs, order: order}
}

// IndexesOf returns the indexes (in Docs, or Briefs) of the SOPs with an
// id, more than one when ids clash, in the order the library's folders
// list them.
func (l *Library) IndexesOf(id string) []int32 {
	r := l.ids.runs[id]
	return l.ids.order[r.off : r.off+r.n : r.off+r.n]
}

// Lookup returns the SOPs with an id (more than one when ids clash); none
// in a library of Briefs (IndexesOf).
func (l *Library) Lookup(id string) []*sop.Doc {
	if l.mode.briefs {
		return nil
	}
	var out []*sop.Doc
	for _, i := range l.IndexesOf(id) {
		out = append(out, l.Docs[i])
	}
	return out
}

// SourceAt is Source of the i-th SOP (in Docs, or Briefs).
func (l *Library) SourceAt(i int) ([]byte, error) {
	if l.mode.briefs {
		return l.readSOP(l.briefs.list[i].Path())
	}
	return l.Source(l.Docs[i])
}
