package schema

import (
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Config returns the schema of sopctl.yaml (SPEC section 1), as JSON. It is
// the same for every library: lint.rules offers every rule of
// lint.Rules().
func Config() []byte { return encode(config()) }

func config() *node {
	root := &node{
		Schema:               Draft,
		Title:                "sopctl.yaml",
		Description:          "The configuration of an sopctl library, in sopctl.yaml at the library's root.",
		Type:                 "object",
		AdditionalProperties: false,
	}
	for _, k := range library.ConfigKeys() {
		root.Properties = append(root.Properties, prop{k.Name, configKey(k)})
	}
	return root
}

// configKey is the schema of one key of sopctl.yaml: its shape, title,
// description and default from library.ConfigKeys, and what ParseConfig
// checks of its value.
func configKey(k library.ConfigKey) *node {
	var n *node
	switch k.Shape {
	case sop.ShapeNumber:
		n = &node{Title: k.Title, Description: k.Description, Type: "integer", Minimum: new(1), Maximum: new(k.Max)}
	case sop.ShapeList:
		n = list(k.Title, k.Description, &node{Type: textTypes, Pattern: nonBlank})
	case sop.ShapeMapping:
		n = mapping(k.Title, k.Description)
	default:
		n = text(k.Title, k.Description)
	}
	n.Default = k.Default
	switch k.Name {
	case "sops_dir":
		// filepath.IsLocal, as far as a pattern can tell: not absolute, no
		// backslash and no ".." step.
		n.Not = &node{Type: "string", Pattern: `^/|\\|(^|/)\.\.(/|$)`}
	case "required_fields":
		n.Items = &node{Enum: enum(sop.FieldNames())}
	case "kpis":
		n.PropertyNames = &node{Pattern: nonBlank}
		n.AdditionalProperties = kpiName()
	case "roles":
		n.PropertyNames = &node{Pattern: sop.IDPattern, MaxLength: new(sop.MaxIDLength)}
		n.AdditionalProperties = filledText("Role title", "The role's title, like Night Supervisor.")
	case "params":
		n.PropertyNames = &node{Pattern: sop.ParamPattern, MaxLength: new(sop.MaxIDLength)}
		n.AdditionalProperties = filledText("Parameter value", "The value written in place of {{id}}, as text, like 5.")
	case "lint":
		n.Properties = props{{"rules", lintRules()}}
		n.AdditionalProperties = false
	}
	return n
}

// kpiName is the value of a KPI id in the kpis of sopctl.yaml or of a
// template: its name, or a mapping of sop.KPIKeys (name required), as
// sop.NodeReader.KPIEntries reads it.
func kpiName() *node {
	full := &node{Title: "KPI", Description: "The KPI's name, definition and target.", Type: "object", Required: []string{"name"}, AdditionalProperties: false}
	for _, k := range sop.KPIKeys() {
		full.Properties = append(full.Properties, prop{k.Name, filledText(k.Title, k.Description)})
	}
	return &node{Title: "KPI", Description: "The KPI's full name, or a mapping of its name, definition and target.",
		OneOf: []*node{filledText("KPI name", "The KPI's full name, like Customer Satisfaction Score."), full}}
}

func lintRules() *node {
	rules := mapping("Rule severities", "Severities that replace the default of lint rules, by rule id: error, warning, info or off.")
	for _, r := range lint.Rules() {
		n := &node{Title: r.ID, Default: r.Default.String()}
		if r.Fixed {
			n.Enum = []any{r.Default.String()}
			n.Description = "Severity of " + r.ID + ", which fires when " + r.Summary + "; it is always " + r.Default.String() + "."
		} else {
			n.Enum = enum(library.Severities())
			n.Description = "Severity of " + r.ID + ", which fires when " + r.Summary + " (default " + r.Default.String() + ")."
		}
		rules.Properties = append(rules.Properties, prop{r.ID, n})
	}
	rules.AdditionalProperties = false
	rules.Default = map[string]string{}
	return rules
}
