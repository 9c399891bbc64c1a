package html_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestSummariesRenderAlike: a handbook built on summaries, whose files are
// read again as their pages are written (sopctl render), renders the same
// bundle, byte for byte, with the same warnings, as one built on whole
// documents.
func TestSummariesRenderAlike(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<b>c</b>")), rendertest.Lib{Name: "files", Dir: rendertest.FilesDir})
	for _, lib := range libs {
		t.Run(lib.Name, func(t *testing.T) {
			whole, wholeWarns := bundle(t, lib.Dir, lib.History)
			h, l := rendertest.LoadSummaries(t, lib.Dir, lib.History)
			if err := h.KeysErr(); err != nil {
				t.Fatal(err)
			}
			var files render.Files
			warns, err := write(h, &files, l)
			if err != nil {
				t.Fatal(err)
			}
			if len(files.Map()) == 0 {
				t.Fatal("no files")
			}
			rendertest.SameRenders(t, files.Map(), whole, warns, wholeWarns)
		})
	}
}
