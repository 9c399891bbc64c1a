package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
)

// empty-library fires, at sopctl.yaml, only when the whole library is
// linted and holds no SOP file at all (one that fails to parse counts).
func TestEmptyLibrary(t *testing.T) {
	const sop = "---\nid: a\n---\n# A\n"
	tests := []struct {
		name  string
		files map[string]string
		only  func(string) bool
		want  string // "severity: message prefix", "" for no finding
	}{
		{"only a README", map[string]string{"sops/README.md": "# SOPs\n"}, nil,
			"warning: no SOP found in sops/ (sops_dir): add one with sopctl new, or set sops_dir to the folder"},
		{"another sops_dir", map[string]string{"sopctl.yaml": "sops_dir: docs/procedures\n", "docs/procedures/_draft.md": sop, "docs/procedures/x.markdown": sop}, nil,
			"warning: no SOP found in docs/procedures/ (sops_dir): add one"},
		{"sops_dir is the root", map[string]string{"sopctl.yaml": "sops_dir: .\n", "README.md": "# H\n"}, nil,
			"warning: no SOP found in the library's folder (sops_dir: .): add one"},
		{"exclude leaves out every file", map[string]string{"sopctl.yaml": "exclude: [drafts, '*.md']\n", "sops/a.md": sop, "sops/drafts/b.md": sop}, nil,
			"warning: no SOP found in sops/ (sops_dir): exclude (drafts, *.md) leaves out every *.md file there; narrow exclude"},
		{"excluded non-SOP files do not count", map[string]string{"sopctl.yaml": "exclude: ['*.txt']\n", "sops/a.txt": "x\n"}, nil,
			"warning: no SOP found in sops/ (sops_dir): add one"},
		{"severity from lint.rules", map[string]string{"sopctl.yaml": "lint: {rules: {empty-library: error}}\n", "sops/.gitkeep": ""}, nil,
			"error: no SOP found in sops/"},
		{"turned off", map[string]string{"sopctl.yaml": "lint: {rules: {empty-library: off}}\n", "sops/.gitkeep": ""}, nil, ""},
		{"one SOP", map[string]string{"sops/a.md": sop}, nil, ""},
		{"one SOP that does not parse", map[string]string{"sops/a.md": "no front matter\n"}, nil, ""},
		{"PATHs limit linting to some files", map[string]string{"sops/sub/README.md": "# Sub\n"},
			func(p string) bool { return strings.HasPrefix(p, "sops/sub/") }, ""},
		{"PATHs that take in the whole library", map[string]string{"sops/.gitkeep": ""},
			func(string) bool { return true }, "warning: no SOP found in sops/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, ok := tt.files["sopctl.yaml"]; !ok {
				tt.files["sopctl.yaml"] = "title: T\n"
			}
			testlib.WriteTree(t, dir, tt.files)
			lib, err := library.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			sev, err := Configure(lib.Config)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, f := range Run(lib, Options{Now: today, Severities: sev, Only: tt.only}) {
				if f.Rule == "empty-library" {
					if f.Path != library.ConfigFile || f.Line != 1 || f.Column != 1 {
						t.Errorf("at %s:%d:%d, want sopctl.yaml:1:1", f.Path, f.Line, f.Column)
					}
					got += fmt.Sprintf("%s: %s", f.Severity, f.Message)
				}
			}
			if !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
				t.Errorf("empty-library = %q\nwant it to start %q", got, tt.want)
			}
		})
	}
}
