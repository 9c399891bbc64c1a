package html_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An SOP's HTML page and the one-page handbook leave the body's H1 out
// when it repeats the title, by the one rule of sop.Body.TitleHeading:
// only the document's own H1, never a heading in a block quote or list
// item (which stays, with its container), and links to its anchor go to
// the top of the SOP instead.
func TestTitleHeading(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		kept       bool     // whether the body's "Alpha" heading is on the pages
		page       []string // also on the SOP's page
	}{
		{"atx", "# Alpha\n\nText.\n", false, nil},
		{"closing hashes", "# Alpha ##\n\nText.\n", false, nil},
		{"setext", "Alpha\n=====\n\nText.\n", false, nil},
		{"leading blank lines", "\n\n\n# Alpha\n\nText.\n", false, nil},
		{"first H1 differs", "# Beta\n\n# Alpha\n\nText.\n", true, []string{`<h2 id="beta">Beta</h2>`}},
		{"in a block quote", "> # Alpha\n\nText.\n", true, []string{"<blockquote>\n<h2 id=\"alpha\">Alpha</h2>\n</blockquote>"}},
		{"in a list item", "- # Alpha\n\nText.\n", true, []string{"<li>\n<h2 id=\"alpha\">Alpha</h2>"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, _ := bundle(t, rendertest.TitleLibrary(t, tt.body), gitlog.History{})
			page, handbook := string(files["sops/alpha.html"]), string(files["handbook.html"])
			if got := strings.Contains(page, `<h2 id="alpha">Alpha</h2>`); got != tt.kept {
				t.Errorf("heading on the SOP's page: %v, want %v:\n%s", got, tt.kept, page)
			}
			if got := strings.Contains(handbook, `id="alpha--alpha">Alpha</h`); got != tt.kept {
				t.Errorf("heading on the one-page handbook: %v, want %v:\n%s", got, tt.kept, handbook)
			}
			if strings.Contains(page, "<blockquote>\n</blockquote>") {
				t.Errorf("an empty block quote is left:\n%s", page)
			}
			// A link to the heading's anchor goes to the heading if it is
			// kept, else to the top of the SOP.
			link := `href="alpha.html"`
			if tt.kept {
				link = `href="alpha.html#alpha"`
			}
			if b := string(files["sops/b.html"]); !strings.Contains(b, link) {
				t.Errorf("sops/b.html lacks %s:\n%s", link, b)
			}
			for _, w := range tt.page {
				if !strings.Contains(page, w) {
					t.Errorf("SOP page lacks %q:\n%s", w, page)
				}
			}
		})
	}
}
