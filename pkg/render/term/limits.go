package term

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Limits on what Render lays out. glamour's time grows much faster than
// its input on some Markdown (nested block quotes and lists, long words,
// long lists), and deeply nested emphasis overflows its stack, which kills
// the process. Render measures the document first and refuses it with a
// *LimitError, so that no SOP file can hang or crash sopctl show; the
// limits are far above anything a real procedure needs.
const (
	// MaxBodyBytes is the largest body Render takes.
	MaxBodyBytes = 256 << 10
	// MaxDepth is the deepest nesting of block quotes and lists, and
	// separately of emphasis, links and strikethrough.
	MaxDepth = 32
	// MaxRun is the longest run of consecutive * or _ characters.
	MaxRun = 1000

	// maxHeaderBytes caps the front-matter values shown above the body.
	maxHeaderBytes = 64 << 10
	// Wrapping a word without spaces takes time quadratic in its length;
	// the squares of the lengths of words longer than longWord may add up
	// to maxWordCost (one word of 5,000 characters).
	longWord    = 64
	maxWord     = 5000
	maxWordCost = maxWord * maxWord
	// glamour's time to lay out a block grows with the square of its
	// nesting depth d (each level pads and re-indents every line inside
	// it): a block that holds no other block, and each line of a code
	// block, costs layoutCost(d), an inline element that holds others
	// (emphasis, a link) costs 1, all in proportion to the width beyond 80
	// columns. maxLayoutCost is 2,500 paragraphs or code lines at the top
	// level, 1,666 list items, 75 list items nested 8 deep or 4 nested 32
	// deep: about a third of a second in the dark style for the slowest of
	// these shapes. Typical procedure text costs about 55 per KiB at 80
	// columns, so the limit is near 180 KiB of it.
	baseWidth     = 80
	maxLayoutCost = 10000
)

// LimitError is a document that Render refuses because laying it out would
// take too long or too much stack (see MaxBodyBytes, MaxDepth, MaxRun).
type LimitError struct {
	// Line is the file line where a limit was passed; 0 for the file as a
	// whole or its front matter.
	Line int
	// Reason says what is too large and what the limit is.
	Reason string
}

func (e *LimitError) Error() string {
	return "too large/deeply nested to show in the terminal (" + e.Reason + ")"
}

// locator turns a line of the Markdown that Render builds into words for a
// message: "at line N" of the file, or "in the front matter".
type locator struct {
	headerLines int // lines of the header block before the body
	bodyLine    int // file line of the body's first line
}

func (l locator) fileLine(line int) int {
	if line <= l.headerLines {
		return 0
	}
	return l.bodyLine + line - l.headerLines - 1
}

func (l locator) at(line int) string {
	if fl := l.fileLine(line); fl > 0 {
		return fmt.Sprintf("at line %d", fl)
	}
	return "in the front matter"
}

func (l locator) errorf(line int, format string, args ...any) *LimitError {
	return &LimitError{Line: l.fileLine(line), Reason: fmt.Sprintf(format, args...)}
}

// checkLines scans the source line by line, before it is parsed (goldmark
// itself is quadratic in the depth of block quotes on a line): the nesting
// of block-quote and list markers at the start of each line, runs of * and
// _, and long words.
func checkLines(src string, loc locator) error {
	var (
		runChar  byte
		run      int
		wordLen  int
		wordCost int
		words    int
		longest  int
		longLine int
	)
	endWord := func(line int) {
		if wordLen > longWord {
			wordCost += wordLen * wordLen
			words++
			if wordLen > longest {
				longest, longLine = wordLen, line
			}
		}
		wordLen = 0
	}
	line := 1
	for start := 0; start < len(src); line++ {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		s := src[start:end]
		if d := sop.ContainerDepth(s); d > MaxDepth {
			return loc.errorf(line, "block quotes and lists nested %d deep %s; at most %d", d, loc.at(line), MaxDepth)
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '*' || c == '_' {
				if c == runChar {
					run++
				} else {
					runChar, run = c, 1
				}
				if run > MaxRun {
					return loc.errorf(line, "a run of more than %d %c characters %s", MaxRun, c, loc.at(line))
				}
			} else {
				runChar, run = 0, 0
			}
			switch {
			case c == ' ' || c == '\t':
				endWord(line)
			case utf8.RuneStart(c):
				wordLen++
			}
		}
		endWord(line)
		runChar, run = 0, 0
		start = end + 1
	}
	if wordCost > maxWordCost {
		if words == 1 {
			return loc.errorf(longLine, "a word of %d characters without a space %s, too long to wrap; at most %d", longest, loc.at(longLine), maxWord)
		}
		return loc.errorf(longLine, "%d words of more than %d characters without a space, the longest (%d) %s, too long to wrap", words, longWord, longest, loc.at(longLine))
	}
	return nil
}

// markdown parses as glamour does, so that the tree measured is the tree
// glamour lays out.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))

// checkTree parses the source and measures its tree: the nesting of block
// quotes and lists (which also nest by indentation alone), the nesting of
// emphasis, links and strikethrough, and the cost of laying out its
// blocks at the given width.
func checkTree(src string, width int, loc locator) error {
	source := []byte(src)
	root := markdown.Parser().Parse(text.NewReader(source))
	m := &treeMeasure{loc: loc, lineStarts: []int{0}}
	for i, c := range source {
		if c == '\n' {
			m.lineStarts = append(m.lineStarts, i+1)
		}
	}
	// An iterative walk: the tree can be tens of thousands of levels deep.
	for n := root.FirstChild(); n != nil; {
		if err := m.enter(n); err != nil {
			return err
		}
		if c := n.FirstChild(); c != nil {
			n = c
			continue
		}
		for {
			m.exit(n)
			if s := n.NextSibling(); s != nil {
				n = s
				break
			}
			if n = n.Parent(); n == root {
				n = nil
				break
			}
		}
	}
	if cost := m.cost * max(width, baseWidth) / baseWidth; cost > maxLayoutCost {
		return &LimitError{Reason: fmt.Sprintf("%d paragraphs, list items, table cells and code lines to lay out at %d columns, which with their nesting cost %d; at most %d", m.leaves, width, cost, maxLayoutCost)}
	}
	return nil
}

// treeMeasure is checkTree's count as it walks the tree.
type treeMeasure struct {
	loc        locator
	lineStarts []int // the offset each line of the source starts at
	blocks     int   // block quotes and lists open
	inlines    int   // inline elements with children open
	cost       int   // of laying out the blocks, at baseWidth
	leaves     int   // blocks that hold no other block, and code lines
}

func (m *treeMeasure) enter(n ast.Node) error {
	switch n.Type() {
	case ast.TypeBlock:
		if c := n.FirstChild(); c == nil || c.Type() != ast.TypeBlock {
			lines := 1
			if k := n.Kind(); k == ast.KindCodeBlock || k == ast.KindFencedCodeBlock || k == ast.KindHTMLBlock {
				lines = max(n.Lines().Len(), 1)
			}
			m.leaves += lines
			m.cost += lines * layoutCost(m.blocks)
		}
		if k := n.Kind(); k == ast.KindBlockquote || k == ast.KindList {
			if m.blocks++; m.blocks > MaxDepth {
				line := m.lineOf(n)
				return m.loc.errorf(line, "block quotes and lists nested %d deep %s; at most %d", m.blocks, m.loc.at(line), MaxDepth)
			}
		}
	case ast.TypeInline:
		if n.HasChildren() {
			m.cost++ // emphasis, a link, a code span: about a quarter of a paragraph
			if m.inlines++; m.inlines > MaxDepth {
				line := m.lineOf(n)
				return m.loc.errorf(line, "emphasis, links and strikethrough nested %d deep %s; at most %d", m.inlines, m.loc.at(line), MaxDepth)
			}
		}
	}
	return nil
}

func (m *treeMeasure) exit(n ast.Node) {
	switch n.Type() {
	case ast.TypeBlock:
		if k := n.Kind(); k == ast.KindBlockquote || k == ast.KindList {
			m.blocks--
		}
	case ast.TypeInline:
		if n.HasChildren() {
			m.inlines--
		}
	}
}

// lineOf is the line of the source where a node starts; 0 if unknown.
func (m *treeMeasure) lineOf(n ast.Node) int {
	off := offset(n)
	if off < 0 {
		return 0
	}
	return sort.Search(len(m.lineStarts), func(i int) bool { return m.lineStarts[i] > off })
}

// layoutCost is the cost of laying out a block that holds no other block
// at nesting depth d (see maxLayoutCost).
func layoutCost(d int) int { return 4 + 2*d*d }

// offset returns the byte offset where a node's text starts, or -1.
func offset(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return -1
}
