package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Goldmark reads Markdown but does not write it, so the bundle edits each
// body's own bytes at positions taken from its syntax tree: everything not
// edited stays exactly as the author wrote it.

type edit struct {
	from, to int
	text     string
}

// placement says where a body is published.
type placement struct {
	href  func(to *render.Page, anchor string) string
	shift int // heading levels to add
}

// body returns p's Markdown for the bundle: the H1 that repeats the title
// dropped, raw HTML removed, SOP links pointed at their files, links that
// cannot be resolved or use unsafe schemes turned into their text, images
// replaced by their description, headings shifted.
func body(h *render.Handbook, p *render.Page, pl placement) string {
	src := p.Doc.Body
	root := sop.Markdown.Parser().Parse(text.NewReader(src))
	var edits []edit
	headings := p.Doc.Markdown.Headings
	nHeading := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			first := nHeading == firstH1(headings)
			drop := n.Level == 1 && first && nHeading < len(headings) && headings[nHeading].Text == p.Title
			nHeading++
			edits = append(edits, headingEdits(src, n, drop, pl.shift)...)
		case *ast.HTMLBlock:
			edits = append(edits, edit{blockStart(src, n), blockEnd(src, n), ""})
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				edits = append(edits, edit{s.Start, s.Stop, ""})
			}
		case *ast.Link:
			start, destFrom, destTo, end, ok := linkSpan(src, n)
			if !ok {
				return ast.WalkContinue, nil
			}
			kind, target, anchor := h.Classify(p, string(n.Destination))
			switch kind {
			case render.LinkSOP:
				edits = append(edits, edit{destFrom, destTo, pl.href(target, anchor)})
			case render.LinkDrop:
				edits = append(edits, edit{start, start + 1, ""}, edit{destFrom - 2, end, ""})
			}
		case *ast.AutoLink:
			if kind, _, _ := h.Classify(p, string(n.URL(src))); kind != render.LinkKeep {
				seg := n.Protocol
				_ = seg
				if s, e, ok := autoLinkSpan(src, n); ok {
					edits = append(edits, edit{s, e, escape(string(n.Label(src)))})
				}
			}
		case *ast.Image:
			if s, _, _, e, ok := linkSpan(src, n); ok && s > 0 && src[s-1] == '!' {
				alt := strings.TrimSpace(string(textOf(n, src)))
				repl := escape("[image: " + alt + "]")
				if kind, _, _ := h.Classify(p, string(n.Destination)); kind == render.LinkKeep && !strings.HasPrefix(string(n.Destination), "data:") {
					repl = "[" + repl + "](" + string(n.Destination) + ")"
				}
				edits = append(edits, edit{s - 1, e, repl})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(apply(src, edits)) + "\n"
}

// apply makes the edits, skipping any that overlap an earlier one.
func apply(src []byte, edits []edit) string {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.from - b.from })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		if e.from < pos || e.to < e.from || e.to > len(src) {
			continue
		}
		b.Write(src[pos:e.from])
		b.WriteString(e.text)
		pos = e.to
	}
	b.Write(src[pos:])
	return b.String()
}

func lineStart(src []byte, off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }

func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// headingEdits drops a heading or shifts its level. An ATX heading gets
// more #; a setext heading (text underlined with === or ---) becomes ATX.
func headingEdits(src []byte, n *ast.Heading, drop bool, shift int) []edit {
	lines := n.Lines()
	if lines.Len() == 0 {
		return nil
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start := lineStart(src, first.Start)
	atx := bytes.HasPrefix(bytes.TrimLeft(src[start:first.Start], " "), []byte("#"))
	end := lineEnd(src, last.Start)
	if !atx {
		end = lineEnd(src, end) // the underline
	}
	if drop {
		return []edit{{start, end, ""}}
	}
	if shift == 0 {
		return nil
	}
	level := min(n.Level+shift, 6)
	if atx {
		return []edit{{start, first.Start, strings.Repeat("#", level) + " "}}
	}
	textLines := strings.Join(strings.Fields(string(src[first.Start:last.Stop])), " ")
	return []edit{{start, end, strings.Repeat("#", level) + " " + textLines + "\n"}}
}

func blockStart(src []byte, n ast.Node) int {
	if n.Lines().Len() > 0 {
		return lineStart(src, n.Lines().At(0).Start)
	}
	return 0
}

func blockEnd(src []byte, n *ast.HTMLBlock) int {
	end := 0
	if n.Lines().Len() > 0 {
		end = lineEnd(src, n.Lines().At(n.Lines().Len()-1).Start)
	}
	if n.HasClosure() {
		end = max(end, lineEnd(src, n.ClosureLine.Start))
	}
	return end
}

// linkSpan finds an inline link's bytes: its "[", its destination, and
// its closing ")". Reference-style links are left alone (ok false).
func linkSpan(src []byte, n ast.Node) (start, destFrom, destTo, end int, ok bool) {
	var firstStart, lastStop = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, isText := c.(*ast.Text); isText && entering {
			if firstStart < 0 {
				firstStart = t.Segment.Start
			}
			lastStop = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	if firstStart < 0 {
		return 0, 0, 0, 0, false
	}
	start = bytes.LastIndexByte(src[:firstStart], '[')
	i := lastStop
	for i < len(src) && src[i] != ']' { // closing markup of emphasis or code
		if src[i] == '\n' || src[i] == '[' {
			return 0, 0, 0, 0, false
		}
		i++
	}
	if start < 0 || i+1 >= len(src) || src[i+1] != '(' {
		return 0, 0, 0, 0, false
	}
	j := i + 2
	for j < len(src) && src[j] == ' ' {
		j++
	}
	destFrom = j
	if j < len(src) && src[j] == '<' {
		k := bytes.IndexByte(src[j:], '>')
		if k < 0 {
			return 0, 0, 0, 0, false
		}
		destFrom, destTo = j+1, j+k
		j = j + k + 1
	} else {
		depth := 0
		for j < len(src) && src[j] != ' ' && src[j] != '\n' && !(src[j] == ')' && depth == 0) {
			switch src[j] {
			case '(':
				depth++
			case ')':
				depth--
			case '\\':
				j++
			}
			j++
		}
		destTo = min(j, len(src))
	}
	// Skip an optional title to the closing parenthesis.
	for j < len(src) && src[j] != ')' {
		if src[j] == '"' || src[j] == '\'' {
			if k := bytes.IndexByte(src[j+1:], src[j]); k >= 0 {
				j += k + 1
			}
		}
		j++
	}
	if j >= len(src) {
		return 0, 0, 0, 0, false
	}
	return start, destFrom, destTo, j + 1, true
}

func autoLinkSpan(src []byte, n *ast.AutoLink) (int, int, bool) {
	label := n.Label(src)
	idx := bytes.Index(src, append([]byte("<"), label...))
	if idx < 0 {
		return 0, 0, false
	}
	return idx, idx + len(label) + 2, true
}

func firstH1(hs []sop.Heading) int {
	for i, h := range hs {
		if h.Level == 1 {
			return i
		}
	}
	return -1
}

func textOf(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

// escape makes text read literally in Markdown on one line.
func escape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '#', '|', '!', '~', '{', '}', '(', ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
