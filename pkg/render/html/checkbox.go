package html

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// bundleMarkdown renders bodies for bundles: sop.ParseMarkdown's syntax, with
// task-list checkboxes that have an accessible name; into a tapeWriter,
// headings, links, autolinks, images and tables (in a box that scrolls
// sideways, tableRenderer) are cut out of its HTML (tapeRenderer).
var bundleMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.GFM),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(checkBoxRenderer{}, 0), util.Prioritized(tapeRenderer{}, 0))),
)

// checkBoxRenderer writes a checklist item's box with aria-label "done" or
// "not done", since its text is not a <label> of it.
type checkBoxRenderer struct{}

func (checkBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*extast.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" checked disabled aria-label="done"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="not done"> `)
		}
		return ast.WalkContinue, nil
	})
}
