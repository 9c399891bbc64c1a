package render

import (
	"cmp"
	"slices"
	"strings"
)

// Reading order: within each role, a reader steps from SOP to SOP by
// title (SPEC section 8), so the handbook links each page to the SOPs
// before and after it in its first role; retired SOPs keep their pages
// but are left out of the way through.

// ReadingOrder lists the SOPs of a role that a reader steps through: by
// title, case-insensitively (ties by id), retired ones left out.
func (r *Role) ReadingOrder() []*Page { return r.reading }

// linkNeighbours orders each role's SOPs for reading and gives every
// page that is not retired its Prev and Next within its first role, or
// within Unassigned when it has no known role.
func (h *Handbook) linkNeighbours() {
	for _, r := range h.Roles {
		r.reading = make([]*Page, 0, len(r.SOPs))
		for _, p := range r.SOPs {
			if !p.Doc.Meta.Retired() {
				r.reading = append(r.reading, p)
			}
		}
		slices.SortFunc(r.reading, byTitle)
		for i, p := range r.reading {
			if first := p.firstRole(); first != r && !(first == nil && r.Other) {
				continue
			}
			if i > 0 {
				p.Prev = r.reading[i-1]
			}
			if i+1 < len(r.reading) {
				p.Next = r.reading[i+1]
			}
		}
	}
}

// firstRole is the first known role the SOP lists, nil when none.
func (p *Page) firstRole() *Role {
	if len(p.Roles) == 0 {
		return nil
	}
	return p.Roles[0]
}

// byTitle orders pages by title, case-insensitively, then by id.
func byTitle(a, b *Page) int {
	return cmp.Or(strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), strings.Compare(a.ID, b.ID))
}
