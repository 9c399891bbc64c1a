package html

import (
	"bytes"
	htmltemplate "html/template"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// sectionTemplate is an SOP's section of the printable handbooks as the
// template it was, kept here as the reference writeSection is held to.
const sectionTemplate = `{{define "section"}}<section class="sop">
{{if .Sub}}<h3 id="{{.Page.ID}}">{{else}}<h2 id="{{.Page.ID}}">{{end}}{{.Page.Title}}{{if .Page.Doc.Meta.Draft}} <span class="draft-mark">DRAFT</span>{{end}}{{if .Sub}}</h3>{{else}}</h2>{{end}}
{{template "metaline" .Page}}
{{.Body}}</section>
{{end}}
{{define "metaline"}}<p class="metaline">{{or .Doc.Meta.Status.Text "no status"}}{{with .Doc.Meta.Version.Text}} · version {{.}}{{end}}{{with .Doc.Meta.Owner.Text}} · owner: {{.}}{{end}}{{with .NextReview}} · next review {{.}}{{if $.Overdue}} (overdue){{end}}{{end}}</p>{{end}}`

// TestSectionMatchesTemplate holds writeSection to what html/template
// writes from sectionTemplate, byte for byte, for every SOP of the
// writers' libraries and the print library, under a role's heading and
// not, as they are and with markup, quotes and non-ASCII text in every
// value a section shows (makeHostile).
func TestSectionMatchesTemplate(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<script>x</script>")),
		rendertest.Lib{Name: "print", Dir: rendertest.PrintLibrary(t, 2), History: printHistory()})
	tpl := htmltemplate.Must(htmltemplate.New("").Parse(sectionTemplate))
	seen := map[string]bool{} // the branches of the template taken
	for _, lib := range libs {
		for _, hostile := range []bool{false, true} {
			h, _ := rendertest.Load(t, lib.Dir, lib.History)
			if hostile {
				makeHostile(h)
				for i, p := range h.SOPs { // and what makeHostile leaves
					p.Doc.Meta.Version.Text, p.NextReview, p.Overdue = hostileValues[i%len(hostileValues)], hostileValues[(i+1)%len(hostileValues)], i%2 == 0
					if i%3 == 0 {
						p.Doc.Meta.Status.Text = ""
					}
				}
			}
			for _, p := range h.SOPs {
				seen["draft"] = seen["draft"] || p.Doc.Meta.Draft()
				seen["overdue"] = seen["overdue"] || p.Overdue && p.NextReview != ""
				seen["no status"] = seen["no status"] || p.Doc.Meta.Status.Text == ""
				body := []byte("<p>The body of " + p.ID + ".</p>")
				for _, sub := range []bool{false, true} {
					var want, got bytes.Buffer
					data := struct {
						Page *render.Page
						Body htmltemplate.HTML
						Sub  bool
					}{p, htmltemplate.HTML(body), sub}
					if err := tpl.ExecuteTemplate(&want, "section", data); err != nil {
						t.Fatal(err)
					}
					writeSection(&got, p, body, sub)
					if !bytes.Equal(got.Bytes(), want.Bytes()) {
						t.Errorf("%s (hostile %t, sub %t): writeSection differs from the template: %s", p.ID, hostile, sub, testlib.FirstDiff(got.Bytes(), want.Bytes()))
					}
				}
			}
		}
	}
	for _, b := range []string{"draft", "overdue", "no status"} {
		if !seen[b] {
			t.Errorf("no SOP is printed with %s: the test does not hold writeSection to that branch", b)
		}
	}
}
