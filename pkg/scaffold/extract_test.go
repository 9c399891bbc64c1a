package scaffold

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

var defaultSections = []string{"Purpose", "Scope", "Procedure"}

// fullDef is a definition with every key set, text that needs escaping or
// quoting, and steps with nested content and blank lines.
func fullDef() *roles.SOP {
	return &roles.SOP{
		ID: "night-handover", Title: "Night Handover: *the* [Shift]", Owner: "yes",
		Responsible:      []string{"Night Supervisor", "Team Lead, Nights"},
		Purpose:          "Why.\n\nA second paragraph with `code` and a [link](other.md).",
		Scope:            "Who: everyone on nights.",
		Responsibilities: []roles.Responsibility{{Role: "Night *Supervisor*", Duty: "Runs it."}, {Role: "Agent", Duty: "Reads the log,\n  twice."}},
		Sections:         []roles.Section{{Heading: "Triggers", Body: "- An outage\n- A fire"}},
		Steps: []string{"Read the day log.", "Brief the team:\n\n- who is on\n- what is open\n\n```\ncode\n```",
			"A", "B", "C", "D", "E", "F", "G", "Tenth step\nwith a second line."},
		Checklist:   []string{"Log read", "Team briefed\nin person"},
		EndSections: []roles.Section{{Heading: "Revision History", Body: "| Version | Change |\n|---|---|\n| 1.0 | First. |"}},
		Related:     []string{"escalation-procedure"},
		KPIs:        []string{"CSAT"},
		Channels:    []string{"phone"},
		Tags:        []string{"handover", "- odd"},
	}
}

// content is what a definition says: its exported fields but where it
// was read from.
func content(d *roles.SOP) map[string]any {
	out := map[string]any{}
	v := reflect.ValueOf(*d)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Type().Field(i); f.IsExported() && f.Name != "Template" && f.Name != "Pos" {
			out[f.Name] = v.Field(i).Interface()
		}
	}
	return out
}

func parseSOP(t testing.TB, src string) *sop.Doc {
	t.Helper()
	doc, err := sop.Parse("sops/x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Extract undoes FromTemplate: the definition it reads from a scaffolded
// SOP is the one the SOP was written from, with no note.
func TestExtractInvertsFromTemplate(t *testing.T) {
	want := fullDef()
	doc := parseSOP(t, string(FromTemplate(want, []string{"night-shift"}, defaultSections)))
	got, notes := Extract(doc, defaultSections)
	if len(notes) > 0 {
		t.Errorf("notes: %v", notes)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Extract() =\n%#v\nwant\n%#v", got, want)
	}
}

const front = "---\nid: x\ntitle: X\nversion: \"1.0\"\nstatus: approved\nowner: Ops Lead\n---\n"

// SOPs written by hand: each body is carried faithfully (sopctl new writes
// it back byte for byte, after the front matter) unless a note says what
// is not, at its line.
func TestExtractHandWritten(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		notes      []string // substrings of the notes, in order
		check      func(t *testing.T, d *roles.SOP)
	}{
		{"scaffold shape", "\n# X\n\n## Purpose\n\nP.\n\n## Scope\n\nS.\n\n## Procedure\n\n1. One.\n2. Two.\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if d.Purpose != "P." || d.Scope != "S." || !reflect.DeepEqual(d.Steps, []string{"One.", "Two."}) {
					t.Errorf("got %+v", d)
				}
			}},
		{"scope before purpose", "\n# X\n\n## Scope\n\nS.\n\n## Purpose\n\nP.\n\n## Procedure\n\n1. One.\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if d.Scope != "S." || d.Purpose != "" || len(d.Sections) != 1 || d.Sections[0].Heading != "Purpose" {
					t.Errorf("got scope %q, purpose %q, sections %+v", d.Scope, d.Purpose, d.Sections)
				}
			}},
		{"nested steps", "\n# X\n\n## Procedure\n\n1. One:\n   - a\n   - b\n\n   More.\n2. Two.\n\n   ```sh\n   run\n   ```\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if !reflect.DeepEqual(d.Steps, []string{"One:\n- a\n- b\n\nMore.", "Two.\n\n```sh\nrun\n```"}) {
					t.Errorf("steps %q", d.Steps)
				}
			}},
		{"section between procedure and checklist", "\n# X\n\n## Procedure\n\n1. One.\n\n## Notes\n\nN.\n\n## Checklist\n\n- [ ] Done\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if len(d.Checklist) != 0 || len(d.EndSections) != 2 || d.EndSections[1].Heading != "Checklist" {
					t.Errorf("checklist %q, end sections %+v", d.Checklist, d.EndSections)
				}
			}},
		{"checked boxes", "\n# X\n\n## Procedure\n\n1. One.\n\n## Checklist\n\n- [x] Done\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if len(d.Checklist) != 0 || len(d.EndSections) != 1 {
					t.Errorf("checklist %q, end sections %+v", d.Checklist, d.EndSections)
				}
			}},
		{"responsibilities as prose", "\n# X\n\n## Responsibilities\n\nEveryone.\n\n## Procedure\n\n1. One.\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if len(d.Responsibilities) != 0 || len(d.Sections) != 1 || d.Sections[0].Body != "Everyone." {
					t.Errorf("responsibilities %+v, sections %+v", d.Responsibilities, d.Sections)
				}
			}},
		{"escaped role", "\n# X\n\n## Responsibilities\n\n- **Team \\*Lead\\***: Leads.\n\n## Procedure\n\n1. One.\n", nil,
			func(t *testing.T, d *roles.SOP) {
				if !reflect.DeepEqual(d.Responsibilities, []roles.Responsibility{{Role: "Team *Lead*", Duty: "Leads."}}) {
					t.Errorf("responsibilities %+v", d.Responsibilities)
				}
			}},
		{"extra blank lines at the end", "\n# X\n\n## Procedure\n\n1. One.\n\n\n", nil, nil},
		{"no final line break", "\n# X\n\n## Procedure\n\n1. One.", nil, nil},
		{"procedure with an introduction", "\n# X\n\n## Procedure\n\nDo this:\n\n1. One.\n", []string{
			"x.md:11:1: the Procedure is not a plain list", `x.md:13:1: sopctl new from the template writes the body differently from this line on (it writes "1. Do this:")`}, nil},
		{"loose list", "\n# X\n\n## Procedure\n\n1. One.\n\n2. Two.\n", []string{"11:1: the Procedure is not a plain list", `14:1: sopctl new from the template writes the body differently from this line on (it writes "2. Two.")`}, nil},
		{"no procedure", "\n# X\n\n## Purpose\n\nP.\n", []string{"8:1: the SOP has no Procedure", `15:1: sopctl new from the template writes the body differently from this line on (it writes "## Procedure")`}, nil},
		{"text before the first section", "\n# X\n\nIntro.\n\n## Procedure\n\n1. One.\n", []string{`11:1: sopctl new from the template writes the body differently from this line on (it writes "## Procedure")`}, nil},
		{"h1 that is not the title", "\n# Y\n\n## Procedure\n\n1. One.\n", []string{`9:1: sopctl new from the template writes the body differently from this line on (it writes "# X")`}, nil},
		{"empty section", "\n# X\n\n## Notes\n\n## Procedure\n\n1. One.\n", []string{`11:1: section "Notes" is empty`, "11:1: sopctl new"}, nil},
		{"setext heading", "\n# X\n\nProcedure\n---------\n\n1. One.\n", []string{`11:1: sopctl new from the template writes the body differently from this line on (it writes "## Procedure")`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := parseSOP(t, front+tc.body)
			d, notes := Extract(doc, nil)
			var got []string
			for _, n := range notes {
				got = append(got, n.String())
			}
			if len(got) != len(tc.notes) {
				t.Fatalf("notes %q, want %d like %q", got, len(tc.notes), tc.notes)
			}
			for i, want := range tc.notes {
				if !strings.Contains(got[i], want) {
					t.Errorf("note %d = %q, want it to contain %q", i, got[i], want)
				}
			}
			if body := string(templateBody(d, nil)); len(notes) == 0 && body != strings.TrimRight(tc.body, "\n")+"\n" {
				t.Errorf("body written back:\n%q\nwant\n%q", body, tc.body)
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}

// A CRLF file extracts as its LF body.
func TestExtractCRLF(t *testing.T) {
	src := strings.ReplaceAll(front+"\n# X\n\n## Procedure\n\n1. One.\n   More.\n", "\n", "\r\n")
	d, notes := Extract(parseSOP(t, src), nil)
	if len(notes) > 0 || !reflect.DeepEqual(d.Steps, []string{"One.\nMore."}) {
		t.Errorf("notes %v, steps %q", notes, d.Steps)
	}
}

// Front matter that a template cannot hold as it is: no owner becomes a
// placeholder, said at the field; the library's own fields stay out.
func TestExtractFrontMatter(t *testing.T) {
	doc := parseSOP(t, "---\nid: x\ntitle: X\nversion: \"2.0\"\nstatus: approved\napprover: Jo\nowner: ''\nroles: [a]\nresponsible: [Lead, '']\n---\n\n# X\n\n## Procedure\n\n1. One.\n")
	d, notes := Extract(doc, nil)
	if len(notes) != 1 || !strings.Contains(notes[0].String(), "x.md:7:1: the SOP has no owner") {
		t.Errorf("notes %v", notes)
	}
	if d.Owner != "TODO: the job title of the person responsible" || !reflect.DeepEqual(d.Responsible, []string{"Lead"}) {
		t.Errorf("owner %q, responsible %q", d.Owner, d.Responsible)
	}
}

// TemplateYAML writes what ParseTemplate reads back as the same template,
// whatever the text: every key of an SOP entry is written when set.
func TestTemplateYAMLReadsBack(t *testing.T) {
	d := fullDef()
	d.Steps = append(d.Steps, "  leading spaces", "trailing spaces  \nline", "tab\there", "yes", "#", "- x", "\"quoted\"", "é ü 中")
	want := &roles.Template{ID: "night-shift", Title: "Night: Shift", Role: true,
		KPIs: []roles.KPI{{ID: "CSAT", Name: "Customer Satisfaction"}, {ID: "NPS", Name: "Net Promoter", Definition: "How likely:\nto recommend.", Target: ">= 40"}},
		SOPs: []roles.Entry{{ID: d.ID, Def: d}, {ID: "escalation-procedure"}}}
	src := TemplateYAML(want, []string{"Extracted.", "Second line\nwith a break."})
	if !strings.HasPrefix(string(src), "# Extracted.\n# Second line with a break.\nid: night-shift\n") {
		t.Errorf("header:\n%s", src)
	}
	got, err := roles.ParseTemplate("templates/night-shift.yaml", src, false)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	for _, k := range roles.EntryKeys() {
		if !strings.Contains(string(src), "\n    "+k.Name+":") && k.Name != "id" {
			t.Errorf("key %s is not written:\n%s", k.Name, src)
		}
	}
	if len(got.SOPs) != 2 || got.SOPs[1].Def != nil || got.SOPs[1].ID != "escalation-procedure" {
		t.Fatalf("entries %+v", got.SOPs)
	}
	g := got.SOPs[0].Def
	if !reflect.DeepEqual(content(g), content(d)) || !reflect.DeepEqual(got.KPIs, want.KPIs) || got.Title != want.Title {
		t.Errorf("read back\n%#v\n%#v\nwant\n%#v\n%#v\n%s", g, got.KPIs, d, want.KPIs, src)
	}
}
