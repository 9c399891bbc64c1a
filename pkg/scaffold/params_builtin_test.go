package scaffold

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/roles"
)

// Issue 14's Done-when: every role of the built-in catalogue scaffolded
// with the default values and with a --set value for each parameter its
// SOPs cite leaves no {{ in any file, and each value stands wherever its
// parameter is cited. It iterates over whatever the catalogue declares,
// so it checks the built-in templates' parameters as they are written.
func TestBuiltinRolesFillEveryParam(t *testing.T) { rolesFillEveryParam(t, catalog(t)) }

// The check itself, on a catalogue with parameters.
func TestRolesFillEveryParam(t *testing.T) { rolesFillEveryParam(t, paramCatalog(t)) }

func rolesFillEveryParam(t *testing.T, cat *roles.Catalog) {
	for _, tpl := range cat.Templates() {
		if !tpl.Role {
			continue
		}
		defs := cat.Closure(cat.Definitions(tpl))
		set := map[string]string{}
		for i, id := range roles.CitedParams(defs) {
			set[id] = fmt.Sprintf("Qx%dxQ", i) // text Markdown leaves as it is
		}
		for _, tt := range []struct {
			name string
			set  map[string]string
		}{{"defaults", nil}, {"--set", set}} {
			t.Run(tpl.ID+"/"+tt.name, func(t *testing.T) {
				lib := newLib(t, map[string]string{"sopctl.yaml": "title: T\n"})
				plan, err := PlanNew(lib, cat, Request{Role: tpl.ID, Set: tt.set})
				if err != nil {
					t.Fatal(err)
				}
				files := map[string]string{}
				for _, c := range plan.Changes {
					files[c.Path] = string(c.Data)
					if strings.Contains(string(c.Data), "{{") {
						t.Errorf("%s keeps a {{:\n%s", c.Path, c.Data)
					}
				}
				for _, d := range defs {
					checkValues(t, cat, d, files[lib.Config.SOPsDir+"/"+d.ID+".md"], tt.set)
				}
				for _, u := range plan.Params {
					if want, ok := tt.set[u.ID]; ok && (u.Value != want || u.Source != FromSet) {
						t.Errorf("parameter %s = %q from %s, want the --set value %q", u.ID, u.Value, u.Source, want)
					}
				}
			})
		}
	}
}

// checkValues checks that file, scaffolded from d, holds each cited
// parameter's value at least as often as d cites it.
func checkValues(t *testing.T, cat *roles.Catalog, d *roles.SOP, file string, set map[string]string) {
	t.Helper()
	times := map[string]int{}
	for _, c := range d.Cites {
		times[c.ID]++
	}
	for id, n := range times {
		v, _ := ParamValue(id, set, nil, cat)
		got := strings.Count(file, v)
		if esc := escapeInline(v); esc != v {
			got += strings.Count(file, esc)
		}
		if got < n {
			t.Errorf("SOP %s cites {{%s}} %d times, but its file holds the value %q %d times:\n%s", d.ID, id, n, v, got, file)
		}
	}
}
