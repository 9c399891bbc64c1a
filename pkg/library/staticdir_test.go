package library

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckStaticDir(t *testing.T) {
	tests := []struct {
		name, yaml string
		make       func(dir string) // what the library holds
		want       string           // "" for no error
	}{
		{"default missing", "title: T\n", nil, ""},
		{"default written out, missing", "static_dir: static\n", nil, ""},
		{"default present", "title: T\n", mkdir("static"), ""},
		{"named, present", "static_dir: web\n", mkdir("web"), ""},
		{"named, missing", "title: T\nstatic_dir: web\n", nil, `sopctl.yaml:2:13: static_dir "web" does not exist: create the folder, or remove static_dir`},
		{"named, a file", "static_dir: web\n", mkfile("web"), `sopctl.yaml:1:13: static_dir "web" is not a folder`},
		{"default, a file", "title: T\n", mkfile("static"), `sopctl.yaml:1:1: static_dir "static" is not a folder`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.make != nil {
				tt.make(dir)
			}
			cfg, err := ParseConfig(ConfigFile, []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			err = cfg.CheckStaticDir(root)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("CheckStaticDir() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("CheckStaticDir() = %v, want %s...", err, tt.want)
			}
		})
	}
}

func mkdir(name string) func(string) {
	return func(dir string) { _ = os.Mkdir(filepath.Join(dir, name), 0o755) }
}

func mkfile(name string) func(string) {
	return func(dir string) { _ = os.WriteFile(filepath.Join(dir, name), nil, 0o644) }
}
