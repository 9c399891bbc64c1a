package html_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An embedded data: image is shown as its description, never as an
// <img> (goldmark empties the src of an SVG one), with a warning that
// names the scheme.
func TestDataImage(t *testing.T) {
	for _, dest := range []string{"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "data:image/png;base64,iVBORw0KGgo="} {
		dir := rendertest.ProcedureLibrary(t, "See ![the chart]("+dest+").")
		files, warns := bundle(t, dir, gitlog.History{})
		for _, name := range []string{"sops/a.html", "handbook.html"} {
			out := string(files[name])
			if strings.Contains(out, "<img") || strings.Contains(out, "data:image") || !strings.Contains(out, "[image: the chart]") {
				t.Errorf("%s: %s: the image is not replaced by its description", dest, name)
			}
		}
		if len(warns) != 1 || !strings.Contains(warns[0].String(), `sops/a.md:11:8: warning: image `+dest+` uses the unsafe or unsupported scheme "data:": shown as its description`) {
			t.Errorf("%s: warnings %v", dest, warns)
		}
	}
}
