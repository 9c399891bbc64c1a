package term

import (
	"html"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// clean makes a body safe to lay out: carriage returns are dropped (CRLF
// line ends are allowed in a file; line feeds stay, so line numbers stay
// right), every other character a terminal could act on shows as its
// escape (termsafe.Text), and character references to such characters are
// defused.
func clean(s string) string {
	return defuseReferences(termsafe.Text(strings.ReplaceAll(s, "\r", "")))
}

// defuseReferences replaces each character reference in Markdown source
// that decodes to a character termsafe.Text escapes ("&#27;", "&#x9d;")
// with that escape ("\x1b", "\u009d"), which Markdown shows as it is. The
// file cannot hold a raw control character, but glamour decodes
// references with html.UnescapeString in text, code spans, strikethrough,
// image text and inline HTML, and goldmark decodes them in link
// destinations; an escape sequence made that way after the fact would be
// indistinguishable from glamour's own styling. A numeric reference is
// read as html.UnescapeString reads it (the semicolon optional, the value
// wrapping around in an int32) and as CommonMark does (at most 7 decimal
// or 6 hex digits, the C1 range kept rather than mapped to Windows-1252);
// either decoding to such a character defuses it. Named references are
// checked too, though HTML5 names none but tab and line feed.
func defuseReferences(src string) string {
	if !strings.Contains(src, "&") {
		return src
	}
	var b strings.Builder
	done := 0
	for i := 0; ; {
		j := strings.IndexByte(src[i:], '&')
		if j < 0 {
			break
		}
		start := i + j
		end, value := reference(src, start)
		i = max(end, start+1)
		if end < 0 {
			continue
		}
		bad := ""
		if d := html.UnescapeString(src[start:end]); termsafe.Text(d) != d {
			bad = d
		} else if value >= 0 && termsafe.Escaped(value) {
			bad = string(value)
		}
		if bad != "" {
			b.WriteString(src[done:start])
			b.WriteString(termsafe.Text(bad))
			done = end
		}
	}
	if done == 0 {
		return src
	}
	b.WriteString(src[done:])
	return b.String()
}

// reference reads a character reference at src[start:] (which holds
// '&'): a name and an optional semicolon, or a numeric reference. It
// returns where it ends (-1 when there is none) and, for a numeric
// reference CommonMark accepts, its value (else -1).
func reference(src string, start int) (end int, value rune) {
	if start+1 < len(src) && src[start+1] == '#' {
		return numericReference(src, start)
	}
	i := start + 1
	for i < len(src) && ('a' <= src[i] && src[i] <= 'z' || 'A' <= src[i] && src[i] <= 'Z' || i > start+1 && '0' <= src[i] && src[i] <= '9') {
		i++
	}
	if i == start+1 {
		return -1, -1
	}
	if i < len(src) && src[i] == ';' {
		i++
	}
	return i, -1
}

// numericReference reads "&#" digits [";"] or "&#x" hex digits [";"] at
// src[start:], as html.UnescapeString does, and returns where it ends (-1
// when there are no digits) and its value as CommonMark reads it (-1 when
// CommonMark does not take it as a reference: no semicolon, too many
// digits).
func numericReference(src string, start int) (end int, value rune) {
	i := start + 2
	base, maxDigits := 10, 7
	if i < len(src) && (src[i] == 'x' || src[i] == 'X') {
		base, maxDigits = 16, 6
		i++
	}
	first := i
	v := 0
	for i < len(src) {
		d := digit(src[i], base)
		if d < 0 {
			break
		}
		if i-first < maxDigits {
			v = v*base + d
		}
		i++
	}
	if i == first {
		return -1, -1
	}
	value = rune(v)
	if i-first > maxDigits || i >= len(src) || src[i] != ';' {
		value = -1
	}
	if i < len(src) && src[i] == ';' {
		i++
	}
	return i, value
}

func digit(c byte, base int) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case base == 16 && 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case base == 16 && 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// filterOutput is the last line of defence, applied to what glamour wrote:
// with colour it keeps only SGR sequences, which set colours and text
// attributes and nothing else; without, no escape sequence. Whatever else
// a terminal could act on shows as text (termsafe). Since clean has made
// the source safe, the SGR sequences kept are glamour's own.
func filterOutput(s string, color bool) string {
	if color {
		return termsafe.Styled(s)
	}
	return termsafe.Text(s)
}
