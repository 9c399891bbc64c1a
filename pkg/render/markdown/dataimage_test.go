package markdown_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An embedded data: image is shown as its description, with a warning
// that names the scheme (an SVG one can carry script).
func TestDataImage(t *testing.T) {
	for _, dest := range []string{"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "data:image/png;base64,iVBORw0KGgo=", "DATA:image/gif;base64,R0lGOD=="} {
		dir := rendertest.ProcedureLibrary(t, "See ![the chart]("+dest+").")
		files, warns := bundle(t, dir, gitlog.History{})
		for _, name := range []string{"sops/a.md", "handbook.md"} {
			out := string(files[name])
			if strings.Contains(strings.ToLower(out), "data:") || !strings.Contains(out, `\[image: the chart\]`) {
				t.Errorf("%s: %s: the image is not replaced by its description:\n%s", dest, name, out)
			}
		}
		if len(warns) != 1 || !strings.Contains(warns[0].String(), `sops/a.md:11:8: warning: image `+dest+` uses the unsafe or unsupported scheme "data:": shown as its description`) {
			t.Errorf("%s: warnings %v", dest, warns)
		}
	}
}

// A warning about a long destination stays one readable line.
func TestLongDestinationWarning(t *testing.T) {
	dest := "data:image/png;base64," + strings.Repeat("A", 100000)
	dir := rendertest.ProcedureLibrary(t, "See ![the chart]("+dest+").")
	_, warns := bundle(t, dir, gitlog.History{})
	if len(warns) != 1 || len(warns[0].String()) > 200 || !strings.Contains(warns[0].String(), "AAAA…") {
		t.Errorf("warnings %.300v", warns)
	}
}
