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

// checkMarkdown returns an error at the first shape in body that goldmark
// would take too long on (see the limits above). bodyLine is the file line
// of the body's first line.
func checkMarkdown(body []byte, bodyLine int) *Error {
	var (
		b                    blockScan
		blocks, inlines      int
		tagBytes             int
		inTag                bool
		tagQuote             byte
		tagLine, tagAt       int
		tagText              []byte // the line of the tag being counted
		labelCost, delimCost int
		cells                int
		pipes, pipeTicks     int
		pipeLine             int
	)
	fail := func(line int, line0 []byte, i int, format string, args ...any) *Error {
		col := 1
		if line0 != nil {
			col = utf8.RuneCount(line0[:i]) + 1
		}
		return &Error{Pos: Pos{Line: bodyLine + line, Col: col}, Rule: RuleInvalidFile, Msg: fmt.Sprintf(format, args...)}
	}
	endBlock := func() *Error {
		if b.lines == 0 {
			return nil
		}
		labelCost += b.labels * b.lines
		if labelCost > maxLabelCost {
			return fail(b.start, nil, 0, "this block of %s without a blank line holds %d links and references; lines times links, summed over such blocks, may be at most %d million: put blank lines between paragraphs, or split the SOP", plural(b.lines, "line"), b.labels, maxLabelCost>>20)
		}
		delimCost += b.runs * (2*b.marks + b.lines)
		if delimCost > maxDelimiterCost {
			return fail(b.start, nil, 0, "this block of %s without a blank line holds %d emphasis marks (* _ ~) among %d links, code spans, tags and entities; emphasis marks times those and lines, summed over such blocks, may be at most %d million: put blank lines between paragraphs, or split the SOP", plural(b.lines, "line"), b.runs, b.marks-b.runs, maxDelimiterCost>>20)
		}
		b = blockScan{}
		return nil
	}
	for lineIdx := 0; len(body) > 0; lineIdx++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		if isBlank(line) || bulletItem(line) {
			// A bullet item at the margin ends any paragraph before it.
			if e := endBlock(); e != nil {
				return e
			}
			inTag = false
			if isBlank(line) {
				continue
			}
		}
		if b.lines == 0 {
			b.start = lineIdx
		}
		b.lines++
		if blocks += 1 + ContainerDepth(string(line)); blocks > MaxBlocks {
			return fail(lineIdx, nil, 0, "the body has more than %d blocks (paragraphs, list items, quotes, headings, table rows) by this line: split the SOP", MaxBlocks)
		}
		runs, marks := b.runs, inlines
		cells += b.tableCols
		if cells > MaxTableCells {
			return fail(b.tableLine, nil, 0, "the table here has %d columns, and with its rows the tables of this SOP have more than %d cells (every row is padded to the header's width): fix the header's columns or split the table", b.tableCols, MaxTableCells)
		}
		if cols := tableDelimiterCols(line); cols > 0 {
			if b.tableCols == 0 {
				b.tableLine = lineIdx
			}
			b.tableCols += cols
			if cells += cols; cells > MaxTableCells { // the header's
				return fail(lineIdx, nil, 0, "the table here has %d columns, and with its rows the tables of this SOP have more than %d cells (every row is padded to the header's width): fix the header's columns or split the table", b.tableCols, MaxTableCells)
			}
		}
		// HTML tags are counted in a pass of their own, over every byte:
		// the pass below skips escaped characters and runs.
		for i, c := range line {
			if !inTag {
				if c == '<' && i+1 < len(line) && (isASCIILetter(line[i+1]) || line[i+1] == '/' || line[i+1] == '!' || line[i+1] == '?') {
					inTag, tagQuote = true, 0
					tagLine, tagText, tagAt = lineIdx, line, i
				} else {
					continue
				}
			} else {
				switch {
				case tagQuote != 0:
					if c == tagQuote {
						tagQuote = 0
					}
				case c == '"' || c == '\'':
					tagQuote = c
				case c == '>':
					inTag = false
				}
			}
			if tagBytes++; tagBytes > MaxTagBytes {
				col := utf8.RuneCount(tagText[:tagAt]) + 1
				return fail(tagLine, nil, 0, "HTML tags take more than %d KiB of the body by the one that starts at column %d here: move large data (such as data: images) into files and link them", MaxTagBytes>>10, col)
			}
		}
		word, angles, ticks, escPipes := 0, 0, 0, 0
		for i := 0; i < len(line); i++ {
			switch c := line[i]; c {
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
				inlines++
			case ':':
				if bytes.HasPrefix(line[i:], []byte("://")) {
					inlines++
				}
			case 'w':
				if bytes.HasPrefix(line[i:], []byte("www.")) {
					inlines++
				}
			case '`':
				j := i
				for j+1 < len(line) && line[j+1] == '`' {
					j++
				}
				if n := j - i + 1; n > MaxBacktickRun {
					return fail(lineIdx, line, i, "a run of %d backticks `; at most %d: shorten it (a code span needs only one more backtick than the code holds)", n, MaxBacktickRun)
				}
				inlines++
				ticks += j - i + 1
				i = j
			case '[':
				inlines++
				if b.depth++; b.depth > MaxBracketDepth {
					return fail(lineIdx, line, i, "brackets [ nested or left open %d deep in one block; at most %d: close them with ], or escape a literal one as \\[", b.depth, MaxBracketDepth)
				}
			case ']':
				if b.depth > 0 {
					b.depth--
					b.labels++
				}
				if i+1 < len(line) && line[i+1] == '(' {
					if word++; word > MaxLinksPerWord {
						return fail(lineIdx, line, i, "more than %d links ]( in one run of text without a space; put spaces between links, or close each destination with )", MaxLinksPerWord)
					}
					j := i + 2
					for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
						j++
					}
					if j < len(line) && line[j] == '<' {
						if angles++; angles > MaxAngleLinksPerLine {
							return fail(lineIdx, line, i, "more than %d link destinations in angle brackets ](< on one line; close each with >) or split the line", MaxAngleLinksPerLine)
						}
					}
				}
			case '*', '_', '~':
				j := i
				for j+1 < len(line) && line[j+1] == c {
					j++
				}
				// Every run counts, even one between spaces that can
				// neither open nor close: goldmark keeps it in the list
				// each closer searches (" * " repeated, then "a* ").
				b.runs++
				i = j
			}
		}
		if inlines += b.runs - runs; inlines > MaxInlines {
			return fail(lineIdx, nil, 0, "the body has more than %d links, emphasis marks, code spans, HTML tags and entities by this line: split the SOP", MaxInlines)
		}
		b.marks += inlines - marks
		if escPipes > 0 && ticks > 0 {
			if pipes == 0 {
				pipeLine = lineIdx
			}
			pipes += escPipes
			pipeTicks += ticks
			if pipes*pipeTicks > maxEscapedPipeCost {
				return fail(pipeLine, nil, 0, "from here on, %d escaped pipes \\| share lines with %d backticks `, too many for table cells with code to parse in reasonable time (their product at most %d million): use fewer escaped pipes in code", pipes, pipeTicks, maxEscapedPipeCost>>20)
			}
		}
	}
	return endBlock()
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
