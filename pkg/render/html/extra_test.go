package html_test

import (
	htmltemplate "html/template"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// Options.SOPPanel puts its HTML on each SOP's page only, and PageEnd at
// the end of every page: what sopctl serve adds (findings, reload script).
func TestPanelAndPageEnd(t *testing.T) {
	h, lib := loadSmall(t)
	opts := options(lib)
	opts.SOPPanel = func(p *render.Page) htmltemplate.HTML {
		return htmltemplate.HTML(`<div id="panel-` + p.ID + `"></div>`)
	}
	opts.PageEnd = `<script id="end"></script>`
	files, _, err := bundleOf(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		page := string(data)
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if !strings.Contains(page, `<script id="end"></script>`+"\n</body>") {
			t.Errorf("%s: no PageEnd before </body>", name)
		}
		id, isSOP := strings.CutPrefix(strings.TrimSuffix(name, ".html"), "sops/")
		if got := strings.Contains(page, `<div id="panel-`); got != isSOP {
			t.Errorf("%s: panel present %v, want %v", name, got, isSOP)
		}
		if isSOP && !strings.Contains(page, `<div id="panel-`+id+`">`) {
			t.Errorf("%s: not its own panel", name)
		}
	}
}
