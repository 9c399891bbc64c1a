package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sopctl/sopctl/pkg/lint"
)

// sarifSchemaPath is the official SARIF 2.1.0 schema (OASIS errata01). It is
// not vendored into the module: it lives in the workspace's shared/schemas,
// next to this repository.
var sarifSchemaPath = filepath.Join("..", "..", "..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")

// sarifSchema compiles the schema from disk. No loader is set, so a $ref to
// anything but the file itself or a bundled metaschema fails instead of
// reaching the network.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("SARIF schema not found at %s: it is not vendored, it lives in the workspace's shared/schemas", sarifSchemaPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(sarifSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // check "uri" and "uri-reference" values too
	if err := c.AddResource(abs, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	tests := []struct {
		name     string
		findings []lint.Finding
		opts     Options
	}{
		{"sample", sample, sampleOpts},
		{"empty", nil, Options{}},
		{"empty with rules", nil, sampleOpts},
		{"every rule", nil, Options{Rules: lint.Rules()}},
		{"undescribed rule and zero position", []lint.Finding{{Rule: "x", Severity: lint.Info, Path: "a b:c.md", Message: "m"}}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "sarif", tt.findings, tt.opts); err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(&b)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Errorf("output does not match the SARIF schema:\n%v", err)
			}
		})
	}
}

// TestSARIFSchemaRejects makes sure the validation above can fail.
func TestSARIFSchemaRejects(t *testing.T) {
	sch := sarifSchema(t)
	var b bytes.Buffer
	if err := Write(&b, "sarif", sample, sampleOpts); err != nil {
		t.Fatal(err)
	}
	breakers := map[string]func(m map[string]any){
		"version 2.0": func(m map[string]any) { m["version"] = "2.0" },
		"no runs":     func(m map[string]any) { delete(m, "runs") },
		"unknown key": func(m map[string]any) { m["extra"] = true },
		"startLine 0": func(m map[string]any) { region(m)["startLine"] = 0 },
		"bad level":   func(m map[string]any) { result(m)["level"] = "fatal" },
		"bad columnKind": func(m map[string]any) {
			m["runs"].([]any)[0].(map[string]any)["columnKind"] = "bytes"
		},
	}
	for name, breakIt := range breakers {
		t.Run(name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(b.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			breakIt(m)
			if err := sch.Validate(m); err == nil {
				t.Error("a broken document passed validation")
			}
		})
	}
}

func result(m map[string]any) map[string]any {
	return m["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
}

func region(m map[string]any) map[string]any {
	loc := result(m)["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

// TestSARIFHelpURI: every rule of the registry leads to its README
// section, and an undescribed rule to nothing.
func TestSARIFHelpURI(t *testing.T) {
	var b bytes.Buffer
	findings := []lint.Finding{{Rule: "undescribed", Severity: lint.Info, Path: "a.md", Line: 1, Column: 1, Message: "m"}}
	if err := Write(&b, "sarif", findings, Options{Rules: lint.Rules()}); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		got[r.ID] = r.HelpURI
	}
	for _, r := range lint.Rules() {
		if want := "https://github.com/sopctl/sopctl#rule-" + r.ID; got[r.ID] != want {
			t.Errorf("%s: helpUri %q, want %q", r.ID, got[r.ID], want)
		}
	}
	if u := got["undescribed"]; u != "" {
		t.Errorf("undescribed rule: helpUri %q, want none", u)
	}
}
