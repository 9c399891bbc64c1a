package sop

import (
	"reflect"
	"testing"
)

func TestSummary(t *testing.T) {
	const full = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: approved\nowner: O\napprover: P\n" +
		"effective: 2026-01-01\nreviewed: 2026-01-02\nroles: [r]\nchannels: [email]\nrelated: [b, c]\nkpis: [k]\nsupersedes: [z]\ntags: [t]\ncolour: red\n---\n" +
		"# A\n\n## Purpose\nWhy. [b](b.md#x) ![i](i.png) TODO: more\n\n<!-- sopctl-disable orphan -->\n\n## Procedure\n1. Do it.\n"
	tests := []struct {
		name string
		src  string
		want func(d *Doc) *Doc // the summary of d, field by field
	}{
		{"every field", full, func(d *Doc) *Doc {
			m := d.Meta
			return &Doc{Path: d.Path, BodyLine: d.BodyLine,
				Meta: Meta{ID: m.ID, Title: m.Title, Version: m.Version, Status: m.Status, Roles: m.Roles, Related: m.Related, KPIs: m.KPIs, Supersedes: m.Supersedes},
				Markdown: Body{Links: d.Markdown.Links, Comments: d.Markdown.Comments, Headings: []Heading{
					{Level: 1, Slug: "a", Pos: Pos{18, 1}}, {Level: 2, Slug: "purpose", Pos: Pos{20, 1}}, {Level: 2, Slug: "procedure", Pos: Pos{25, 1}}}}}
		}},
		{"no body", "---\nid: a\n---\n", func(d *Doc) *Doc {
			return &Doc{Path: d.Path, BodyLine: 4, Meta: Meta{ID: d.Meta.ID}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("sops/a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			s := d.Summary()
			if !s.Summarized() || d.Summarized() {
				t.Fatalf("Summarized() = %v for the summary, %v for the Doc; want true, false", s.Summarized(), d.Summarized())
			}
			if want := tt.want(d); !reflect.DeepEqual(s, want) {
				t.Errorf("Summary() = %+v\nwant %+v", *s, *want)
			}
			if len(d.Markdown.Sections) == 0 && tt.name == "every field" {
				t.Errorf("the Doc lost its sections")
			}
		})
	}
}
