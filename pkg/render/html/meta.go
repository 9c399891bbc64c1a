package html

import (
	"strings"

	"github.com/sopctl/sopctl/pkg/render"
)

// metaRow is one entry of an SOP page's metadata list, as sopMeta writes
// it.
type metaRow struct {
	Label, Text string
	Status      bool // the status badge stands for Text; it starts a line
	Overdue     bool
	// Roles, when set, are linked to their pages in place of Text.
	Roles []*render.Role
	// KPIs, when set, are the KPIs cited, in place of Text: one that
	// sopctl.yaml defines is linked to its entry on the KPI page.
	KPIs []kpiRef
}

// kpiRef is a KPI id an SOP cites, and its KPI; nil when sopctl.yaml has
// none (broken-ref).
type kpiRef struct {
	ID  string
	KPI *render.KPI
}

// metaRows are the entries of the model's metadata block that the page
// shows there (related SOPs are a section of their own): the id and
// status always, any other entry when set. KPIs show with their names and
// targets, linked to the KPI page; roles, when more than one (the first is
// in the breadcrumbs), are the known ones, linked to their pages.
func metaRows(h *render.Handbook, p *render.Page) []metaRow {
	fields := p.Meta()
	rows := make([]metaRow, 0, len(fields)) // not grown row by row: some 25 MB at 10,000 SOPs
	for _, e := range fields {
		r := metaRow{Label: e.Label, Text: e.Value.Text}
		switch {
		case e.Name == "related":
			continue
		case e.Name == "roles": // one is in the breadcrumbs
			if len(p.Roles) > 1 {
				rows = append(rows, metaRow{Label: e.Label, Roles: p.Roles})
			}
			continue
		case e.Name == "id":
			rows = append(rows, metaRow{Label: e.Label, Text: p.ID})
			continue
		case e.Name == "status":
			rows = append(rows, metaRow{Label: e.Label, Status: true})
			continue
		case e.Name == render.NextReview:
			r.Overdue = p.Overdue
		case e.Name == "kpis":
			for _, id := range e.List.Strings() {
				r.KPIs = append(r.KPIs, kpiRef{ID: id, KPI: h.KPI(id)})
			}
		case e.IsList:
			r.Text = strings.Join(e.List.Strings(), ", ")
		}
		if e.IsList && len(e.List.Items) > 0 || !e.IsList && r.Text != "" {
			rows = append(rows, r)
		}
	}
	return rows
}
