package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

const example = "../../examples/customer-service"

// compile compiles a schema as a validator would, which also checks it
// against the draft-07 metaschema. No loader is set, so nothing is fetched.
func compile(t *testing.T, src []byte) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "urn:sopctl:test"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// instance turns a YAML node into the JSON value a YAML language server
// sees: scalars by their tag, so that 1.10 is a number and an unquoted
// 2026-01-15 a string (YAML 1.2 has no timestamps).
func instance(t *testing.T, n *yaml.Node) any {
	t.Helper()
	var v any
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		switch n.Kind {
		case yaml.DocumentNode:
			return conv(n.Content[0])
		case yaml.MappingNode:
			m := map[string]any{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				m[n.Content[i].Value] = conv(n.Content[i+1])
			}
			return m
		case yaml.SequenceNode:
			out := []any{}
			for _, it := range n.Content {
				out = append(out, conv(it))
			}
			return out
		}
		switch n.Tag {
		case "!!null":
			return nil
		case "!!bool", "!!int", "!!float":
			var x any
			if err := n.Decode(&x); err != nil {
				t.Fatal(err)
			}
			return x
		}
		return n.Value
	}
	v = conv(n)
	// Through JSON, as an editor would hand it over.
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func yamlInstance(t *testing.T, src string) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	if n.Kind == 0 {
		return map[string]any{}
	}
	return instance(t, &n)
}

// frontMatterOf returns an SOP file's front matter as a JSON value.
func frontMatterOf(t *testing.T, path string, src []byte) any {
	t.Helper()
	doc, err := sop.Parse(path, src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return instance(t, doc.Front)
}

func catalog(t *testing.T, libDir string) *roles.Catalog {
	t.Helper()
	var local fs.FS
	if fi, err := os.Stat(filepath.Join(libDir, "templates")); err == nil && fi.IsDir() {
		local = os.DirFS(filepath.Join(libDir, "templates"))
	}
	cat, err := roles.Load(templates.FS, local)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func libraryOptions(t *testing.T, dir string) FrontMatterOptions {
	t.Helper()
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := ForLibrary(lib, catalog(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

func TestExampleSOPsValidate(t *testing.T) {
	opts := libraryOptions(t, example)
	if len(opts.SOPs) == 0 || len(opts.KPIs) == 0 || len(opts.Roles) == 0 {
		t.Fatalf("the example library gave no ids: %+v", opts)
	}
	own := compile(t, FrontMatter(opts))
	generic := compile(t, FrontMatter(DefaultOptions()))
	paths, err := filepath.Glob(filepath.Join(example, "sops", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example SOPs: %v", err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v := frontMatterOf(t, p, src)
		if err := own.Validate(v); err != nil {
			t.Errorf("%s against the library's schema: %v", p, err)
		}
		if err := generic.Validate(v); err != nil {
			t.Errorf("%s against the generic schema: %v", p, err)
		}
	}
}

func TestExampleConfigValidates(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(example, "sopctl.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := compile(t, Config()).Validate(yamlInstance(t, string(src))); err != nil {
		t.Error(err)
	}
}

func TestBuiltinTemplatesValidate(t *testing.T) {
	sch := compile(t, Role())
	names, err := fs.Glob(templates.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in templates: %v", err)
	}
	for _, name := range names {
		src, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(yamlInstance(t, string(src))); err != nil {
			t.Errorf("templates/%s: %v", name, err)
		}
	}
}

// TestRejected checks documents that sopctl rejects against the generic
// schema; TestFrontMatterAgreesWithLint does the same against sopctl
// itself.
func TestRejected(t *testing.T) {
	sch := compile(t, FrontMatter(DefaultOptions()))
	const ok = "id: complaint-resolution\ntitle: Complaint Resolution\nversion: \"1.2\"\nstatus: draft\nowner: CS Manager\n"
	if err := sch.Validate(yamlInstance(t, ok)); err != nil {
		t.Fatalf("the valid document fails: %v", err)
	}
	tests := []struct{ name, src, want string }{
		{"unquoted version", strings.Replace(ok, `"1.2"`, "1.10", 1), "/version"},
		{"bad status", strings.Replace(ok, "draft", "published", 1), "/status"},
		{"typo onwer", ok + "onwer: X\n", "onwer"},
		{"approved without approver", strings.Replace(ok, "draft", "approved", 1) + "effective: 2026-01-15\n", "approver"},
		{"approved with empty approver", strings.Replace(ok, "draft", "approved", 1) + "approver:\neffective: 2026-01-15\n", "approver"},
		{"bad id", strings.Replace(ok, "complaint-resolution", "Complaint_Resolution", 1), "/id"},
		{"bad date", ok + "reviewed: 2026-02-30\n", "/reviewed"},
		{"missing owner", strings.Replace(ok, "owner: CS Manager\n", "", 1), "owner"},
		{"list that is a scalar", ok + "tags: complaints\n", "/tags"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sch.Validate(yamlInstance(t, tt.src))
			if err == nil {
				t.Fatalf("valid, want invalid:\n%s", tt.src)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := FrontMatterOptions{KPIs: []string{"FCR", "CSAT"}, Roles: []string{"b", "a"}, SOPs: []string{"y", "x", "y"}, RequiredFields: []string{"id"}}
	b := FrontMatterOptions{KPIs: []string{"CSAT", "FCR", "CSAT"}, Roles: []string{"a", "b"}, SOPs: []string{"x", "y"}, RequiredFields: []string{"id"}}
	if x, y := FrontMatter(a), FrontMatter(b); !bytes.Equal(x, y) {
		t.Errorf("the same library in another order gives another schema:\n%s\n%s", x, y)
	}
	for _, f := range []func() []byte{Config, Role, func() []byte { return FrontMatter(a) }} {
		x, y := f(), f()
		if !bytes.Equal(x, y) {
			t.Error("two runs differ")
		}
		if !bytes.HasSuffix(x, []byte("}\n")) || !bytes.HasPrefix(x, []byte("{\n  \"$schema\": \""+Draft+"\",\n")) {
			t.Errorf("not indented JSON ending in a newline:\n%.200s", x)
		}
	}
}

func TestSOPEnumLimit(t *testing.T) {
	ids := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("sop-%05d", i)
		}
		return out
	}
	small := frontMatter(FrontMatterOptions{SOPs: ids(MaxSOPEnum)})
	if len(small.Definitions) != 1 || len(small.Definitions[0].schema.Enum) != MaxSOPEnum {
		t.Errorf("%d SOPs: want their ids listed", MaxSOPEnum)
	}
	big := frontMatter(FrontMatterOptions{SOPs: ids(MaxSOPEnum + 1)})
	if big.Definitions != nil {
		t.Errorf("%d SOPs: want no list of ids", MaxSOPEnum+1)
	}
	for _, p := range big.Properties {
		if p.name == "related" && p.schema.Items.Pattern != sop.IDPattern {
			t.Errorf("%d SOPs: related items are %+v, want the id pattern", MaxSOPEnum+1, p.schema.Items)
		}
	}
	none := compile(t, FrontMatter(FrontMatterOptions{SOPs: []string{}, KPIs: []string{}}))
	if err := none.Validate(yamlInstance(t, "related: [a]\n")); err == nil {
		t.Error("a library without SOPs accepts related: [a]")
	}
	if err := none.Validate(yamlInstance(t, "related: []\nkpis: []\n")); err != nil {
		t.Errorf("a library without SOPs or KPIs refuses empty lists: %v", err)
	}
}

// TestEveryPropertyDocumented walks each schema: every property, and each
// value schema of a mapping, has a title and a description for hovers.
func TestEveryPropertyDocumented(t *testing.T) {
	for name, n := range map[string]*node{"front-matter": frontMatter(DefaultOptions()), "config": config(), "role": role()} {
		var walk func(path string, n *node)
		walk = func(path string, n *node) {
			if n == nil {
				return
			}
			for _, p := range append(slices.Clone(n.Properties), n.PatternProperties...) {
				if p.schema.Title == "" || p.schema.Description == "" {
					t.Errorf("%s: %s/%s has no title or description", name, path, p.name)
				}
				walk(path+"/"+p.name, p.schema)
			}
			if ap, ok := n.AdditionalProperties.(*node); ok {
				if ap.Title == "" || ap.Description == "" {
					t.Errorf("%s: the values of %s have no title or description", name, path)
				}
				walk(path+"/*", ap)
			}
			walk(path+"[]", n.Items)
			for _, o := range n.OneOf {
				walk(path, o)
			}
		}
		walk("", n)
	}
}

// TestConfigSchemaAgreesWithSopctl runs each sopctl.yaml through sopctl's
// own parser and the schema: both must accept it, or both refuse it.
func TestConfigSchemaAgreesWithSopctl(t *testing.T) {
	sch := compile(t, Config())
	tests := []struct {
		src  string
		want bool
	}{
		{"{}\n", true},
		{"title: Handbook\norganization:\nsops_dir: docs/sops\nreview_cycle_days: 30\nmax_file_kb: 1\nexclude: [drafts/*]\n", true},
		{"required_fields: []\nrequired_sections:\nkpis:\nroles:\nlint:\n", true},
		{"kpis: {CSAT: Customer Satisfaction Score, 2024: Year}\nroles: {night-shift: Night Shift}\n", true},
		{"lint: {rules: {orphan: off, review-overdue: error, invalid-file: error}}\n", true},
		{"review_cycle_days: 36500\nmax_file_kb: 1048576\n", true},
		{"title: 2026\n", true},
		{"review_cycle_days: 0\n", false},
		{"review_cycle_days: 36501\n", false},
		{"review_cycle_days: \"30\"\n", false},
		{"review_cycle_days:\n", false},
		{"max_file_kb: 1048577\n", false},
		{"titel: Handbook\n", false},
		{"required_fields: [id, onwer]\n", false},
		{"required_fields: id\n", false},
		{"required_sections: [Purpose, \"\"]\n", false},
		{"sops_dir: /etc\n", false},
		{"sops_dir: ../elsewhere\n", false},
		{"sops_dir: [a]\n", false},
		{"kpis: {CSAT: }\n", false},
		{"kpis: [CSAT]\n", false},
		{"roles: {Night Shift: Night Shift}\n", false},
		{"lint: {rulez: {}}\n", false},
		{"lint: {rules: {orphan: ignore}}\n", false},
		{"lint: {rules: {orphn: off}}\n", false},
		{"lint: {rules: {yaml-syntax: warning}}\n", false},
		{"title: [a]\n", false},
		{"params: {follow_up_days: 3, hold: \"60\", note: within a day}\nparams_x: 1\n", false},
		{"params: {follow_up_days: 3, hold: \"60\", note: within a day}\n", true},
		{"params:\n", true},
		{"params: {Follow-Up: 3}\n", false},
		{"params: {days: \"\"}\n", false},
		{"params: {days: [3]}\n", false},
	}
	for _, tt := range tests {
		cfg, err := library.ParseConfig(library.ConfigFile, []byte(tt.src))
		if err == nil {
			_, err = lint.Configure(cfg)
		}
		if got := err == nil; got != tt.want {
			t.Errorf("sopctl: %q valid = %v (%v), want %v", tt.src, got, err, tt.want)
		}
		serr := sch.Validate(yamlInstance(t, tt.src))
		if got := serr == nil; got != tt.want {
			t.Errorf("schema: %q valid = %v (%v), want %v", tt.src, got, serr, tt.want)
		}
	}
}

// TestRoleSchemaAgreesWithSopctl does the same for role templates.
func TestRoleSchemaAgreesWithSopctl(t *testing.T) {
	sch := compile(t, Role())
	const head = "id: night-shift\ntitle: Night Shift\n"
	const def = "  - id: handover\n    title: Handover\n    owner: Night Supervisor\n    steps: [Read the log.]\n"
	tests := []struct {
		src  string
		want bool
	}{
		{head + "sops:\n" + def, true},
		{head + "sops:\n  - id: complaint-resolution\n", true},
		{head + "department: CS\ndescription: A role.\nrole: true\nkpis: {NPS: Net Promoter Score}\nsops:\n" + def +
			"    purpose: Why.\n    scope:\n    responsibilities: [{role: Supervisor, duty: Reads.}]\n    sections: [{heading: Triggers, body: When.}]\n" +
			"    checklist: [Done]\n    related: [complaint-resolution]\n    kpis: [NPS]\n    channels: [phone]\n    tags: [night]\n", true},
		{head + "role: false\n", true},
		{head + "role: false\nsops: []\n", true},
		{head, false},
		{head + "sops: []\n", false},
		{head + "sops:\n", false},
		{"title: Night Shift\nsops:\n" + def, false},
		{"id: night-shift\ntitle: \"\"\nsops:\n" + def, false},
		{head + "role: no\nsops:\n" + def, false},
		{head + "sops:\n  - id: handover\n    title: Handover\n", false},
		{head + "sops:\n  - id: handover\n    title: Handover\n    owner: X\n    steps: []\n", false},
		{head + "sops:\n  - id: Handover\n", false},
		{head + "sops:\n  - id: handover\n    titel: Handover\n", false},
		{head + "sops:\n" + def + "    responsibilities: [{role: Supervisor}]\n", false},
		{head + "sops:\n" + def + "    checklist: done\n", false},
		{head + "kpis: {NPS: }\nsops:\n" + def, false},
		{head + "colour: blue\nsops:\n" + def, false},
		{head + "params:\n  days: {default: \"5\", description: Days., unit: business days}\n  hold: {default: 60, description: Seconds.}\nsops:\n" + def, true},
		{head + "params: {Days: {default: \"5\", description: D}}\nsops:\n" + def, false},
		{head + "params: {days: {description: D}}\nsops:\n" + def, false},
		{head + "params: {days: {default: \"5\"}}\nsops:\n" + def, false},
		{head + "params: {days: {default: \"\", description: D}}\nsops:\n" + def, false},
		{head + "params: {days: {default: \"5\", description: D, units: d}}\nsops:\n" + def, false},
		{head + "params: {days: 5}\nsops:\n" + def, false},
	}
	for _, tt := range tests {
		_, err := roles.ParseTemplate("templates/night-shift.yaml", []byte(tt.src), false)
		if got := err == nil; got != tt.want {
			t.Errorf("sopctl: %q valid = %v (%v), want %v", tt.src, got, err, tt.want)
		}
		serr := sch.Validate(yamlInstance(t, tt.src))
		if got := serr == nil; got != tt.want {
			t.Errorf("schema: %q valid = %v (%v), want %v", tt.src, got, serr, tt.want)
		}
	}
}
