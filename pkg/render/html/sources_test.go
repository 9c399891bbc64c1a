package html_test

import (
	"testing"

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
			rendertest.SummariesAlike(t, lib, write)
		})
	}
}
