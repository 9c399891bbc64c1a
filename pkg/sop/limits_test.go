package sop

import (
	"strconv"
	"strings"
	"testing"
)

// limitCases are bodies just past (line > 0) or just within (line 0) each
// limit of checkMarkdown, in small forms of the shapes goldmark is
// quadratic on. FuzzParse starts from them too. The body starts on file
// line 6.
var limitCases = []struct {
	name, body string
	line, col  int    // where the error is; 0: the body parses
	msg        string // part of the message
}{
	// Link destinations read to the end of a run without a space.
	{"32 links in a word", strings.Repeat("[a](", 32) + "\n", 0, 0, ""},
	{"33 links in a word", "text\n" + strings.Repeat("[a](", 33) + "\n", 7, 131, "more than 32 links ]( in one run of text without a space"},
	{"33 images in a word", strings.Repeat("![a](", 33) + "\n", 6, 164, "more than 32 links ]("},
	{"links with spaces", strings.Repeat("[a]( ", 200) + "\n", 0, 0, ""},
	{"links in prose", strings.Repeat("see [a](a.md) and ", 500) + "\n", 0, 0, ""},
	{"33 angle destinations on a line", strings.Repeat("[a](<b ", 33) + "\n", 6, 227, "more than 32 link destinations in angle brackets"},
	// Brackets nest or stay open.
	{"32 nested brackets", strings.Repeat("[", 32) + "a" + strings.Repeat("]", 32) + "(b)\n", 0, 0, ""},
	{"33 nested brackets", strings.Repeat("[", 33) + "a" + strings.Repeat("]", 33) + "\n", 6, 33, "brackets [ nested or left open 33 deep"},
	{"33 open brackets over lines", strings.Repeat("[a\n", 33), 38, 1, "left open 33 deep"},
	{"open brackets in separate blocks", strings.Repeat("[a\n\n", 100), 0, 0, ""},
	{"escaped brackets", strings.Repeat(`\[`, 100) + "\n", 0, 0, ""},
	{"closed brackets", strings.Repeat("[a] ", 1000) + "\n", 0, 0, ""},
	// Labels times the lines of their block.
	{"labels times lines", strings.Repeat("[a]\n", 5800), 6, 1, "this block of 5800 lines without a blank line holds 5800 links and references"},
	{"labels in blocks", strings.Repeat("[a]\n\n", 5800), 0, 0, ""},
	{"reference definitions", "text\n\n" + strings.Repeat("[r]: /u\n", 5800), 8, 1, "holds 5800 links and references"},
	// Emphasis delimiters in one block.
	{"5792 emphasis marks", strings.Repeat("*a ", 5792) + "\n", 0, 0, ""},
	{"5793 emphasis marks", strings.Repeat("*a ", 5793) + "\n", 6, 1, "this block of 1 line without a blank line holds 5793 emphasis marks (* _ ~) among 0 links"},
	{"mismatched emphasis", strings.Repeat("*a_ ", 2897) + "\n", 6, 1, "5794 emphasis marks"},
	{"strikethrough", strings.Repeat("~~a ", 5793) + "\n", 6, 1, "5793 emphasis marks"},
	{"spaced stars", strings.Repeat("a * b ", 5000) + "\n", 0, 0, ""},
	{"spaced stars then closers", "x" + strings.Repeat(" * ", 5700) + strings.Repeat("a* ", 200) + "\n", 6, 1, "5900 emphasis marks"},
	{"links holding emphasis after many entities", "x * " + strings.Repeat("&amp; ", 8000) + strings.Repeat("[*a](b) ", 3000) + "\n", 6, 1, "3001 emphasis marks (* _ ~) among 11000 links"},
	// Tables padded to the header's width.
	{"wide header over short rows", "text\n\n" + strings.Repeat("|a", 1000) + "\n" + strings.Repeat("|-", 1000) + "\n" + strings.Repeat("a\n", 100), 9, 1, "the table here has 1001 columns, and with its rows the tables of this SOP have more than 100000 cells"},
	{"a header of 100,001 columns", strings.Repeat("|a", 100001) + "\n" + strings.Repeat("|-", 100001) + "\n", 7, 1, "the table here has 100002 columns"},
	{"a table of 99,099 cells", strings.Repeat("|a", 1000) + "\n" + strings.Repeat("|-", 1000) + "\n" + strings.Repeat("a\n", 98), 0, 0, ""},
	// Escaped pipes in code in table cells.
	{"escaped pipes in code", "|a|\n|-|\n" + strings.Repeat("|`\\|`|\n", 1449), 8, 1, "1449 escaped pipes"},
	{"a few escaped pipes in code", "|a|\n|-|\n" + strings.Repeat("|`\\|`|\n", 1000), 0, 0, ""},
	// HTML tags, matched by regular expressions.
	{"a 256 KiB tag", "<img src=\"" + strings.Repeat("A", 256<<10-12) + "\">\n", 0, 0, ""},
	{"a tag past 256 KiB", "text\n\n<img src=\"" + strings.Repeat("A", 256<<10-11) + "\">\n", 8, 1, "HTML tags take more than 256 KiB of the body by the one that starts at column 1 here"},
	{"a quoted > does not end the tag", "x <a b=\">\" " + strings.Repeat("c ", 128<<10) + ">\n", 6, 1, "by the one that starts at column 3 here"},
	{"a tag unclosed to the end of its block", strings.Repeat("<a "+strings.Repeat("b", 1000)+"\n\n", 200), 0, 0, ""},
	{"a tag of one long run", "<a b=\"" + strings.Repeat("*", 256<<10) + "\">\n", 6, 1, "HTML tags take more than 256 KiB"},
	{"a tag of escapes", "<a b=\"" + strings.Repeat(`\*`, 128<<10) + "\">\n", 6, 1, "HTML tags take more than 256 KiB"},
	{"links inside a tag still count", "<a " + strings.Repeat("[a](", 33) + "\n", 6, 0, "more than 32 links"},
	// Backtick runs of every length.
	{"32 backticks", "a " + strings.Repeat("`", 32) + " b\n", 0, 0, ""},
	{"33 backticks", "a " + strings.Repeat("`", 33) + " b\n", 6, 3, "a run of 33 backticks"},
	// Merely many blocks and inlines: render parses a body several times.
	{"50,000 blocks", strings.Repeat("a\n", 25000) + strings.Repeat("- a\n", 12500), 0, 0, ""},
	{"50,001 blocks", strings.Repeat("a\n", 25001) + strings.Repeat("- a\n", 12500), 25006 + 12500, 1, "more than 50000 blocks"},
	{"50,000 inlines", strings.Repeat("<", 50000) + "\n", 0, 0, ""},
	{"50,001 inlines", "text\n" + strings.Repeat("&`", 25000) + "<\n", 7, 1, "more than 50000 links, emphasis marks, code spans"},
	{"50,001 bare links", strings.Repeat("www.a.com http://b.c a@d.ef ", 16667) + "\n", 6, 1, "more than 50000 links"},
	// Checklists and long prose stay within every limit.
	{"a 2,000-item checklist", strings.Repeat("- [ ] **Check** the [form](form.md) and _sign_ it\n", 2000), 0, 0, ""},
}

func TestMarkdownLimits(t *testing.T) {
	for _, tt := range limitCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("sops/x.md", []byte("---\nid: x\ntitle: X\n---\n\n"+tt.body))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse gave %v, want an *Error", err)
			}
			if e.Pos.Line != tt.line || tt.col > 0 && e.Pos.Col != tt.col || e.Rule != RuleInvalidFile || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %v (%s), want %d:%d invalid-file %q", e, e.Rule, tt.line, tt.col, tt.msg)
			}
		})
	}
}

// TestManyLinksOnALine checks that placing links is linear in the length
// of their line: it counted every column from the line's start.
func TestManyLinksOnALine(t *testing.T) {
	body := strings.Repeat("[x] ", 20000) + "\n\n[x]: /u\n"
	doc, err := Parse("sops/x.md", []byte("---\nid: x\ntitle: X\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Markdown.Links); n != 20000 {
		t.Fatalf("%d links, want 20000", n)
	}
	if last := doc.Markdown.Links[19999].Pos; last != (Pos{5, 79997}) {
		t.Errorf("last link at %v, want 5:79997", last)
	}
}

// TestSluggerRepeats checks GitHub's numbering when headings repeat and
// some numbered slugs are taken already, and that each repeat starts
// after the numbers found taken (it started from the count of repeats,
// skipping every taken number again: quadratic).
func TestSluggerRepeats(t *testing.T) {
	s := NewSlugger()
	var got []string
	for _, h := range []string{"a", "a-1", "a", "a", "a-3", "a", "a-2"} {
		got = append(got, s.Slug(h))
	}
	want := "a a-1 a-2 a-3 a-3-1 a-4 a-2-1"
	if strings.Join(got, " ") != want {
		t.Errorf("slugs %q, want %q", strings.Join(got, " "), want)
	}
	s = NewSlugger()
	const n = 2000
	for i := 1; i <= n; i++ {
		s.Slug("a-" + strconv.Itoa(i))
	}
	s.Slug("a")
	s.Slug("a")
	if s.seen["a"] != n+2 {
		t.Errorf("after %d taken numbers the next repeat of a starts at %d, want %d", n, s.seen["a"], n+2)
	}
}

// TestAutoLinkPositions checks where bare (GFM) and angle-bracket links
// are placed: finding them searched the rest of the body for "<" and the
// label, which bare links never have (quadratic in their number).
func TestAutoLinkPositions(t *testing.T) {
	doc, err := Parse("sops/x.md", []byte("---\nid: x\ntitle: X\n---\nsee www.a.com and <http://b.c>, *www.d.org* or <e@f.gh>\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range doc.Markdown.Links {
		got = append(got, l.Dest+"@"+strconv.Itoa(l.Pos.Line)+":"+strconv.Itoa(l.Pos.Col))
	}
	want := "http://www.a.com@5:5 http://b.c@5:19 http://www.d.org@5:34 e@f.gh@5:48"
	if strings.Join(got, " ") != want {
		t.Errorf("links %q, want %q", strings.Join(got, " "), want)
	}
}
