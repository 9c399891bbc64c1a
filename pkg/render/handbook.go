// Package render publishes a library as a handbook. Build resolves the
// in-memory library once into a Handbook (SOPs, roles, links and
// backlinks, review dates, revision history, each SOP's previous and next
// in its role's reading order, the printable handbooks' Books, the KPIs
// with the SOPs citing them): the model,
// which knows nothing of any output format. The writers in its
// sub-packages turn a Handbook into a bundle of files written through an
// Output (html, markdown), or one SOP's page into terminal text (term). A
// Stage is the
// Output that builds the bundle's folder beside its target and swaps it
// in atomically; Write does the same for files held in memory. A Stage
// into a folder it rendered before reuses the files whose key (keys.go:
// a hash of what the file is made from) the previous render's manifest
// lists unchanged (manifest.go, reuse.go): the incremental render. CopyFiles
// adds the library files that SOP bodies link to (images, PDF forms) under
// files/, CopyStatic the library's own files (static_dir). Built
// WithSources, the Handbook holds summaries, not documents (sources.go):
// Body reads an SOP's file again, refusing one that changed; a Stage's
// Spool holds what a writer needs again only at the end, and its Stream
// writes a file as it is made (spool.go).
package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Handbook is a library resolved for publishing.
type Handbook struct {
	Title, Organization string
	SOPs                []*Page // sorted by id
	Roles               []*Role // roles with SOPs, sorted by title; then Unassigned
	// MaxSOPs is handbook_max_sops: the most SOPs one printable handbook
	// page holds.
	MaxSOPs int
	// KPIs are sopctl.yaml's, in its order (kpis.go).
	KPIs []*KPI
	// LeftOut names the SOPs that parsed but are not published, and why:
	// an id another file has (the first file by path keeps it, SPEC 8),
	// or neither an id nor a file name that is a valid id.
	LeftOut []Warning
	// Statuses are the statuses a status filter publishes (render
	// --status; see OnlyStatuses), nil for every status; Filtered counts
	// the SOPs it leaves out.
	Statuses []string
	Filtered int
	byID     map[string]*Page
	byPath   map[string]*Page
	kpiByID  map[string]*KPI
	filtered map[string]string      // SOP file -> its status, for the SOPs the status filter leaves out
	files    map[string]*linkedFile // library path -> a file bodies link to (crossReference)
	lib      *library.Library
	books    []*Book                 // printbook.go
	booksOf  map[*Page][]*Book       // printbook.go
	home     map[*Page]*Book         // printbook.go
	anchors  map[pageAnchor]struct{} // the heading slugs of each SOP that body links name (LinkedAnchor)
	// roleTitles are Build's known roles, and keys the incremental
	// render's keys of the handbook's files (keys.go).
	roleTitles map[string]string
	sources    *Sources // WithSources: the Docs are summaries whose files are read again
	keys       keys
}

// Page is one SOP of the handbook.
type Page struct {
	Doc          *sop.Doc
	ID, Title    string
	Related      []*Page // related: entries that resolve
	ReferencedBy []*Page // SOPs that relate to, supersede or link to this one
	Supersedes   []*Page
	SupersededBy []*Page
	Roles        []*Role
	// NextReview is when the SOP is next due for review ("" when it has no
	// review or effective date, or is retired); DaysToReview counts the
	// days from the build's today to it, and Overdue says it has passed.
	NextReview   string
	DaysToReview int
	Overdue      bool
	History      []gitlog.Revision // newest first
	// EditURL is the page's edit_url address, "" when there is none.
	EditURL string
	// Prev and Next are the SOPs before and after this one in its first
	// role's ReadingOrder (nil at either end, and for a retired SOP).
	Prev, Next *Page
	titleRank  int // the page's place by title among the Build's (rankByTitle); 0 outside one
	// linkWarnings are LinkWarnings' when linksWarned (crossReference).
	linkWarnings []Warning
	linksWarned  bool
}

// LastUpdated is the date of the newest commit that changed the SOP's
// file; false when the history has none.
func (p *Page) LastUpdated() (time.Time, bool) {
	if len(p.History) == 0 {
		return time.Time{}, false
	}
	return p.History[0].Date, true
}

// Role groups the SOPs of one role.
type Role struct {
	ID, Title string
	SOPs      []*Page
	// Other marks the group of SOPs that list no known role; it has no
	// page of its own.
	Other   bool
	reading []*Page // ReadingOrder
}

// Unassigned is the id of the group of SOPs that list no known role. It
// starts with "_", which no role id can.
const Unassigned = "_other"

// BuildOption changes what Build publishes.
type BuildOption func(*Handbook)

// OnlyStatuses publishes only the SOPs whose status is one of statuses
// (render --status): the others have no page, appear in no list, and a
// link to one is plain text with a warning naming the filter. None: every
// status.
func OnlyStatuses(statuses ...string) BuildOption {
	return func(h *Handbook) {
		if len(statuses) > 0 {
			h.Statuses = slices.Clone(statuses)
		}
	}
}

// Build resolves the library. roleTitles names the known roles (templates
// and sopctl.yaml); history may be empty.
func Build(lib *library.Library, roleTitles map[string]string, history gitlog.History, now time.Time, opts ...BuildOption) *Handbook {
	h := &Handbook{Title: lib.Config.Title, Organization: lib.Config.Organization, MaxSOPs: lib.Config.HandbookMaxSOPs,
		byID: map[string]*Page{}, byPath: map[string]*Page{}, filtered: map[string]string{}, files: map[string]*linkedFile{}, lib: lib, roleTitles: roleTitles}
	for _, o := range opts {
		o(h)
	}
	if h.Title == "" {
		h.Title = "SOP Handbook"
	}
	if h.MaxSOPs < 1 { // a Config not made by ParseConfig
		h.MaxSOPs = library.DefaultHandbookMaxSOPs
	}
	h.addPages(lib.Docs, history)
	rankByTitle(h.SOPs)
	h.crossReference()
	h.groupByRole(roleTitles)
	h.makeBooks()
	h.linkNeighbours()
	h.addKPIs(lib.Config.KPIs)
	for _, p := range h.SOPs {
		if r, ok := p.Doc.Meta.NextReview(lib.Config.ReviewCycleDays, now); ok {
			p.NextReview, p.DaysToReview, p.Overdue = r.Due, r.Days, r.Overdue()
		}
	}
	return h
}

// Standalone is the page of an SOP outside any handbook: its id and title
// as Build gives them, with no links, roles, review date or history.
// Its ID is "" when neither the SOP's id nor its file name is a valid id.
func Standalone(d *sop.Doc) *Page {
	p := &Page{Doc: d, ID: pageID(d), Title: strings.TrimSpace(d.Meta.Title.Text)}
	if p.Title == "" {
		p.Title = p.ID
	}
	return p
}

// View is the page of one SOP for a writer that shows it alone (term):
// its page in the handbook, or, when the handbook leaves it out, a
// Standalone one.
func (h *Handbook) View(d *sop.Doc) *Page {
	if p := h.byPath[d.Path]; p != nil && p.Doc == d {
		return p
	}
	return Standalone(d)
}

// addPages makes the pages of the SOPs that can be published, sorted by
// id, and names the others in LeftOut.
func (h *Handbook) addPages(docs []*sop.Doc, history gitlog.History) {
	taken := map[string]bool{} // ids, also of the SOPs the status filter leaves out
	shared := false            // an id by two SOPs
	for _, d := range docs {
		// The id names the page's file: an invalid one (lint reports it)
		// gives way to the file name, and a file whose name is no valid id
		// either is left out rather than written somewhere unexpected.
		p := Standalone(d)
		p.History = history[d.Path]
		p.EditURL = h.lib.Config.EditLink(d.Path)
		if p.ID == "" {
			h.LeftOut = append(h.LeftOut, Warning{d.Path, idPos(d),
				"left out of the handbook: neither its id nor its file name is a valid id; use " + sop.IDRule})
			continue
		}
		if taken[p.ID] {
			shared = true
			continue // the first by path keeps the id; duplicates names the others
		}
		taken[p.ID] = true
		if status := d.Meta.Status.Text; h.Statuses != nil && !slices.Contains(h.Statuses, status) {
			h.filtered[d.Path] = status
			h.Filtered++
			continue
		}
		h.SOPs = append(h.SOPs, p)
		h.byID[p.ID] = p
		h.byPath[d.Path] = p
	}
	if shared { // else duplicates finds none, for a second pageID of each SOP
		h.LeftOut = append(h.LeftOut, duplicates(docs, h.filtered)...)
	}
	slices.SortFunc(h.LeftOut, func(a, b Warning) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(h.SOPs, func(a, b *Page) int { return strings.Compare(a.ID, b.ID) })
}

// crossReference resolves each SOP's related and supersedes entries and
// the links of its body, and gives every SOP its backlinks. It decides,
// once per library path, whether each file a body links to that is not
// an SOP is copied (checkFile).
func (h *Handbook) crossReference() {
	// A page's references are all made while its SOP is read: one that
	// refers to another twice is the last of the other's backlinks.
	refer := func(from, to *Page) {
		if from == to || to == nil {
			return
		}
		if n := len(to.ReferencedBy); n == 0 || to.ReferencedBy[n-1] != from {
			to.ReferencedBy = append(to.ReferencedBy, from)
		}
	}
	// Resolving the links is most of the work, and each is resolved alone
	// (ResolveLink is safe for concurrent use): in parallel, before the
	// references are made in page order.
	resolved := make([][]library.Link, len(h.SOPs))
	parallel.For(len(h.SOPs), func(i int) {
		d := h.SOPs[i].Doc
		if len(d.Markdown.Links) == 0 {
			return
		}
		rs := make([]library.Link, len(d.Markdown.Links))
		for j, l := range d.Markdown.Links {
			rs[j] = h.lib.ResolveLink(d, l.Dest)
		}
		resolved[i] = rs
	})
	for i, p := range h.SOPs {
		m := p.Doc.Meta
		for _, id := range m.Related.Strings() {
			if t := h.byID[id]; t != nil && t != p {
				p.Related = append(p.Related, t)
				refer(p, t)
			}
		}
		for _, id := range m.Supersedes.Strings() {
			if t := h.byID[id]; t != nil && t != p {
				p.Supersedes = append(p.Supersedes, t)
				t.SupersededBy = append(t.SupersededBy, p)
				refer(p, t)
			}
		}
		for j, l := range p.Doc.Markdown.Links {
			r := resolved[i][j] // once per link: the files first, which classify needs
			if isFile(r) && h.files[r.Path] == nil {
				h.files[r.Path] = h.checkFile(r.Path)
			}
			kind, t, anchor, reason := h.classifyLink(r)
			p.linkWarnings = appendLinkWarning(p.linkWarnings, p, l, r, kind, reason)
			if kind == LinkSOP && anchor != "" {
				h.linkAnchor(t, anchor)
			}
			if kind == LinkSOP && !l.Image {
				refer(p, t)
			}
		}
		p.linksWarned = true
	}
	for _, p := range h.SOPs {
		slices.SortFunc(p.ReferencedBy, func(a, b *Page) int { return strings.Compare(a.ID, b.ID) })
		slices.SortFunc(p.SupersededBy, func(a, b *Page) int { return strings.Compare(a.ID, b.ID) })
	}
}

// groupByRole groups the SOPs by their known roles, sorted by title, then
// the SOPs of no known role under Unassigned.
func (h *Handbook) groupByRole(roleTitles map[string]string) {
	roles := map[string]*Role{}
	for _, p := range h.SOPs {
		for _, id := range p.Doc.Meta.Roles.Strings() {
			title, known := roleTitles[id]
			if !known {
				continue
			}
			r := roles[id]
			if r == nil {
				r = &Role{ID: id, Title: title}
				roles[id] = r
			}
			// An SOP that lists a role twice is its last SOP already: a
			// search of the role's list was quadratic in its size.
			if n := len(r.SOPs); n == 0 || r.SOPs[n-1] != p {
				r.SOPs = append(r.SOPs, p)
				p.Roles = append(p.Roles, r)
			}
		}
	}
	for _, r := range roles {
		h.Roles = append(h.Roles, r)
	}
	slices.SortFunc(h.Roles, func(a, b *Role) int { return cmp.Or(strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID)) })
	var other []*Page
	for _, p := range h.SOPs {
		if len(p.Roles) == 0 {
			other = append(other, p)
		}
	}
	if len(other) > 0 {
		h.Roles = append(h.Roles, &Role{ID: Unassigned, Title: "Other procedures", SOPs: other, Other: true})
	}
}

// duplicates names each file left out because an earlier file by path
// has its id, with every file that shares the id and which one keeps it:
// published, unless the status filter leaves it out (filtered: file ->
// status). docs are sorted by path.
func duplicates(docs []*sop.Doc, filtered map[string]string) []Warning {
	byID := map[string][]*sop.Doc{}
	var ids []string
	for _, d := range docs {
		id := pageID(d)
		if id == "" {
			continue
		}
		if byID[id] == nil {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], d)
	}
	var out []Warning
	for _, id := range ids {
		group := byID[id]
		if len(group) < 2 {
			continue
		}
		var paths []string
		for _, d := range group {
			paths = append(paths, d.Path)
		}
		kept := "is published"
		if status, ok := filtered[group[0].Path]; ok {
			kept = fmt.Sprintf("keeps it (and is not published: the status filter leaves out its status %q)", status)
		}
		for _, d := range group[1:] {
			out = append(out, Warning{d.Path, idPos(d), fmt.Sprintf(
				"left out of the handbook: the id %q is shared by %s; only %s, the first by path, %s: give each SOP its own id",
				id, strings.Join(paths, ", "), group[0].Path, kept)})
		}
	}
	return out
}

// idPos is where a warning about an SOP's id points: the id, else line 1.
func idPos(d *sop.Doc) sop.Pos {
	if d.Meta.ID.Pos.Line < 1 {
		return sop.Pos{Line: 1, Col: 1}
	}
	return d.Meta.ID.Pos
}

// pageID is the id an SOP's page is published under: its id, else, when
// that is invalid, its file name; "" when neither is a valid id.
func pageID(d *sop.Doc) string {
	for _, id := range []string{d.Meta.ID.Text, strings.TrimSuffix(d.Path[strings.LastIndexByte(d.Path, '/')+1:], ".md")} {
		if sop.ValidID(id) {
			return id
		}
	}
	return ""
}

// Page returns the SOP with an id.
func (h *Handbook) Page(id string) (*Page, bool) {
	p, ok := h.byID[id]
	return p, ok
}

// Due lists the SOPs whose review is overdue or falls within a number of
// days of the build's today, soonest first.
func (h *Handbook) Due(within int) []*Page {
	var out []*Page
	for _, p := range h.SOPs {
		if p.NextReview != "" && p.DaysToReview <= within {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return cmp.Compare(a.DaysToReview, b.DaysToReview) })
	return out
}

// titleSlug is the anchor of the body's H1 when it repeats the title
// (sop.Body.TitleHeading): the bundles show the title in its place, so a
// link to it goes to the top.
func (p *Page) titleSlug() string {
	if h, repeats := p.Doc.Markdown.TitleHeading(p.Title); repeats {
		return h.Slug
	}
	return ""
}

// pageAnchor is a heading slug of a page. One map of them, not a map of
// slugs for each page: at 100k SOPs the maps of one or two slugs each
// were 19 MB.
type pageAnchor struct {
	p    *Page
	slug string
}

// linkAnchor records that a body link names the heading slug of p.
func (h *Handbook) linkAnchor(p *Page, slug string) {
	if h.anchors == nil {
		h.anchors = map[pageAnchor]struct{}{}
	}
	h.anchors[pageAnchor{p, slug}] = struct{}{}
}

// LinkedAnchor says whether a body link names the heading slug of p. The
// printable handbooks give ids only to those headings: every SOP's
// headings carry ids on its own page, and an id on each of a 10,000-SOP
// library's printed headings would cost about 1.5 MB that no link uses.
func (h *Handbook) LinkedAnchor(p *Page, slug string) bool {
	_, ok := h.anchors[pageAnchor{p, slug}]
	return ok
}
