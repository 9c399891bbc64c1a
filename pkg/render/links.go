package render

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// LinkKind is what a link in an SOP becomes in a bundle.
type LinkKind int

const (
	LinkKeep LinkKind = iota // an external web, mail or phone link
	LinkSOP                  // a link to an SOP (or a heading of one)
	LinkDrop                 // rendered as plain text, with a warning
)

// safeSchemes are the URL schemes a published link may use; anything else
// (javascript:, data:, file:, vbscript:, ...) is neutralised.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// SafeURL reports whether a link destination may appear in a bundle: a
// relative reference, or an http, https, mailto or tel URL.
func SafeURL(dest string) bool {
	u, err := url.Parse(cleanURL(dest))
	if err != nil {
		return false
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(cleanURL(dest), "//") {
		return true
	}
	return safeSchemes[strings.ToLower(u.Scheme)]
}

// cleanURL drops what browsers ignore inside a URL ("java\tscript:").
func cleanURL(dest string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(dest))
}

// Classify decides what a link of page p becomes: kept, pointed at an SOP
// (target, anchor), or dropped to plain text.
func (h *Handbook) Classify(p *Page, dest string) (kind LinkKind, target *Page, anchor string) {
	kind, target, anchor, _ = h.classify(p, dest)
	return kind, target, anchor
}

// LinkWarnings lists the links of p that a bundle renders as plain text,
// with why, at their positions.
func (h *Handbook) LinkWarnings(p *Page) []Warning {
	var out []Warning
	for _, l := range p.Doc.Markdown.Links {
		if kind, _, _, reason := h.classify(p, l.Dest); kind == LinkDrop {
			out = append(out, Warning{p.Doc.Path, l.Pos, fmt.Sprintf("link to %s %s: rendered as plain text", l.Dest, reason)})
		}
	}
	return out
}

// classify is Classify with the reason a link is dropped.
func (h *Handbook) classify(p *Page, dest string) (kind LinkKind, target *Page, anchor, reason string) {
	clean := cleanURL(dest)
	u, err := url.Parse(clean)
	if err != nil {
		return LinkDrop, nil, "", "is not a valid link"
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(clean, "//") {
		if safeSchemes[strings.ToLower(u.Scheme)] {
			return LinkKeep, nil, "", ""
		}
		if u.Scheme == "" {
			return LinkDrop, nil, "", "is protocol-relative (no scheme): write it with https://"
		}
		return LinkDrop, nil, "", fmt.Sprintf("uses the unsafe or unsupported scheme %q", u.Scheme+":")
	}
	if t, a, ok := h.resolve(p, clean); ok {
		return LinkSOP, t, a, ""
	}
	if u.Path == "" {
		return LinkDrop, nil, "", fmt.Sprintf("points to #%s, a heading this SOP lacks", u.Fragment)
	}
	if !strings.HasSuffix(strings.ToLower(u.Path), ".md") {
		return LinkDrop, nil, "", "points to a file that is not part of the handbook"
	}
	if t := h.byPath[path.Join(path.Dir(p.Doc.Path), u.Path)]; t != nil {
		return LinkDrop, nil, "", fmt.Sprintf("points to #%s, a heading %s lacks", u.Fragment, t.Doc.Path)
	}
	return LinkDrop, nil, "", "points to no SOP of the library"
}

// resolve finds the SOP and heading a relative link of p points to; ok is
// false when either is missing.
func (h *Handbook) resolve(p *Page, dest string) (*Page, string, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
		return nil, "", false
	}
	t := p
	if u.Path != "" {
		if !strings.HasSuffix(strings.ToLower(u.Path), ".md") {
			return nil, "", false
		}
		t = h.byPath[path.Join(path.Dir(p.Doc.Path), u.Path)]
	} else if u.Fragment == "" {
		return nil, "", false
	}
	if t == nil || (u.Fragment != "" && !t.Doc.Markdown.HasAnchor(u.Fragment)) {
		return nil, "", false
	}
	if u.Fragment != "" && u.Fragment == t.titleSlug() {
		return t, "", true // the H1 repeating the title is the page's own title
	}
	return t, u.Fragment, true
}
