package markdown_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// sops/<id>.md and handbook.md leave the body's H1 out when it repeats
// the title, by the one rule of sop.Body.TitleHeading: only the
// document's own H1, never a heading in a block quote or list item (which
// stays, with its container, two levels down in handbook.md, under the
// SOP's heading under its role's).
func TestTitleHeading(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		page       string // the body as sops/alpha.md shows it
		handbook   string // and as handbook.md does
	}{
		{"atx", "# Alpha\n\nText.\n", "\nText.\n", "\nText.\n"},
		{"closing hashes", "# Alpha ##\n\nText.\n", "\nText.\n", "\nText.\n"},
		{"setext", "Alpha\n=====\n\nText.\n", "\nText.\n", "\nText.\n"},
		{"leading blank lines", "\n\n\n# Alpha\n\nText.\n", "\nText.\n", "\nText.\n"},
		{"first H1 differs", "# Beta\n\n# Alpha\n\nText.\n", "\n# Beta\n\n# Alpha\n\nText.\n", "\n### Beta\n\n### Alpha\n\nText.\n"},
		{"in a block quote", "> # Alpha\n\nText.\n", "\n> # Alpha\n\nText.\n", "\n> ### Alpha\n\nText.\n"},
		{"in a list item", "- # Alpha\n\nText.\n", "\n- # Alpha\n\nText.\n", "\n- ### Alpha\n\nText.\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, _ := bundle(t, rendertest.TitleLibrary(t, tt.body), gitlog.History{})
			page, handbook := string(files["sops/alpha.md"]), string(files["handbook.md"])
			// The body follows the metadata table, whose last row here is Owner.
			if _, got, _ := strings.Cut(page, "| Owner | O |\n"); !strings.HasPrefix(got, tt.page+"\n## Related SOPs") {
				t.Errorf("sops/alpha.md body = %q, want %q", got, tt.page)
			}
			_, got, _ := strings.Cut(handbook, "| Owner | O |\n")
			if got, _, _ = strings.Cut(got, "\n### b\n"); got != tt.handbook {
				t.Errorf("handbook.md body = %q, want %q", got, tt.handbook)
			}
			// A link to the heading's anchor goes to the heading if it is
			// kept, else to the top of the SOP.
			link := "(alpha.md)"
			if strings.Contains(tt.page, "Alpha") {
				link = "(alpha.md#alpha)"
			}
			if b := string(files["sops/b.md"]); !strings.Contains(b, "[to]"+link) {
				t.Errorf("sops/b.md lacks [to]%s:\n%s", link, b)
			}
		})
	}
}
