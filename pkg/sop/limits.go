package sop

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// goldmark's time grows with the square of the input on some Markdown: a
// megabyte body (max_file_kb allows one) would keep lint, render and show
// busy for minutes. checkMarkdown measures each such shape in one linear
// pass before goldmark sees the body, and parse refuses a body that passes
// a limit as invalid-file at the line, so that every command names the
// file and goes on with the rest of the library.
//
// Paragraphs cannot be known without parsing, so the pass works on blocks:
// runs of lines without a blank line between them, also split before a
// bullet item at the margin. Every paragraph lies inside one block, so
// counting per block never counts less than goldmark works on. Each limit is far above what a real procedure holds; what the
// limits let through takes goldmark about 0.1 s at most on a megabyte
// (limits_test.go has a small form of each shape, FuzzParseRepeated grows
// shapes to look for more).
const (
	// MaxLinksPerWord is the most link destinations "](" one run of text
	// without a space may hold. goldmark reads each destination up to the
	// next space or the end of the line, so "[a](" repeated costs the
	// square of the run's length (240 KB took 36 s). Real links are
	// separated by spaces; adjacent ones like [a](x)[b](y) rarely exceed 3.
	MaxLinksPerWord = 32
	// MaxAngleLinksPerLine is the most destinations in angle brackets
	// "](<" on one line: goldmark reads each to the next > on the line,
	// spaces included. Real SOPs rarely use the form at all.
	MaxAngleLinksPerLine = 32
	// MaxBracketDepth is the deepest nesting of [ inside [ in a block.
	// goldmark copies and walks the text of each closed label, so the
	// cost is the depth times the text; unclosed [ pile up the same way
	// ([ 200,000 times then ] 200,000 times took 11 s). Real link text
	// nests two deep at most.
	MaxBracketDepth = 32
	// maxLabelCost bounds, over the body, the sum of link labels ([...])
	// times the lines of their block: goldmark looks each label up by
	// scanning its paragraph's lines, and each reference definition
	// re-copies the lines after it. 32 million is a block of 5,000 lines
	// holding 6,000 links; a 1 MB attack at this budget takes 0.05 s.
	maxLabelCost = 32 << 20
	// maxDelimiterCost bounds, over the blocks, the runs of *, _ and ~ in
	// a block times the inline nodes and lines of the block (the inline
	// marks counted for MaxInlines, twice for the text between them):
	// goldmark matches each closer against every run before it (80 KB of
	// "*a_ " took 1.6 s), and at the end of each link that holds a run it
	// walks back over every node to the last run before the link (80,000
	// entities then 8,000 links "[*a](b)" took 1.4 s). 64 million is a
	// block of 5,792 runs and nothing else, or 2,000 runs among 16,000
	// nodes.
	maxDelimiterCost = 64 << 20
	// MaxTableCells is the most cells the tables of a body may have.
	// goldmark pads every row to the header's width, so a wide header
	// over many short rows makes millions of cells from a few KB (10 KB
	// took 3 s). 100,000 is 5,000 rows of 20 columns; goldmark makes
	// and renders them in about 0.1 s.
	MaxTableCells = 100000
	// maxEscapedPipeCost bounds escaped pipes (\|) in table cells that
	// hold code: goldmark checks every code span of such a cell against
	// every such pipe of the document. It is the count of those pipes
	// times the backticks on their lines; 4 million is 2,000 of each.
	maxEscapedPipeCost = 4 << 20
	// MaxTagBytes bounds the bytes inside HTML tags (from < and a letter,
	// / ! or ? to the >, or to the end of the block), over the body.
	// goldmark matches each with regular expressions at about 0.2 s a
	// megabyte, and render parses a body several times: one tag of a
	// megabyte took 1.8 s to render as Markdown. 256 KiB leaves room for
	// a few pasted images (<img src="data:...">).
	MaxTagBytes = 256 << 10
	// MaxBacktickRun is the longest run of backticks. A code span's
	// opening run that no run of its length closes makes goldmark read to
	// the end of the block, and runs of every length up to k do that k
	// times ("`", "``", "```", ... over a megabyte took 0.4 s a parse).
	// Code spans need one backtick more than the code holds: two or three.
	MaxBacktickRun = 32
	// MaxBlocks and MaxInlines bound what goldmark builds a node for, on
	// shapes that are merely linear: render parses a body several times,
	// and at about 5 µs a node a megabyte of "- a" lines (262,144 list
	// items) took 2 s to render as Markdown, 100,000 bare links "www.a.com"
	// 0.9 s. Blocks are counted as one per line that is not blank plus the
	// list and quote markers opening it; inlines as [, <, &, backtick
	// runs, emphasis runs and the starts of bare links (www., ://, @).
	// 50,000 of each are ten times a long procedure.
	MaxBlocks  = 50000
	MaxInlines = 50000
)

// CheckBody returns an *Error (with no Path) at the first place in a body
// that parse refuses so that goldmark never takes long on it: block quotes
// and lists nested deeper than MaxNesting on one line, or a shape that
// passes one of the limits above. bodyLine is the file line of the body's
// first line. Parse calls it; the terminal renderer calls it too, for
// documents that did not come from Parse.
func CheckBody(body []byte, bodyLine int) *Error {
	if e := checkNesting(body, bodyLine); e != nil {
		return e
	}
	return checkMarkdown(body, bodyLine)
}

// markdownScan is the state of checkMarkdown over a body: the block the
// scan is in, and the counts that run over the whole body.
type markdownScan struct {
	bodyLine             int // file line of the body's first line
	b                    blockScan
	blocks, inlines      int
	tag                  tagScan
	labelCost, delimCost int
	cells                int
	pipes, pipeTicks     int // escaped pipes, and backticks on their lines
	pipeLine             int // body line index of the first such line
}

// blockScan is the state of checkMarkdown within one block.
type blockScan struct {
	start     int // body line index of the block's first line
	lines     int
	labels    int // ] that close an open [
	depth     int // [ open
	runs      int // emphasis and strikethrough delimiter runs
	marks     int // inline marks (see MaxInlines), runs included
	tableCols int // columns of the table delimiter rows seen so far
	tableLine int // body line index of the first delimiter row
}

// tagScan is the state of checkMarkdown's count of bytes in HTML tags.
type tagScan struct {
	bytes int // inside tags, over the body
	in    bool
	quote byte   // the quote an attribute value is open in, or 0
	line  int    // body line index of the tag being counted
	at    int    // its byte offset in text
	text  []byte // the line of the tag being counted
}

// checkMarkdown returns an error at the first shape in body that goldmark
// would take too long on (see the limits above). bodyLine is the file line
// of the body's first line.
func checkMarkdown(body []byte, bodyLine int) *Error {
	s := markdownScan{bodyLine: bodyLine}
	for lineIdx := 0; len(body) > 0; lineIdx++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		if e := s.line(lineIdx, line); e != nil {
			return e
		}
	}
	return s.endBlock()
}

// line counts one line of the body against every limit.
func (s *markdownScan) line(lineIdx int, line []byte) *Error {
	if isBlank(line) || bulletItem(line) {
		// A bullet item at the margin ends any paragraph before it.
		if e := s.endBlock(); e != nil {
			return e
		}
		s.tag.in = false
		if isBlank(line) {
			return nil
		}
	}
	if e := s.countBlocks(lineIdx, line); e != nil {
		return e
	}
	if e := s.countCells(lineIdx, line); e != nil {
		return e
	}
	// HTML tags are counted in a pass of their own, over every byte:
	// the pass of countInlines skips escaped characters and runs.
	if e := s.countTags(lineIdx, line); e != nil {
		return e
	}
	return s.countInlines(lineIdx, line)
}

// fail returns the error at body line index line; at the column of byte i
// of text when text is not nil, else at column 1.
func (s *markdownScan) fail(line int, text []byte, i int, format string, args ...any) *Error {
	col := 1
	if text != nil {
		col = utf8.RuneCount(text[:i]) + 1
	}
	return &Error{Pos: Pos{Line: s.bodyLine + line, Col: col}, Rule: RuleInvalidFile, Msg: fmt.Sprintf(format, args...)}
}

// endBlock adds the block that ends to the costs summed over blocks
// (maxLabelCost, maxDelimiterCost) and starts the next one.
func (s *markdownScan) endBlock() *Error {
	if s.b.lines == 0 {
		return nil
	}
	if e := s.addLabelCost(); e != nil {
		return e
	}
	if e := s.addDelimiterCost(); e != nil {
		return e
	}
	s.b = blockScan{}
	return nil
}

// addLabelCost adds the block's labels times its lines (maxLabelCost).
func (s *markdownScan) addLabelCost() *Error {
	b := &s.b
	if s.labelCost += b.labels * b.lines; s.labelCost > maxLabelCost {
		return s.fail(b.start, nil, 0, "this block of %s without a blank line holds %d links and references; lines times links, summed over such blocks, may be at most %d million: put blank lines between paragraphs, or split the SOP", plural(b.lines, "line"), b.labels, maxLabelCost>>20)
	}
	return nil
}

// addDelimiterCost adds the block's emphasis runs times its inline marks
// and lines (maxDelimiterCost).
func (s *markdownScan) addDelimiterCost() *Error {
	b := &s.b
	if s.delimCost += b.runs * (2*b.marks + b.lines); s.delimCost > maxDelimiterCost {
		return s.fail(b.start, nil, 0, "this block of %s without a blank line holds %d emphasis marks (* _ ~) among %d links, code spans, tags and entities; emphasis marks times those and lines, summed over such blocks, may be at most %d million: put blank lines between paragraphs, or split the SOP", plural(b.lines, "line"), b.runs, b.marks-b.runs, maxDelimiterCost>>20)
	}
	return nil
}

// countBlocks adds line to its block, and the blocks it opens to the
// body's (MaxBlocks).
func (s *markdownScan) countBlocks(lineIdx int, line []byte) *Error {
	if s.b.lines == 0 {
		s.b.start = lineIdx
	}
	s.b.lines++
	if s.blocks += 1 + ContainerDepth(line); s.blocks > MaxBlocks {
		return s.fail(lineIdx, nil, 0, "the body has more than %d blocks (paragraphs, list items, quotes, headings, table rows) by this line: split the SOP", MaxBlocks)
	}
	return nil
}

// countCells adds the cells line makes in the table of its block, padded
// to the width of the delimiter rows seen so far (MaxTableCells).
func (s *markdownScan) countCells(lineIdx int, line []byte) *Error {
	if s.cells += s.b.tableCols; s.cells > MaxTableCells {
		return s.tooManyCells(s.b.tableLine)
	}
	if cols := tableDelimiterCols(line); cols > 0 {
		if s.b.tableCols == 0 {
			s.b.tableLine = lineIdx
		}
		s.b.tableCols += cols
		if s.cells += cols; s.cells > MaxTableCells { // the header's
			return s.tooManyCells(lineIdx)
		}
	}
	return nil
}

func (s *markdownScan) tooManyCells(lineIdx int) *Error {
	return s.fail(lineIdx, nil, 0, "the table here has %d columns, and with its rows the tables of this SOP have more than %d cells (every row is padded to the header's width): fix the header's columns or split the table", s.b.tableCols, MaxTableCells)
}

// countTags adds the bytes of line inside HTML tags to the body's
// (MaxTagBytes). A tag runs from < and a letter, / ! or ? to the > that
// is not in quotes, or to the end of its block.
func (s *markdownScan) countTags(lineIdx int, line []byte) *Error {
	// Locals, not s.tag's fields, in the loop over every byte; outside a
	// tag, IndexByte finds the next < without a look at every byte.
	in, quote, n := s.tag.in, s.tag.quote, s.tag.bytes
	for i := 0; i < len(line); i++ {
		if !in {
			j := bytes.IndexByte(line[i:], '<')
			if j < 0 {
				break
			}
			if i += j; !tagStart(line, i) {
				continue
			}
			in, quote = true, 0
			s.tag.line, s.tag.text, s.tag.at = lineIdx, line, i
		} else {
			c := line[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				in = false
			}
		}
		if n++; n > MaxTagBytes {
			col := utf8.RuneCount(s.tag.text[:s.tag.at]) + 1
			return s.fail(s.tag.line, nil, 0, "HTML tags take more than %d KiB of the body by the one that starts at column %d here: move large data (such as data: images) into files and link them", MaxTagBytes>>10, col)
		}
	}
	s.tag.in, s.tag.quote, s.tag.bytes = in, quote, n
	return nil
}

// tagStart reports whether the < at line[i] may open an HTML tag.
func tagStart(line []byte, i int) bool {
	return i+1 < len(line) && (isASCIILetter(line[i+1]) || line[i+1] == '/' || line[i+1] == '!' || line[i+1] == '?')
}

// countInlines counts the inline marks of line: those bounded per word,
// line and block as it goes (scanInlines), then the body's (MaxInlines),
// and the escaped pipes among backticks (maxEscapedPipeCost).
func (s *markdownScan) countInlines(lineIdx int, line []byte) *Error {
	runs := s.b.runs
	marks, ticks, escPipes, e := s.scanInlines(lineIdx, line)
	if e != nil {
		return e
	}
	marks += s.b.runs - runs
	if s.inlines += marks; s.inlines > MaxInlines {
		return s.fail(lineIdx, nil, 0, "the body has more than %d links, emphasis marks, code spans, HTML tags and entities by this line: split the SOP", MaxInlines)
	}
	s.b.marks += marks
	return s.countEscapedPipes(lineIdx, escPipes, ticks)
}

// scanInlines reads line once, skipping escaped characters and runs, and
// returns its inline marks (emphasis runs aside: it adds those to the
// block's), its backticks and its escaped pipes. It counts brackets and
// labels into the block, and fails at a bracket nested too deep
// (MaxBracketDepth), a backtick run too long (MaxBacktickRun) or too many
// links in a word or angle destinations on the line.
func (s *markdownScan) scanInlines(lineIdx int, line []byte) (marks, ticks, escPipes int, e *Error) {
	word, angles := 0, 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if !inlineByte[c] {
			continue // most bytes of any SOP: one look-up, not the switch
		}
		switch c {
		case '\\':
			if i+1 < len(line) && line[i+1] == '|' {
				escPipes++
			}
			if i+1 < len(line) && isASCIIPunct(line[i+1]) {
				i++
			}
		case ' ', '\t':
			word = 0
		case '<', '&', '@':
			marks++
		case ':':
			if bytes.HasPrefix(line[i:], []byte("://")) {
				marks++
			}
		case 'w':
			if bytes.HasPrefix(line[i:], []byte("www.")) {
				marks++
			}
		case '`':
			j := runEnd(line, i)
			if n := j - i + 1; n > MaxBacktickRun {
				return marks, ticks, escPipes, s.fail(lineIdx, line, i, "a run of %d backticks `; at most %d: shorten it (a code span needs only one more backtick than the code holds)", n, MaxBacktickRun)
			}
			marks++
			ticks += j - i + 1
			i = j
		case '[':
			marks++
			if s.b.depth++; s.b.depth > MaxBracketDepth {
				return marks, ticks, escPipes, s.fail(lineIdx, line, i, "brackets [ nested or left open %d deep in one block; at most %d: close them with ], or escape a literal one as \\[", s.b.depth, MaxBracketDepth)
			}
		case ']':
			if s.b.depth > 0 {
				s.b.depth--
				s.b.labels++
			}
			if i+1 < len(line) && line[i+1] == '(' {
				word++
				angles += angleDestination(line, i+2)
				if e := s.checkLinks(lineIdx, line, i, word, angles); e != nil {
					return marks, ticks, escPipes, e
				}
			}
		case '*', '_', '~':
			// Every run counts, even one between spaces that can
			// neither open nor close: goldmark keeps it in the list
			// each closer searches (" * " repeated, then "a* ").
			s.b.runs++
			i = runEnd(line, i)
		}
	}
	return marks, ticks, escPipes, nil
}

// inlineByte marks the bytes scanInlines acts on.
var inlineByte = func() (t [256]bool) {
	for _, c := range []byte("\\ \t<&@:w`[]*_~") {
		t[c] = true
	}
	return t
}()

// runEnd returns the index of the last byte of the run of line[i].
func runEnd(line []byte, i int) int {
	for i+1 < len(line) && line[i+1] == line[i] {
		i++
	}
	return i
}

// angleDestination returns 1 if the link destination that starts at
// line[i] is in angle brackets, else 0.
func angleDestination(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] == '<' {
		return 1
	}
	return 0
}

// checkLinks fails at the ]( at line[i] when it makes more than
// MaxLinksPerWord destinations in its word, or more than
// MaxAngleLinksPerLine in angle brackets on its line.
func (s *markdownScan) checkLinks(lineIdx int, line []byte, i, word, angles int) *Error {
	if word > MaxLinksPerWord {
		return s.fail(lineIdx, line, i, "more than %d links ]( in one run of text without a space; put spaces between links, or close each destination with )", MaxLinksPerWord)
	}
	if angles > MaxAngleLinksPerLine {
		return s.fail(lineIdx, line, i, "more than %d link destinations in angle brackets ](< on one line; close each with >) or split the line", MaxAngleLinksPerLine)
	}
	return nil
}

// countEscapedPipes adds a line's escaped pipes and backticks, when it has
// both, to the body's (maxEscapedPipeCost).
func (s *markdownScan) countEscapedPipes(lineIdx, escPipes, ticks int) *Error {
	if escPipes == 0 || ticks == 0 {
		return nil
	}
	if s.pipes == 0 {
		s.pipeLine = lineIdx
	}
	s.pipes += escPipes
	s.pipeTicks += ticks
	if s.pipes*s.pipeTicks > maxEscapedPipeCost {
		return s.fail(s.pipeLine, nil, 0, "from here on, %d escaped pipes \\| share lines with %d backticks `, too many for table cells with code to parse in reasonable time (their product at most %d million): use fewer escaped pipes in code", s.pipes, s.pipeTicks, maxEscapedPipeCost>>20)
	}
	return nil
}

// tableDelimiterCols returns the number of columns of a line that goldmark
// may take for a table's delimiter row (| :--- | ---: |), else 0.
func tableDelimiterCols(line []byte) int {
	indent, dash, pipes := 0, false, 0
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	if indent > 3 {
		return 0
	}
	allDash := true
	for _, c := range line {
		switch c {
		case '-':
			dash = true
		case '|':
			pipes++
			allDash = false
		case ':', ' ', '\t':
			allDash = false
		default:
			return 0
		}
	}
	if !dash || allDash {
		return 0
	}
	return pipes + 1
}

func isBlank(line []byte) bool {
	for _, c := range line {
		if !isSpaceByte(c) {
			return false
		}
	}
	return true
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// bulletItem reports whether a line starts, at its first column, a bullet
// list item with text ("- x", "* x", "+ x"): CommonMark lets such an item
// interrupt any paragraph, so goldmark's paragraphs never span it.
func bulletItem(line []byte) bool {
	return len(line) > 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') &&
		(line[1] == ' ' || line[1] == '\t') && !isBlank(line[2:])
}

func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
