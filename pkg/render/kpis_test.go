package render_test

import (
	"reflect"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// The handbook's KPIs are sopctl.yaml's, in its order, each with the SOPs
// in force citing it by title: a retired SOP, a KPI cited twice and an id
// sopctl.yaml lacks change nothing.
func TestKPIs(t *testing.T) {
	sopFile := func(id, title, status, kpis string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\nversion: \"1\"\nstatus: " + status + "\nowner: O\nkpis: " + kpis + "\n---\n\nBody.\n"
	}
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "kpis:\n  FCR: First Contact Resolution\n  CSAT: {name: Customer Satisfaction, definition: Surveyed share rating 4 or 5., target: \">= 85%\"}\n  AHT: Average Handling Time\n",
		"sops/a.md":   sopFile("a", "Zebra Calls", "approved", "[CSAT, FCR, CSAT]"),
		"sops/b.md":   sopFile("b", "apple returns", "draft", "[CSAT, NPS]"),
		"sops/c.md":   sopFile("c", "Old Calls", "retired", "[FCR, CSAT]"),
	})
	h, _ := rendertest.Load(t, dir, nil)
	type kpi struct {
		ID, Name, Definition, Target, Label, Anchor string
		SOPs                                        []string
	}
	var got []kpi
	for _, k := range h.KPIs {
		var ids []string
		for _, p := range k.SOPs {
			ids = append(ids, p.ID)
		}
		got = append(got, kpi{k.ID, k.Name, k.Definition, k.Target, k.Label(), k.Anchor(), ids})
	}
	want := []kpi{
		{"FCR", "First Contact Resolution", "", "", "FCR — First Contact Resolution", "KPI-FCR", []string{"a"}},
		{"CSAT", "Customer Satisfaction", "Surveyed share rating 4 or 5.", ">= 85%", "CSAT — Customer Satisfaction (target >= 85%)", "KPI-CSAT", []string{"b", "a"}},
		{"AHT", "Average Handling Time", "", "", "AHT — Average Handling Time", "KPI-AHT", nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KPIs =\n%+v\nwant\n%+v", got, want)
	}
	if h.KPI("NPS") != nil || h.KPI("CSAT") != h.KPIs[1] {
		t.Errorf("KPI(NPS) = %v, KPI(CSAT) = %v", h.KPI("NPS"), h.KPI("CSAT"))
	}
}

// An anchor holds no white space: an HTML id has none.
func TestKPIAnchor(t *testing.T) {
	for _, tt := range []struct{ id, want string }{
		{"CSAT", "KPI-CSAT"},
		{"Net Promoter\tScore", "KPI-Net-Promoter-Score"},
		{"Café", "KPI-Café"},
	} {
		if got := (&render.KPI{ID: tt.id}).Anchor(); got != tt.want {
			t.Errorf("Anchor(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// The KPI page lists at most ListPageSize SOPs under a KPI, as any list
// of SOPs; More counts the rest.
func TestKPIListed(t *testing.T) {
	for _, n := range []int{0, 1, render.ListPageSize, render.ListPageSize + 1, 2*render.ListPageSize + 5} {
		k := &render.KPI{SOPs: make([]*render.Page, n)}
		if got, more := len(k.Listed()), k.More(); got != min(n, render.ListPageSize) || got+more != n {
			t.Errorf("%d SOPs: Listed %d, More %d", n, got, more)
		}
	}
}
