package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/library"
)

// A lifecycle command whose SOP (or NEW) was saved by someone else after
// sopctl read it writes nothing, names the file, and exits 1.
func TestLifecycleLeavesAFileChangedOnDisk(t *testing.T) {
	const sopText = "---\nid: ID\ntitle: T\nversion: \"1.0\"\nstatus: draft\nowner: L\n---\n\n# T\n\n## Purpose\n\nx\n\n## Scope\n\nx\n\n## Procedure\n\n1. x\n"
	for _, tt := range []struct {
		name, saved string // saved: the file someone else saves
		run         func(*lifecycleRun) (func(context.Context) error, error)
		opts        lifecycleOptions
	}{
		{"approve", "sops/a.md", approve, lifecycleOptions{id: "a", by: "Boss"}},
		{"reviewed", "sops/a.md", reviewed, lifecycleOptions{id: "a"}},
		{"retire, NEW saved", "sops/b.md", retire, lifecycleOptions{id: "a", supersededBy: "b"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"sopctl.yaml": "title: T\n",
				"sops/a.md": strings.ReplaceAll(sopText, "ID", "a"), "sops/b.md": strings.ReplaceAll(sopText, "ID", "b")}
			testlib.WriteTree(t, dir, files)
			ios, _, _, _ := iostreams.Test()
			env := &Env{IO: ios, Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }}
			lib, err := library.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			r := &lifecycleRun{env: env, command: tt.name, opts: &tt.opts, lib: lib, doc: lib.Lookup("a")[0], day: "2026-11-25"}
			if _, err := tt.run(r); err != nil {
				t.Fatal(err)
			}
			saved := strings.Replace(files[tt.saved], "owner: L", "owner: Someone", 1)
			if err := os.WriteFile(filepath.Join(dir, tt.saved), []byte(saved), 0o644); err != nil {
				t.Fatal(err)
			}
			err = r.write(context.Background())
			if want := tt.saved + " was saved by someone else since sopctl read it, so nothing was written: run the command again"; err == nil || err.Error() != want || exitCode(err) != ExitProblems {
				t.Errorf("err = %v, want %q", err, want)
			}
			for p, want := range map[string]string{"sops/a.md": files["sops/a.md"], "sops/b.md": files["sops/b.md"]} {
				if p == tt.saved {
					want = saved
				}
				if b, _ := os.ReadFile(filepath.Join(dir, p)); string(b) != want {
					t.Errorf("%s was written: %q", p, b)
				}
			}
		})
	}
}
