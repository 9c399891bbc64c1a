package term

import (
	"html"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/sop"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// A file cannot hold a raw control character (the parser refuses it), but
// it can hold a character reference to one, and glamour decodes those in
// text, code spans, strikethrough, image text and inline HTML, and
// goldmark in link destinations. With colour on, an SGR sequence made that
// way would pass the filter after glamour, since it looks like glamour's
// own: Render must show each reference as text instead.
func TestReferencesToControls(t *testing.T) {
	// visible is what the notty output shows instead: the escape, or in a
	// link destination its URL encoding (glamour resolves the URL).
	tests := []struct{ name, body, visible string }{
		{"code span", "`&#x1b;[8m` hidden", `\x1b[8m`},
		{"text", "a &#27;[8m hidden", `\x1b[8m`},
		{"upper-case hex, leading zeros", "a &#X001B;[8m hidden", `\x1b[8m`},
		{"no semicolon", "a &#27[8m hidden", `\x1b[8m`},
		{"hex without semicolon", "`&#x1b[8m` hidden", `\x1b[8m`},
		{"int32 overflow in html.UnescapeString", "a &#4294967323;[8m hidden", `\x1b[8m`},
		{"emphasis", "*&#27;[8m* hidden", `\x1b`},
		{"strikethrough", "~~&#27;[8m~~ hidden", `\x1b[8m`},
		{"heading", "## &#27;[8m hidden", `\x1b[8m`},
		{"link text", "[&#27;[8m](x.md) hidden", `\x1b`},
		{"link destination", "[x](&#27;[8m) hidden", `%5Cx1b%5B8m`},
		{"image", "![&#27;[8m](&#27;[8m.png) hidden", `\x1b`},
		{"inline HTML", "<span>&#27;[8m</span> hidden", `\x1b[8m`},
		{"HTML block", "<div>\n&#27;[8m hidden\n</div>", `\x1b[8m`},
		{"table cell", "| a |\n|---|\n| &#27;[8m |\n", `\x1b[8m`},
		{"C1 CSI in a link destination", "[x](&#155;8m) hidden", `%5Cu009b8m`},
		{"octal in goldmark's link destination", "[x](&#0033;[8m) hidden", `%5Cx1b%5B8m`},
		{"C1 OSC", "a &#x9d;0;t&#x9c; hidden", `\u009d0;t`},
		{"bell and carriage return", "a &#7; &#13; hidden", `\a \r`},
		{"bidi override", "a &#x202e;evil hidden", `\u202eevil`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("X")}, Body: []byte(tt.body + "\n")}
			for _, style := range []string{"dark", "light"} {
				out, err := Render(page(doc), Options{Style: style, Width: 200})
				if err != nil {
					t.Fatal(err)
				}
				for _, seq := range []string{"\x1b[8m", "\u009b8m", "\u009d", "\a", "\r", "\u202e"} {
					if strings.Contains(out, seq) {
						t.Errorf("%s: output holds %q:\n%q", style, seq, out)
					}
				}
			}
			lines := strings.Join(plain(t, doc), "\n")
			if !strings.Contains(lines, tt.visible) {
				t.Errorf("notty output does not show %s:\n%s", tt.visible, lines)
			}
		})
	}
}

func TestDefuseReferences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"no reference", "no reference"},
		{"&#42; &#x2a; &amp; &#9; &#10; &#xe9;", "&#42; &#x2a; &amp; &#9; &#10; &#xe9;"},
		{"&#27;[1m &#x1B &#0027;", `\x1b[1m \x1b \x1b`},
		{"&#; &#x; &# &#x", "&#; &#x; &# &#x"},
		{"&#127; &#128; &#x9b; &#159; &#160;", `\x7f \u0080 \u009b \u009f &#160;`},
		{"&#x1bad; &#27abc", `&#x1bad; \x1babc`},
		{"&#4294967323; &#99999999999;", `\x1b &#99999999999;`},
		{"&#010; &#08; &#0033;", `\b \b \x1b`}, // goldmark: octal; html: decimal
		{"\\&#27; `&#27;`", "\\\\x1b `\\x1b`"},
		{"&&#27;&", `&\x1b&`},
		{"&Tab; &NewLine; &amp; &lt &nosuch;", "&Tab; &NewLine; &amp; &lt &nosuch;"},
	}
	for _, tt := range tests {
		if got := defuseReferences(tt.in); got != tt.want {
			t.Errorf("defuseReferences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzDefuseReferences: once its references are defused, text that holds
// no control character decodes (as glamour and goldmark decode it) to none.
func FuzzDefuseReferences(f *testing.F) {
	f.Add("&#27;[8m &#x9d; &#4294967323; &#x202e; &amp;#27;")
	f.Fuzz(func(t *testing.T, s string) {
		defer testlib.Budget(t, len(s))()
		if termsafe.Text(s) != s {
			return
		}
		d := defuseReferences(s)
		if got := html.UnescapeString(d); termsafe.Text(got) != got {
			t.Errorf("defuseReferences(%q) = %q decodes to %q", s, d, got)
		}
		if got := string(util.ResolveNumericReferences([]byte(d))); termsafe.Text(got) != got {
			t.Errorf("defuseReferences(%q) = %q decodes in goldmark to %q", s, d, got)
		}
	})
}
