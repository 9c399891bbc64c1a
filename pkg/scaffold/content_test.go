package scaffold

import (
	"bytes"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// A blank SOP holds every required field; dates are written plain (SPEC
// section 8), free text through the encoder, and the file parses with
// each value as given.
func TestBlankFrontMatter(t *testing.T) {
	src := Blank("refund-approval", "yes: 1:20", nil,
		[]string{"id", "title", "version", "status", "owner", "effective", "reviewed", "approver", "tags"},
		[]string{"Purpose"}, "2026-11-25")
	for _, line := range []string{
		"\neffective: 2026-11-25\n", "\nreviewed: 2026-11-25\n", "\nversion: \"0.1\"\n", "\ntitle: 'yes: 1:20'\n", "\ntags: []\n",
	} {
		if !strings.Contains(string(src), line) {
			t.Errorf("blank SOP lacks %q:\n%s", line, src)
		}
	}
	doc, err := sop.Parse("sops/refund-approval.md", src)
	if err != nil {
		t.Fatalf("the blank SOP does not parse: %v\n%s", err, src)
	}
	if doc.Meta.Reviewed.Text != "2026-11-25" || doc.Meta.Effective.Text != "2026-11-25" || doc.Meta.Title.Text != "yes: 1:20" {
		t.Errorf("read back reviewed %q, effective %q, title %q", doc.Meta.Reviewed.Text, doc.Meta.Effective.Text, doc.Meta.Title.Text)
	}
}

// Whichever field a library requires, Blank writes it in the shape sop's
// field table gives it: a list as [], any single value as one scalar that
// parses without a problem (a single-value field written as a list would
// be reported invalid).
func TestBlankWritesEachRequiredFieldInItsShape(t *testing.T) {
	for _, f := range sop.Fields() {
		t.Run(f.Name, func(t *testing.T) {
			src := Blank("refund-approval", "Refund Approval", []string{"team-lead"},
				append(library.DefaultRequiredFields(), f.Name), nil, "2026-11-25")
			doc, err := sop.Parse("sops/refund-approval.md", src)
			if err != nil {
				t.Fatalf("the blank SOP does not parse: %v\n%s", err, src)
			}
			if len(doc.Problems) > 0 {
				t.Errorf("problems in the blank SOP: %v\n%s", doc.Problems, src)
			}
			line := regexp.MustCompile(`(?m)^` + f.Name + `: (.*)$`).FindSubmatch(src)
			if line == nil {
				t.Fatalf("the blank SOP lacks %s:\n%s", f.Name, src)
			}
			if isList := bytes.HasPrefix(line[1], []byte("[")); isList != (f.Shape == sop.ShapeList) {
				t.Errorf("%s is written %s, but its shape is %s", f.Name, line[0], f.Shape)
			}
		})
	}
}

// A single-value field Blank has no hint for, whatever its name, gets a
// placeholder made from its title, not an empty list; a list field gets
// an empty list.
func TestBlankValueOfAFieldWithoutHint(t *testing.T) {
	for _, tc := range []struct {
		def  sop.Field
		want field
	}{
		{sop.Field{Key: sop.Key{Name: "reviewer", Title: "Reviewer"}}, field{key: "reviewer", str: "TODO: the reviewer"}},
		{sop.Field{Key: sop.Key{Name: "due", Title: "Due date"}, Kind: sop.DateValue}, field{key: "due", str: "2026-11-25"}},
		{sop.Field{Key: sop.Key{Name: "revision", Title: "Revision"}, Kind: sop.VersionValue}, field{key: "revision", str: DraftVersion}},
		{sop.Field{Key: sop.Key{Name: "owner", Title: "Owner"}}, field{key: "owner", str: "TODO: the job title of the person responsible"}},
		{sop.Field{Key: sop.Key{Name: "sites", Shape: sop.ShapeList, Title: "Sites"}}, field{key: "sites", list: []string{}}},
	} {
		t.Run(tc.def.Name, func(t *testing.T) {
			if got := blankValue(tc.def, "2026-11-25"); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("blankValue() = %#v, want %#v", got, tc.want)
			}
		})
	}
}

// FromTemplate writes responsible: after owner when the definition gives
// role titles, and no responsible: at all when it gives none.
func TestFromTemplateResponsible(t *testing.T) {
	for _, tc := range []struct {
		responsible []string
		want        string // the lines after owner:
	}{
		{nil, "owner: Lead\nroles: [r]\n"},
		{[]string{"Team Lead", "Night: Supervisor"}, "owner: Lead\nresponsible: [Team Lead, \"Night: Supervisor\"]\nroles: [r]\n"},
	} {
		d := &roles.SOP{ID: "x", Title: "X", Owner: "Lead", Responsible: tc.responsible, Steps: []string{"Do."}}
		src := FromTemplate(d, []string{"r"}, nil)
		if !strings.Contains(string(src), "\n"+tc.want) {
			t.Errorf("responsible %q: front matter\n%s\nwant the lines\n%s", tc.responsible, src, tc.want)
		}
		doc, err := sop.Parse("x.md", src)
		if err != nil || len(doc.Problems) > 0 || !slices.Equal(doc.Meta.Responsible.Strings(), tc.responsible) {
			t.Errorf("read back: %v %v %q", err, doc.Problems, doc.Meta.Responsible.Strings())
		}
	}
}
