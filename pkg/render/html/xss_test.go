package html_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// xssHistory is the xss library's history, with markup for a commit id:
// the HTML writer escapes every value.
func xssHistory() gitlog.History { return rendertest.XSSHistory("<script>x</script>") }

// ownScript matches the scripts sopctl writes: search, the sidebar
// (nav.js) and each role's navigation data (nav-<role id>.js), from the
// root or a folder below it.
var ownScript = regexp.MustCompile(`^(\.\./)?assets/(search-index|search|nav|nav-[a-z0-9_-]+)\.js$`)

// xssProblems parses every page and lists anything that could run script.
func xssProblems(t testing.TB, files map[string][]byte) []string {
	t.Helper()
	var out []string
	for _, name := range htmlPages(files) {
		walk(parse(t, name, files[name]), func(n *xhtml.Node) {
			switch n.Data {
			case "script":
				src, _ := attr(n, "src")
				if !ownScript.MatchString(src) || n.FirstChild != nil {
					out = append(out, name+": <script "+attrString(n)+">"+textOf(n))
				}
			case "iframe", "object", "embed", "img", "frame", "frameset", "applet", "base", "form":
				if n.Data == "form" {
					if id, _ := attr(n, "id"); id == "Search" {
						break
					}
				}
				out = append(out, name+": <"+n.Data+" "+attrString(n)+">")
			case "meta":
				if v, _ := attr(n, "http-equiv"); v != "" {
					out = append(out, name+": <meta http-equiv="+v+">")
				}
			}
			if n.Namespace == "svg" || n.Namespace == "math" {
				out = append(out, name+": foreign element <"+n.Data+">")
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") {
					out = append(out, name+": event handler attribute on <"+n.Data+" "+attrString(n)+">")
				}
				switch k {
				case "href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data", "background":
					if !rendertest.SafeURL(a.Val) {
						out = append(out, name+": unsafe URL <"+n.Data+" "+k+"="+a.Val+">")
					}
				case "style":
					out = append(out, name+": inline style from the content <"+n.Data+" style="+a.Val+">")
				}
			}
		})
	}
	for name, data := range files {
		if strings.HasPrefix(name, "assets/nav-") {
			data, _, _ = bytes.Cut(data, []byte("\n")) // the data; nav.js's code follows
		}
		if name == "assets/search-index.js" || strings.HasPrefix(name, "assets/nav-") {
			if bytes.Contains(bytes.ToLower(data), []byte("</script")) || bytes.ContainsRune(data, '<') {
				out = append(out, name+" holds a raw < or </script")
			}
		}
	}
	return out
}

func TestXSS(t *testing.T) {
	files, warns := bundle(t, xssDir, xssHistory())
	for _, p := range xssProblems(t, files) {
		t.Error(p)
	}
	// Each unsafe link of the SOP is reported as rendered as plain text.
	if len(warns) < 12 {
		t.Errorf("%d warnings, want one per unsafe link: %v", len(warns), warns)
	}
	// Values are escaped once, not twice: the title reads as written.
	page := "sops/x-1.html"
	if _, ok := files[page]; !ok {
		t.Fatalf("no %s in %v", page, htmlPages(files))
	}
	doc := parse(t, page, files[page])
	var h1, title string
	walk(doc, func(n *xhtml.Node) {
		switch n.Data {
		case "h1":
			h1 = textOf(n)
		case "title":
			title = textOf(n)
		}
	})
	if h1 != "<script>alert(1)</script>" {
		t.Errorf("%s: h1 reads %q, want the title as written", page, h1)
	}
	if want := "<script>alert(1)</script> · <script>alert(1)</script> Handbook"; title != want {
		t.Errorf("%s: <title> reads %q, want %q", page, title, want)
	}
	text := textOf(doc)
	for _, want := range []string{`"><img src=x onerror=alert(1)>`, `</script><script>alert(2)</script>`, `'onmouseover='alert(1)`,
		`CSAT — <script>alert('kpi')</script>`, `X</script> — javascript:alert(1) (target "><script>alert('target')</script>)`, `</script><script>alert('role')</script>`} {
		if !strings.Contains(text, want) {
			t.Errorf("%s does not show %q as text", page, want)
		}
	}
	// The KPI page shows the KPIs' values as text.
	kpis := textOf(parse(t, "kpis.html", files["kpis.html"]))
	for _, want := range []string{`X</script> — javascript:alert(1)`, `<img src=x onerror=alert('def')> & more`, `"><script>alert('target')</script>`} {
		if !strings.Contains(kpis, want) {
			t.Errorf("kpis.html does not show %q as text", want)
		}
	}
	// The one safe link survives, with its anchor.
	found := false
	walk(doc, func(n *xhtml.Node) {
		if h, _ := attr(n, "href"); n.Data == "a" && h == "0-0.html#procedure" {
			found = true
		}
	})
	if !found {
		t.Errorf("%s: the link to ../0-0.md#procedure is gone", page)
	}
	for _, p := range brokenLinks(t, files) {
		t.Error(p)
	}
}

// The checker itself catches what it looks for.
func TestXSSCheckerCatches(t *testing.T) {
	for _, page := range []string{
		`<p><script>alert(1)</script></p>`,
		`<p><script src="https://evil.example/x.js"></script></p>`,
		`<p><img src=x></p>`,
		`<p><iframe></iframe></p>`,
		`<p><a href="javascript:alert(1)">x</a></p>`,
		`<p><a href=" JaVa&#09;ScRiPt:alert(1)">x</a></p>`,
		`<p><a href="data:text/html,x">x</a></p>`,
		`<p onclick="x">x</p>`,
		`<svg><a href="x">x</a></svg>`,
	} {
		files := map[string][]byte{"x.html": []byte(`<!doctype html><html lang="en"><body>` + page + `</body></html>`),
			"assets/search-index.js": []byte("window.SOPCTL_SEARCH = {};\n")}
		if len(xssProblems(t, files)) == 0 {
			t.Errorf("xssProblems misses %s", page)
		}
	}
	if len(xssProblems(t, map[string][]byte{"assets/search-index.js": []byte(`x = "</script>"`)})) == 0 {
		t.Error("xssProblems misses </script> in the search index")
	}
}
