package termsafe

import (
	"strings"
	"unicode/utf8"
)

// Strip removes what Text would escape, taking each escape sequence
// whole: ESC and what follows it (CSI parameters and final byte, or an
// OSC, DCS, SOS, PM or APC string up to its terminator), the C1
// introducers with theirs, and every other character Escaped reports,
// keeping tab and line feed. A byte that is not UTF-8 becomes U+FFFD.
//
// It is for text laid out for reading rather than reporting: sopctl show
// strips the escape sequences a file brings (SPEC section 4), where
// messages and reports show them (Text) so that a hostile name stays
// recognisable.
func Strip(s string) string {
	if firstUnsafe(s, false) == len(s) {
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
		case Escaped(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

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

// skipString skips a control string (OSC, DCS, ...) up to and including
// its terminator: BEL, ESC \ or U+009C. An unterminated string ends at the
// end of its line, so that it cannot swallow the rest of the text.
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
