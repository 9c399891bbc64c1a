package termsafe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "plain text, café, 日本, \\ backslash", "plain text, café, 日本, \\ backslash"},
		{"tab and line feed kept", "a\tb\nc", "a\tb\nc"},
		{"empty", "", ""},
		{"title OSC and SGR", "R\x1b]0;PWN\a\x1b[31mT", `R\x1b]0;PWN\a\x1b[31mT`},
		{"clear screen and OSC 52", "\x1b[2J\x1b]52;c;cHdu\aBoss", `\x1b[2J\x1b]52;c;cHdu\aBoss`},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil\x1b\\x\x1b]8;;\x1b\\", `\x1b]8;;https://evil\x1b\x\x1b]8;;\x1b\`},
		{"DCS", "\x1bP+q544e\x1b\\", `\x1bP+q544e\x1b\`},
		{"C0 with Go escapes", "\x00\x01\b\f\v\r\x1f", `\x00\x01\b\f\v\r\x1f`},
		{"DEL", "a\x7fb", `a\x7fb`},
		{"C1 CSI OSC DCS NEL", "\u009b31m\u009d0;x\u009c\u0090\u0085", `\u009b31m\u009d0;x\u009c\u0090\u0085`},
		{"first and last C1", "\u0080\u009f", `\u0080\u009f`},
		{"bidi embeddings and overrides", "\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"bidi isolates", "\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"Trojan Source", "access = \u202e\u2066 admin\u2069 \u2066", `access = \u202e\u2066 admin\u2069 \u2066`},
		{"bidi marks kept", "\u200e\u200f\u061c", "\u200e\u200f\u061c"},
		{"neighbours of the ranges kept", "\u00a0\u2029\u202f\u2065\u206a", "\u00a0\u2029\u202f\u2065\u206a"},
		{"not UTF-8", "bad \xff\xfe utf8 \xc3", `bad \xff\xfe utf8 \xc3`},
		{"C1 as a raw byte", "a\x9bb", `a\x9bb`},
		{"replacement character kept", "\ufffd", "\ufffd"},
		{"escapes already visible stay", `\x1b[31m`, `\x1b[31m`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if bad := raw(got, false); bad != "" {
				t.Errorf("Text(%q) = %q holds %q", tt.in, got, bad)
			}
			if again := Text(got); again != got {
				t.Errorf("Text is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one line", "one line"},
		{"a\tb\nc\r\n", `a\tb\nc\r\n`},
		{"x.md:1:1: forged\n::error file=y", `x.md:1:1: forged\n::error file=y`},
		{"\x1b[2J\u202e", `\x1b[2J\u202e`},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one line", "one line"},
		{" a\tb\n  c\r\n", `a b c\r`},
		{"\x1b[2J x", `\x1b[2J x`},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// raw returns the characters of s that could act on a terminal; with
// line, tab and line feed count too. It is written apart from Escaped, so
// that the tests do not trust the code they test.
func raw(s string, line bool) string {
	var bad strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			bad.WriteString("invalid UTF-8")
		case r == '\t' || r == '\n':
			if line {
				bad.WriteRune(r)
			}
		case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
			bad.WriteRune(r)
		}
	}
	return bad.String()
}

func TestStyled(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[1mbold\x1b[0m", "\x1b[1mbold\x1b[0m"},
		{"\x1b[38;5;252mx\x1b[38:2:1:2:3m\x1b[m", "\x1b[38;5;252mx\x1b[38:2:1:2:3m\x1b[m"},
		{"\x1b[2J\x1b]0;t\a\x1b[1mb", `\x1b[2J\x1b]0;t\a` + "\x1b[1mb"},
		{"\x1b[?25l", `\x1b[?25l`},
		{"\x1b[31", `\x1b[31`},
		{"end\x1b", `end\x1b`},
		{"\x1b\x1b[1m", `\x1b` + "\x1b[1m"},
		{"\u009b31m", `\u009b31m`},
		{"\x1b[1m\u202e\x1b[0m", "\x1b[1m\\u202e\x1b[0m"},
	}
	for _, tt := range tests {
		if got := Styled(tt.in); got != tt.want {
			t.Errorf("Styled(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJSON(t *testing.T) {
	value := "R\x1b]0;PWN\a\x1b[31mT \x7f \u009b2J \u009d52;c;x\u009c \u202eevil\u2069 tab\tnl\ncr\r é"
	enc, err := json.Marshal(map[string]string{"title": value})
	if err != nil {
		t.Fatal(err)
	}
	if raw(string(enc), false) == "" {
		t.Fatalf("encoding/json now escapes every control: %s; JSON may no longer be needed", enc)
	}
	safe := JSON(enc)
	if bad := raw(string(safe), false); bad != "" {
		t.Errorf("JSON(%s) = %s holds %q", enc, safe, bad)
	}
	var back map[string]string
	if err := json.Unmarshal(safe, &back); err != nil || back["title"] != value {
		t.Errorf("JSON changed the document: %v, %q", err, back["title"])
	}
	if want := `"R\u001b]0;PWN\u0007\u001b[31mT \u007f \u009b2J \u009d52;c;x\u009c \u202eevil\u2069 tab\tnl\ncr\r é"`; !bytes.Contains(safe, []byte(want)) {
		t.Errorf("JSON = %s, want it to hold %s", safe, want)
	}
	indented := []byte("{\n\t\"a\": 1\r\n}")
	if got := JSON(indented); !bytes.Equal(got, indented) {
		t.Errorf("JSON changed white space: %q", got)
	}
	if got := JSON([]byte("\"\xff\"")); string(got) != `"\ufffd"` {
		t.Errorf("JSON of a byte that is not UTF-8 = %s", got)
	}
}

// reference is Text written the slow, obvious way.
func reference(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r != '\t' && r != '\n' && raw(string(r), false) != "":
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

type failing struct{}

func (failing) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriter(t *testing.T) {
	in := "sops/bad\x1b]0;X\a.md:1:1: \x1b[1mbroken\x1b[0m\n"
	tests := []struct {
		styled bool
		want   string
	}{
		{false, `sops/bad\x1b]0;X\a.md:1:1: \x1b[1mbroken\x1b[0m` + "\n"},
		{true, `sops/bad\x1b]0;X\a.md:1:1: ` + "\x1b[1mbroken\x1b[0m\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		n, err := NewWriter(&b, tt.styled).Write([]byte(in))
		if err != nil || n != len(in) {
			t.Errorf("styled=%v: Write = %d, %v; want %d, nil", tt.styled, n, err, len(in))
		}
		if b.String() != tt.want {
			t.Errorf("styled=%v: wrote %q, want %q", tt.styled, b.String(), tt.want)
		}
		if _, err := NewWriter(failing{}, tt.styled).Write([]byte("x")); err == nil {
			t.Errorf("styled=%v: an error of the underlying writer was lost", tt.styled)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("R\x1b]0;PWN\a\x1b[31mT\u009b\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		defer testlib.Budget(t, len(s))()
		if bad := raw(Text(s), false); bad != "" {
			t.Errorf("Text(%q) holds %q", s, bad)
		}
		if bad := raw(Line(s), true); bad != "" {
			t.Errorf("Line(%q) holds %q", s, bad)
		}
		styled := Styled(s)
		for _, seq := range strings.Split(styled, "\x1b")[1:] {
			if n := sgrLen("\x1b" + seq); n == 0 {
				t.Errorf("Styled(%q) = %q keeps an escape that is not SGR", s, styled)
			}
		}
		if !utf8.ValidString(Text(s)) {
			t.Errorf("Text(%q) is not UTF-8", s)
		}
		if got, want := Text(s), reference(s); got != want {
			t.Errorf("Text(%q) = %q, reference %q", s, got, want)
		}
	})
}

// BenchmarkText: a safe 256 KiB text (the common case, no copy) and one
// with an escape every 64 bytes.
func BenchmarkText(b *testing.B) {
	safe := strings.Repeat("Acknowledge the complaint and thank the customer. Café, 日本.\n", 4096)[:256<<10]
	hostile := strings.Repeat(strings.Repeat("x", 60)+"\x1b[2J", 4096)
	for _, bb := range []struct{ name, s string }{{"safe", safe}, {"hostile", hostile}} {
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(bb.s)))
			for b.Loop() {
				Text(bb.s)
			}
		})
	}
}
