package roles

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sopctl/sopctl/templates"
)

// paramsBuiltin is a small built-in set for parameter tests: a role whose
// SOP cites two parameters and a catalogue that declares one of them.
func paramsBuiltin() fstest.MapFS {
	return fstest.MapFS{
		"r.yaml": {Data: []byte(`id: r
title: R
params:
  follow_up_days: {default: "5", unit: business days, description: Days to the follow-up call.}
sops:
  - id: x
    title: X in {{follow_up_days}} days
    owner: O
    steps: ["Call back within {{ follow_up_days }} days.", "Hold for {{hold_minutes}} minutes."]
    related: [y]
`)},
		"c.yaml": {Data: []byte(`id: c
title: C
role: false
params:
  hold_minutes: {default: "2", description: Minutes between check-backs.}
sops:
  - {id: y, title: Y, owner: O, steps: [s]}
`)},
	}
}

func TestParams(t *testing.T) {
	c, err := Load(paramsBuiltin(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range c.Params() {
		ids = append(ids, p.ID)
	}
	// Built-ins in file order: c.yaml is read before r.yaml.
	if want := []string{"hold_minutes", "follow_up_days"}; !slices.Equal(ids, want) {
		t.Errorf("Params() = %v, want %v", ids, want)
	}
	p, ok := c.Param("follow_up_days")
	if !ok || p.Default != "5" || p.Unit != "business days" || p.Description != "Days to the follow-up call." || p.Pos.Line != 4 || p.Template.ID != "r" {
		t.Errorf("Param(follow_up_days) = %+v, %v", p, ok)
	}
	x, _ := c.SOP("x")
	if got := CitedParams([]*SOP{x}); !slices.Equal(got, []string{"follow_up_days", "hold_minutes"}) {
		t.Errorf("CitedParams(x) = %v", got)
	}
	if len(x.Cites) != 3 || x.Cites[0].Pos.Line != 7 || x.Cites[1].Pos.Line != 9 {
		t.Errorf("x.Cites = %+v, want three, at lines 7, 9, 9", x.Cites)
	}
	if !x.CitesParam("hold_minutes") || x.CitesParam("y") {
		t.Error("CitesParam")
	}
	if u := c.UnusedParams(); len(u) != 0 {
		t.Errorf("UnusedParams() = %v, want none", u)
	}
}

func TestParamErrors(t *testing.T) {
	const head = "id: a\ntitle: A\nrole: false\n"
	tests := []struct{ name, src, want string }{
		{"bad id", head + "params:\n  Follow-Up: {default: \"5\", description: D}\n",
			`templates/a.yaml:5:3: params: "Follow-Up" is not a valid parameter id: use a lower-case letter, then lower-case letters, digits and underscores, like follow_up_days`},
		{"digit first", head + "params: {1st: {default: \"5\", description: D}}\n", `templates/a.yaml:4:10: params: "1st" is not a valid parameter id`},
		{"no default", head + "params:\n  days: {description: D}\n", "templates/a.yaml:5:9: params.days needs a default: add default: ..."},
		{"empty default", head + "params:\n  days: {default: \"\", description: D}\n", "templates/a.yaml:5:19: params.days.default must not be empty"},
		{"no description", head + "params:\n  days: {default: \"5\"}\n", "templates/a.yaml:5:9: params.days needs a description"},
		{"not a mapping", head + "params:\n  days: 5\n", `templates/a.yaml:5:9: params.days must be a mapping like {default: "5", description: What the value is, unit: business days}`},
		{"unknown key", head + "params:\n  days: {default: \"5\", description: D, units: days}\n", `templates/a.yaml:5:40: unknown key "units" in params.days: did you mean "unit"?`},
		{"list default", head + "params:\n  days: {default: [5], description: D}\n", "templates/a.yaml:5:19: params.days.default must be text, not a list or mapping"},
		{"duplicate", head + "params:\n  days: {default: \"5\", description: D}\n  days: {default: \"6\", description: D}\n", `templates/a.yaml:6:3: duplicate key "days"`},
		{"undeclared", head + "sops:\n  - {id: z, title: Z, owner: O, steps: [\"wait {{follow_up_dys}} days\"]}\n",
			`templates/a.yaml:5:41: SOP "z" cites the parameter {{follow_up_dys}}, which no template declares: declare it under params: with a default and a description (did you mean "follow_up_days"?)`},
		{"undeclared in a section", head + "sops:\n  - id: z\n    title: Z\n    owner: O\n    steps: [s]\n    sections: [{heading: H, body: \"{{nope}}\"}]\n",
			`templates/a.yaml:9:35: SOP "z" cites the parameter {{nope}}`},
		// a.yaml is read before r.yaml: r.yaml's declaration is the second.
		{"other default", head + "params:\n  follow_up_days: {default: \"3\", description: D}\n",
			`templates/r.yaml:4:3: parameter "follow_up_days" is already declared in templates/a.yaml:5 with the default "3": declare it once and cite it from any template`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			builtin := paramsBuiltin()
			builtin["a.yaml"] = &fstest.MapFile{Data: []byte(tt.src)}
			_, err := Load(builtin, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load() error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// The catalogue is one namespace: a library's own template may cite a
// built-in parameter, and its declaration of one replaces the built-in
// default; the same default declared twice is no conflict.
func TestParamsLocal(t *testing.T) {
	local := fstest.MapFS{
		"mine.yaml": {Data: []byte(`id: mine
title: Mine
params:
  follow_up_days: {default: "3", description: Ours.}
  spare: {default: "1", description: "Declared, cited nowhere."}
sops:
  - {id: m, title: M, owner: O, steps: ["within {{hold_minutes}} minutes"]}
`)},
		"again.yaml": {Data: []byte("id: again\ntitle: Again\nrole: false\nparams:\n  spare: {default: \"1\", description: Same default.}\nsops: []\n")},
	}
	c, err := Load(paramsBuiltin(), local)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := c.Param("follow_up_days"); p.Default != "3" || p.Template.ID != "mine" {
		t.Errorf("the local declaration does not win: %+v", p)
	}
	if u := c.UnusedParams(); len(u) != 1 || u[0].ID != "spare" {
		t.Errorf("UnusedParams() = %+v, want spare", u)
	}
}

// Every parameter a built-in template declares is cited somewhere: an
// unused one is a leftover of an edit (Load accepts them, for libraries).
func TestBuiltinParamsUsed(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.UnusedParams() {
		t.Errorf("%s:%d: parameter %s is declared but no SOP cites it", p.Template.Path, p.Pos.Line, p.ID)
	}
}
