package library

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// A sops_dir that is not a folder inside the library is a config error at
// its value (at line 1 when the default applies): without one, lint would
// check nothing and pass.
func TestLoadSOPsDirNotAFolder(t *testing.T) {
	const createOrSet = "create the folder, or set sops_dir to the folder that holds the SOP files"
	tests := []struct {
		name  string
		files map[string]string
		links map[string]string // link -> target; "OUTSIDE" is a folder outside the library
		msg   string
	}{
		{"typo", map[string]string{"sopctl.yaml": "title: T\nsops_dir: sop\n", "sops/a.md": sopFile("a")}, nil,
			`sopctl.yaml:2:11: sops_dir "sop" does not exist: did you mean "sops"?`},
		{"typo in a sub-folder", map[string]string{"sopctl.yaml": "sops_dir: handbook/procedure\n", "handbook/procedures/a.md": sopFile("a")}, nil,
			`sopctl.yaml:1:11: sops_dir "handbook/procedure" does not exist: did you mean "handbook/procedures"?`},
		{"nothing close", map[string]string{"sopctl.yaml": "sops_dir: handbook/procedures\n", "other/a.md": sopFile("a")}, nil,
			`sopctl.yaml:1:11: sops_dir "handbook/procedures" does not exist: ` + createOrSet},
		{"a file is no candidate", map[string]string{"sopctl.yaml": "sops_dir: sop\n", "sops": "a file\n"}, nil,
			`sopctl.yaml:1:11: sops_dir "sop" does not exist: ` + createOrSet},
		{"a hidden folder is no candidate", map[string]string{"sopctl.yaml": "sops_dir: git\n", ".git/HEAD": "ref\n"}, nil,
			`sopctl.yaml:1:11: sops_dir "git" does not exist: ` + createOrSet},
		{"the default", map[string]string{"sopctl.yaml": "title: H\n", "other/a.md": sopFile("a")}, nil,
			`sopctl.yaml:1:1: the SOP folder "sops" (the default of sops_dir) does not exist: create it, or set sops_dir`},
		{"a symlink to nothing", map[string]string{"sopctl.yaml": "sops_dir: sops\n"}, map[string]string{"sops": "gone"},
			`sopctl.yaml:1:11: sops_dir "sops" is a symlink to nothing: make it a folder`},
		{"a symlink out", map[string]string{"sopctl.yaml": "sops_dir: sops\n"}, map[string]string{"sops": "OUTSIDE"},
			`sopctl.yaml:1:11: sops_dir "sops" cannot be read (`},
		{"a symlink to a file", map[string]string{"sopctl.yaml": "sops_dir: sops\n", "a.md": sopFile("a")}, map[string]string{"sops": "a.md"},
			`sopctl.yaml:1:11: sops_dir "sops" is not a folder: name the folder that holds the SOP files`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			testlib.WriteTree(t, root, tt.files)
			for link, target := range tt.links {
				if target == "OUTSIDE" {
					target = outside
				}
				symlink(t, target, filepath.Join(root, link))
			}
			lib, err := Load(root)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Load() = %v, %v; want a *ConfigError", lib, err)
			}
			if !strings.HasPrefix(err.Error(), tt.msg) {
				t.Errorf("error %q\nwant it to start %q", err, tt.msg)
			}
		})
	}
}

// sopctl new adds SOPs: it may create a missing sops_dir, unless a folder
// with a close name shows that sops_dir is a typo.
func TestOpenToAdd(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		err   string
	}{
		{"deleted sops folder", map[string]string{"sopctl.yaml": "sops_dir: sops\n", "README.md": "# H\n"}, ""},
		{"the default, deleted", map[string]string{"sopctl.yaml": "title: H\n"}, ""},
		{"typo", map[string]string{"sopctl.yaml": "sops_dir: sop\n", "sops/a.md": sopFile("a")}, `sopctl.yaml:1:11: sops_dir "sop" does not exist: did you mean "sops"?`},
		{"a file", map[string]string{"sopctl.yaml": "sops_dir: sops.md\n", "sops.md": sopFile("sops")}, `sopctl.yaml:1:11: sops_dir "sops.md" is not a folder`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testlib.WriteTree(t, root, tt.files)
			lib, err := OpenToAdd(context.Background(), filepath.Join(root))
			if tt.err != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("OpenToAdd() error = %v, want a *ConfigError starting %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("OpenToAdd() error = %v", err)
			}
			if len(lib.Docs) != 0 || len(lib.Failed) != 0 || lib.Lookup("a") != nil {
				t.Errorf("Docs %q, Failed %v; want an empty library", docPaths(lib), lib.Failed)
			}
		})
	}
}
