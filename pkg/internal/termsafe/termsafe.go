// Package termsafe makes text from files, templates, file names and
// subprocesses safe to print to a terminal. It is the one place that
// decides which characters a terminal could act on; every command sends
// such text through Text (or Line, for line-oriented output) on its way to
// stdout or stderr.
//
// Nothing is removed: each dangerous character is replaced by its Go
// escape (\x1b, \a, \u009b, \u202e), so users see what the file holds and
// a message that names a hostile file still names it. Backslashes are kept
// as they are: the aim is a safe terminal, not a reversible encoding.
//
// It lives under pkg/internal rather than in pkg/iostreams because it is
// needed below pkg/cli (lint reports, the graph writers, show, gitlog's
// error text), which must not depend on the streams; iostreams uses it for
// the stream-level defence (NewWriter).
package termsafe

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escaped reports whether Text replaces r: every C0 control character but
// tab and line feed (carriage return included: it lets a later part of a
// line overwrite an earlier one), DEL, the C1 controls U+0080 to U+009F
// (U+009B is CSI, U+009D OSC: as good as ESC to some terminals), and the
// Unicode bidirectional embedding, override and isolate controls U+202A to
// U+202E and U+2066 to U+2069, which reorder how a line is displayed
// ("Trojan Source", CVE-2021-42574), so that a name or message could read
// differently from what it is. The bidi marks U+200E, U+200F and U+061C are
// kept: right-to-left text uses them, and they cannot reorder a line.
//
// Since ESC (U+001B) and the C1 introducers are escaped, no escape
// sequence (CSI, OSC, DCS, ...) can survive Text.
func Escaped(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7F || r >= 0x80 && r <= 0x9F:
		return true
	}
	return bidi(r)
}

func bidi(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }

// Text returns s with every character Escaped reports replaced by its Go
// escape (\a, \b, \f, \r, \v, \x1b, \x7f, \u009b, \u202e) and every byte
// that is not UTF-8 by \xNN. Tab and line feed are kept. Text of a safe
// string is that string.
func Text(s string) string { return escape(s, false) }

// Line is Text for output read one line at a time (one finding, one
// warning per line): tab and line feed are escaped too (\t, \n), so a
// value cannot end its line or forge the next one.
func Line(s string) string { return escape(s, true) }

// OneLine is Text for a value laid out in a table or list for reading:
// runs of white space, line breaks included, become one space, and the
// value is trimmed.
func OneLine(s string) string { return strings.Join(strings.Fields(Text(s)), " ") }

func escape(s string, line bool) string {
	i := firstUnsafe(s, line)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != 0x7F || !line && (c == '\t' || c == '\n') {
				b.WriteByte(c)
			} else {
				b.WriteString(c0[c&0x7F])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			writeHex(&b, c)
		case Escaped(r):
			b.WriteString(`\u`)
			writeHex(&b, byte(r>>8))
			writeHex(&b, byte(r))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// firstUnsafe returns the index of the first byte of s that escape
// replaces, or len(s).
func firstUnsafe(s string, line bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (line || c != '\t' && c != '\n') || c == 0x7F {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Escaped(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// c0 holds the escapes of the C0 controls and, at 0x7F, DEL: Go's own
// (strconv.QuoteRune), \a rather than \x07.
var c0 = func() (t [0x80]string) {
	for c := range t {
		if c < 0x20 || c == 0x7F {
			q := strconv.QuoteRune(rune(c))
			t[c] = q[1 : len(q)-1]
		}
	}
	return t
}()

const hexDigits = "0123456789abcdef"

func writeHex(b *strings.Builder, c byte) {
	b.WriteByte(hexDigits[c>>4])
	b.WriteByte(hexDigits[c&0xF])
}

// Styled is Text for output that sopctl styled itself: Select Graphic
// Rendition sequences (ESC [ digits, ';' or ':' m), which set colours and
// text attributes and nothing else, are kept; every other escape
// sequence shows as text. It cannot tell sopctl's own SGR sequences from
// ones a value brought with it, so values must have been through Text
// before they were styled.
func Styled(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, 0x1B)
		if i < 0 {
			break
		}
		b.WriteString(Text(s[:i]))
		if n := sgrLen(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			s = s[i+n:]
			continue
		}
		b.WriteString(`\x1b`)
		s = s[i+1:]
	}
	if b.Len() == 0 {
		return Text(s)
	}
	b.WriteString(Text(s))
	return b.String()
}

// sgrLen returns the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case (c < '0' || c > '9') && c != ';' && c != ':':
			return 0
		}
	}
	return 0
}

// JSON returns a JSON document with the characters Text would escape
// written as \u escapes. encoding/json escapes the C0 controls but leaves
// DEL, the C1 controls and the bidi controls raw, so JSON printed to a
// terminal needs this too. Outside strings JSON holds only ASCII
// punctuation, letters, digits and white space, so the document means the
// same. Tab, line feed and carriage return are JSON's white space and are
// left alone (encoding/json never writes them raw inside a string); a byte
// that is not UTF-8 becomes \ufffd.
func JSON(b []byte) []byte {
	needs := func(r rune) bool { return r == utf8.RuneError || r != '\r' && Escaped(r) }
	if !strings.ContainsFunc(string(b), needs) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if needs(r) {
			if r == utf8.RuneError && size == 1 {
				r = utf8.RuneError
			}
			out = append(out, '\\', 'u',
				hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// NewWriter returns a writer that passes what is written through Text, or
// through Styled when styled is set: a defence in depth for a stream that
// reaches a terminal, so that a path that forgot Text still cannot bring a
// raw escape sequence to it. It does not replace Text on each value: a
// styled stream cannot tell sopctl's own SGR sequences from a value's.
// Each Write is escaped on its own, so a writer that split a character or
// an SGR sequence across two writes would see it escaped as text; fmt,
// text/tabwriter and every writer of sopctl write whole strings. Write
// reports len(p) written on success.
func NewWriter(w io.Writer, styled bool) io.Writer { return &writer{w, styled} }

type writer struct {
	w      io.Writer
	styled bool
}

func (w *writer) Write(p []byte) (int, error) {
	s := string(p)
	if w.styled {
		s = Styled(s)
	} else {
		s = Text(s)
	}
	if _, err := io.WriteString(w.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}
