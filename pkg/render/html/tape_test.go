package html

import (
	"bufio"
	"bytes"
	"errors"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// tapeSeed is a body with every piece a tape cuts out.
const tapeSeed = "# Title\n\nText [a link](b.md \"t\") and <https://example.com>, ![an *image*](img.png \"i\").\n\n" +
	"## Steps\n\n| a | b |\n|---|---|\n| 1 | [x](y.md) |\n\n- [ ] [![](p.png)](q.md)\n\n```\ncode\n```\n"

// tapeOf is the tape of body.
func tapeOf(body string) []byte {
	return bytes.Clone(newTapeWriter().record([]byte(body), sop.ParseMarkdown([]byte(body))))
}

// placeAlone writes a tape's pieces for the page linker, as no library
// decides them (every link kept).
func placeAlone(tape []byte) ([]byte, error) {
	pieces, err := readTape(tape, nil)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	pl := &placer{w: bufio.NewWriter(&b), p: &render.Page{}, l: pageLinker{}}
	err = pl.place(pieces)
	return b.Bytes(), err
}

// TestTapeRefuses: a tape that does not read back or does not nest is an
// error, never a panic or a body written from part of it.
func TestTapeRefuses(t *testing.T) {
	good := tapeOf(tapeSeed)
	tests := []struct {
		name string
		tape []byte
	}{
		{"an unknown op", []byte{99}},
		{"a text with no length", []byte{opText}},
		{"a text longer than the tape", []byte{opText, 9, 'a'}},
		{"a length past any body", append([]byte{opText}, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)},
		{"a heading with no level", []byte{opHeading, 0}},
		{"a heading closed, never opened", []byte{opHeadingEnd}},
		{"a link closed, never opened", []byte{opLinkEnd}},
		{"an image cut short", []byte{opImage, 1, 'a', hasTitle}},
		{"cut short", good[:len(good)-3]},
	}
	for _, tt := range tests {
		if got, err := placeAlone(tt.tape); !errors.Is(err, errTape) {
			t.Errorf("%s: got %q, %v, want errTape", tt.name, got, err)
		}
	}
	if _, err := placeAlone(good); err != nil {
		t.Errorf("the seed's tape: %v", err)
	}
}

// FuzzTape: whatever a body holds, its tape reads back and is written
// whole; whatever bytes are read as a tape, they never panic.
func FuzzTape(f *testing.F) {
	f.Add([]byte(tapeSeed), []byte{})
	f.Add([]byte("<b>raw</b> [a](<javascript:x>) ![](data:image/svg+xml,<svg>)\n# # #\n> # q\n"), tapeOf(tapeSeed)[:20])
	f.Fuzz(func(t *testing.T, body, tape []byte) {
		if _, err := placeAlone(tapeOf(string(body))); err != nil {
			t.Errorf("the tape of %q: %v", body, err)
		}
		_, _ = placeAlone(tape)
	})
}
