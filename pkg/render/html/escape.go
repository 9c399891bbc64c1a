package html

import (
	"bytes"
	"strings"
)

// The escapers of the pages written without html/template (sopPage). Each
// writes what html/template writes for a string in the same context, byte
// for byte (TestSOPPageMatchesTemplate holds them to it), so that a page
// reads the same whichever wrote it.

// htmlEscapes are what html/template replaces in text, in attribute values
// and in <title>: NUL, both quotes, &, < and >, and + (which a UTF-7
// reader could take for the start of markup).
var htmlEscapes = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escText writes s as text or as a quoted attribute's value. Bytes of
// multi-byte (or invalid) UTF-8 are all 0x80 or more and pass as they
// are, as html/template passes them.
func escText(b *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(htmlEscapes) && htmlEscapes[c] != "" {
			b.WriteString(s[written:i])
			b.WriteString(htmlEscapes[c])
			written = i + 1
		}
	}
	b.WriteString(s[written:])
}

// escURL writes s as a quoted URL attribute's value where the address
// starts with s (start: a scheme other than http, https and mailto is
// refused, as html/template refuses it) or continues with it before any
// ? or #: bytes a URL may hold stay, a valid %XX escape too, and the
// others are %-escaped; & and + are then escaped for the attribute.
func escURL(b *bytes.Buffer, s string, start bool) {
	if start && !safeURL(s) {
		s = "#ZgotmplZ"
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case urlKept(c), c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			pctByte(b, c)
		}
	}
}

// escURLPart writes s as a URL's fragment (after #): every byte but
// letters, digits and -._~ is %-escaped.
func escURLPart(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; unreserved(c) {
			b.WriteByte(c)
		} else {
			pctByte(b, c)
		}
	}
}

// safeURL says whether s has no scheme, or http, https or mailto.
func safeURL(s string) bool {
	proto, _, ok := strings.Cut(s, ":")
	return !ok || strings.Contains(proto, "/") ||
		strings.EqualFold(proto, "http") || strings.EqualFold(proto, "https") || strings.EqualFold(proto, "mailto")
}

// urlKept are the bytes a URL keeps as they are: the unreserved ones and
// the reserved ones but quotes and parentheses.
func urlKept(c byte) bool {
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return true
	}
	return unreserved(c)
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// pctByte writes c as %xx, in lower case as html/template does.
func pctByte(b *bytes.Buffer, c byte) {
	const hex = "0123456789abcdef"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}
