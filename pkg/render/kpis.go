package render

import (
	"strings"
	"unicode"

	"github.com/sopctl/sopctl/pkg/library"
)

// KPI is one KPI of sopctl.yaml as the handbook shows it: on the KPI page,
// and beside its name wherever an SOP cites it.
type KPI struct {
	ID, Name, Definition, Target string
	// SOPs are the published SOPs in force (not retired) that cite it,
	// ordered by title (ByTitle).
	SOPs []*Page
}

// Label is how an SOP page names the KPI: "ID — Name", then " (target
// T)" when it has a target.
func (k *KPI) Label() string {
	s := k.ID + " — " + k.Name
	if k.Target != "" {
		s += " (target " + k.Target + ")"
	}
	return s
}

// Listed are the SOPs the KPI page lists under the KPI: the first
// ListPageSize of SOPs by title, as a page lists at most that many SOPs
// (SPEC section 8); More counts the others.
func (k *KPI) Listed() []*Page { return k.SOPs[:min(len(k.SOPs), ListPageSize)] }

// More counts the SOPs citing the KPI that Listed leaves out.
func (k *KPI) More() int { return len(k.SOPs) - len(k.Listed()) }

// Anchor is the id of the KPI's entry on the KPI page: "KPI-" and the
// KPI's id, each run of white space a "-" (an HTML id has none). It
// starts with a capital letter, as the ids sopctl adds do, so no heading
// of an SOP body (always lower case) takes it.
func (k *KPI) Anchor() string {
	return "KPI-" + strings.Join(strings.FieldsFunc(k.ID, unicode.IsSpace), "-")
}

// addKPIs gives the handbook sopctl.yaml's KPIs, in the file's order, each
// with the SOPs in force that cite it.
func (h *Handbook) addKPIs(entries []library.Entry) {
	h.kpiByID = map[string]*KPI{}
	for _, e := range entries {
		if _, dup := h.kpiByID[e.ID]; dup {
			continue // the YAML parser refuses duplicate keys; a Config made by hand may not
		}
		k := &KPI{ID: e.ID, Name: e.Name, Definition: e.Definition, Target: e.Target}
		h.KPIs = append(h.KPIs, k)
		h.kpiByID[e.ID] = k
	}
	for _, p := range h.SOPs {
		if p.Doc.Meta.Retired() {
			continue
		}
		seen := map[*KPI]bool{}
		for _, id := range p.Doc.Meta.KPIs.Strings() {
			if k := h.kpiByID[id]; k != nil && !seen[k] {
				seen[k] = true
				k.SOPs = append(k.SOPs, p)
			}
		}
	}
	for _, k := range h.KPIs {
		k.SOPs = ByTitle(k.SOPs)
	}
}

// KPI returns the KPI of sopctl.yaml with this id, nil when there is none
// (lint's broken-ref reports an SOP citing it).
func (h *Handbook) KPI(id string) *KPI { return h.kpiByID[id] }

// SameKPIs reports whether two handbooks define the same KPIs (id, name,
// definition and target, in order): every SOP page that cites one shows
// them.
func SameKPIs(a, b *Handbook) bool {
	if len(a.KPIs) != len(b.KPIs) {
		return false
	}
	for i, k := range a.KPIs {
		o := b.KPIs[i]
		if k.ID != o.ID || k.Name != o.Name || k.Definition != o.Definition || k.Target != o.Target {
			return false
		}
	}
	return true
}
