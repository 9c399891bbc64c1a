package render

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// LinkKind is what a link in an SOP becomes in a bundle.
type LinkKind int

const (
	LinkKeep LinkKind = iota // an external web, mail or phone link
	LinkSOP                  // a link to an SOP (or a heading of one)
	LinkDrop                 // rendered as plain text, with a warning
	LinkFile                 // a library file copied into the bundle: Handbook.File says where
)

// safeSchemes are the URL schemes a published link may use; anything else
// (javascript:, data:, file:, vbscript:, ...) is neutralised.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// SafeURL reports whether a link destination may appear in a bundle: a
// relative reference, or an http, https, mailto or tel URL. It reads the
// destination as a browser does (library.DecodeDest).
func SafeURL(dest string) bool {
	clean := library.DecodeDest(dest)
	u, err := url.Parse(clean)
	if err != nil {
		return false
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(clean, "//") {
		return true
	}
	return safeSchemes[strings.ToLower(u.Scheme)]
}

// Classify decides what a link of page p becomes: kept, pointed at an SOP
// (target, anchor), pointed at a copied file (Handbook.File), or dropped
// to plain text.
func (h *Handbook) Classify(p *Page, dest string) (kind LinkKind, target *Page, anchor string) {
	kind, target, anchor, _ = h.classify(p, dest)
	return kind, target, anchor
}

// LinkWarnings lists the links and images of p that a bundle renders as
// plain text, with why, at their positions. A remote image is shown as a
// link to it, which needs no warning. Build found them for its pages
// while it resolved their links (crossReference): resolving each link
// again for every page, reused ones too, cost a tenth of an incremental
// render.
func (h *Handbook) LinkWarnings(p *Page) []Warning {
	if p.linksWarned {
		return p.linkWarnings
	}
	var out []Warning
	for _, l := range p.Doc.Markdown.Links {
		r := h.lib.ResolveLink(p.Doc, l.Dest)
		kind, _, _, reason := h.classifyLink(r)
		out = appendLinkWarning(out, p, l, r, kind, reason)
	}
	return out
}

// appendLinkWarning appends to out the warning about the link l of p, if
// it has one: r is what l names, and kind and reason what classifyLink
// made of it.
func appendLinkWarning(out []Warning, p *Page, l sop.Link, r library.Link, kind LinkKind, reason string) []Warning {
	switch {
	case l.Image && (kind == LinkKeep || kind == LinkFile):
	case l.Image:
		out = append(out, Warning{p.Doc.Path, l.Pos, fmt.Sprintf("image %s %s: shown as its description", shortDest(l.Dest), imageReason(r, reason))})
	case kind == LinkDrop:
		out = append(out, Warning{p.Doc.Path, l.Pos, fmt.Sprintf("link to %s %s: rendered as plain text", shortDest(l.Dest), reason)})
	}
	return out
}

// shortDest keeps a warning about a long destination (an embedded data:
// image runs to kilobytes) to one readable line.
func shortDest(dest string) string {
	const max = 60
	if utf8.RuneCountInString(dest) <= max {
		return dest
	}
	r := []rune(dest)
	return string(r[:max-1]) + "…"
}

// imageReason says why an image, which names r, is not shown, which for
// a file of the library is not the link's reason.
func imageReason(r library.Link, reason string) string {
	switch {
	case r.Kind != library.LinkLocal || r.Problem != library.LinkOK, r.Doc == nil:
		return reason
	}
	return "names an SOP, not an image"
}

// classify is Classify with the reason a link is dropped. The library's
// resolver decides what the link names, as it does for lint.
func (h *Handbook) classify(p *Page, dest string) (kind LinkKind, target *Page, anchor, reason string) {
	return h.classifyLink(h.lib.ResolveLink(p.Doc, dest))
}

// classifyLink is classify for a link the library has resolved.
func (h *Handbook) classifyLink(r library.Link) (kind LinkKind, target *Page, anchor, reason string) {
	switch r.Kind {
	case library.LinkInvalid:
		return LinkDrop, nil, "", "is not a valid link"
	case library.LinkExternal:
		if safeSchemes[r.Scheme] {
			return LinkKeep, nil, "", ""
		}
		if r.Scheme == "" {
			return LinkDrop, nil, "", "is protocol-relative (no scheme): write it with https://"
		}
		return LinkDrop, nil, "", fmt.Sprintf("uses the unsafe or unsupported scheme %q", r.Scheme+":")
	}
	if r.Problem != library.LinkOK {
		return LinkDrop, nil, "", r.Reason()
	}
	if r.Doc == nil {
		return h.classifyFile(r.Path)
	}
	t := h.byPath[r.Doc.Path]
	if status, ok := h.filtered[r.Doc.Path]; ok && t == nil {
		return LinkDrop, nil, "", fmt.Sprintf("names %s, whose status %q the status filter (%s) leaves out", r.Path, status, strings.Join(h.Statuses, ", "))
	}
	if t == nil {
		return LinkDrop, nil, "", fmt.Sprintf("names %s, which is left out of the handbook (see the warning about it)", r.Path)
	}
	if r.Anchor != "" && r.Anchor == t.titleSlug() {
		return LinkSOP, t, "", "" // the H1 repeating the title is the page's own title
	}
	return LinkSOP, t, r.Anchor, ""
}

// classifyFile is classify for a link to a library file that is not an
// SOP: copied, or why not (crossReference decided).
func (h *Handbook) classifyFile(p string) (kind LinkKind, target *Page, anchor, reason string) {
	switch f := h.files[p]; {
	case f == nil: // a destination the body's parsed links do not hold
		return LinkDrop, nil, "", fmt.Sprintf("names %s, a file sopctl did not find among the SOP's links", p)
	case f.problem != "":
		return LinkDrop, nil, "", f.problem
	}
	return LinkFile, nil, "", ""
}

// resolve finds the SOP and heading a link of p points to; ok is false
// when it is not a working link to an SOP of the handbook.
func (h *Handbook) resolve(p *Page, dest string) (*Page, string, bool) {
	kind, t, anchor, _ := h.classify(p, dest)
	return t, anchor, kind == LinkSOP
}
