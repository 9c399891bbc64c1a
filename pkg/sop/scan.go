package sop

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// normalize strips a UTF-8 byte order mark and turns CRLF and lone CR line
// breaks into LF, so that line numbers agree with what editors show and
// with what yaml.v3 counts. It returns src itself when nothing changes.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, bom)
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// checkText reports the first byte sequence that SPEC section 2 forbids in
// an SOP file: invalid UTF-8, NUL and other C0 controls except TAB, LF and
// CR, DEL and C1 controls. Input is normalized text (LF line breaks).
func checkText(text []byte) (Pos, string, bool) {
	line, col := 1, 1
	for i := 0; i < len(text); {
		if i+8 <= len(text) && printable8(binary.LittleEndian.Uint64(text[i:])) {
			col, i = col+8, i+8 // eight at a time while the text is plain
			continue
		}
		if c := text[i]; c >= 0x20 && c < 0x7F {
			col, i = col+1, i+1 // printable ASCII, most of any SOP: nothing to decode
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return Pos{line, col}, fmt.Sprintf("invalid UTF-8 byte 0x%02X: save the file as UTF-8", text[i]), false
		case r == '\n':
			line, col = line+1, 1
			i += size
			continue
		case r == '\t':
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F):
			return Pos{line, col}, fmt.Sprintf("control character U+%04X is not allowed: delete it", r), false
		}
		col++
		i += size
	}
	return Pos{}, "", true
}

// printable8 reports whether each of the eight bytes of w is printable
// ASCII (0x20 to 0x7E): no high bit set, none above 0x7E (adding one to
// each sets a high bit), none below 0x20 (subtracting 0x20 from each
// borrows into a high bit that the byte did not have).
func printable8(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	return (w|(w+ones))&highs == 0 && (w-0x20*ones)&^w&highs == 0
}
