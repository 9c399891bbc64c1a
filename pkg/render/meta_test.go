package render_test

import (
	"reflect"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// A page's metadata block is every field of sop's table in its order but
// title and supersedes, with the next review after the last review, each
// labelled and holding the file's value.
func TestPageMeta(t *testing.T) {
	doc, err := sop.Parse("sops/returns.md", []byte("---\nid: returns\ntitle: Returns\nstatus: approved\nreviewed: 2025-01-01\nkpis: [CSAT, \"\"]\nsupersedes: [old]\n---\n# Returns\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := render.Standalone(doc)
	p.NextReview = "2026-01-01"
	meta := p.Meta()
	type entry struct {
		name, label, value string
		items              []string
	}
	var got []entry
	for _, e := range meta {
		got = append(got, entry{e.Name, e.Label, e.Value.Text, e.List.Strings()})
	}
	want := []entry{
		{"id", "ID", "returns", []string{}},
		{"version", "Version", "", []string{}},
		{"status", "Status", "approved", []string{}},
		{"owner", "Owner", "", []string{}},
		{"responsible", "Responsible", "", []string{}},
		{"approver", "Approver", "", []string{}},
		{"effective", "Effective", "", []string{}},
		{"reviewed", "Last reviewed", "2025-01-01", []string{}},
		{render.NextReview, "Next review", "2026-01-01", []string{}},
		{"review_cycle_days", "Review cycle in days", "", []string{}},
		{"roles", "Roles", "", []string{}},
		{"channels", "Channels", "", []string{}},
		{"related", "Related SOPs", "", []string{}},
		{"kpis", "KPIs", "", []string{"CSAT", ""}},
		{"tags", "Tags", "", []string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Meta() =\n%v\nwant\n%v", got, want)
	}
	for _, e := range meta {
		if f, ok := sop.FieldNamed(e.Name); ok && (f.Shape == sop.ShapeList) != e.IsList {
			t.Errorf("%s: IsList %v, but the field's shape is %s", e.Name, e.IsList, f.Shape)
		}
	}
}
