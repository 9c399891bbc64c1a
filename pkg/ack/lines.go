package ack

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// maxRow is the most bytes lineKeeper holds for one row (plus the
// reader's read-ahead): a quote that is never closed would otherwise make
// the CSV reader hold the rest of the stream as one field.
const maxRow = 1 << 20

var errRowTooLong = errors.New("row too long")

// lineKeeper passes a stream to encoding/csv and keeps the text of the
// lines since the current row began, so that a column csv counts in bytes
// can be told in characters (SPEC section 2) and a row may not grow past
// maxRow.
type lineKeeper struct {
	r     io.Reader
	first int      // the line number of lines[0]
	lines [][]byte // the last one may be unfinished
	held  int
	spare [][]byte // the buffers of forgotten lines, for new ones
}

// newLineKeeper reads r, less a UTF-8 byte order mark at its start.
func newLineKeeper(r io.Reader) *lineKeeper {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3)
	}
	return &lineKeeper{r: br, first: 1}
}

func (k *lineKeeper) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	for b := p[:n]; len(b) > 0; {
		if len(k.lines) == 0 || bytes.HasSuffix(k.lines[len(k.lines)-1], []byte{'\n'}) {
			k.lines = append(k.lines, k.newLine())
		}
		take := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			take = b[:i+1]
		}
		last := len(k.lines) - 1
		k.lines[last] = append(k.lines[last], take...)
		b = b[len(take):]
	}
	k.held += n
	if k.held > maxRow {
		return n, errRowTooLong
	}
	return n, err
}

// forget drops the lines before line.
func (k *lineKeeper) forget(line int) {
	drop := min(max(line-k.first, 0), len(k.lines))
	for _, l := range k.lines[:drop] {
		k.held -= len(l)
		if cap(l) <= 4096 { // a long line's buffer is not kept
			k.spare = append(k.spare, l[:0])
		}
	}
	k.lines = append(k.lines[:0], k.lines[drop:]...)
	k.first += drop
}

// newLine returns an empty buffer for a line.
func (k *lineKeeper) newLine() []byte {
	if n := len(k.spare); n > 0 {
		l := k.spare[n-1]
		k.spare = k.spare[:n-1]
		return l
	}
	return nil
}

// col turns byteCol, a 1-based column in bytes on line, into one in
// characters; byteCol itself when the line is no longer held.
func (k *lineKeeper) col(line, byteCol int) int {
	i := line - k.first
	if i < 0 || i >= len(k.lines) || byteCol < 1 || byteCol-1 > len(k.lines[i]) {
		return byteCol
	}
	return utf8.RuneCount(k.lines[i][:byteCol-1]) + 1
}

// within reports whether byteCol is a column of line's text, before its
// line end.
func (k *lineKeeper) within(line, byteCol int) bool {
	i := line - k.first
	if i < 0 || i >= len(k.lines) || byteCol < 1 {
		return false
	}
	text := bytes.TrimSuffix(bytes.TrimSuffix(k.lines[i], []byte{'\n'}), []byte{'\r'})
	return byteCol <= len(text)
}
