package markdown_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// Links and images of library files point at their copies under files/,
// from each file's folder; pictures stay images, other files are linked.
func TestLinkedFiles(t *testing.T) {
	files, _ := bundle(t, rendertest.FilesDir, gitlog.History{})
	for _, tc := range []struct{ file, want string }{
		{"sops/refunds.md", "![Refund flow](../files/sops/img/flow.png)"},
		{"sops/refunds.md", "[refund form](../files/forms/refund.pdf#page=1)"},
		{"sops/refunds.md", "[chart](<../files/sops/img/flow%20chart.png>) and the [same chart](../files/sops/img/flow%20chart.png)"},
		{"sops/refunds.md", "\n[form]: ../files/forms/refund.pdf\n"},
		{"sops/refunds.md", "[root form](../files/forms/refund.pdf?v=2)"},
		{"sops/refunds.md", "[![Flow](../files/sops/img/flow.png)](../files/sops/img/flow.png)"},
		{"sops/refunds.md", "A form shown as an image: [Form](../files/forms/refund.pdf)"},
		// A picture that is a link's only content names the link.
		{"sops/refunds.md", "![](../files/sops/img/flow.png), and a [![flow.png](../files/sops/img/flow.png)](../files/forms/refund.pdf)"},
		{"sops/refunds.md", "Missing, \\[image: Missing image\\]"},
		{"sops/returns.md", "[refund form](../files/forms/refund.pdf)"},
		{"handbook.md", "![Refund flow](files/sops/img/flow.png)"},
		{"handbook.md", "[refund form](files/forms/refund.pdf#page=1)"},
		{"handbook.md", "\n[form]: files/forms/refund.pdf\n"},
	} {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s lacks %s", tc.file, tc.want)
		}
	}
	rendertest.CopiedFiles(t, files, rendertest.FilesDir, "sops/img/flow.png", "sops/img/flow chart.png", "forms/refund.pdf")
}
