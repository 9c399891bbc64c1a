package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/schema"
	"github.com/sopctl/sopctl/templates"
)

func TestSchemaArgs(t *testing.T) {
	outside := t.TempDir()
	generic := string(schema.FrontMatter(schema.DefaultOptions()))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"default", []string{"schema"}, 0, generic, ""},
		{"front-matter", []string{"schema", "front-matter"}, 0, generic, ""},
		{"config", []string{"schema", "config"}, 0, string(schema.Config()), ""},
		{"role", []string{"schema", "role"}, 0, string(schema.Role()), ""},
		{"unknown kind", []string{"schema", "nope"}, 2, "", `unknown schema "nope": choose one of front-matter, config, role`},
		{"two kinds", []string{"schema", "config", "role"}, 2, "", "accepts at most 1 arg(s)"},
		{"bad flag", []string{"schema", "--format", "yaml"}, 2, "", "unknown flag: --format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, outside, templates.FS, tt.args...)
			if code != tt.code || stdout != tt.stdout || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q, stdout %.80q; want %d, %q and %.80q", code, stderr, stdout, tt.code, tt.stderr, tt.stdout)
			}
		})
	}
}

func TestSchemaInLibrary(t *testing.T) {
	lib, err := filepath.Abs("../../examples/customer-service")
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, filepath.Join(lib, "sops"), templates.FS, "schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Acme Customer Service Handbook",
		`"$ref": "#/definitions/sop-id"`,
		`"complaint-resolution",`,
		`"customer-service-representative"`,
		`"CSAT",`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the library's schema lacks %s", want)
		}
	}
	if _, again, _ := run(t, lib, templates.FS, "schema"); again != stdout {
		t.Error("two runs differ")
	}
	// The config and role schemas do not depend on the library.
	if _, out, _ := run(t, lib, templates.FS, "schema", "config"); out != string(schema.Config()) {
		t.Error("schema config differs inside a library")
	}
}

// A sopctl.yaml that sopctl cannot use stops the front-matter schema, as it
// stops every command that reads a library; the config schema, which helps
// to fix it, still works.
func TestSchemaBrokenConfig(t *testing.T) {
	tests := []struct{ name, config, stderr string }{
		{"unknown key", "titel: Handbook\n", `sopctl.yaml:1:1: unknown key "titel"`},
		{"unknown rule", "lint:\n  rules:\n    orphn: off\n", `lint.rules: unknown rule "orphn": did you mean "orphan"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "sopctl.yaml"), []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(dir, "sops"), 0o755); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, dir, templates.FS, "schema")
			if code != 2 || stdout != "" || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %.80q, stderr %q; want 2, nothing and %q", code, stdout, stderr, tt.stderr)
			}
			if code, _, stderr := run(t, dir, templates.FS, "schema", "config"); code != 0 {
				t.Errorf("schema config: exit %d: %s", code, stderr)
			}
		})
	}
}

func TestSchemaCompletion(t *testing.T) {
	_, stdout, _ := run(t, t.TempDir(), templates.FS, "__complete", "schema", "")
	for _, kind := range schema.Kinds() {
		if !strings.Contains(stdout, kind+"\n") {
			t.Errorf("completion lacks %s:\n%s", kind, stdout)
		}
	}
}
