package markdown_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestSummariesRenderAlike: a handbook built on summaries, whose files are
// read again as their pages are written (sopctl render), renders the same
// bundle, byte for byte, with the same warnings, as one built on whole
// documents, and into a Stage (its spool, spool.go) as into memory; over
// handbook_max_sops and under it.
func TestSummariesRenderAlike(t *testing.T) {
	libs := append(rendertest.WriterLibs(xssHistory()), rendertest.Lib{Name: "files", Dir: rendertest.FilesDir},
		rendertest.Lib{Name: "print over handbook_max_sops", Dir: rendertest.PrintLibrary(t, 2)},
		rendertest.Lib{Name: "print under handbook_max_sops", Dir: rendertest.PrintLibrary(t, 10)})
	for _, lib := range libs {
		t.Run(lib.Name, func(t *testing.T) {
			rendertest.SummariesAlike(t, lib, write)
		})
	}
}

// TestSourcesChanged: an SOP file that changes between the load and its
// page stops the render with an error naming it (render.ChangedError),
// and the output folder is left as it was.
func TestSourcesChanged(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(b []byte) []byte // nil: the file is removed
		changed bool
	}{
		{"unchanged", func(b []byte) []byte { return b }, false},
		{"one byte of the body", func(b []byte) []byte { return append(b, 'x') }, true},
		{"the front matter", func(b []byte) []byte { return append([]byte("---\nid: x\n"), b[4:]...) }, true},
		{"removed", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const file = "sops/orders/returns.md"
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(smallDir)); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "site-md")
			h, l := rendertest.LoadSummaries(t, dir, gitlog.History{})
			b, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if tc.change == nil {
				err = os.Remove(filepath.Join(dir, file))
			} else {
				err = os.WriteFile(filepath.Join(dir, file), tc.change(b), 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			stage := newStage(t, dir, out)
			_, err = write(h, stage, l)
			var changed *render.ChangedError
			if got := errors.As(err, &changed); got != tc.changed || !got && err != nil {
				t.Fatalf("Bundle() = %v, want a ChangedError: %t", err, tc.changed)
			}
			if !tc.changed {
				return
			}
			if changed.Path != file {
				t.Errorf("the error names %q, want %q", changed.Path, file)
			}
			stage.Abort()
			if left, err := os.ReadDir(filepath.Dir(out)); err != nil || len(left) > 0 {
				t.Errorf("after the error, beside the output: %v (%v), want nothing", left, err)
			}
		})
	}
}

// newStage is a Stage into out for the library at dir, as sopctl render
// makes it.
func newStage(t *testing.T, dir, out string) *render.Stage {
	t.Helper()
	stage, err := render.NewStage(t.Context(), render.Target{Dir: out, LibDir: dir, SOPsDir: filepath.Join(dir, "sops")})
	if err != nil {
		t.Fatal(err)
	}
	return stage
}
