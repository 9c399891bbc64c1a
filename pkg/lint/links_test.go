package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

// linkLibrary is a library whose sops/a.md has one link or image per line
// of its Procedure, dests[i] on line linkLine+i.
func linkLibrary(t *testing.T, dests []string) string {
	t.Helper()
	var body strings.Builder
	for i, d := range dests {
		fmt.Fprintf(&body, "%d. Step [x%d](%s)\n", i+1, i, d)
	}
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml":       "title: T\n",
		"sops/a.md":         "---\nid: a\ntitle: A\nversion: \"1\"\nstatus: draft\nowner: O\n---\n## Purpose\nP.\n## Scope\nS.\n## Procedure\n" + body.String(),
		"sops/b.md":         "---\nid: b\ntitle: B\nversion: \"1\"\nstatus: draft\nowner: O\nrelated: [a]\n---\n## Purpose\nP.\n## Scope\nS.\n## Procedure\n1. Do [a](a.md).\n",
		"sops/guide.pdf":    "%PDF",
		"static/logo.png":   "png",
		"sops/README.md":    "# Read me\n",
		"docs/manual/m.txt": "x",
	})
	return dir
}

const linkLine = 13 // the line of the first step in linkLibrary's sops/a.md

func TestBrokenLinks(t *testing.T) {
	tests := []struct {
		dest string
		want string // a part of the broken-link message; "" for none
	}{
		{"b.md", ""},
		{"b.md#procedure", ""},
		{"b.md#procedur", "points to #procedur, a heading sops/b.md lacks: did you mean #procedure?"},
		{"#scope", ""},
		{"#nope", "a heading this SOP lacks"},
		{"b.md#zzz", "points to #zzz, a heading sops/b.md lacks: use one of its anchors, #"},
		{"&#110;osuch.md", "link to &#110;osuch.md names sops/nosuch.md, which does not exist"},
		{"%6Eosuch.md", "names sops/nosuch.md, which does not exist"},
		{"/abs/nosuch.md", "link to /abs/nosuch.md names abs/nosuch.md, which does not exist"},
		{"/sops/b.md", ""},
		{"&#98;.md", ""},
		{"guide.pdf", ""},
		{"gide.pdf", "names sops/gide.pdf, which does not exist"},
		{"/static/logo.png", ""},
		{"../static/logo.png", ""},
		{"../static/nologo.png", "names static/nologo.png, which does not exist"},
		{"README.md", ""},
		{"../docs/manual", ""},
		{"../../x.md", "link to ../../x.md leads outside the library"},
		{"", "link has no destination"},
		{"https://example.org/nosuch.md", ""},
		{"javascript:alert(1)", ""}, // render's to neutralise, not a file
	}
	var dests []string
	for _, tt := range tests {
		dests = append(dests, tt.dest)
	}
	dir := linkLibrary(t, dests)
	got := map[int]Finding{}
	for _, f := range lintDir(t, dir) {
		if f.Rule == "broken-link" {
			if f.Path != "sops/a.md" {
				t.Errorf("unexpected finding %+v", f)
			}
			got[f.Line] = f
		}
	}
	for i, tt := range tests {
		f, ok := got[linkLine+i]
		switch {
		case tt.want == "" && ok:
			t.Errorf("link to %q: unexpected %s", tt.dest, f.Message)
		case tt.want != "" && !ok:
			t.Errorf("link to %q: no broken-link, want %q", tt.dest, tt.want)
		case ok && (!strings.Contains(f.Message, tt.want) || f.Column != 9+len(fmt.Sprint(i+1))-1):
			t.Errorf("link to %q: %d:%d %q, want the column of its [ and %q", tt.dest, f.Line, f.Column, f.Message, tt.want)
		}
	}
}

// Lint's broken-link and render's warnings come from one resolver: for
// every link to a local file, lint reports it exactly when render drops it
// as dead, at the same position.
func TestBrokenLinksAgreeWithRender(t *testing.T) {
	dests := []string{"b.md", "b.md#proc", "#nope", "&#110;osuch.md", "%6Eosuch.md", "/abs/nosuch.md",
		"/sops/b.md", "../../x.md", "../static/nologo.png", "sub/../b.md", "b%2Emd", `b\.md`, "b.md#"}
	dir := linkLibrary(t, dests)
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var linted []string
	for _, f := range Run(lib, Options{Now: today}) {
		if f.Rule == "broken-link" {
			linted = append(linted, fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column))
		}
	}
	h := render.Build(lib, nil, gitlog.History{}, time.Now())
	var rendered []string
	for _, p := range h.SOPs {
		for _, w := range h.LinkWarnings(p) {
			rendered = append(rendered, fmt.Sprintf("%s:%d:%d", w.Path, w.Pos.Line, w.Pos.Col))
		}
	}
	slices.Sort(rendered)
	if !slices.Equal(linted, rendered) || len(linted) != 7 {
		t.Errorf("lint reports broken links at %v, render warns at %v (want the same 7)", linted, rendered)
	}
}
