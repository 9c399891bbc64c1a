package term

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// clean makes a body safe to lay out: carriage returns are dropped (CRLF
// line ends are allowed in a file; line feeds stay, so line numbers stay
// right), escape sequences and every other character a terminal could act
// on are stripped (termsafe.Strip; the parser refuses them in a file, so
// only a Doc built in code brings them), and character references to such
// characters are defused: shown as the escape they stand for, since they
// are text the author wrote.
func clean(s string) string {
	return defuseReferences(termsafe.Strip(strings.ReplaceAll(s, "\r", "")))
}

// defuseReferences replaces each character reference in Markdown source
// that decodes to a character termsafe.Text escapes ("&#27;", "&#x9d;")
// with that escape ("\x1b", "\u009d"), which Markdown shows as it is. The
// file cannot hold a raw control character, but glamour decodes
// references with html.UnescapeString in text, code spans, strikethrough,
// image text and inline HTML, and goldmark decodes them in link
// destinations; an escape sequence made that way after the fact would be
// indistinguishable from glamour's own styling. The two decoders differ
// (html's semicolon is optional, its values wrap around in an int32 and
// map the C1 range to Windows-1252; goldmark reads a decimal reference
// with a leading 0 as octal), so each reference is decoded by both, and
// defused when either gives such a character.
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
		end := reference(src, start)
		i = max(end, start+1)
		if end < 0 {
			continue
		}
		ref := src[start:end]
		bad := ""
		for _, d := range []string{
			html.UnescapeString(ref),
			string(util.ResolveEntityNames(util.ResolveNumericReferences([]byte(ref)))),
		} {
			if termsafe.Text(d) != d {
				bad = d
				break
			}
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

// reference returns where the character reference at src[start:] (which
// holds '&') ends, or -1 when there is none: '&', then '#' and decimal
// digits, "#x" and hex digits, or a name, then an optional ';', read as
// greedily as html.UnescapeString and goldmark read them.
func reference(src string, start int) int {
	i := start + 1
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	first := i
	switch {
	case i+1 < len(src) && src[i] == '#' && (src[i+1] == 'x' || src[i+1] == 'X'):
		i += 2
		first = i
		for i < len(src) && (isDigit(src[i]) || 'a' <= src[i]|0x20 && src[i]|0x20 <= 'f') {
			i++
		}
	case i < len(src) && src[i] == '#':
		i++
		first = i
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	default:
		for i < len(src) && ('a' <= src[i]|0x20 && src[i]|0x20 <= 'z' || i > first && isDigit(src[i])) {
			i++
		}
	}
	if i == first {
		return -1
	}
	if i < len(src) && src[i] == ';' {
		i++
	}
	return i
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
