package serve

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// The files SOPs link to are served from files/, as sopctl render copies
// them; one of a type the server does not know is never served as a page.
func TestLinkedFiles(t *testing.T) {
	dir := writeLibrary(t)
	write(t, filepath.Join(dir, "sops", "alpha.md"), strings.Replace(alpha, "First text.",
		"First text. ![Flow](img/flow.png) [Form](../forms/refund.pdf) [Data](data.xyzzy)", 1))
	write(t, filepath.Join(dir, "sops", "img", "flow.png"), "PNG")
	write(t, filepath.Join(dir, "forms", "refund.pdf"), "%PDF-1.4")
	write(t, filepath.Join(dir, "sops", "data.xyzzy"), "<script>alert(1)</script>")
	url := start(t, dir)
	waitFor(t, url+"/sops/alpha.html", `<img src="../files/sops/img/flow.png" alt="Flow">`, `<a href="../files/forms/refund.pdf">Form</a>`)
	for path, want := range map[string]string{
		"/files/sops/img/flow.png":   "image/png",
		"/files/forms/refund.pdf":    "application/pdf",
		"/files/sops/data.xyzzy":     "application/octet-stream",
		"/files/../sopctl.yaml":      "",
		"/files/sops/img/nope.png":   "",
		"/files/sops/alpha.md":       "",
		"/files/sops/img/flow.png/x": "",
	} {
		resp, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch {
		case want == "" && resp.StatusCode != http.StatusNotFound:
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		case want != "" && (resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != want):
			t.Errorf("%s: %d %s, want 200 %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		case resp.Header.Get("X-Content-Type-Options") != "nosniff" && resp.StatusCode == http.StatusOK:
			t.Errorf("%s: no X-Content-Type-Options: nosniff", path)
		}
	}
}

// static_dir's files are served at the root and theme_css is linked after
// the built-in stylesheet, as sopctl render publishes them.
func TestStaticAndTheme(t *testing.T) {
	dir := writeLibrary(t)
	write(t, filepath.Join(dir, "static", "CNAME"), "handbook.example.org\n")
	write(t, filepath.Join(dir, "static", "img", "logo.svg"), "<svg/>")
	withTheme := func(ctx context.Context) (*Input, error) {
		in, err := load(dir)(ctx)
		if in != nil {
			in.ThemeCSS = []byte("main { max-width: 50rem; }\n")
		}
		return in, err
	}
	url := startLoading(t, dir, withTheme)
	waitFor(t, url+"/sops/alpha.html", `<link rel="stylesheet" href="../assets/theme.css">`)
	for path, want := range map[string]string{
		"/CNAME":            "handbook.example.org\n",
		"/img/logo.svg":     "<svg/>",
		"/assets/theme.css": "main { max-width: 50rem; }\n",
	} {
		if code, body := get(t, url+path); code != http.StatusOK || body != want {
			t.Errorf("%s: %d %q, want 200 %q", path, code, body, want)
		}
	}
}

// A change to a file the site reads besides the handbook's own (a file an
// SOP links to, one of static_dir's) reloads it, though its name's
// extension is none that affects names; so does a new file, which may be
// one a link named before it existed.
func TestUsedFileEditReloads(t *testing.T) {
	dir := writeLibrary(t)
	write(t, filepath.Join(dir, "sops", "alpha.md"), strings.Replace(alpha, "First text.",
		"First text. ![Flow](img/flow.png) ![New](img/new.png)", 1))
	write(t, filepath.Join(dir, "sops", "img", "flow.png"), "PNG one")
	write(t, filepath.Join(dir, "static", "CNAME"), "one.example.org\n")
	url := start(t, dir)
	waitFor(t, url+"/files/sops/img/flow.png", "PNG one")
	body := waitFor(t, url+"/sops/alpha.html", `<img src="../files/sops/img/flow.png" alt="Flow">`)
	if strings.Contains(body, "files/sops/img/new.png") {
		t.Fatalf("a link to a missing file leads to it:\n%s", body)
	}

	write(t, filepath.Join(dir, "sops", "img", "flow.png"), "PNG two")
	waitFor(t, url+"/files/sops/img/flow.png", "PNG two")
	write(t, filepath.Join(dir, "static", "CNAME"), "two.example.org\n")
	waitFor(t, url+"/CNAME", "two.example.org")
	write(t, filepath.Join(dir, "sops", "img", "new.png"), "PNG new")
	waitFor(t, url+"/sops/alpha.html", `<img src="../files/sops/img/new.png" alt="New">`)
	waitFor(t, url+"/files/sops/img/new.png", "PNG new")
}

func TestUsesOf(t *testing.T) {
	dir := writeLibrary(t)
	write(t, filepath.Join(dir, "sopctl.yaml"), "title: T\nsops_dir: sops\ntheme_css: look/theme.css\nstatic_dir: public\n")
	write(t, filepath.Join(dir, "look", "theme.css"), "main {}\n")
	write(t, filepath.Join(dir, "sops", "alpha.md"), strings.Replace(alpha, "First text.", "First text. [Form](../forms/refund.pdf)", 1))
	write(t, filepath.Join(dir, "forms", "refund.pdf"), "%PDF-1.4")
	in, err := load(dir)(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	w := &watcher{root: dir}
	w.use(usesOf(in))
	for name, want := range map[string]bool{
		"forms/refund.pdf": true, "look/theme.css": true, "public/logo.svg": true, "public/img/a.png": true,
		"forms/other.pdf": false, "serve.log": false, "publicity.txt": false, "look/other.css": false,
		"sops/alpha.md": true, "../outside.pdf": false,
	} {
		if got := w.affectsSite(filepath.Join(dir, filepath.FromSlash(name))); got != want {
			t.Errorf("affectsSite(%q) = %v, want %v", name, got, want)
		}
	}
	if u := usesOf(nil); len(u.files) != 0 || u.dir != "" {
		t.Errorf("usesOf(nil) = %+v, want nothing", u)
	}
}
