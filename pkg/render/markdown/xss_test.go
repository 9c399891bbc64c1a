package markdown_test

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// xssHistory is the xss library's history, with a hex commit id: the
// Markdown writer shows the id verbatim, as git gives it.
func xssHistory() gitlog.History { return rendertest.XSSHistory("deadbeef0123") }

// safeURL is rendertest.SafeURL for a Markdown link destination, in which
// goldmark keeps entities.
func safeURL(dest string) bool { return rendertest.SafeURL(html.UnescapeString(dest)) }

// xssProblems lists raw HTML and unsafe link destinations in a Markdown
// bundle: a git host sanitises, but mdBook and many static site
// generators pass raw HTML through.
func xssProblems(files map[string][]byte) []string {
	var out []string
	for _, name := range mdFiles(files) {
		b := files[name]
		low := bytes.ToLower(b)
		for _, bad := range []string{"<script", "<iframe", "<img", "<object", "<embed", "<svg", "](javascript:", "<javascript:"} {
			if bytes.Contains(low, []byte(bad)) {
				out = append(out, name+": contains "+bad)
			}
		}
		ls, raw := links(b)
		for _, r := range raw {
			out = append(out, name+": raw HTML "+r)
		}
		for _, l := range ls {
			if !safeURL(l.dest) {
				out = append(out, name+": "+l.kind+" ["+l.text+"]("+l.dest+")")
			}
		}
	}
	return out
}

func TestXSS(t *testing.T) {
	files, warns := bundle(t, xssDir, xssHistory())
	for _, p := range xssProblems(files) {
		t.Error(p)
	}
	if len(warns) < 12 {
		t.Errorf("%d warnings, want one per unsafe link: %v", len(warns), warns)
	}
	// The one safe link of the SOP survives.
	page := string(files["sops/x-1.md"])
	if !strings.Contains(page, "(0-0.md#procedure") {
		t.Errorf("sops/x-1.md lost its link to ../0-0.md#procedure:\n%s", page)
	}
	// Values from files show as text: escaped, not dropped.
	for _, want := range []string{`&lt;script&gt;alert\(1\)&lt;/script&gt;`, `"&gt;&lt;img src=x onerror=alert\(1\)&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("sops/x-1.md does not show %q", want)
		}
	}
	kpis := string(files["kpis.md"])
	for _, want := range []string{`X&lt;/script&gt; — javascript:alert\(1\)`, `&lt;img src=x onerror=alert\('def'\)&gt; &amp; more`, `"&gt;&lt;script&gt;alert\('target'\)&lt;/script&gt;`} {
		if !strings.Contains(kpis, want) {
			t.Errorf("kpis.md does not show %q:\n%s", want, kpis)
		}
	}
	for _, p := range brokenLinks(t, files) {
		t.Error(p)
	}
}

func TestXSSCheckerCatches(t *testing.T) {
	for _, md := range []string{
		"<script>alert(1)</script>\n",
		"x <b onclick=x>y</b>\n",
		"[a](javascript:alert(1))\n",
		"[a](JaVa&#09;ScRiPt:alert(1))\n",
		"<javascript:alert(1)>\n",
		"[a][r]\n\n[r]: vbscript:x\n",
		"![a](data:text/html,x)\n",
	} {
		if len(xssProblems(map[string][]byte{"x.md": []byte(md)})) == 0 {
			t.Errorf("xssProblems misses %q", md)
		}
	}
}
