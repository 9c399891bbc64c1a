package schema

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/roles"
)

// schemaRules are the lint rules whose checks the front-matter schema
// makes; the others look at the body or at other files.
var schemaRules = []string{"invalid-file", "yaml-syntax", "missing-field", "invalid-field", "unknown-field", "broken-ref", "approval-incomplete"}

const otherSOP = `---
id: other-sop
title: Other SOP
version: "1"
status: draft
owner: Ops
---
`

// frontMatterCases are front matter for sops/case.md of a library with
// SOPs other-sop and 101, a KPI CSAT and a role night-shift; want is what sopctl
// says under the default configuration.
var frontMatterCases = []struct {
	name, src string
	want      bool
}{
	{"minimal", "id: case\ntitle: Case\nversion: \"1.0\"\nstatus: draft\nowner: Ops\n", true},
	{"every field", "id: case\ntitle: Case\nversion: \"1.2.3\"\nstatus: approved\nowner: Ops\napprover: Head of Ops\n" +
		"effective: 2026-01-15\nreviewed: \"2026-01-10\"\nroles: [customer-service-representative, night-shift]\n" +
		"channels: [phone, 24]\nrelated: [other-sop]\nkpis: [CSAT]\nsupersedes: [other-sop]\ntags: [night]\n" +
		"x-audit: {by: [me]}\n", true},
	{"empty optional fields", "id: case\ntitle: Case\nversion: \"1\"\nstatus: retired\nowner: Ops\napprover:\n" +
		"effective:\nroles:\nchannels: []\nrelated:\ntags: []\n", true},
	{"numbers as ids", "id: 2026\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nrelated: [101, other-sop]\nsupersedes: [\"101\"]\n", true},
	{"negative id", "id: -1\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"fraction as id", "id: 1.5\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"title as a number", "id: case\ntitle: 2026\nversion: \"1\"\nstatus: draft\nowner: Ops\n", true},
	{"unquoted version", "id: case\ntitle: Case\nversion: 1.10\nstatus: draft\nowner: Ops\n", false},
	{"long version", "id: case\ntitle: Case\nversion: \"1.2.3.4\"\nstatus: draft\nowner: Ops\n", false},
	{"bad status", "id: case\ntitle: Case\nversion: \"1\"\nstatus: published\nowner: Ops\n", false},
	{"typo onwer", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nonwer: Ops\n", false},
	{"approved without approver", "id: case\ntitle: Case\nversion: \"1\"\nstatus: approved\nowner: Ops\neffective: 2026-01-15\n", false},
	{"approved with empty approver", "id: case\ntitle: Case\nversion: \"1\"\nstatus: approved\nowner: Ops\napprover:\neffective: 2026-01-15\n", false},
	{"approved without effective", "id: case\ntitle: Case\nversion: \"1\"\nstatus: approved\nowner: Ops\napprover: Head\n", false},
	{"approver as a list", "id: case\ntitle: Case\nversion: \"1\"\nstatus: approved\nowner: Ops\napprover: [Head]\neffective: 2026-01-15\n", false},
	{"bad id", "id: Case_1\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"impossible date", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nreviewed: 2026-02-30\n", false},
	{"date the wrong way round", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nreviewed: 15/01/2026\n", false},
	{"missing title", "id: case\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"empty title", "id: case\ntitle:\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"blank title", "id: case\ntitle: \"  \"\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"title as a list", "id: case\ntitle: [a, b]\nversion: \"1\"\nstatus: draft\nowner: Ops\n", false},
	{"unknown role", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nroles: [day-shift]\n", false},
	{"unknown KPI", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nkpis: [NPS]\n", false},
	{"unknown SOP", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nrelated: [nope]\n", false},
	{"list as a scalar", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\ntags: night\n", false},
	{"list of lists", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\ntags: [[night]]\n", false},
	{"empty list item", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nchannels: [phone, ~]\n", false},
	{"responsible", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nresponsible: [Night Supervisor, Team Lead]\n", true},
	{"responsible as a scalar", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nresponsible: Night Supervisor\n", false},
	{"responsible with a blank item", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nresponsible: [Lead, \" \"]\n", false},
	{"tags with an empty item", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\ntags: [night, '']\n", false},
	{"list as a mapping", "id: case\ntitle: Case\nversion: \"1\"\nstatus: draft\nowner: Ops\nrelated: {other-sop: yes}\n", false},
}

// configs are the sopctl.yaml the cases are checked under: the schema and
// sopctl must agree under each.
var configs = []struct{ name, src string }{
	{"default", "kpis: {CSAT: Customer Satisfaction Score}\nroles: {night-shift: Night Shift}\n"},
	{"lists required, checks off", "required_fields: [id, title, tags, roles]\nkpis: {CSAT: Customer Satisfaction Score}\n" +
		"lint: {rules: {invalid-field: off, unknown-field: off, approval-incomplete: off}}\n"},
	{"nothing required, references unchecked", "required_fields: []\nlint: {rules: {broken-ref: off, missing-field: off}}\n"},
	{"no KPIs", "required_fields:\nkpis: {}\nroles: {night-shift: Night Shift}\n"},
}

// TestFrontMatterAgreesWithLint lints each case in a real library and
// validates it against the schema made for that library: both must
// accept it, or both refuse it.
func TestFrontMatterAgreesWithLint(t *testing.T) {
	for _, cfg := range configs {
		t.Run(cfg.name, func(t *testing.T) {
			dir := t.TempDir()
			testlib.WriteTree(t, dir, map[string]string{
				library.ConfigFile:  cfg.src,
				"sops/other-sop.md": otherSOP,
				"sops/101.md":       strings.Replace(otherSOP, "id: other-sop", "id: 101", 1),
			})
			cat := catalog(t, dir)
			for _, tt := range frontMatterCases {
				testlib.WriteTree(t, dir, map[string]string{"sops/case.md": "---\n" + tt.src + "---\n"})
				lib, err := library.Load(dir)
				if err != nil {
					t.Fatal(err)
				}
				sev, err := lint.Configure(lib.Config)
				if err != nil {
					t.Fatal(err)
				}
				var found []string
				for _, f := range lint.Run(lib, lint.Options{Now: time.Now(), Severities: sev, Roles: roles.Known(cat, lib.Config).IDs(),
					Only: func(p string) bool { return p == "sops/case.md" }}) {
					if slices.Contains(schemaRules, f.Rule) {
						found = append(found, f.Rule+": "+f.Message)
					}
				}
				sopctlOK := len(found) == 0
				if cfg.name == "default" && sopctlOK != tt.want {
					t.Errorf("%s: sopctl valid = %v (%s), want %v", tt.name, sopctlOK, strings.Join(found, "; "), tt.want)
				}
				opts, err := ForLibrary(lib, cat)
				if err != nil {
					t.Fatal(err)
				}
				src, err := os.ReadFile(filepath.Join(dir, "sops", "case.md"))
				if err != nil {
					t.Fatal(err)
				}
				serr := compile(t, FrontMatter(opts)).Validate(frontMatterOf(t, "sops/case.md", src))
				if schemaOK := serr == nil; schemaOK != sopctlOK {
					t.Errorf("%s: sopctl valid = %v (%s) but schema valid = %v (%v)", tt.name, sopctlOK, strings.Join(found, "; "), schemaOK, serr)
				}
			}
		})
	}
}
