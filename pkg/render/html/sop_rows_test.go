package html

import (
	"bytes"
	htmltemplate "html/template"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// sopRowsTemplate is the rows of "soptable" as a template, the reference
// that sopRows is held to.
const sopRowsTemplate = `{{define "rows"}}{{range .}}<tr><td>{{.ID}}</td><td><a href="{{href .}}">{{.Title}}</a>{{if .Doc.Meta.Draft}} <span class="badge status-draft">Draft</span>{{end}}</td><td>{{.Doc.Meta.Owner.Text}}</td><td>{{.Doc.Meta.Status.Text}}</td><td>{{.Doc.Meta.Version.Text}}</td><td{{if .Overdue}} class="overdue"{{end}}>{{or .NextReview "—"}}{{if .Overdue}} (overdue){{end}}</td></tr>
{{end}}{{end}}`

// TestSOPRowsMatchTemplate holds sopRows to what html/template writes
// from sopRowsTemplate, byte for byte, for every role's SOPs in the
// writers' libraries, as they are and with hostile values (makeHostile),
// from the index, a role page and the handbook.
func TestSOPRowsMatchTemplate(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<script>x</script>")),
		rendertest.Lib{Name: "print", Dir: rendertest.PrintLibrary(t, 2), History: printHistory()})
	for _, lib := range libs {
		for _, hostile := range []bool{false, true} {
			h, _ := rendertest.Load(t, lib.Dir, lib.History)
			if hostile {
				makeHostile(h)
				h.SOPs[0].Overdue, h.SOPs[0].NextReview = true, "2026-01-02"
			}
			for _, prefix := range []string{"sops/", "../sops/", "#", "javascript:", ""} {
				tpl := htmltemplate.Must(htmltemplate.New("").Funcs(htmltemplate.FuncMap{
					"href": func(p *render.Page) string { return prefix + p.ID + ".html" },
				}).Parse(sopRowsTemplate))
				for _, r := range h.Roles {
					var want bytes.Buffer
					if err := tpl.ExecuteTemplate(&want, "rows", r.SOPs); err != nil {
						t.Fatal(err)
					}
					if got := []byte(sopRows(prefix, r.SOPs)); !bytes.Equal(got, want.Bytes()) {
						t.Errorf("%s (hostile %v), role %s, prefix %q: sopRows differs from the template: %s",
							lib.Name, hostile, r.ID, prefix, testlib.FirstDiff(got, want.Bytes()))
					}
				}
			}
		}
	}
}
