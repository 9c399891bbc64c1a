package roles

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sopctl/sopctl/templates"
)

func TestBuiltinCatalog(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"customer-contact-specialist":           7,
		"customer-service-representative":       10,
		"customer-service-correspondence-clerk": 8,
		"customer-service-operations":           11,
	}
	roles := 0
	for _, tpl := range c.Templates() {
		if !tpl.Role {
			continue
		}
		roles++
		if n, ok := want[tpl.ID]; !ok || len(tpl.SOPs) != n {
			t.Errorf("role %s has %d SOPs, want %d", tpl.ID, len(tpl.SOPs), want[tpl.ID])
		}
	}
	if roles != len(want) {
		t.Errorf("%d roles, want %d", roles, len(want))
	}
	for _, tpl := range c.Templates() {
		for _, d := range c.Definitions(tpl) {
			if n := len(d.Steps); n < 5 || n > 10 {
				t.Errorf("%s: %d steps, want 5-10", d.ID, n)
			}
			if d.Purpose == "" || d.Scope == "" || d.Owner == "" {
				t.Errorf("%s: purpose, scope and owner must be set", d.ID)
			}
			for _, k := range d.KPIs {
				if _, ok := c.KPI(k); !ok {
					t.Errorf("%s cites KPI %s, which no template defines", d.ID, k)
				}
			}
		}
	}
}

func TestLocalOverride(t *testing.T) {
	local := fstest.MapFS{
		"customer-contact-specialist.yaml": {Data: []byte(`id: customer-contact-specialist
title: Our Contact Specialist
sops:
  - id: complaint-resolution
    title: Our Complaint Handling
    owner: Head of Care
    steps: [Listen, Fix, Confirm]
  - id: escalation-procedure
`)},
		"night-shift.yaml": {Data: []byte("id: night-shift\ntitle: Night Shift\nsops:\n  - id: complaint-resolution\n")},
	}
	c, err := Load(templates.FS, local)
	if err != nil {
		t.Fatal(err)
	}
	tpl, _ := c.Template("customer-contact-specialist")
	if tpl.Builtin || tpl.Title != "Our Contact Specialist" || len(tpl.SOPs) != 2 {
		t.Errorf("override not applied: %+v", tpl)
	}
	if d, _ := c.SOP("complaint-resolution"); d.Owner != "Head of Care" {
		t.Errorf("local definition not used: owner %q", d.Owner)
	}
	if _, err := c.Role("night-shift"); err != nil {
		t.Errorf("local role not found: %v", err)
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name, file, src, want string
	}{
		{"id mismatch", "a.yaml", "id: b\ntitle: B\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:1:5: template id \"b\" differs"},
		{"unknown key", "a.yaml", "id: a\ntitle: A\nsop: []\n", "templates/a.yaml:3:1: unknown key \"sop\" in a role template: did you mean \"sops\"?"},
		{"unknown sop key", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: x\n    titel: X\n", "templates/a.yaml:5:5: unknown key \"titel\""},
		{"incomplete", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: x\n    title: X\n", "templates/a.yaml:4:5: SOP \"x\": a full definition needs title, owner and at least one step"},
		{"dangling id", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: complaint-resolutoin\n", "templates/a.yaml:4:5: SOP \"complaint-resolutoin\" is listed by id but no template defines it: add its full definition (did you mean \"complaint-resolution\"?)"},
		{"dangling related", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: x\n    title: X\n    owner: O\n    steps: [s]\n    related: [nope]\n", "templates/a.yaml:8:15: SOP \"x\" relates to \"nope\""},
		{"defined twice", "a.yaml", "id: a\ntitle: A\nsops:\n  - {id: x, title: X, owner: O, steps: [s]}\n", ""},
		{"bad id", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: ../x\n", "templates/a.yaml:4:9: SOP id \"../x\" is not valid"},
		{"listed twice", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: complaint-resolution\n  - id: complaint-resolution\n", "listed twice in this template (first at line 4)"},
		{"null responsibility", "a.yaml", "id: a\ntitle: A\nsops:\n  - id: x\n    title: X\n    owner: O\n    steps: [s]\n    responsibilities: [~]\n", "templates/a.yaml:8:24: each entry of responsibilities must be a mapping"},
		{"alias", "a.yaml", "id: a\ntitle: &t A\n", "templates/a.yaml:2:8: anchor &t"},
		// A template's kpis are read as sopctl.yaml's are (NodeReader.Entries).
		{"kpi without name", "a.yaml", "id: a\ntitle: A\nkpis: {NPS: ~}\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:3:13: kpis: NPS needs a name, like NPS: Its Full Name"},
		{"kpi without id", "a.yaml", "id: a\ntitle: A\nkpis: {\"\": Net Promoter Score}\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:3:8: kpis: an id must not be empty"},
		// params: read minimally until the parameter machinery merges.
		{"param without default", "a.yaml", "id: a\ntitle: A\nparams: {x_days: {description: D}}\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:3:18: params.x_days needs a default: add default: ..."},
		{"param bad id", "a.yaml", "id: a\ntitle: A\nparams: {X-days: {default: \"1\", description: D}}\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:3:10: params: \"X-days\" is not a valid parameter id"},
		{"param unknown key", "a.yaml", "id: a\ntitle: A\nparams: {x: {default: \"1\", description: D, units: days}}\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:3:44: unknown key \"units\" in params.x: did you mean \"unit\"?"},
		{"template key of the wrong shape", "a.yaml", "id: a\ntitle: [A]\nsops: [{id: complaint-resolution}]\n", "templates/a.yaml:2:8: title must be text, not a list or mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			local := fstest.MapFS{tt.file: {Data: []byte(tt.src)}}
			if tt.name == "defined twice" {
				local["b.yaml"] = &fstest.MapFile{Data: []byte("id: b\ntitle: B\nsops:\n  - {id: x, title: X, owner: O, steps: [s]}\n")}
				tt.want = "templates/b.yaml:4:5: SOP \"x\" is already defined in full in templates/a.yaml:4"
			}
			_, err := Load(templates.FS, local)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load() error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestClosureAndRole(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Role("supporting-procedures"); err == nil {
		t.Error("a catalogue must not be offered as a role")
	}
	_, err = c.Role("customer-service-represantative")
	if err == nil || !strings.Contains(err.Error(), `did you mean "customer-service-representative"`) {
		t.Errorf("Role() error = %v", err)
	}
	tpl, _ := c.Role("customer-service-representative")
	defs := c.Definitions(tpl)
	all := c.Closure(defs)
	if len(all) <= len(defs) {
		t.Fatalf("closure adds nothing: %d SOPs", len(all))
	}
	have := map[string]bool{}
	for _, d := range all {
		if have[d.ID] {
			t.Errorf("%s twice in closure", d.ID)
		}
		have[d.ID] = true
	}
	for _, d := range all {
		for _, r := range d.Related {
			if !have[r] {
				t.Errorf("%s relates to %s, missing from the closure", d.ID, r)
			}
		}
	}
}

// A role template says it lists no SOPs only when its sops: list is
// missing or empty: when every entry is wrong, the entries' own errors
// say what to fix and nothing more is added.
func TestTemplateListsNoSOPs(t *testing.T) {
	const noSOPs = "lists no SOPs"
	tests := []struct {
		name, src string
		want      []string // each line of the error, in order
	}{
		{"no sops key", "id: a\ntitle: A\n", []string{"templates/a.yaml:1:1: role template a lists no SOPs: add a sops: list"}},
		{"empty list", "id: a\ntitle: A\nsops: []\n", []string{"templates/a.yaml:1:1: role template a lists no SOPs: add a sops: list"}},
		{"null", "id: a\ntitle: A\nsops:\n", []string{"templates/a.yaml:1:1: role template a lists no SOPs: add a sops: list"}},
		{"not a list", "id: a\ntitle: A\nsops: 3\n", []string{"templates/a.yaml:3:7: sops must be a list of SOP entries, each starting with - id:"}},
		{"every entry wrong", "id: a\ntitle: A\nsops:\n  - titel: X\n    id: x\n  - id: ../y\n", []string{
			`templates/a.yaml:4:5: unknown key "titel" in an SOP entry: did you mean "title"?`,
			`templates/a.yaml:4:5: SOP "x": a full definition needs title, owner and at least one step; to use an SOP defined in another template, give its id alone`,
			`templates/a.yaml:6:9: SOP id "../y" is not valid: use lower-case letters and digits in words joined by single hyphens, at most 200 characters, like complaint-resolution`,
		}},
		{"an entry that is no mapping", "id: a\ntitle: A\nsops: [x]\n", []string{"templates/a.yaml:3:8: each SOP entry must be a mapping starting with id:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(templates.FS, fstest.MapFS{"a.yaml": {Data: []byte(tt.src)}})
			if err == nil {
				t.Fatal("Load() = nil error")
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Load() error:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
	// A catalogue may list nothing.
	if _, err := Load(templates.FS, fstest.MapFS{"a.yaml": {Data: []byte("id: a\ntitle: A\nrole: false\nsops: []\n")}}); err != nil && strings.Contains(err.Error(), noSOPs) {
		t.Errorf("an empty catalogue: %v", err)
	}
}

// SPEC section 3: each SOP is defined in full once across the built-in
// templates and at most once across the library's own; a local full
// definition replaces the built-in one, and two local ones are an error
// naming both files and lines.
func TestDefinitionsLocalAndBuiltin(t *testing.T) {
	def := func(id, title string) string {
		return "  - {id: " + id + ", title: " + title + ", owner: O, steps: [s]}\n"
	}
	tpl := func(id string, role bool, entries ...string) *fstest.MapFile {
		src := "id: " + id + "\ntitle: T\n"
		if !role {
			src += "role: false\n"
		}
		return &fstest.MapFile{Data: []byte(src + "sops:\n" + strings.Join(entries, ""))}
	}
	tests := []struct {
		name           string
		builtin, local fstest.MapFS
		wantErr        string // the whole error
		wantTitle      string // of SOP x, when there is no error
	}{
		{"built-in alone", fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Built"))}, nil, "", "Built"},
		{"twice across built-ins", fstest.MapFS{
			"a.yaml": tpl("a", true, def("x", "A")),
			"b.yaml": tpl("b", false, def("x", "B")),
		}, nil, `templates/b.yaml:5:5: SOP "x" is already defined in full in templates/a.yaml:4: define it once and list it by id alone elsewhere`, ""},
		{"local catalogue replaces the built-in definition", fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Built"))},
			fstest.MapFS{"ours.yaml": tpl("ours", false, def("x", "Ours"))}, "", "Ours"},
		{"local role replaces the built-in definition", fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Built"))},
			fstest.MapFS{"mine.yaml": tpl("mine", true, def("x", "Mine"))}, "", "Mine"},
		{"local template of the same id replaces the built-in one", fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Built"))},
			fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Mine"))}, "", "Mine"},
		{"twice across local templates", fstest.MapFS{"r.yaml": tpl("r", true, def("x", "Built"))},
			fstest.MapFS{"a.yaml": tpl("a", true, def("x", "A")), "b.yaml": tpl("b", false, "  - id: y\n", def("x", "B"))},
			`templates/b.yaml:6:5: SOP "x" is already defined in full in templates/a.yaml:4: define it once and list it by id alone elsewhere`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.local != nil {
				tt.builtin["y.yaml"] = tpl("y", false, def("y", "Y"))
			}
			c, err := Load(tt.builtin, tt.local)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("Load() error = %v\nwant %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d, _ := c.SOP("x")
			if d.Title != tt.wantTitle {
				t.Errorf("SOP x is defined as %q (%s), want %q", d.Title, d.Template.Path, tt.wantTitle)
			}
			// The built-in role r lists x: it now scaffolds the winning definition.
			r, err := c.Role("r")
			if err != nil {
				t.Fatal(err)
			}
			if defs := c.Definitions(r); len(defs) != 1 || defs[0] != d {
				t.Errorf("role r's definitions: %v, want the one of SOP x in use", defs)
			}
		})
	}
}

// The built-in templates as shipped define each SOP once: any second
// definition would make Load fail.
func TestBuiltinsDefineEachSOPOnce(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	full := map[string]string{}
	for _, tpl := range c.Templates() {
		for _, e := range tpl.SOPs {
			if e.Def == nil {
				continue
			}
			if prev, ok := full[e.ID]; ok {
				t.Errorf("SOP %s is defined in full in %s and %s", e.ID, prev, tpl.Path)
			}
			full[e.ID] = tpl.Path
		}
	}
	if len(full) < 40 {
		t.Errorf("only %d SOPs defined in the built-ins", len(full))
	}
}
