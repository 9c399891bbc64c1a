package scaffold

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

// paramCatalog is a role r whose SOP call-back cites two parameters and
// relates to note, defined in a catalogue that cites one of them.
func paramCatalog(t testing.TB) *roles.Catalog {
	t.Helper()
	c, err := roles.Load(fstest.MapFS{
		"r.yaml": {Data: []byte(`id: r
title: R
params:
  days: {default: "5", unit: business days, description: Days to the call-back.}
  greeting: {default: Hello, description: The first word.}
sops:
  - id: call-back
    title: Call back in {{days}} days
    owner: "{{greeting}} desk"
    purpose: Call within {{days}} business days.
    responsibilities: [{role: "{{greeting}} Lead", duty: "Says {{greeting}}."}]
    sections: [{heading: "Within {{days}}", body: "Say {{ greeting }}."}]
    steps: ["Say {{greeting}}.", "Wait {{days}} days."]
    checklist: ["{{days}} days waited"]
    responsible: ["{{greeting}} Lead"]
    end_sections: [{heading: History, body: "Set to {{days}} days."}]
    related: [note]
`)},
		"c.yaml": {Data: []byte("id: c\ntitle: C\nrole: false\nsops:\n  - {id: note, title: Note, owner: O, steps: [\"Note it within {{days}} days.\"]}\n  - {id: plain, title: Plain, owner: O, steps: [s]}\n")},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestParamSubstitution(t *testing.T) {
	lib := newLib(t, map[string]string{"sopctl.yaml": "title: T\n"})
	plan, err := PlanNew(lib, paramCatalog(t), Request{Role: "r", Set: map[string]string{"greeting": "*Hi* <b>|"}})
	if err != nil {
		t.Fatal(err)
	}
	got := string(plan.Changes[0].Data)
	for _, want := range []string{
		"title: Call back in 5 days\n", // front matter: the value as it is
		"owner: '*Hi* <b>| desk'\n",
		"\n# Call back in 5 days\n",
		"\n## Purpose\n\nCall within 5 business days.\n",
		"- **\\*Hi\\* \\<b\\>\\| Lead**: Says \\*Hi\\* \\<b\\>\\|.\n", // Markdown: escaped
		"\n## Within 5\n\nSay \\*Hi\\* \\<b\\>\\|.\n",
		"1. Say \\*Hi\\* \\<b\\>\\|.\n2. Wait 5 days.\n",
		"- [ ] 5 days waited\n",
		"responsible: [\"*Hi* <b>| Lead\"]\n",
		"\n## History\n\nSet to 5 days.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the scaffolded SOP lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "{{") || !strings.Contains(string(plan.Changes[1].Data), "Note it within 5 days.") {
		t.Errorf("a citation survives:\n%s\n%s", got, plan.Changes[1].Data)
	}
}

// A value comes from --set, else sopctl.yaml's params, else the default;
// sopctl.yaml gets every value used that it does not hold yet, in place.
func TestParamPrecedenceAndWriteBack(t *testing.T) {
	tests := []struct {
		name, config string
		set          map[string]string
		wantDays     string // in the SOP
		wantSource   string
		wantConfig   string // sopctl.yaml after, "" for unchanged
		wantNote     string
	}{
		{"default", "title: T\n", nil, "5", FromDefault,
			"title: T\nparams:\n  days: \"5\"\n  greeting: Hello\n", "add params days, greeting"},
		{"sopctl.yaml", "title: T\nparams:\n  days: 3   # agreed\n  greeting: Hi\n", nil, "3", FromConfig, "", ""},
		{"--set over sopctl.yaml, in place", "title: T\nparams:\n  days: 3   # agreed\n  greeting: Hi\n", map[string]string{"days": "4"}, "4", FromSet,
			"title: T\nparams:\n  days: \"4\"   # agreed\n  greeting: Hi\n", `set params days from "3" to "4"`},
		{"--set in a flow mapping", "title: T\nparams: {days: '3', greeting: Hi}\n", map[string]string{"days": "ten, or so"}, "ten, or so", FromSet,
			"title: T\nparams: {days: \"ten, or so\", greeting: Hi}\n", `set params days from "3" to "ten, or so"`},
		{"--set and a new one", "title: T\nparams: {}\n", map[string]string{"days": "2"}, "2", FromSet,
			"title: T\nparams:\n  days: \"2\"\n  greeting: Hello\n", "add params days, greeting"},
		{"init's params: {} with its comment (kept in its column)", "title: T\nparams: {}    # values\nlint: {}\n", nil, "5", FromDefault,
			"title: T\nparams:       # values\n  days: \"5\"\n  greeting: Hello\nlint: {}\n", "add params days, greeting"},
		{"a flow mapping with entries stays one", "title: T\nparams: {greeting: Hi}\n", nil, "5", FromDefault,
			"title: T\nparams: {greeting: Hi, days: \"5\"}\n", "add params days"},
		{"--set the value it has", "title: T\nparams:\n  days: 3\n  greeting: Hi\n", map[string]string{"days": "3"}, "3", FromSet, "", ""},
		{"changed and added", "title: T\nparams:\n  days: 3\n", map[string]string{"days": "1"}, "1", FromSet,
			"title: T\nparams:\n  days: \"1\"\n  greeting: Hello\n", `add params greeting; set params days from "3" to "1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib := newLib(t, map[string]string{"sopctl.yaml": tt.config})
			plan, err := PlanNew(lib, paramCatalog(t), Request{Role: "r", Set: tt.set})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(plan.Changes[0].Data), "Wait "+tt.wantDays+" days.") {
				t.Errorf("the SOP does not wait %s days:\n%s", tt.wantDays, plan.Changes[0].Data)
			}
			if u := plan.Params[0]; u.ID != "days" || u.Value != tt.wantDays || u.Source != tt.wantSource {
				t.Errorf("Params[0] = %+v, want days = %s from %s", u, tt.wantDays, tt.wantSource)
			}
			last := plan.Changes[len(plan.Changes)-1]
			if tt.wantConfig == "" {
				if last.Path == library.ConfigFile {
					t.Errorf("sopctl.yaml changes (%s):\n%s", last.Note, last.Data)
				}
				return
			}
			if last.Path != library.ConfigFile || string(last.Data) != tt.wantConfig || last.Note != tt.wantNote {
				t.Errorf("sopctl.yaml change %q:\n%s\nwant %q:\n%s", last.Note, last.Data, tt.wantNote, tt.wantConfig)
			}
		})
	}
}

// KPIs and parameters added in one run make one change to sopctl.yaml.
func TestParamsAndKPIsOneChange(t *testing.T) {
	cat, err := roles.Load(fstest.MapFS{"r.yaml": {Data: []byte(`id: r
title: R
kpis: {NPS: Net Promoter Score}
params: {days: {default: "5", description: D}}
sops: [{id: x, title: X, owner: O, kpis: [NPS], steps: ["{{days}}"]}]
`)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := PlanNew(newLib(t, map[string]string{"sopctl.yaml": "title: T # ours\n"}), cat, Request{Role: "r"})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Changes) != 2 {
		t.Fatalf("%d changes, want the SOP and sopctl.yaml", len(plan.Changes))
	}
	c := plan.Changes[1]
	want := "title: T # ours\nkpis:\n  NPS: Net Promoter Score\nparams:\n  days: \"5\"\n"
	if string(c.Data) != want || c.Note != "add KPIs NPS; add params days" {
		t.Errorf("sopctl.yaml (%s):\n%s\nwant:\n%s", c.Note, c.Data, want)
	}
}

func TestSetUnknownParam(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"typo", Request{Role: "r", Set: map[string]string{"dayz": "1"}},
			`--set dayz: the SOPs of role r and those they refer to do not cite {{dayz}}: did you mean "days"? (sopctl templates show ROLE lists a role's parameters)`},
		{"far off", Request{Role: "r", Set: map[string]string{"colour": "1"}},
			"--set colour: the SOPs of role r and those they refer to do not cite {{colour}}; the parameters cited are days, greeting"},
		{"one SOP", Request{ID: "note", Set: map[string]string{"greeting": "1"}},
			"--set greeting: SOP note does not cite {{greeting}}; the parameters cited are days"},
		{"no citation", Request{ID: "plain", Set: map[string]string{"days": "1"}},
			"--set days: SOP plain does not cite {{days}}; no parameter is cited"},
		{"blank", Request{ID: "mine", Title: "Mine", Set: map[string]string{"days": "1"}},
			"--set days: a blank SOP does not cite {{days}}; no parameter is cited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PlanNew(newLib(t, map[string]string{}), paramCatalog(t), tt.req)
			var up *UnknownParamError
			if !errors.As(err, &up) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("PlanNew() error = %v\nwant an UnknownParamError containing %s", err, tt.want)
			}
		})
	}
}

// A --set that changes a value leaves the SOPs in place as they are and
// names those that cite the parameter.
func TestSetNamesStaleSOPs(t *testing.T) {
	lib := newLib(t, map[string]string{
		"sopctl.yaml":       "title: T\nparams: {days: \"5\", greeting: Hello}\n",
		"sops/note.md":      "---\nid: note\ntitle: Note\n---\n",
		"sops/call-back.md": "---\nid: call-back\ntitle: Call\nroles: [r]\n---\n",
	})
	plan, err := PlanNew(lib, paramCatalog(t), Request{Role: "r", Set: map[string]string{"days": "2"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []ParamUse{{ID: "days", Value: "2", Source: FromSet, Old: "5", Stale: []string{"call-back", "note"}}}
	if !reflect.DeepEqual(plan.Params, want) {
		t.Errorf("Params = %+v, want %+v", plan.Params, want)
	}
	if c := plan.Changes[len(plan.Changes)-1]; c.Path != library.ConfigFile || !strings.Contains(string(c.Data), `days: "2"`) {
		t.Errorf("sopctl.yaml not updated: %s %s", c.Path, c.Data)
	}
}
