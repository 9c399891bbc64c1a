package sop

import (
	"reflect"
	"slices"
	"testing"
)

// briefView is everything a Brief answers, read through its accessors.
type briefView struct {
	Path, Status         string
	ID, Version          Value
	Retired, HasComments bool
	Items                map[string][]Value
	Slugs                []string
	Links                []Link
	Comments             []Comment
}

func viewOf(b Brief) briefView {
	v := briefView{Path: b.Path(), Status: b.Status(), ID: b.ID(), Version: b.Version(), Retired: b.Retired(),
		HasComments: b.HasComments(), Items: map[string][]Value{}, Slugs: b.Slugs(), Comments: slices.Collect(b.Comments())}
	for _, f := range fields {
		if items := slices.Collect(b.Items(f.Name)); len(items) > 0 {
			v.Items[f.Name] = items
		}
	}
	for j := range b.NumLinks() {
		v.Links = append(v.Links, b.Link(j))
	}
	return v
}

// TestBrief: a Brief answers what the Doc holds of the fields that name
// SOPs, roles and KPIs, the id, version and status, the headings' anchors,
// the links and the comments; the Brief of a Summary is the same.
func TestBrief(t *testing.T) {
	const full = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: retired\nowner: O\napprover: P\n" +
		"effective: 2026-01-01\nreviewed: 2026-01-02\nroles: [r]\nchannels: [email]\nrelated: [b, c]\nkpis: [k]\nsupersedes: [z]\ntags: [t]\n---\n" +
		"# A\n\n## Purpose\nWhy. [b](b.md#x) ![i](i.png) TODO: more\n\n<!-- sopctl-disable orphan -->\n\n## Procedure\n1. Do it.\n"
	tests := []struct {
		name string
		src  string
		want func(d *Doc) briefView
	}{
		{"every field", full, func(d *Doc) briefView {
			m := &d.Meta
			return briefView{Path: "sops/a.md", Status: "retired", ID: m.ID, Version: m.Version, Retired: true, HasComments: true,
				Items: map[string][]Value{"roles": m.Roles.Items, "related": m.Related.Items, "kpis": m.KPIs.Items, "supersedes": m.Supersedes.Items},
				Slugs: []string{"a", "purpose", "procedure"}, Links: d.Markdown.Links, Comments: d.Markdown.Comments}
		}},
		{"no body", "---\nid: a\nstatus: \n---\n", func(d *Doc) briefView {
			return briefView{Path: "sops/a.md", ID: d.Meta.ID, Status: "", Items: map[string][]Value{}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("sops/a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want(d)
			for what, b := range map[string]Brief{"Doc": d.Brief(), "Summary": d.Summary().Brief()} {
				if got := viewOf(b); !reflect.DeepEqual(got, want) {
					t.Errorf("Brief of the %s = %+v\nwant %+v", what, got, want)
				}
			}
			b := d.Brief()
			for _, slug := range want.Slugs {
				if !b.HasAnchor(slug) {
					t.Errorf("HasAnchor(%q) = false", slug)
				}
			}
			if b.HasAnchor("purpos") || b.HasAnchor("") {
				t.Errorf("HasAnchor of no heading's anchor = true")
			}
		})
	}
}

// TestBriefHoldsNoPointers: a Brief's entries are memory the garbage
// collector does not scan, so that lint's GC work grows with the number
// of SOPs alone; a pointer added to briefEnt would undo that.
func TestBriefHoldsNoPointers(t *testing.T) {
	typ := reflect.TypeFor[briefEnt]()
	for i := range typ.NumField() {
		switch typ.Field(i).Type.Kind() {
		case reflect.Int32, reflect.Uint32:
		default:
			t.Errorf("briefEnt.%s is a %s: keep the entries to fixed-size integers", typ.Field(i).Name, typ.Field(i).Type)
		}
	}
	if n := reflect.TypeFor[Brief]().NumField(); n != 5 {
		t.Errorf("Brief has %d fields, want 5 (its text, its entries and three offsets)", n)
	}
}
