package html_test

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

func TestDeterministic(t *testing.T) {
	for _, lib := range rendertest.WriterLibs(xssHistory()) {
		t.Run(lib.Name, func(t *testing.T) {
			a, wa := rendertest.RendersAlike(t, lib.Dir, lib.History, write)

			// Written out, the two trees are the same too: one rendered into
			// render.Files and written, one streamed to a Stage while
			// rendering (as sopctl render does).
			libDir, err := filepath.Abs(lib.Dir)
			if err != nil {
				t.Fatal(err)
			}
			base := t.TempDir()
			var trees []map[string][]byte
			for _, out := range []string{"one", "two"} {
				target := render.Target{Dir: filepath.Join(base, out), LibDir: libDir, SOPsDir: filepath.Join(libDir, "sops")}
				if out == "one" {
					files, _ := bundle(t, lib.Dir, lib.History)
					if err := render.Write(t.Context(), target, files); err != nil {
						t.Fatal(err)
					}
				} else {
					h, l := rendertest.Load(t, lib.Dir, lib.History)
					stage, err := render.NewStage(t.Context(), target)
					if err != nil {
						t.Fatal(err)
					}
					warns, err := write(h, stage, l)
					if err != nil {
						t.Fatalf("Bundle into a stage: %v", err)
					}
					if !slices.EqualFunc(wa, warns, func(x, y render.Warning) bool { return x == y }) {
						t.Errorf("warnings differ when written into a stage:\n%v\n%v", wa, warns)
					}
					if err := stage.Commit(); err != nil {
						t.Fatal(err)
					}
				}
				trees = append(trees, testlib.ReadTree(t, target.Dir))
			}
			// Only the Stage gets the keys of an incremental render.
			if _, ok := trees[1][render.ManifestFile]; !ok {
				t.Errorf("the Stage has no %s", render.ManifestFile)
			}
			delete(trees[1], render.ManifestFile)
			if !maps.EqualFunc(trees[0], trees[1], bytes.Equal) {
				t.Errorf("the bundle rendered into memory and written, and the one streamed into a Stage, differ")
			}
			if len(trees[0]) != len(a)+1 {
				t.Errorf("written %d files, want the bundle's %d and the marker", len(trees[0]), len(a))
			}
		})
	}
}
