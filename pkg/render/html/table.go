package html

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableLabelAttr is the attribute where a body table's accessible name
// (tableLabel) is given to tableRenderer (placer.place).
const tableLabelAttr = "aria-label"

// tableRenderer writes a body table inside a box that scrolls sideways
// (class table-wrap), so that a table wider than a phone's screen does not
// widen the page. The box can take the keyboard focus, so it can be
// scrolled without a mouse, and is a named region, as axe asks of a
// focusable element.
type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</table>\n</div>\n")
			return ast.WalkContinue, nil
		}
		label := "Table"
		if v, ok := n.AttributeString(tableLabelAttr); ok {
			label = "Table: " + string(v.([]byte))
		}
		_, _ = w.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="`)
		_, _ = w.Write(util.EscapeHTML([]byte(label)))
		_, _ = w.WriteString("\">\n<table>\n")
		return ast.WalkContinue, nil
	})
}
