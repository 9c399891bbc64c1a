package html_test

import (
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestSummariesRenderAlike: a handbook built on summaries, whose files are
// read again as their pages are written (sopctl render), renders the same
// bundle, byte for byte, with the same warnings, as one built on whole
// documents, and into a Stage (its spool, spool.go) as into memory.
func TestSummariesRenderAlike(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<b>c</b>")), rendertest.Lib{Name: "files", Dir: rendertest.FilesDir})
	for _, lib := range libs {
		t.Run(lib.Name, func(t *testing.T) {
			whole, wholeWarns := bundle(t, lib.Dir, lib.History)
			h, l := rendertest.LoadSummaries(t, lib.Dir, lib.History)
			if err := h.KeysErr(); err != nil {
				t.Fatal(err)
			}
			// Into a Stage, as sopctl render writes: the printed sections
			// go through the spool, which is gone before the swap.
			out := filepath.Join(t.TempDir(), "site")
			stage, err := render.NewStage(t.Context(), render.Target{Dir: out, LibDir: l.Dir, SOPsDir: filepath.Join(l.Dir, "sops")})
			if err != nil {
				t.Fatal(err)
			}
			warns, err := write(h, stage, l)
			if err != nil {
				t.Fatal(err)
			}
			if err := stage.Commit(); err != nil {
				t.Fatal(err)
			}
			files := testlib.ReadTree(t, out)
			for _, name := range []string{render.Marker, render.ManifestFile} {
				delete(files, name)
			}
			rendertest.SameRenders(t, files, whole, warns, wholeWarns)
		})
	}
}
