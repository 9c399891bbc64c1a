package markdown

import (
	"fmt"
	"strings"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// kpiFile is the KPI page of the bundle.
const kpiFile = "kpis.md"

// kpiHeading is the text of a KPI's heading on the KPI page, before
// escaping.
func kpiHeading(k *render.KPI) string { return k.ID + " — " + k.Name }

// kpiAnchors maps each KPI id to the anchor of its heading on the KPI
// page: GitHub's slug of the heading's text (escape collapses white space,
// as a reader of the file sees it), unique after the page's title.
func kpiAnchors(h *render.Handbook) map[string]string {
	s := sop.NewSlugger()
	s.Slug("KPIs")
	out := make(map[string]string, len(h.KPIs))
	for _, k := range h.KPIs {
		out[k.ID] = s.Slug(strings.Join(strings.Fields(kpiHeading(k)), " "))
	}
	return out
}

// kpiPage is kpis.md: each KPI of sopctl.yaml in its order, with its
// definition, target and the SOPs in force citing it.
func kpiPage(h *render.Handbook) []byte {
	var b strings.Builder
	b.WriteString("# KPIs\n\n[All SOPs](README.md)\n\n")
	if len(h.KPIs) == 0 {
		b.WriteString("No KPIs defined: list them under `kpis:` in `sopctl.yaml`, then cite them in the `kpis` field of SOPs.\n")
		return []byte(b.String())
	}
	b.WriteString("The key performance indicators that the SOPs serve: what each measures, its target, and the SOPs in force that cite it.\n")
	for _, k := range h.KPIs {
		fmt.Fprintf(&b, "\n## %s\n\n", escape(kpiHeading(k)))
		fmt.Fprintf(&b, "- **Definition:** %s\n- **Target:** %s\n\n", orText(k.Definition, "Not given."), orText(k.Target, "None set."))
		if len(k.SOPs) == 0 {
			b.WriteString("No SOP in force cites it.\n")
			continue
		}
		plural := ""
		if len(k.SOPs) > 1 {
			plural = "s"
		}
		more := ""
		if k.More() > 0 {
			more = fmt.Sprintf("; the first %d by title are listed", len(k.Listed()))
		}
		fmt.Fprintf(&b, "Cited by %d SOP%s%s:\n\n%s", len(k.SOPs), plural, more, pageList(k.Listed(), "sops/", ""))
	}
	return []byte(b.String())
}

// orText is s escaped, or none when s is empty.
func orText(s, none string) string {
	if s == "" {
		return none
	}
	return escape(s)
}

// kpiLinks names each KPI an SOP cites, linked to its entry on the KPI
// page (kpiFile as the SOP's file reaches it) with its target; an id
// sopctl.yaml lacks shows as it is.
func kpiLinks(h *render.Handbook, ids []string, anchors map[string]string, kpiFile string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		k := h.KPI(id)
		if k == nil {
			out[i] = escape(id)
			continue
		}
		out[i] = "[" + escape(k.Label()) + "](" + kpiFile + "#" + destination(anchors[id]) + ")"
	}
	return strings.Join(out, ", ")
}
