package cli

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// snapshotTree maps every path under dir to its kind and content hash.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A command whose context is cancelled (the first Ctrl-C) before it
// writes exits 1, says in one line that nothing changed, and changes
// nothing: no file, no folder, no temporary file.
func TestInterruptedWritesChangeNothing(t *testing.T) {
	base := t.TempDir()
	if code, _, stderr := run(t, base, templates.FS, "init", "lib"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	lib := filepath.Join(base, "lib")
	if code, _, stderr := run(t, lib, templates.FS, "new", "x", "--title", "X"); code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	tests := []struct {
		name string
		dir  string
		args []string
	}{
		{"new --role", lib, []string{"new", "--role", "customer-service-operations"}},
		{"new --role --force", lib, []string{"new", "--role", "customer-service-operations", "--force"}},
		{"new ID --title", lib, []string{"new", "y", "--title", "Y"}},
		{"new ID --force", lib, []string{"new", "x", "--title", "X2", "--force"}},
		{"init in new folders", base, []string{"init", "a/b/c"}},
		{"init beside existing files", base, []string{"init", "lib/sops"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshotTree(t, base)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			ios, _, out, errOut := iostreams.Test()
			env := &Env{IO: ios, Dir: tt.dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
			code := Run(ctx, tt.args, env)
			if code != ExitProblems || errOut.String() != "interrupted: nothing was changed\n" {
				t.Errorf("exit %d, stderr %q; want 1 and \"interrupted: nothing was changed\"", code, errOut.String())
			}
			if out.Len() > 0 {
				t.Errorf("stdout %q: nothing should be reported as done", out.String())
			}
			if after := snapshotTree(t, base); !maps.Equal(before, after) {
				t.Errorf("the tree changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}
