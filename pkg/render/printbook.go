package render

import (
	"slices"
	"strings"
)

// ByTitle returns the pages ordered by title, case-insensitive, ties by
// id: the order readers find SOPs in within a role.
func ByTitle(ps []*Page) []*Page {
	out := slices.Clone(ps)
	slices.SortFunc(out, byTitle)
	return out
}

// Book is the printable handbook of one role, or of the SOPs of no known
// role: the role's SOPs in full, ordered by title, at most MaxSOPs to a
// file, continuing on further files.
//
// A printed handbook is for doing the work, so it prints the SOPs in force
// and the drafts (marked as such), and only lists the retired ones, as
// navigation skips them. Over handbook_max_sops (a library whose one-page
// handbook links the role handbooks), a book prints in full only the SOPs
// whose first role is its own, and lists its others, printed in their
// first role's book, in Elsewhere: an SOP of three roles would otherwise
// be printed three times, and SPEC section 6 holds the bundle of a
// 10,000-SOP library under three times the library's size. Under it every
// book holds all its role's SOPs but the retired.
type Book struct {
	Role      *Role
	SOPs      []*Page  // the SOPs it prints, ordered by title
	Elsewhere []*Page  // the role's SOPs in force that it does not print, ordered by title
	Retired   []*Page  // the role's retired SOPs, listed, not printed, ordered by title
	Parts     [][2]int // the SOPs of each file, as [start, end) ranges of SOPs
	part      map[*Page]int
}

// Base is the name of the book's first file, without extension:
// roles/<id>-handbook (roles/_other-handbook for the SOPs of no known role,
// a name no role's can be).
func (b *Book) Base() string { return "roles/" + b.Role.ID + "-handbook" }

// File is the name of part i (from 0) of the book, with extension ext.
func (b *Book) File(i int, ext string) string { return PageName(b.Base(), i, ext) }

// Part is the part of the book that prints p; false when p is not in it.
func (b *Book) Part(p *Page) (int, bool) {
	i, ok := b.part[p]
	return i, ok
}

// PartSOPs are the SOPs of part i.
func (b *Book) PartSOPs(i int) []*Page { return b.SOPs[b.Parts[i][0]:b.Parts[i][1]] }

// Books are the printable handbooks, one per group of Roles, in its order.
func (h *Handbook) Books() []*Book { return h.books }

// BooksOf are the books that print p: its roles', else the one of the
// SOPs of no known role; over MaxSOPs only its Home; none when p is
// retired.
func (h *Handbook) BooksOf(p *Page) []*Book { return h.booksOf[p] }

// Home is the book of p's first role (or of the SOPs of no known role):
// where the one-page handbook prints p in full, the other roles' contents
// linking to it there, and where mdBook's table of contents lists it.
func (h *Handbook) Home(p *Page) *Book { return h.home[p] }

// OnePage says whether the one-page handbook holds every SOP in force; over
// MaxSOPs it links the role handbooks instead.
func (h *Handbook) OnePage() bool { return len(h.SOPs) <= h.MaxSOPs }

// OnePagePrints says whether the one-page handbook prints p: under MaxSOPs,
// every SOP but the retired.
func (h *Handbook) OnePagePrints(p *Page) bool { return h.OnePage() && !p.Doc.Meta.Retired() }

// makeBooks plans the printable handbooks of the grouped roles.
func (h *Handbook) makeBooks() {
	h.books = make([]*Book, len(h.Roles))
	byRole := make(map[*Role]*Book, len(h.Roles))
	for i, r := range h.Roles {
		h.books[i] = &Book{Role: r}
		byRole[r] = h.books[i]
	}
	h.home = make(map[*Page]*Book, len(h.SOPs))
	h.booksOf = make(map[*Page][]*Book, len(h.SOPs))
	for _, p := range h.SOPs {
		h.home[p] = h.books[len(h.books)-1] // the group of no known role comes last
		if len(p.Roles) > 0 {
			h.home[p] = byRole[p.Roles[0]]
		}
		switch {
		case p.Doc.Meta.Retired():
		case !h.OnePage():
			h.booksOf[p] = []*Book{h.home[p]} // printed once, in its first role's book
		case len(p.Roles) == 0:
			h.booksOf[p] = []*Book{h.home[p]}
		default:
			for _, r := range p.Roles {
				h.booksOf[p] = append(h.booksOf[p], byRole[r])
			}
		}
	}
	for _, b := range h.books {
		for _, p := range ByTitle(b.Role.SOPs) {
			switch {
			case h.BookIndex(p, b) >= 0:
				b.SOPs = append(b.SOPs, p)
			case p.Doc.Meta.Retired():
				b.Retired = append(b.Retired, p)
			default:
				b.Elsewhere = append(b.Elsewhere, p)
			}
		}
		b.Parts = Chunks(len(b.SOPs), h.MaxSOPs)
		b.part = make(map[*Page]int, len(b.SOPs))
		for j, part := range b.Parts {
			for _, p := range b.SOPs[part[0]:part[1]] {
				b.part[p] = j
			}
		}
	}
}

// Index is the place of p in SOPs (sorted by id), where the writers keep
// what they render of each SOP.
func (h *Handbook) Index(p *Page) int {
	i, _ := slices.BinarySearchFunc(h.SOPs, p.ID, func(q *Page, id string) int { return strings.Compare(q.ID, id) })
	return i
}

// BookIndex is the place of b among the books of p (BooksOf); -1 when b
// does not print p.
func (h *Handbook) BookIndex(p *Page, b *Book) int { return slices.Index(h.booksOf[p], b) }

// OnePageSplit splits b's SOPs as the one-page handbook shows them under
// b's role: those it prints there (whose first role is b's) and those it
// prints under another role and only lists here.
func (h *Handbook) OnePageSplit(b *Book) (printed, elsewhere []*Page) {
	for _, p := range b.SOPs {
		if h.Home(p) == b {
			printed = append(printed, p)
		} else {
			elsewhere = append(elsewhere, p)
		}
	}
	return printed, elsewhere
}
