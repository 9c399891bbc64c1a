package term

import (
	"strings"
	"unicode/utf8"
)

// clean removes what a file could use to take over the terminal that shows
// it: escape sequences (ESC ..., and the C1 introducers CSI U+009B, OSC
// U+009D, DCS U+0090, SOS U+0098, PM U+009E and APC U+009F with their
// parameters or strings) and every other C0 and C1 control character and
// DEL, keeping only line feed and tab. Invalid UTF-8 becomes U+FFFD. Line
// feeds are never removed, so line numbers stay right.
func clean(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1B:
			i = skipEscape(s, i+1)
		case r == 0x9B: // CSI
			i = skipCSI(s, i+size)
		case r == 0x90 || r == 0x98 || r == 0x9D || r == 0x9E || r == 0x9F: // DCS, SOS, OSC, PM, APC
			i = skipString(s, i+size)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += size
		case isControl(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// safe reports whether s is valid UTF-8 without control characters other
// than line feed and tab, the common case that needs no copy.
func safe(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r != '\n' && r != '\t' && isControl(r) {
			return false
		}
	}
	return true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7F || r >= 0x80 && r <= 0x9F }

// skipEscape returns the index after the escape sequence whose ESC ends
// just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2F: // intermediate bytes, then one final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2F {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7E {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7E:
		return i + 1
	}
	return i // a lone ESC: drop it, keep what follows
}

// skipCSI skips a control sequence's parameter and intermediate bytes and
// its final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3F {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7E {
		i++
	}
	return i
}

// skipString skips a control string (OSC, DCS, ...) up to and including its
// terminator: BEL, ESC \ or U+009C. An unterminated string ends at the end
// of its line, so that it cannot swallow the rest of the document.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1B && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
}

// filterOutput is the last line of defence, applied to what glamour wrote:
// with color it keeps only SGR sequences (ESC [ digits and ; or : m), which
// set colors and text attributes and nothing else; without, it keeps no
// escape sequence at all. Other control characters but line feed and tab
// are dropped.
func filterOutput(s string, color bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1B:
			end := skipEscape(s, i+1)
			if color && isSGR(s[i:end]) {
				b.WriteString(s[i:end])
			}
			i = end
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == '\n' || r == '\t' || !isControl(r):
			b.WriteString(s[i : i+size])
			i += size
		default:
			i += size
		}
	}
	return b.String()
}

// isSGR reports whether seq is a Select Graphic Rendition sequence.
func isSGR(seq string) bool {
	if len(seq) < 3 || !strings.HasPrefix(seq, "\x1b[") || seq[len(seq)-1] != 'm' {
		return false
	}
	for _, c := range []byte(seq[2 : len(seq)-1]) {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}
