package rendertest

import (
	"strings"
	"testing"
)

// The link checker itself catches what it looks for, and passes what
// leads where it should.
func TestBrokenLinks(t *testing.T) {
	files := map[string][]byte{"a.html": nil, "sub/b.html": nil, "img.png": nil}
	anchors := map[string]map[string]bool{"a.html": {"top": true}, "sub/b.html": {"x": true, "café": true, "a%20b": true}}
	for _, tt := range []struct{ from, ref, want string }{
		{"a.html", "sub/b.html", ""},
		{"a.html", "sub/b.html#x", ""},
		{"a.html", "sub/b.html#caf%C3%A9", ""},
		{"a.html", "sub/b.html#a%20b", ""}, // an id that is the escaped fragment
		{"sub/b.html", "../a.html#top", ""},
		{"a.html", "#top", ""},
		{"a.html", "img.png", ""},
		{"a.html", "https://example.org/x#y", ""},
		{"a.html", "//example.org/x", ""},
		{"a.html", "mailto:help@example.com", ""},
		{"a.html", "", "empty link"},
		{"a.html", " ", "empty link"},
		{"a.html", "#", "empty link"},
		{"a.html", "%zz", "invalid URL escape"},
		{"a.html", "/sub/b.html", "absolute path"},
		{"a.html", "b.html", "no file b.html in the bundle"},
		{"sub/b.html", "../../a.html", "no file ../a.html in the bundle"},
		{"a.html", "sub/b.html#y", `sub/b.html has no anchor "y"`},
		{"a.html", "sub/b.html#", `sub/b.html has no anchor ""`},
		{"a.html", "#bottom", `a.html has no anchor "bottom"`},
		{"a.html", "img.png#y", "fragment into a file that is not a page"},
	} {
		got := BrokenLinks(files, anchors, []Link{{File: tt.from, Ref: tt.ref, Where: "W"}})
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("%s -> %q: %q, want no problem", tt.from, tt.ref, got)
		case tt.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], "W: ") || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s -> %q: %q, want one problem W: ...%s...", tt.from, tt.ref, got, tt.want)
		}
	}
	if got := BrokenLinks(files, anchors, nil); len(got) != 1 || got[0] != "no links checked at all" {
		t.Errorf("no links: %q, want that none were checked", got)
	}
}

// SafeURL passes the relative links and the schemes a published link may
// use, and nothing else, however it is spelt.
func TestSafeURL(t *testing.T) {
	for _, tt := range []struct {
		ref  string
		safe bool
	}{
		{"a.html#x", true},
		{"../sops/a.html", true},
		{"https://example.org/?a=1&b=2", true},
		{"HTTP://example.org/", true},
		{"mailto:help@example.com", true},
		{"tel:+441234", true},
		{"javascript:alert(1)", false},
		{" JaVa\tScRiPt:alert(1)", false},
		{"java\x00script:alert(1)", false},
		{"javascript", false},
		{"java script", false},
		{"data:text/html,x", false},
		{"vbscript:x", false},
		{"ftp://example.org/x", false},
		{"%zz:", false},
	} {
		if got := SafeURL(tt.ref); got != tt.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tt.ref, got, tt.safe)
		}
	}
}
