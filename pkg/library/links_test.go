package library

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func TestResolveLink(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml":          "title: T\n",
		"sops/a.md":            sopFile("a"),
		"sops/sub/b.md":        sopFile("b"),
		"sops/README.md":       "# Read me\n",
		"sops/manual.pdf":      "%PDF",
		"sops/bad.md":          "no front matter\n",
		"static/logo.png":      "png",
		"sops/images/map.png":  "png",
		"sops/with space.txt":  "x",
		"sops/caf\u00e9.txt":   "x",
		"sops/sub/notes/n.txt": "x",
	})
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(outside, "secret.md"), filepath.Join(dir, "sops", "out.md"))
	symlink(t, "../static/logo.png", filepath.Join(dir, "sops", "logo-link.png"))
	lib, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	from := lib.Docs[0] // sops/a.md
	if from.Path != "sops/a.md" {
		t.Fatalf("first SOP is %s", from.Path)
	}
	briefs, err := LoadBriefs(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dest    string
		kind    LinkKind
		scheme  string
		path    string
		doc     string // path of Doc
		anchor  string
		problem LinkProblem
	}{
		{"sub/b.md", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{"./sub/b.md#procedure", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "procedure", LinkOK},
		{"sub/b.md#nope", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "nope", LinkNoHeading},
		{"#purpose", LinkLocal, "", "sops/a.md", "sops/a.md", "purpose", LinkOK},
		{"#nope", LinkLocal, "", "sops/a.md", "sops/a.md", "nope", LinkNoHeading},
		{"a.md", LinkLocal, "", "sops/a.md", "sops/a.md", "", LinkOK},
		{"/sops/sub/b.md", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{"/static/logo.png", LinkLocal, "", "static/logo.png", "", "", LinkOK},
		{"/../static/logo.png", LinkLocal, "", "static/logo.png", "", "", LinkOK},
		{"/", LinkLocal, "", ".", "", "", LinkOK},
		// Character references, backslash escapes and percent-encoding
		// are decoded as browsers decode them.
		{"&#110;osuch.md", LinkLocal, "", "sops/nosuch.md", "", "", LinkMissing},
		{"%6Eosuch.md", LinkLocal, "", "sops/nosuch.md", "", "", LinkMissing},
		{"sub/&#98;.md", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{"sub/%62.md", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{"sub/b&period;md", LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{`sub/b\.md`, LinkLocal, "", "sops/sub/b.md", "sops/sub/b.md", "", LinkOK},
		{"with%20space.txt", LinkLocal, "", "sops/with space.txt", "", "", LinkOK},
		{"caf%C3%A9.txt", LinkLocal, "", "sops/caf\u00e9.txt", "", "", LinkOK},
		{"/abs/nosuch.md", LinkLocal, "", "abs/nosuch.md", "", "", LinkMissing},
		// Files of any kind are checked.
		{"manual.pdf", LinkLocal, "", "sops/manual.pdf", "", "", LinkOK},
		{"images/map.png", LinkLocal, "", "sops/images/map.png", "", "", LinkOK},
		{"images/nosuch.png", LinkLocal, "", "sops/images/nosuch.png", "", "", LinkMissing},
		{"README.md#anything", LinkLocal, "", "sops/README.md", "", "anything", LinkOK},
		{"bad.md", LinkLocal, "", "sops/bad.md", "", "", LinkOK},
		{"sub/notes", LinkLocal, "", "sops/sub/notes", "", "", LinkOK},
		{"manual.pdf/x", LinkLocal, "", "sops/manual.pdf/x", "", "", LinkMissing},
		{"nul%00.md", LinkLocal, "", "sops/nul\x00.md", "", "", LinkMissing},
		{"logo-link.png", LinkLocal, "", "sops/logo-link.png", "", "", LinkOK},
		// Leaving the library, by path or by symlink.
		{"../../x.md", LinkLocal, "", "../x.md", "", "", LinkOutside},
		{"../sopctl.yaml", LinkLocal, "", "sopctl.yaml", "", "", LinkOK},
		{"../../" + filepath.Base(dir) + "/sopctl.yaml", LinkLocal, "", "../" + filepath.Base(dir) + "/sopctl.yaml", "", "", LinkOutside},
		{"out.md", LinkLocal, "", "sops/out.md", "", "", LinkOutside},
		{"", LinkLocal, "", "", "", "", LinkEmpty},
		// Not local.
		{"https://example.org/a.md", LinkExternal, "https", "", "", "", LinkOK},
		{"MAILTO:a@example.org", LinkExternal, "mailto", "", "", "", LinkOK},
		{"//example.org/x", LinkExternal, "", "", "", "", LinkOK},
		{"jav&#97;script:alert(1)", LinkExternal, "javascript", "", "", "", LinkOK},
		{"java\tscript:alert(1)", LinkExternal, "javascript", "", "", "", LinkOK},
		{"data:image/svg+xml;base64,PHN2Zz4=", LinkExternal, "data", "", "", "", LinkOK},
		{"%zz", LinkInvalid, "", "", "", "", LinkOK},
	}
	for _, tt := range tests {
		got := lib.ResolveLink(from, tt.dest)
		doc := ""
		if got.Doc != nil {
			doc = got.Doc.Path
		}
		if at := (got.SOP >= 0); at != (doc != "") || at && lib.Docs[got.SOP] != got.Doc {
			t.Errorf("ResolveLink(%q).SOP = %d for the Doc of %q", tt.dest, got.SOP, doc)
		}
		// A library of Briefs resolves it alike, without the Doc.
		withoutDoc := got
		withoutDoc.Doc = nil
		if b := briefs.ResolveLinkAt(0, tt.dest); b != withoutDoc {
			t.Errorf("ResolveLinkAt(0, %q) in a library of Briefs = %+v, want %+v", tt.dest, b, withoutDoc)
		}
		if got.Kind != tt.kind || got.Scheme != tt.scheme || got.Path != tt.path || doc != tt.doc || got.Anchor != tt.anchor || got.Problem != tt.problem {
			t.Errorf("ResolveLink(%q) = kind %v scheme %q path %q doc %q anchor %q problem %v (%s)\nwant kind %v scheme %q path %q doc %q anchor %q problem %v",
				tt.dest, got.Kind, got.Scheme, got.Path, doc, got.Anchor, got.Problem, got.Reason(),
				tt.kind, tt.scheme, tt.path, tt.doc, tt.anchor, tt.problem)
		}
	}
}

func TestLinkReason(t *testing.T) {
	for _, tt := range []struct {
		l    Link
		want string
	}{
		{Link{}, ""},
		{Link{Problem: LinkEmpty}, "has no destination"},
		{Link{Problem: LinkOutside}, "leads outside the library"},
		{Link{Problem: LinkMissing, Path: "sops/x.md"}, "names sops/x.md, which does not exist"},
		{Link{Problem: LinkNoHeading, Path: "sops/b.md", Anchor: "x"}, "points to #x, a heading sops/b.md lacks"},
		{Link{Problem: LinkNoHeading, Path: "sops/a.md", Anchor: "x", AnchorOnly: true}, "points to #x, a heading this SOP lacks"},
	} {
		if got := tt.l.Reason(); got != tt.want {
			t.Errorf("%+v.Reason() = %q, want %q", tt.l, got, tt.want)
		}
	}
}

// BenchmarkResolveLink: a link to an SOP with an anchor, and one to a
// missing file (looked up once, then cached).
func BenchmarkResolveLink(b *testing.B) {
	dir := b.TempDir()
	testlib.WriteTree(b, dir, map[string]string{"sopctl.yaml": "title: T\n", "sops/a.md": sopFile("a"), "sops/b.md": sopFile("b")})
	lib, err := Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, dest := range []string{"b.md#procedure", "nosuch.md", "&#98;.md"} {
		b.Run(dest, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				lib.ResolveLink(lib.Docs[0], dest)
			}
		})
	}
}

// FuzzResolveLink checks that no destination makes ResolveLink panic, and
// that a local link it calls sound names a path inside the library.
func FuzzResolveLink(f *testing.F) {
	for _, s := range []string{"b.md#procedure", "&#110;osuch.md", "%6Eosuch.md", "/abs/x.md", "../../x.md", "/../../x",
		"#a", "", "?q", "javascript:alert(1)", "//host/x", `a\.md`, "%zz", "a/./../../b", "&#0;", "\x00"} {
		f.Add(s)
	}
	dir := f.TempDir()
	testlib.WriteTree(f, dir, map[string]string{"sopctl.yaml": "title: T\n", "sops/a.md": sopFile("a"), "sops/b.md": sopFile("b")})
	lib, err := Load(dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		defer testlib.Budget(t, len(dest))()
		r := lib.ResolveLink(lib.Docs[0], dest)
		if r.Kind != LinkLocal || r.Problem == LinkEmpty {
			return
		}
		if r.Path == "" || r.Path == ".." || strings.HasPrefix(r.Path, "../") || strings.HasPrefix(r.Path, "/") {
			if r.Problem != LinkOutside {
				t.Fatalf("ResolveLink(%q): path %q with problem %v", dest, r.Path, r.Problem)
			}
		}
		if r.Problem == LinkOK && r.Reason() != "" || r.Problem != LinkOK && r.Reason() == "" {
			t.Fatalf("ResolveLink(%q): problem %v with reason %q", dest, r.Problem, r.Reason())
		}
	})
}
