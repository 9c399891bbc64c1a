package schema

import (
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// MaxSOPEnum is the most SOP ids a front-matter schema lists for related
// and supersedes; with more, the schema checks only the form of an id, to
// stay small enough for an editor.
const MaxSOPEnum = 5000

// FrontMatterOptions describe the library a front-matter schema is for.
type FrontMatterOptions struct {
	// Library is the library's title, named in the schema's description;
	// empty for the generic schema.
	Library string
	// RequiredFields are the fields every SOP must have (required_fields
	// in sopctl.yaml); nil requires none.
	RequiredFields []string
	// KPIs, Roles and SOPs are the ids that kpis, roles, and related and
	// supersedes may name. Nil allows any well-formed id; an empty list
	// allows none.
	KPIs, Roles, SOPs []string
	// Off lists the lint rules that sopctl.yaml turns off: the schema
	// leaves out what they check.
	Off []string
}

// DefaultOptions are the options of the generic schema, for SOPs of no
// library in particular: sopctl.yaml's default required fields, and any
// well-formed id where a reference is expected.
func DefaultOptions() FrontMatterOptions {
	return FrontMatterOptions{RequiredFields: library.DefaultRequiredFields()}
}

// ForLibrary returns the options for a loaded library, with the role
// templates in use: its required fields, its KPIs, its roles (role
// templates and roles in sopctl.yaml), its SOP ids and the rules it turns
// off. An error is a *library.ConfigError, as from lint.Configure.
func ForLibrary(lib *library.Library, cat *roles.Catalog) (FrontMatterOptions, error) {
	sev, err := lint.Configure(lib.Config)
	if err != nil {
		return FrontMatterOptions{}, err
	}
	cfg := lib.Config
	opts := FrontMatterOptions{
		Library:        cfg.Title,
		RequiredFields: slices.Clone(cfg.RequiredFields),
		KPIs:           []string{},
		Roles:          []string{},
		SOPs:           []string{},
	}
	for _, r := range lint.Rules() {
		if sev[r.ID] == lint.Off {
			opts.Off = append(opts.Off, r.ID)
		}
	}
	for _, e := range cfg.KPIs {
		opts.KPIs = append(opts.KPIs, e.ID)
	}
	opts.Roles = append(opts.Roles, roles.Known(cat, cfg).IDs()...)
	for _, d := range lib.Docs {
		if id := d.Meta.ID.Text; id != "" {
			opts.SOPs = append(opts.SOPs, id)
		}
	}
	return opts, nil
}

// The lint rules whose checks the front-matter schema makes.
const (
	ruleMissing  = lint.RuleMissingField
	ruleInvalid  = sop.RuleInvalidField
	ruleUnknown  = sop.RuleUnknownField
	ruleRef      = lint.RuleBrokenRef
	ruleApproval = lint.RuleApprovalIncomplete
)

// FrontMatter returns the schema of an SOP's front matter (SPEC section
// 2), as JSON.
func FrontMatter(opts FrontMatterOptions) []byte { return encode(frontMatter(opts)) }

func frontMatter(opts FrontMatterOptions) *node {
	off := func(rule string) bool { return slices.Contains(opts.Off, rule) }
	checked := !off(ruleInvalid)
	refs := !off(ruleRef)
	var required []string
	if !off(ruleMissing) {
		for _, f := range opts.RequiredFields {
			if slices.Contains(sop.FieldNames(), f) && !slices.Contains(required, f) {
				required = append(required, f)
			}
		}
	}
	kpis, roleIDs, sopIDs := unique(opts.KPIs), unique(opts.Roles), unique(opts.SOPs)
	if len(sopIDs) > MaxSOPEnum {
		sopIDs = nil
	}

	root := &node{
		Schema:      Draft,
		Title:       "sopctl SOP front matter",
		Description: frontMatterDescription(opts.Library),
		Type:        "object",
		Required:    required,
	}
	for _, f := range sop.Fields() {
		req := slices.Contains(required, f.Name)
		var n *node
		if f.Shape == sop.ShapeList {
			n = listField(f.Title, f.Description, req, checked)
			switch {
			case f.Refs == sop.RefNone && checked && n.Items != nil:
				n.Items.Pattern = nonBlank // invalid-field: an empty item of free text
			case !refs:
			case f.Refs == sop.RefRole:
				n.Items, n.MaxItems = refItems(roleIDs, idItem())
			case f.Refs == sop.RefKPI:
				n.Items, n.MaxItems = refItems(kpis, n.Items)
			case f.Refs == sop.RefSOP:
				if sopIDs == nil {
					n.Items = idItem()
				} else if len(sopIDs) == 0 {
					n.MaxItems = new(0)
				} else {
					n.Items = &node{Ref: "#/definitions/sop-id"}
				}
			}
		} else {
			n = scalarField(f, req, checked)
		}
		root.Properties = append(root.Properties, prop{f.Name, n})
	}
	root.PatternProperties = props{{"^" + sop.UserFieldPrefix, &node{Title: "Your own field", Description: "A field of your own: sopctl ignores every key that starts with " + sop.UserFieldPrefix + "."}}}
	if !off(ruleUnknown) {
		root.AdditionalProperties = false
	}
	if !off(ruleApproval) {
		root.If = &node{Properties: props{{"status", &node{Const: sop.StatusApproved}}}, Required: []string{"status"}}
		root.Then = &node{}
		for _, f := range sop.Fields() {
			if f.Approval {
				root.Then.Required = append(root.Then.Required, f.Name)
				root.Then.Properties = append(root.Then.Properties, prop{f.Name, &node{Type: textTypes, Pattern: nonBlank}})
			}
		}
	}
	if refs && len(sopIDs) > 0 {
		root.Definitions = props{{"sop-id", &node{
			Title:       "SOP id",
			Description: "The id of an SOP of the library.",
			Enum:        idEnum(sopIDs),
		}}}
	}
	return root
}

func frontMatterDescription(lib string) string {
	if lib = strings.Join(strings.Fields(lib), " "); lib == "" {
		return "The YAML front matter of an SOP file, between the two --- lines at its top, as sopctl checks it."
	}
	return "The YAML front matter of an SOP of " + lib + ", as sopctl checks it; run sopctl schema again when sopctl.yaml, the templates or the SOPs change."
}

// scalarField is the schema of a single-valued field. sopctl reads an
// empty value (null) as absent, so only a required field must have one.
func scalarField(f sop.Field, req, checked bool) *node {
	n := &node{Title: f.Title, Description: f.Description}
	withNull := func(t ...string) any {
		if req {
			if len(t) == 1 {
				return t[0]
			}
			return t
		}
		return append(slices.Clone(t), "null")
	}
	switch {
	case !checked:
		// Any value will do, but a required one must be there.
		if req {
			n.Type, n.Pattern = textTypes, nonBlank
		}
	case f.Kind == sop.IDValue:
		n.Type, n.Pattern, n.MaxLength, n.Minimum = withNull(idTypes...), sop.IDPattern, new(sop.MaxIDLength), new(0)
	case f.Kind == sop.VersionValue:
		n.Type, n.Pattern = withNull("string"), sop.VersionPattern
	case f.Kind == sop.StatusValue:
		n.Type, n.Enum = withNull("string"), enum(sop.Statuses())
		if !req {
			n.Enum = append(n.Enum, nil)
		}
	case f.Kind == sop.DateValue:
		n.Type, n.Pattern, n.Format = withNull("string"), sop.DatePattern, "date"
	case f.Kind == sop.DaysValue:
		n.Type, n.Minimum, n.Maximum = withNull("integer"), new(1), new(sop.MaxReviewCycleDays)
	case req:
		n.Type, n.Pattern = textTypes, nonBlank
	default:
		n.Type = optionalTextTypes
	}
	return n
}

// listField is the schema of a list field: a list of single values, or
// null for none. A required list needs at least one single value.
func listField(title, desc string, req, checked bool) *node {
	n := &node{Title: title, Description: desc}
	switch {
	case checked && req:
		n.Type, n.Items, n.MinItems = "array", &node{Type: textTypes}, new(1)
	case checked:
		n.Type, n.Items = []string{"array", "null"}, &node{Type: textTypes}
	case req:
		// Unchecked, sopctl skips items that are not single values.
		n.Type, n.Contains = "array", &node{Type: textTypes}
	}
	return n
}

// refItems returns the item schema of a list that names ids from a known
// list, and, when the list is empty, a limit of no items at all. Without
// a list (nil), items must match the fallback.
func refItems(ids []string, fallback *node) (*node, *int) {
	switch {
	case ids == nil:
		return fallback, nil
	case len(ids) == 0:
		return fallback, new(0)
	}
	return &node{Enum: idEnum(ids)}, nil
}

func idItem() *node {
	return idNode("", "")
}

// unique returns ids sorted without repeats or empty ones; nil stays nil.
func unique(ids []string) []string {
	if ids == nil {
		return nil
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
