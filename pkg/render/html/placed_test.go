package html

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/sop"
)

// TestSplicedBodies holds bodyHTML, which converts a body once and splices
// the pieces each linker places (placed.go), to a whole conversion for
// each linker by goldmark as bundleMarkdown was before placedRenderer:
// byte for byte, for every SOP of the writers' libraries and of the print
// library, with the one-page handbook printed and not.
func TestSplicedBodies(t *testing.T) {
	whole := goldmark.New(goldmark.WithExtensions(extension.GFM),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(checkBoxRenderer{}, 0), util.Prioritized(tableRenderer{}, 0))))
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<script>x</script>")),
		rendertest.Lib{Name: "files", Dir: rendertest.FilesDir},
		rendertest.Lib{Name: "print-2", Dir: rendertest.PrintLibrary(t, 2)},
		rendertest.Lib{Name: "print-100", Dir: rendertest.PrintLibrary(t, 100)})
	for _, lib := range libs {
		t.Run(lib.Name, func(t *testing.T) {
			h, _ := rendertest.Load(t, lib.Dir, lib.History)
			bufs := newSOPBufs()
			for _, p := range h.SOPs {
				linkers := append([]linker{pageLinker{}}, printLinkers(h, p)...)
				got, err := bodyHTML(h, p, bufs, linkers...)
				if err != nil {
					t.Fatal(err)
				}
				src, err := h.Body(p)
				if err != nil {
					t.Fatal(err)
				}
				root := sop.ParseMarkdown(src)
				body := prepare(h, p, root, src)
				for i, l := range linkers {
					body.place(p, l)
					var b bytes.Buffer
					if err := whole.Renderer().Render(&b, src, root); err != nil {
						t.Fatal(err)
					}
					if want := keyboardCode(nil, b.Bytes()); !bytes.Equal(got[i], want) {
						t.Errorf("%s, linker %d (%T): %s", p.ID, i, l, testlib.FirstDiff(got[i], want))
					}
				}
			}
		})
	}
}
