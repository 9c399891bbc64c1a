package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/templates"
)

// -C DIR must name a folder, as with git -C: a missing one, or a file, is
// said to be so (exit 2), not reported as a folder without a library.
func TestChdir(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, dir, templates.FS, "init", "lib"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string // how stderr starts; "" for nothing on stderr
	}{
		{[]string{"-C", "nope", "lint"}, 2, "-C nope: no such folder: name a folder that exists, such as the library's\n"},
		{[]string{"-C", filepath.Join(dir, "nope"), "render"}, 2, "-C " + filepath.Join(dir, "nope") + ": no such folder: name a folder that exists, such as the library's\n"},
		{[]string{"-C", "lib/sopctl.yaml", "lint"}, 2, "-C lib/sopctl.yaml: not a folder but a file: name the folder to run in, such as the one that holds it\n"},
		{[]string{"-C", "nope", "templates", "list"}, 2, "-C nope: no such folder"},
		{[]string{"-C", "nope", "init"}, 2, "-C nope: no such folder: sopctl init nope creates it\n"},
		{[]string{"-C", "lib/sopctl.yaml", "init"}, 2, "-C lib/sopctl.yaml: not a folder but a file"},
		{[]string{"-C", "lib/sopctl.yaml/sub", "lint"}, 2, "-C lib/sopctl.yaml/sub: no such folder"},
		{[]string{"-C", "nope", "help"}, 0, ""},
		{[]string{"-C", "nope", "help", "lint"}, 0, ""},
		{[]string{"-C", "nope", "completion", "bash"}, 0, ""},
		{[]string{"-C", "lib", "lint"}, 0, ""},
		{[]string{"-C", "lib/sops", "lint"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := run(t, dir, templates.FS, tt.args...)
			if code != tt.code || !strings.HasPrefix(stderr, tt.stderr) || (tt.stderr == "") != (stderr == "") {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nope")); err == nil {
		t.Error("init -C created the missing folder")
	}
}
