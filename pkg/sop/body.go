package sop

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is a Markdown heading of the body.
type Heading struct {
	Level int
	Text  string // the heading's text as a reader sees it (escapes resolved)
	Slug  string // its GitHub anchor, unique within the file
	Pos   Pos
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
	H1       *Heading // the first level-1 heading, if any
	Headings []Heading
	Sections []Section
	Links    []Link
	// Placeholders are where text that scaffolding wrote to be filled in
	// (starting with Placeholder) is still there, outside code.
	Placeholders []Pos
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

// HasAnchor reports whether a heading has the slug.
func (b *Body) HasAnchor(slug string) bool {
	for _, h := range b.Headings {
		if h.Slug == slug {
			return true
		}
	}
	return false
}

// Markdown is the goldmark configuration sopctl reads SOP bodies with:
// CommonMark plus GitHub's tables, task lists, strikethrough and autolinks.
var Markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// parseBody reads the Markdown body. firstLine is the file line the body
// starts on.
func parseBody(src []byte, firstLine int) Body {
	root := Markdown.Parser().Parse(text.NewReader(src))
	lines := lineIndex(src)
	// Positions are asked for mostly in order along a line; counting the
	// column from the last one keeps a line of many links linear (from the
	// line's start each time, 240 KB of "[x] " took 10 s).
	lastLine, lastOff, lastCol := -1, 0, 0
	pos := func(off int) Pos {
		i := 0
		for lo, hi := 0, len(lines)-1; lo <= hi; {
			mid := (lo + hi) / 2
			if lines[mid] <= off {
				i, lo = mid, mid+1
			} else {
				hi = mid - 1
			}
		}
		if i != lastLine || off < lastOff {
			lastLine, lastOff, lastCol = i, lines[i], 1
		}
		lastCol += utf8.RuneCount(src[lastOff:off])
		lastOff = off
		return Pos{firstLine + i, lastCol}
	}
	var b Body
	slugs := NewSlugger()
	var cur *Section
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			cur = nil
		}
		if cur != nil {
			if n.Kind() != ast.KindHTMLBlock {
				cur.Empty = false
			}
			if hasOrderedList(n) {
				cur.OrderedList = true
			}
		}
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			b.Sections = append(b.Sections, Section{Empty: true})
			cur = &b.Sections[len(b.Sections)-1]
		}
	}
	section := 0
	cursor := 0 // end of the last text seen, to place links without text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			start := 0
			if l := n.Lines(); l.Len() > 0 {
				start = l.At(0).Start
			}
			// The heading's position is its first character: the # of an
			// ATX heading, or the text of a setext one.
			for start > 0 && src[start-1] != '\n' {
				start--
			}
			for start < len(src) && (src[start] == ' ') {
				start++
			}
			txt := strings.TrimSpace(plainText(n, src))
			h := Heading{Level: n.Level, Text: txt, Slug: slugs.Slug(txt), Pos: pos(start)}
			b.Headings = append(b.Headings, h)
			if h.Level == 2 && n.Parent() == root && section < len(b.Sections) {
				s := &b.Sections[section]
				s.Heading = h
				section++
			}
		case *ast.Link:
			start := -1
			if t := firstText(n); t != nil {
				start = bytes.LastIndexByte(src[:t.Segment.Start], '[')
				// Text inside an image inside the link: the link opens
				// before the image's "![".
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
			b.Links = append(b.Links, Link{Dest: string(n.Destination), Pos: pos(start)})
		case *ast.Image:
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
			b.Links = append(b.Links, Link{Dest: string(n.Destination), Pos: pos(start), Image: true})
		case *ast.AutoLink:
			// At its < if it has one. GFM also links bare www. and
			// http:// text: searching for "<" and the label read the
			// rest of the body for each of those (quadratic); the label
			// itself is found right after the last text.
			label := n.Label(src)
			start := cursor
			if i := bytes.Index(src[cursor:], label); i >= 0 {
				start = cursor + i
				if start > 0 && src[start-1] == '<' {
					start--
				}
			}
			b.Links = append(b.Links, Link{Dest: string(n.URL(src)), Pos: pos(start)})
		case *ast.Text:
			seg := n.Segment
			cursor = seg.Stop
			if _, inCode := n.Parent().(*ast.CodeSpan); !inCode {
				if i := bytes.Index(seg.Value(src), []byte(Placeholder)); i >= 0 {
					b.Placeholders = append(b.Placeholders, pos(seg.Start+i))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for i := range b.Headings {
		if b.Headings[i].Level == 1 {
			b.H1 = &b.Headings[i]
			break
		}
	}
	return b
}

func lineIndex(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func hasOrderedList(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := c.(*ast.List); ok && entering && l.IsOrdered() {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
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
// dropped; each space turned into -. Lint and render both use it.
func Slug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
