package roles

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Param is a value a template lets a team set, cited in SOP text as
// {{ID}}: its default, what it means and, optionally, its unit.
type Param struct{ ID, Default, Unit, Description string }

var paramID = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// parseParams reads a template's params: mapping of id to
// {default, description, unit}; default and description are required.
func parseParams(r *sop.NodeReader, n *yaml.Node, key string) []Param {
	var out []Param
	for _, kv := range r.Mapping(n, key) {
		p := Param{ID: kv[0].Value}
		if !paramID.MatchString(p.ID) {
			r.Fail(kv[0], "parameter id %q is not valid: use lower-case letters, digits and _, starting with a letter", p.ID)
			continue
		}
		for _, f := range r.Mapping(kv[1], p.ID) {
			switch f[0].Value {
			case "default":
				p.Default = r.Str(f[1], "default")
			case "description":
				p.Description = r.Str(f[1], "description")
			case "unit":
				p.Unit = r.Str(f[1], "unit")
			default:
				r.Unknown(f[0], "parameter "+p.ID, []string{"default", "description", "unit"})
			}
		}
		if strings.TrimSpace(p.Default) == "" || strings.TrimSpace(p.Description) == "" {
			r.Fail(kv[1], "parameter %s needs a default and a description", p.ID)
			continue
		}
		out = append(out, p)
	}
	return out
}
