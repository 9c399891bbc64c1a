package sop

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is a Markdown heading of the body.
type Heading struct {
	Level int
	Text  string // the heading's text as a reader sees it (escapes resolved)
	Slug  string // its GitHub anchor, unique within the file
	Pos   Pos
	// Start and End are the byte offsets in the body of the lines the
	// heading takes, a setext heading's underline included, for writers
	// that edit the text; (0, 0) for a heading with no text.
	Start, End int
}

// Section is a level-2 heading and what follows it up to the next heading
// of level 1 or 2.
type Section struct {
	Heading
	// Empty means the section holds nothing but blanks and raw HTML (which
	// is dropped when rendering).
	Empty bool
	// OrderedList means the section contains a numbered list.
	OrderedList bool
}

// Link is a Markdown link or image of the body.
type Link struct {
	Dest  string // as written
	Pos   Pos    // of its opening [ (of the ! of an image)
	Image bool
}

// Body is what lint and render need of an SOP's Markdown, read from its
// goldmark syntax tree once, when the file is parsed.
type Body struct {
	// H1 is the document's heading: its first level-1 heading that is not
	// inside a block quote, list item or other container; nil if none.
	H1       *Heading
	Headings []Heading
	Sections []Section
	Links    []Link
	// Placeholders are where text that scaffolding wrote to be filled in
	// (starting with Placeholder) is still there, outside code.
	Placeholders []Pos
	// Comments are the HTML comments, in order.
	Comments []Comment
	// Params are the parameter citations ({{id}}) outside code, in order:
	// text a template cited that scaffolding did not fill in.
	Params []ParamCite
}

// ParamCite is a parameter citation in a body.
type ParamCite struct {
	ID  string
	Pos Pos
}

// Section returns the level-2 section whose heading equals name, ignoring
// case.
func (b *Body) Section(name string) (Section, bool) {
	for _, s := range b.Sections {
		if strings.EqualFold(strings.TrimSpace(s.Text), name) {
			return s, true
		}
	}
	return Section{}, false
}

// TitleHeading is the rule for the heading that repeats an SOP's title
// (SPEC section 2): it returns the document's H1 (nil if none), and
// repeats reports whether its text equals the title, trimmed. Every page a
// writer makes shows the title itself, so the writers leave out a heading
// that repeats it; lint's title-mismatch reports an H1 that does not.
func (b *Body) TitleHeading(title string) (h *Heading, repeats bool) {
	if b.H1 == nil {
		return nil, false
	}
	return b.H1, b.H1.Text == strings.TrimSpace(title)
}

// HasAnchor reports whether a heading has the slug.
func (b *Body) HasAnchor(slug string) bool {
	for _, h := range b.Headings {
		if h.Slug == slug {
			return true
		}
	}
	return false
}

// markdown is the goldmark configuration sopctl reads SOP bodies with:
// CommonMark plus GitHub's tables, task lists, strikethrough and autolinks.
// It is unexported so that no one can change how every body reads.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// ParseMarkdown parses Markdown as sopctl reads SOP bodies (CommonMark
// plus GitHub's tables, task lists, strikethrough and autolinks), for the
// writers that convert or edit a body: they see the tree Parse saw.
func ParseMarkdown(src []byte, opts ...parser.ParseOption) ast.Node {
	return markdown.Parser().Parse(text.NewReader(src), opts...)
}

// InsideLink reports whether a node of a parsed body lies inside a link,
// where the writers cannot put another link (an image of a file they link
// to).
func InsideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// parseBodyTree reads the Markdown body, firstLine the file line it
// starts on, and returns its syntax tree too.
func parseBodyTree(src []byte, firstLine int) (Body, ast.Node) {
	root := ParseMarkdown(src)
	r := &bodyReader{src: src, root: root, pos: newPositioner(src, firstLine), slugs: NewSlugger(), h1: -1, section: -1}
	_ = ast.Walk(root, r.visit)
	r.b.Params = r.paramCites()
	if r.h1 >= 0 {
		r.b.H1 = &r.b.Headings[r.h1]
	}
	return r.b, root
}

// positioner turns byte offsets of the body into file positions.
type positioner struct {
	src       []byte
	lines     []int // the offset each line starts at
	firstLine int
	// Positions are asked for mostly in order along a line; counting the
	// column from the last one keeps a line of many links linear (from the
	// line's start each time, 240 KB of "[x] " took 10 s).
	lastLine, lastOff, lastCol int
}

func newPositioner(src []byte, firstLine int) *positioner {
	return &positioner{src: src, lines: lineIndex(src), firstLine: firstLine, lastLine: -1}
}

func (p *positioner) at(off int) Pos {
	i := 0
	for lo, hi := 0, len(p.lines)-1; lo <= hi; {
		mid := (lo + hi) / 2
		if p.lines[mid] <= off {
			i, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	if i != p.lastLine || off < p.lastOff {
		p.lastLine, p.lastOff, p.lastCol = i, p.lines[i], 1
	}
	p.lastCol += utf8.RuneCount(p.src[p.lastOff:off])
	p.lastOff = off
	return Pos{p.firstLine + i, p.lastCol}
}

// bodyReader collects a Body in one walk of the syntax tree.
type bodyReader struct {
	b     Body
	src   []byte
	root  ast.Node
	pos   *positioner
	slugs *Slugger
	// section is the index in b.Sections of the level-2 section the walk
	// is in; -1 before the first and after a level-1 heading.
	section int
	cursor  int // end of the last text seen, to place links without text
	// blockEnd is the end of the last line of the blocks met so far: an
	// empty heading, which has no lines of its own, is found after it.
	blockEnd int
	h1       int // index in b.Headings of the document's H1; -1 if none
	// code are the byte spans of code spans and code blocks, in order.
	code [][2]int
}

func (r *bodyReader) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			r.blockEnd = max(r.blockEnd, lineEnd(r.src, l.At(l.Len()-1).Start))
		}
	}
	if n.Parent() == r.root {
		r.topLevel(n)
	}
	switch n := n.(type) {
	case *ast.Heading:
		r.heading(n)
	case *ast.List:
		if n.IsOrdered() && r.section >= 0 {
			r.b.Sections[r.section].OrderedList = true
		}
	case *ast.Link:
		r.b.Links = append(r.b.Links, Link{Dest: string(n.Destination), Pos: r.pos.at(r.linkStart(n))})
	case *ast.Image:
		r.b.Links = append(r.b.Links, Link{Dest: string(n.Destination), Pos: r.pos.at(r.imageStart(n)), Image: true})
	case *ast.HTMLBlock:
		r.htmlBlock(n)
	case *ast.RawHTML:
		r.rawHTML(n)
	case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
		r.codeSpan(n)
	case *ast.AutoLink:
		r.b.Links = append(r.b.Links, Link{Dest: string(n.URL(r.src)), Pos: r.pos.at(r.autoLinkStart(n))})
	case *ast.Text:
		seg := n.Segment
		r.cursor = seg.Stop
		if _, inCode := n.Parent().(*ast.CodeSpan); !inCode {
			if i := bytes.Index(seg.Value(r.src), []byte(Placeholder)); i >= 0 {
				r.b.Placeholders = append(r.b.Placeholders, r.pos.at(seg.Start+i))
			}
		}
	}
	return ast.WalkContinue, nil
}

// topLevel reads a block of the document's top level into b.Sections: a
// level-2 heading opens a section, empty until a block other than raw
// HTML follows it; a level-1 heading closes it.
func (r *bodyReader) topLevel(n ast.Node) {
	h, isHeading := n.(*ast.Heading)
	if isHeading && h.Level <= 2 {
		r.section = -1
	}
	if r.section >= 0 && n.Kind() != ast.KindHTMLBlock {
		r.b.Sections[r.section].Empty = false
	}
	if isHeading && h.Level == 2 {
		r.b.Sections = append(r.b.Sections, Section{Empty: true})
		r.section = len(r.b.Sections) - 1
	}
}

// codeSpan records the bytes of a code span's text or a code block's
// lines, where a {{id}} is shown, not cited.
func (r *bodyReader) codeSpan(n ast.Node) {
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l.Len() > 0 {
			r.code = append(r.code, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			r.code = append(r.code, [2]int{t.Segment.Start, t.Segment.Stop})
		}
	}
}

// paramCites finds the parameter citations outside code.
func (r *bodyReader) paramCites() []ParamCite {
	if !bytes.Contains(r.src, []byte("{{")) {
		return nil // most bodies: no copy of the text to search
	}
	var out []ParamCite
	for _, c := range Citations(string(r.src)) {
		if !slices.ContainsFunc(r.code, func(span [2]int) bool { return c.Start < span[1] && span[0] < c.End }) {
			out = append(out, ParamCite{ID: c.ID, Pos: r.pos.at(c.Start)})
		}
	}
	return out
}

func (r *bodyReader) heading(n *ast.Heading) {
	src := r.src
	start, end := headingLines(src, n)
	if start == end {
		start, end = emptyHeadingLine(src, r.blockEnd)
		r.blockEnd = end
	}
	// The heading's position is its first character: the # of an ATX
	// heading, or the text of a setext one, after any block-quote and
	// list-item markers.
	first := start + len(src[start:end]) - len(afterMarkers(src[start:end]))
	txt := strings.TrimSpace(plainText(n, src))
	h := Heading{Level: n.Level, Text: txt, Slug: r.slugs.Slug(txt), Pos: r.pos.at(first), Start: start, End: end}
	r.b.Headings = append(r.b.Headings, h)
	if n.Parent() != r.root {
		return
	}
	if h.Level == 1 && r.h1 < 0 {
		r.h1 = len(r.b.Headings) - 1
	}
	if h.Level == 2 {
		r.b.Sections[r.section].Heading = h // opened by topLevel
	}
}

// headingLines are the byte offsets of the start of a heading's first line
// and the end of its last (after the line feed; a setext heading's
// underline included). A heading with no text has none: (0, 0).
func headingLines(src []byte, n *ast.Heading) (start, end int) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0, 0
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start = bytes.LastIndexByte(src[:first.Start], '\n') + 1
	end = lineEnd(src, last.Start)
	if !bytes.HasSuffix(bytes.TrimRight(src[start:first.Start], " \t"), []byte("#")) {
		end = lineEnd(src, end) // the underline of a setext heading
	}
	return start, end
}

// emptyHeadingLine finds the line of an ATX heading with no text ("#",
// "## ##", "> #"), which goldmark gives no lines: the first such line from
// the offset from on. (0, 0) if there is none, which goldmark's tree rules
// out.
func emptyHeadingLine(src []byte, from int) (start, end int) {
	for start = from; start < len(src); start = end {
		end = lineEnd(src, start)
		line := bytes.TrimRight(afterMarkers(src[start:end]), " \t\r\n")
		if len(line) > 0 && line[0] == '#' && len(bytes.Trim(line, "# \t")) == 0 {
			return start, end
		}
	}
	return 0, 0
}

// afterMarkers is what follows a line's indentation, block-quote markers
// and list-item marker.
func afterMarkers(line []byte) []byte {
	line = bytes.TrimLeft(line, " \t>")
	if i := bytes.IndexAny(line, " \t"); i > 0 && isListMarker(line[:i]) {
		line = bytes.TrimLeft(line[i:], " \t>")
	}
	return line
}

// isListMarker reports whether m opens a list item: -, + or *, or up to
// nine digits and . or ).
func isListMarker(m []byte) bool {
	if len(m) == 1 {
		return m[0] == '-' || m[0] == '+' || m[0] == '*'
	}
	digits := bytes.TrimLeft(m[:len(m)-1], "0123456789")
	last := m[len(m)-1]
	return len(digits) == 0 && len(m) <= 10 && (last == '.' || last == ')')
}

func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// linkStart is the offset of a link's opening [.
func (r *bodyReader) linkStart(n *ast.Link) int {
	src, cursor := r.src, r.cursor
	start := -1
	if t := firstText(n); t != nil {
		start = bytes.LastIndexByte(src[:t.Segment.Start], '[')
		// Text inside an image inside the link: the link opens before the
		// image's "![".
		for p := t.Parent(); p != nil && p != ast.Node(n) && start > 0; p = p.Parent() {
			if p.Kind() == ast.KindImage {
				start = bytes.LastIndexByte(src[:start], '[')
			}
		}
	} else if i := bytes.IndexByte(src[cursor:], '['); i >= 0 {
		start = cursor + i
	}
	if start < 0 {
		start = cursor
	}
	return start
}

// imageStart is the offset of an image's !.
func (r *bodyReader) imageStart(n *ast.Image) int {
	src, cursor := r.src, r.cursor
	start := -1
	if t := firstText(n); t != nil {
		start = bytes.LastIndexByte(src[:t.Segment.Start], '[')
	} else if i := bytes.Index(src[cursor:], []byte("![")); i >= 0 {
		start = cursor + i + 1
	}
	if start < 0 {
		start = cursor
	} else if start > 0 && src[start-1] == '!' {
		start--
	}
	return start
}

// autoLinkStart is the offset of an autolink: its < if it has one. GFM
// also links bare www. and http:// text: searching for "<" and the label
// read the rest of the body for each of those (quadratic); the label
// itself is found right after the last text.
func (r *bodyReader) autoLinkStart(n *ast.AutoLink) int {
	src, cursor := r.src, r.cursor
	label := n.Label(src)
	start := cursor
	if i := bytes.Index(src[cursor:], label); i >= 0 {
		start = cursor + i
		if start > 0 && src[start-1] == '<' {
			start--
		}
	}
	return start
}

func lineIndex(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func firstText(n ast.Node) *ast.Text {
	var t *ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if x, ok := c.(*ast.Text); ok && entering {
			t = x
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return t
}

// plainText is the text of an inline tree as a reader sees it: backslash
// escapes and entities resolved (not inside code spans), raw HTML dropped.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := c.Segment.Value(src)
			if _, inCode := c.Parent().(*ast.CodeSpan); !inCode {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Slugger makes GitHub's heading anchors, unique within one document: a
// repeated slug gets -1, -2, ...
type Slugger struct{ seen map[string]int }

// NewSlugger starts a document.
func NewSlugger() *Slugger { return &Slugger{seen: map[string]int{}} }

// Slug returns the anchor of the next heading with this text.
func (s *Slugger) Slug(text string) string {
	base := Slug(text)
	n, dup := s.seen[base]
	s.seen[base] = n + 1
	if !dup {
		return base
	}
	for {
		cand := base + "-" + strconv.Itoa(n)
		if _, taken := s.seen[cand]; !taken {
			s.seen[cand] = 1
			// The next repeat starts after the numbers found taken, as
			// GitHub's slugger does: starting again from n made each
			// repeat skip them all, quadratic in the repeats.
			s.seen[base] = n + 1
			return cand
		}
		n++
	}
}

// Slug is GitHub's anchor for a heading's text (SPEC section 2): lower
// case; every character that is not a letter, digit, mark, space, - or _
// dropped; each space turned into -. Lint and render both use it. It
// lowers each rune as strings.ToLower would, without a lowered copy of
// the text, and writes into one buffer of the text's length: a slug is
// made for every heading of every SOP, and lint keeps them.
func Slug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	// ASCII, most headings' text, byte by byte: the same rules without
	// decoding runes or Unicode's tables.
	i := 0
	for ; i < len(text) && text[i] < utf8.RuneSelf; i++ {
		switch c := text[i]; {
		case c == ' ':
			b.WriteByte('-')
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteByte(c)
		}
	}
	for _, r := range text[i:] {
		switch r = unicode.ToLower(r); {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
