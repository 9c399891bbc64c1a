package html_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// Links and images of library files point at their copies under files/,
// from each page's folder; pictures are shown, other files linked.
func TestLinkedFiles(t *testing.T) {
	files, _ := bundle(t, rendertest.FilesDir, gitlog.History{})
	for _, tc := range []struct{ page, want string }{
		{"sops/refunds.html", `<img src="../files/sops/img/flow.png" alt="Refund flow" title="The refund flow">`},
		{"sops/refunds.html", `<a href="../files/forms/refund.pdf#page=1">refund form</a>`},
		{"sops/refunds.html", `<a href="../files/sops/img/flow%20chart.png">chart</a> and the <a href="../files/sops/img/flow%20chart.png">same chart</a>`},
		{"sops/refunds.html", `<a href="../files/forms/refund.pdf">form</a>`}, // a reference link
		{"sops/refunds.html", `<a href="../files/forms/refund.pdf?v=2">root form</a>`},
		{"sops/refunds.html", `<a href="../files/sops/img/flow.png"><img src="../files/sops/img/flow.png" alt="Flow"></a>`},
		{"sops/refunds.html", `A form shown as an image: <a href="../files/forms/refund.pdf">Form</a>`},
		{"sops/refunds.html", `<img src="../files/sops/img/flow.png" alt="">`},
		// A picture that is a link's only content names the link.
		{"sops/refunds.html", `<a href="../files/forms/refund.pdf"><img src="../files/sops/img/flow.png" alt="flow.png"></a>`},
		{"sops/refunds.html", `Missing, [image: Missing image]`},
		{"sops/returns.html", `<a href="../files/forms/refund.pdf">refund form</a>`},
		{"handbook.html", `<img src="files/sops/img/flow.png" alt="Refund flow" title="The refund flow">`},
		{"handbook.html", `<a href="files/forms/refund.pdf#page=1">refund form</a>`},
		{"handbook.html", `<a href="files/sops/img/flow.png">refund flow</a>`},
	} {
		if !strings.Contains(string(files[tc.page]), tc.want) {
			t.Errorf("%s lacks %s", tc.page, tc.want)
		}
	}
	rendertest.CopiedFiles(t, files, rendertest.FilesDir, "sops/img/flow.png", "sops/img/flow chart.png", "forms/refund.pdf")
	for name := range files {
		if strings.HasPrefix(name, "files/") && !strings.HasPrefix(name, "files/sops/img/flow") && name != "files/forms/refund.pdf" {
			t.Errorf("%s copied: no body links to it, or it must not be copied", name)
		}
	}
}
