package html

import (
	"encoding/json"
	"slices"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// navRole is the role whose SOPs an SOP page's sidebar lists: the SOP's
// first role, or the group of SOPs of no known role.
func navRole(h *render.Handbook, p *render.Page) *render.Role {
	if len(p.Roles) > 0 {
		return p.Roles[0]
	}
	if n := len(h.Roles); n > 0 && h.Roles[n-1].Other {
		return h.Roles[n-1]
	}
	return nil
}

// navData is what assets/nav-<role>.js gives assets/nav.js.
type navData struct {
	Roles [][2]string `json:"roles"` // id, title: the roles with pages
	Title string      `json:"title"` // the role's
	SOPs  [][2]string `json:"sops"`  // id, title, in reading order
}

// navFiles are assets/nav-<role>.js, one per role (Unassigned too): the
// roles and the role's SOPs in reading order, then nav.js (code), which
// lists them in the sidebar. One file per role, loaded by every page of
// the role with a plain <script> (browsers refuse fetch() from file://),
// keeps the bundle linear in the library.
func navFiles(h *render.Handbook, code []byte) []file {
	var roles [][2]string
	for _, r := range h.Roles {
		if !r.Other {
			roles = append(roles, [2]string{r.ID, r.Title})
		}
	}
	out := make([]file, 0, len(h.Roles))
	for _, r := range h.Roles {
		d := navData{Roles: roles, Title: r.Title, SOPs: make([][2]string, len(r.ReadingOrder()))}
		for i, p := range r.ReadingOrder() {
			d.SOPs[i] = [2]string{p.ID, p.Title}
		}
		// json.Marshal escapes <, >, & and U+2028/9, so that no title can
		// end the script or its line; nav.js sets text, never HTML.
		b, _ := json.Marshal(d) // strings only: cannot fail
		out = append(out, file{name: "assets/nav-" + r.ID + ".js",
			data: slices.Concat([]byte("window.SOPCTL_NAV = "), b, []byte(";\n"), code)})
	}
	return out
}

// toc lists the SOP's sections (## headings with an anchor) for the page's
// table of contents; none when there are fewer than two.
func toc(p *render.Page) []sop.Heading {
	var out []sop.Heading
	for _, hd := range p.Doc.Markdown.Headings {
		if hd.Level == 2 && hd.Slug != "" {
			out = append(out, hd)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
