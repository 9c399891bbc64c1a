package render

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
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

// byTitle orders pages by title, case-insensitively, then by id: by
// their titleRank when both have one (pages of one Build).
func byTitle(a, b *Page) int {
	if a.titleRank > 0 && b.titleRank > 0 {
		return cmp.Compare(a.titleRank, b.titleRank)
	}
	return cmp.Or(compareLower(a.Title, b.Title), strings.Compare(a.ID, b.ID))
}

// rankByTitle numbers the pages 1, 2, ... in byTitle's order (their
// titleRank), so that the many sorts by title that follow (each role's
// reading order, each book, each KPI's list) compare two numbers: each
// comparison of titles cost about 40 ns, and those sorts a third of
// Build at 10,000 SOPs. The titles are put in lower case once, each:
// strings.Compare of those is compareLower's order.
func rankByTitle(pages []*Page) {
	type titled struct {
		lower string
		p     *Page
	}
	keys := make([]titled, len(pages))
	for i, p := range pages {
		keys[i] = titled{strings.ToLower(p.Title), p}
	}
	slices.SortFunc(keys, func(a, b titled) int {
		return cmp.Or(strings.Compare(a.lower, b.lower), strings.Compare(a.p.ID, b.p.ID))
	})
	for i, k := range keys {
		k.p.titleRank = i + 1
	}
}

// compareLower is strings.Compare(strings.ToLower(a), strings.ToLower(b))
// without the lower-case copies, which sorting 10,000 titles made twice
// for each of over 100,000 comparisons. It compares rune by rune, which
// orders as the bytes of UTF-8 do; strings.ToLower writes a byte that is
// not UTF-8 as U+FFFD, the rune utf8 decodes it as.
func compareLower(a, b string) int {
	for a != "" && b != "" {
		ra, na := lowerRune(a)
		rb, nb := lowerRune(b)
		if ra != rb {
			return cmp.Compare(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// lowerRune is the first rune of s in lower case, and its width in s.
func lowerRune(s string) (rune, int) {
	if c := s[0]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(s)
	return unicode.ToLower(r), n
}
