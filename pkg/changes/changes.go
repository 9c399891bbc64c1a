// Package changes compares two revisions of a library's SOPs (sopctl
// diff): which SOPs were added, removed or modified, with their versions,
// statuses and the level-2 sections whose text changed. It reads only the
// files the caller names as changed, so that comparing revisions of a
// large library costs what changed, not the library's size.
package changes

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The kinds of Change. Retiring and approving an SOP are Modified, with
// the statuses showing it.
const (
	Added    = "added"
	Removed  = "removed"
	Modified = "modified"
)

// Side is one revision of the library: its config (nil when the library
// did not exist then) and the files that changed, by slash path from the
// library's folder. Files that are not SOPs under Config are ignored.
type Side struct {
	Config *library.Config
	Files  map[string][]byte
}

// Change is what happened to one SOP; a side where the SOP is absent has
// empty strings.
type Change struct {
	ID, Title, Change                            string
	FromVersion, ToVersion, FromStatus, ToStatus string
	// Sections are the level-2 headings whose text changed: the new
	// side's order, then the headings only the old side has. An added or
	// removed SOP lists all of its sections.
	Sections []string
	// Roles are the SOP's roles on the new side, then those only the old
	// side had.
	Roles []string
}

// version is one SOP on one side.
type version struct {
	src []byte
	doc *sop.Doc // nil when the file does not parse
}

// Compare returns the changes from one side to the other, sorted by id.
// SOPs are matched by id, so a file renamed with its id kept is one SOP;
// a file whose bytes did not change is not listed.
func Compare(from, to Side) []Change {
	old, cur := sops(from), sops(to)
	var out []Change
	for id, n := range cur {
		o, had := old[id]
		switch {
		case !had:
			out = append(out, describe(id, version{}, n, Added))
		case !bytes.Equal(o.src, n.src):
			out = append(out, describe(id, o, n, Modified))
		}
	}
	for id, o := range old {
		if _, ok := cur[id]; !ok {
			out = append(out, describe(id, o, version{}, Removed))
		}
	}
	slices.SortFunc(out, func(a, b Change) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// sops parses a side's SOP files, by id; a file that does not parse goes
// by its name's stem. Of files sharing an id, the first by path keeps it
// (SPEC 8).
func sops(s Side) map[string]version {
	m := map[string]version{}
	if s.Config == nil {
		return m
	}
	paths := make([]string, 0, len(s.Files))
	for p := range s.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	paths = slices.DeleteFunc(paths, func(p string) bool { return !s.IsSOP(p) })
	docs := make([]*sop.Doc, len(paths))
	parallel.For(len(paths), func(i int) { docs[i] = parse(paths[i], s.Files[paths[i]], s.Config.MaxFileKB) })
	for i, p := range paths {
		v := version{src: s.Files[p], doc: docs[i]}
		id := strings.TrimSuffix(path.Base(p), ".md")
		if v.doc != nil && v.doc.Meta.ID.Text != "" {
			id = v.doc.Meta.ID.Text
		}
		if _, taken := m[id]; !taken {
			m[id] = v
		}
	}
	return m
}

// parse parses an SOP file; nil when it does not parse or is over
// max_file_kb, which Load refuses unparsed.
func parse(p string, src []byte, maxKB int) *sop.Doc {
	if len(src) > maxKB*1024 {
		return nil
	}
	d, err := sop.Parse(p, src)
	if err != nil {
		return nil
	}
	return d
}

// IsSOP reports whether a path from the library's folder is an SOP file
// on this side: inside sops_dir, and an SOP by name and exclude globs.
func (s Side) IsSOP(p string) bool {
	cfg := s.Config
	if cfg == nil {
		return false
	}
	rel := p
	if cfg.SOPsDir != "." {
		var ok bool
		if rel, ok = strings.CutPrefix(p, cfg.SOPsDir+"/"); !ok {
			return false
		}
	}
	return cfg.IsSOP(rel)
}

// describe fills in a change from the SOP's old and new versions (a
// missing side is the zero version).
func describe(id string, o, n version, kind string) Change {
	c := Change{ID: id, Change: kind, Sections: []string{}, Roles: []string{}}
	if n.doc != nil {
		m := n.doc.Meta
		c.Title, c.ToVersion, c.ToStatus = m.Title.Text, m.Version.Text, m.Status.Text
		c.Roles = append(c.Roles, m.Roles.Strings()...)
	}
	if o.doc != nil {
		m := o.doc.Meta
		c.FromVersion, c.FromStatus = m.Version.Text, m.Status.Text
		if c.Title == "" {
			c.Title = m.Title.Text
		}
		for _, r := range m.Roles.Strings() {
			if !slices.Contains(c.Roles, r) {
				c.Roles = append(c.Roles, r)
			}
		}
	}
	c.Sections = ChangedSections(o.doc, n.doc)
	return c
}

// HasRole reports whether the SOP has the role on either side.
func (c Change) HasRole(role string) bool { return slices.Contains(c.Roles, role) }
