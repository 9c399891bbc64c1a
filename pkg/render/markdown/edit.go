package markdown

import (
	"bytes"
	"cmp"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/sopctl/sopctl/pkg/library"
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
	shift int    // heading levels to add
	root  string // the way to the bundle's root, which links to copied files start with: "../" from sops/
}

// parsedBody is an SOP's body parsed once, to be placed in each file that
// publishes it (its own, its sections of the handbooks), with the entries
// of its metadata block, which each of them shows.
type parsedBody struct {
	src  []byte
	root ast.Node
	defs map[string]bool // the labels of its link reference definitions, lower case
	meta []render.MetaField
}

// parseBody reads and parses p's body: its Doc's own, or its file read
// again (Handbook.Body), refused if it changed since it was loaded; and
// takes its metadata entries.
func parseBody(h *render.Handbook, p *render.Page) (*parsedBody, error) {
	src, err := h.Body(p)
	if err != nil {
		return nil, err
	}
	ctx := parser.NewContext()
	pb := &parsedBody{src: src, root: sop.ParseMarkdown(src, parser.WithContext(ctx)), meta: p.Meta()}
	for _, r := range ctx.References() {
		if pb.defs == nil {
			pb.defs = map[string]bool{}
		}
		pb.defs[strings.ToLower(string(r.Label()))] = true
	}
	return pb, nil
}

// place returns p's Markdown for the bundle, placed by pl: the H1 that
// repeats the title (sop.Body.TitleHeading) dropped, raw HTML removed,
// SOP links pointed at their files, links and images of library files
// pointed at their copies under files/, links that cannot be resolved or
// use unsafe schemes turned into their text, other images replaced by
// their description, headings shifted.
func (pb *parsedBody) place(h *render.Handbook, p *render.Page, pl placement) (string, *render.Warning) {
	src := pb.src
	b := &bodyEdits{h: h, p: p, src: src, pl: pl, edits: definitionEdits(h, p, src, pb.defs, pl)}
	if title, repeats := p.Doc.Markdown.TitleHeading(p.Title); repeats {
		b.title = title
	}
	_ = ast.Walk(pb.root, b.visit)
	out := strings.TrimSpace(apply(src, b.edits)) + "\n"
	if why := unsafeMarkdown(out, func(dest string) bool { return pl.works(h, dest) }); why != "" {
		// Some shape of Markdown defeated the edits: publish the body as
		// text rather than risk a live link or tag.
		w := render.Warning{Path: p.Doc.Path, Pos: sop.Pos{Line: p.Doc.BodyLine, Col: 1},
			Msg: why + " that sopctl cannot neutralise in place: the body is published as plain text; rewrite it as an ordinary link or text"}
		return codeBlock(string(src)), &w
	}
	return out, nil
}

// bodyEdits collects the edits of a body in one walk of its syntax tree.
type bodyEdits struct {
	h        *render.Handbook
	p        *render.Page
	src      []byte
	pl       placement
	edits    []edit
	title    *sop.Heading     // the heading to drop, if any
	nHeading int              // headings met so far: an index into p.Doc.Markdown.Headings
	cursor   int              // end of the last text or link, to find an autolink or a link without text after it
	linkEnds map[ast.Node]int // the end of each link found, where the cursor moves when the walk leaves it
}

func (b *bodyEdits) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		b.cursor = max(b.cursor, b.linkEnds[n])
		return ast.WalkContinue, nil
	}
	src := b.src
	switch n := n.(type) {
	case *ast.Heading:
		// The headings come in the order the parsed body lists them.
		if hs := b.p.Doc.Markdown.Headings; b.nHeading < len(hs) {
			if hd := &hs[b.nHeading]; hd == b.title {
				b.edits = append(b.edits, edit{hd.Start, hd.End, ""})
			} else {
				b.edits = append(b.edits, headingEdits(src, n, *hd, b.pl.shift)...)
			}
		}
		b.nHeading++
	case *ast.HTMLBlock:
		b.edits = append(b.edits, edit{blockStart(src, n), blockEnd(src, n), ""})
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		// Removed, as the HTML bundle drops it. Removal can join the text
		// around it into a new tag (<<b></b>script>): body's check of the
		// result catches that.
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			b.edits = append(b.edits, edit{s.Start, s.Stop, ""})
		}
	case *ast.Link:
		b.link(n)
	case *ast.AutoLink:
		if kind, _, _ := b.h.Classify(b.p, string(n.URL(src))); kind != render.LinkKeep {
			if s, e, ok := autoLinkSpan(src, n, b.cursor); ok {
				b.edits = append(b.edits, edit{s, e, escape(string(n.Label(src)))})
			}
		}
	case *ast.Text:
		b.cursor = max(b.cursor, n.Segment.Stop)
	case *ast.Image:
		b.image(n)
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

func (b *bodyEdits) link(n *ast.Link) {
	start, close, destFrom, destTo, end, ok := linkSpan(b.src, n, b.cursor)
	if !ok {
		return
	}
	if b.linkEnds == nil {
		b.linkEnds = map[ast.Node]int{}
	}
	b.linkEnds[n] = end
	switch kind, target, anchor := b.h.Classify(b.p, string(n.Destination)); kind {
	case render.LinkSOP:
		if b.pl.shift == 0 && strings.HasPrefix(string(n.Destination), "#") {
			break // a link within the page works as written
		}
		b.edits = append(b.edits, edit{destFrom, destTo, b.pl.href(target, anchor)})
	case render.LinkFile:
		if f, ok := b.h.File(b.p, string(n.Destination)); ok {
			b.edits = append(b.edits, edit{destFrom, destTo, b.pl.root + f.Href})
		}
	case render.LinkDrop:
		b.edits = append(b.edits, edit{start, start + 1, ""}, edit{close, end, ""})
	}
}

func (b *bodyEdits) image(n *ast.Image) {
	src := b.src
	if s, _, _, _, e, ok := linkSpan(src, n, b.cursor); ok && s > 0 && src[s-1] == '!' {
		b.cursor = max(b.cursor, e)
		alt := strings.TrimSpace(string(textOf(n, src)))
		repl := escape("[image: " + alt + "]")
		kind, _, _ := b.h.Classify(b.p, string(n.Destination))
		if f, ok := b.h.File(b.p, string(n.Destination)); ok && kind == render.LinkFile {
			repl = fileImage(f, alt, b.pl.root, sop.InsideLink(n))
		} else if kind == render.LinkKeep && !strings.HasPrefix(string(n.Destination), "data:") {
			repl = "[" + repl + "](" + string(n.Destination) + ")"
		}
		b.edits = append(b.edits, edit{s - 1, e, repl})
	}
}

// fileImage is an image of a copied library file: a picture shown (with
// its name for description when it has none and is in a link, which
// needs a name), any other file linked by the image's description (or
// its name), which a link around it (inLink) cannot hold: there it is the
// description.
func fileImage(f render.FileLink, alt, root string, inLink bool) string {
	switch {
	case f.Image && alt == "" && inLink:
		return "![" + escape(path.Base(f.Path)) + "](" + root + f.Href + ")"
	case f.Image:
		return "![" + escape(alt) + "](" + root + f.Href + ")"
	case inLink:
		return escape("[image: " + alt + "]")
	}
	return "[" + escape(cmp.Or(alt, path.Base(f.Path))) + "](" + root + f.Href + ")"
}

// definitionEdits rewrites link reference definitions ([ref]: dest): to
// an SOP, pointed at its file; to a library file, at its copy; unresolvable or unsafe, removed, so that the
// references to it read as plain text. defs are the labels the parser
// found definitions of (parsedBody.defs).
func definitionEdits(h *render.Handbook, p *render.Page, src []byte, defs map[string]bool, pl placement) []edit {
	var edits []edit
	if len(defs) == 0 {
		return nil
	}
	for off := 0; off < len(src); {
		end := lineEnd(src, off)
		if m := refDef.FindSubmatchIndex(src[off:end]); m != nil && defs[strings.ToLower(strings.Join(strings.Fields(string(src[off+m[2]:off+m[3]])), " "))] {
			destFrom, destTo := off+m[4], off+m[5]
			dest := strings.Trim(string(src[destFrom:destTo]), "<>")
			switch kind, target, anchor := h.Classify(p, dest); kind {
			case render.LinkSOP:
				edits = append(edits, edit{destFrom, destTo, pl.href(target, anchor)})
			case render.LinkFile:
				if f, ok := h.File(p, dest); ok {
					edits = append(edits, edit{destFrom, destTo, pl.root + f.Href})
				}
			case render.LinkDrop:
				edits = append(edits, edit{off, end, ""})
			}
		}
		off = end
	}
	return edits
}

var refDef = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>\n]*>|\S+)`)

// unsafeMarkdown says what in a published body is unsafe or broken: raw
// HTML, a link, image or autolink with a scheme other than http(s),
// mailto, tel, or a relative link or image that works does not accept
// (one the edits missed, or that removing raw HTML made: "[]<A>(x)"). A
// link in an image's description is its alt text, not a link.
func unsafeMarkdown(md string, works func(dest string) bool) string {
	src := []byte(md)
	why := ""
	_ = ast.Walk(sop.ParseMarkdown(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML, *ast.HTMLBlock:
			why = "raw HTML"
		case *ast.Link:
			if !render.SafeURL(string(n.Destination)) || !insideImage(n) && !works(string(n.Destination)) {
				why = "a link to " + string(n.Destination)
			}
		case *ast.Image:
			if !render.SafeURL(string(n.Destination)) || !insideImage(n) && !works(string(n.Destination)) {
				why = "an image from " + string(n.Destination)
			}
		case *ast.AutoLink:
			if !render.SafeURL(string(n.URL(src))) {
				why = "a link to " + string(n.URL(src))
			}
		}
		if why != "" {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return why
}

func insideImage(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindImage {
			return true
		}
	}
	return false
}

// works reports whether a destination of a body placed by pl leads to a
// file of the bundle: an SOP's file as pl places it, a copied file, a
// heading of the same file, or anywhere outside the bundle.
func (pl placement) works(h *render.Handbook, dest string) bool {
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		return false
	case u.Scheme != "" || u.Host != "" || u.Path == "":
		return true
	}
	if name, ok := strings.CutPrefix(u.Path, pl.root); ok && h.Copied(name) {
		return true
	}
	p, ok := h.Page(strings.TrimSuffix(path.Base(u.Path), ".md")) // b.md, sops/b.md, ../sops/b.md
	return ok && pl.href(p, "") == u.Path
}

// codeBlock shows text verbatim in a fence longer than any backtick run
// in it.
func codeBlock(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "text\n" + strings.TrimRight(s, "\n") + "\n" + fence + "\n"
}

// apply makes the edits, skipping any that overlap an earlier one.
func apply(src []byte, edits []edit) string {
	slices.SortStableFunc(edits, func(a, b edit) int { return a.from - b.from })
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
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

// headingEdits shifts a heading's level. An ATX heading gets more #; a
// setext heading (text underlined with === or ---) becomes ATX.
// hd is the heading as the parsed body lists it, for its lines.
func headingEdits(src []byte, n *ast.Heading, hd sop.Heading, shift int) []edit {
	lines := n.Lines()
	if shift == 0 || lines.Len() == 0 {
		return nil
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	start, end := hd.Start, hd.End
	atx := bytes.HasSuffix(bytes.TrimRight(src[start:first.Start], " \t"), []byte("#"))
	level := min(n.Level+shift, 6)
	if atx {
		// Replace only the run of # (inside a quote or list item the line
		// starts with "> " or "- ", which stays).
		hashEnd := start + len(bytes.TrimRight(src[start:first.Start], " \t"))
		hashStart := hashEnd
		for hashStart > start && src[hashStart-1] == '#' {
			hashStart--
		}
		return []edit{{hashStart, first.Start, strings.Repeat("#", level) + " "}}
	}
	if n.Parent().Kind() != ast.KindDocument {
		return nil // a setext heading in a container: leave it be
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
// its closing ")". Reference-style links are left alone (ok false). from
// is where the text before the link ends: a link or image without text
// ("![](flow.png)", "[<b></b>](form.pdf)") is found by its destination.
func linkSpan(src []byte, n ast.Node, from int) (start, close, destFrom, destTo, end int, ok bool) {
	firstStart, lastStop := textRange(src, n, from)
	if firstStart < 0 {
		return spanByDest(src, n, from)
	}
	start = bytes.LastIndexByte(src[:firstStart], '[')
	i := lastStop
	for i < len(src) && src[i] != ']' { // closing markup of emphasis or code
		if src[i] == '\n' || src[i] == '[' {
			return 0, 0, 0, 0, 0, false
		}
		i++
	}
	if start < 0 || i+1 >= len(src) || src[i+1] != '(' {
		return 0, 0, 0, 0, 0, false
	}
	destFrom, destTo, end, ok = destSpan(src, i)
	return start, i, destFrom, destTo, end, ok
}

// spanByDest finds a link or image without text: the first "](" after
// from whose destination is n's, and the "[" before it.
func spanByDest(src []byte, n ast.Node, from int) (start, close, destFrom, destTo, end int, ok bool) {
	want := destOf(n)
	for i := from; i < len(src); {
		k := bytes.Index(src[i:], []byte("]("))
		if k < 0 {
			break
		}
		close = i + k
		destFrom, destTo, end, ok = destSpan(src, close)
		start = openingBracket(src, close)
		if ok && start >= 0 && library.DecodeDest(string(src[destFrom:destTo])) == want {
			return start, close, destFrom, destTo, end, true
		}
		i = close + 2
	}
	return 0, 0, 0, 0, 0, false
}

// openingBracket is the "[" that the "]" at close closes, brackets
// between them nesting (an image whose description holds a link); -1
// when there is none.
func openingBracket(src []byte, close int) int {
	depth := 0
	for i := close - 1; i >= 0; i-- {
		switch {
		case i > 0 && src[i-1] == '\\':
		case src[i] == ']':
			depth++
		case src[i] == '[' && depth == 0:
			return i
		case src[i] == '[':
			depth--
		}
	}
	return -1
}

// destSpan reads the destination after a link's closing "]" at close:
// where it starts and ends (inside any <>), and the end of the link after
// its optional title and ")".
func destSpan(src []byte, close int) (destFrom, destTo, end int, ok bool) {
	j := close + 2
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n') {
		j++
	}
	destFrom = j
	if j < len(src) && src[j] == '<' {
		k := bytes.IndexByte(src[j:], '>')
		if k < 0 {
			return 0, 0, 0, false
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
		return 0, 0, 0, false
	}
	return destFrom, destTo, j + 1, true
}

// textRange is where the text of a link or image starts and ends in src,
// an image inside a link counting as text; -1 when it has none.
func textRange(src []byte, n ast.Node, from int) (first, last int) {
	first, last = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if img, isImage := c.(*ast.Image); isImage && c != n {
			if s, _, _, _, e, ok := linkSpan(src, img, max(from, last)); ok && s > 0 && src[s-1] == '!' {
				if first < 0 {
					first = s - 1
				}
				last = e
			}
			return ast.WalkSkipChildren, nil
		}
		if t, isText := c.(*ast.Text); isText {
			if first < 0 {
				first = t.Segment.Start
			}
			last = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return first, last
}

// destOf is a link's or image's destination as ResolveLink reads it.
func destOf(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Link:
		return library.DecodeDest(string(n.Destination))
	case *ast.Image:
		return library.DecodeDest(string(n.Destination))
	}
	return ""
}

// autoLinkSpan finds "<label>" after the text that precedes it.
func autoLinkSpan(src []byte, n *ast.AutoLink, from int) (int, int, bool) {
	label := n.Label(src)
	idx := bytes.Index(src[from:], append(append([]byte("<"), label...), '>'))
	if idx < 0 {
		return 0, 0, false
	}
	return from + idx, from + idx + len(label) + 2, true
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
	if plainText(s) {
		return s // most titles, names and values: spared two copies
	}
	return escapeText(s)
}

// escapeText is escape without its short cut.
func escapeText(s string) string {
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

// plainText says that escape leaves s as it is: ASCII with no character
// it escapes, no white space but single spaces between words.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c < ' ', c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		case strings.IndexByte(escaped, c) >= 0:
			return false
		}
	}
	return true
}

// escaped are the characters escape changes besides white space.
const escaped = "<>&\\`*_[]#|!~{}()"
