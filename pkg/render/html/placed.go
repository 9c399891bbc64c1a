package html

import (
	"bufio"
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A body is written once for each place it is printed (bodyHTML), and the
// places differ only in what a linker sets: headings' levels and ids, and
// the addresses of links and images. So goldmark converts it once, noting
// where each heading's tags, each link's opening tag and each image were
// written (placedRenderer), and the body for each other place is that
// text with those pieces written again after the linker has placed them
// (splice): the same functions write them, so the bytes are those a whole
// conversion gives (TestSplicedBodies).

// placedKinds are the nodes whose HTML depends on the linker.
var placedKinds = []ast.NodeKind{ast.KindHeading, ast.KindLink, ast.KindImage}

// placedFuncs are goldmark's own HTML functions for placedKinds, which
// bundleMarkdown would use were it not for placedRenderer.
var placedFuncs = func() map[ast.NodeKind]renderer.NodeRendererFunc {
	reg := funcsOf{}
	gmhtml.NewRenderer().RegisterFuncs(reg)
	out := map[ast.NodeKind]renderer.NodeRendererFunc{}
	for _, k := range placedKinds {
		out[k] = reg[k]
	}
	return out
}()

type funcsOf map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcsOf) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

// placedRenderer writes placedKinds with goldmark's functions and, into a
// spanWriter, notes where.
type placedRenderer struct{}

func (placedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	for _, k := range placedKinds {
		write := placedFuncs[k]
		reg.Register(k, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			sw, ok := w.(*spanWriter)
			if !ok {
				return write(w, src, n, entering)
			}
			start := sw.pos()
			status, err := write(w, src, n, entering)
			sw.spans = append(sw.spans, span{node: n, entering: entering, start: start, end: sw.pos()})
			return status, err
		})
	}
}

// spanWriter is the writer of a body's first conversion: what it writes
// goes to out, and spans says where the placed pieces lie in it.
type spanWriter struct {
	*bufio.Writer
	out   *bytes.Buffer
	spans []span
}

// span is where one call of a placed node's function wrote.
type span struct {
	node       ast.Node
	entering   bool
	start, end int
}

func (sw *spanWriter) pos() int { return sw.out.Len() + sw.Buffered() }

// reset makes sw write into out from its start.
func (sw *spanWriter) reset(out *bytes.Buffer) {
	out.Reset()
	sw.out, sw.spans = out, sw.spans[:0]
	sw.Writer.Reset(out)
}

// splice writes into w the body first written as first, with each of its
// spans written again as the nodes are now placed.
func splice(w *bufio.Writer, first, src []byte, spans []span) error {
	last := 0
	for _, s := range spans {
		_, _ = w.Write(first[last:s.start])
		if _, err := placedFuncs[s.node.Kind()](w, src, s.node, s.entering); err != nil {
			return err
		}
		last = s.end
	}
	_, _ = w.Write(first[last:])
	return w.Flush()
}
