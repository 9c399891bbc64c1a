package sop

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// Comment is an HTML comment of the body, in an HTML block or inline,
// never inside code. Lint reads its suppression comments from them.
type Comment struct {
	Text string // what lies between <!-- and -->, spaces trimmed
	Pos  Pos    // of its <!--
	// NextLine is the file line of the first non-blank line after the
	// line the comment ends on; 0 when none follows.
	NextLine int
}

// htmlBlock records the comments of an HTML block: the block's text from
// its first line through its closing line.
func (r *bodyReader) htmlBlock(n *ast.HTMLBlock) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		end = max(end, n.ClosureLine.Stop)
	}
	for off := start; off < end; {
		i := bytes.Index(r.src[off:end], []byte("<!--"))
		if i < 0 {
			return
		}
		open := off + i
		j := bytes.Index(r.src[open+4:end], []byte("-->"))
		if j < 0 {
			return // not closed in the block: no comment to read
		}
		r.comment(open, open+4+j+3)
		off = open + 4 + j + 3
	}
}

// rawHTML records an inline comment.
func (r *bodyReader) rawHTML(n *ast.RawHTML) {
	segs := n.Segments
	if segs.Len() == 0 {
		return
	}
	start, end := segs.At(0).Start, segs.At(segs.Len()-1).Stop
	if v := r.src[start:end]; bytes.HasPrefix(v, []byte("<!--")) && bytes.HasSuffix(v, []byte("-->")) && len(v) >= 7 {
		r.comment(start, end)
	}
}

// comment records the comment from the offset of its <!-- to the end of
// its -->.
func (r *bodyReader) comment(start, end int) {
	c := Comment{Text: string(bytes.TrimSpace(r.src[start+4 : end-3])), Pos: r.pos.at(start)}
	for off := lineEnd(r.src, end); off < len(r.src); off = lineEnd(r.src, off) {
		if len(bytes.TrimSpace(r.src[off:lineEnd(r.src, off)])) > 0 {
			c.NextLine = r.pos.firstLine + sort.SearchInts(r.pos.lines, off+1) - 1
			break
		}
	}
	r.b.Comments = append(r.b.Comments, c)
}
