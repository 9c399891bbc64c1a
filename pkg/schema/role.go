package schema

import (
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Role returns the schema of a role template (SPEC section 3), as JSON:
// the built-in templates and a library's own templates/*.yaml alike.
func Role() []byte { return encode(role()) }

func role() *node {
	root := &node{
		Schema:               Draft,
		Title:                "sopctl role template",
		Description:          "A role template: the SOPs of one role, or with role: false a catalogue of SOPs that belong to no role; its file is templates/<id>.yaml.",
		Type:                 "object",
		AdditionalProperties: false,
		// A role needs SOPs; a catalogue (role: false) may have none.
		If:   &node{Properties: props{{"role", &node{Const: false}}}, Required: []string{"role"}},
		Else: &node{Required: []string{"sops"}, Properties: props{{"sops", &node{MinItems: new(1)}}}},
	}
	return withKeys(root, roles.TemplateKeys(), func(k sop.Key) *node {
		switch k.Name {
		case "kpis":
			n := mapping(k.Title, k.Description)
			n.AdditionalProperties = kpiName()
			return n
		case "params":
			n := mapping(k.Title, k.Description)
			n.PropertyNames = &node{Pattern: sop.ParamPattern, MaxLength: new(sop.MaxIDLength)}
			n.AdditionalProperties = param()
			return n
		case "sops":
			return &node{Title: k.Title, Description: k.Description, Type: "array", Items: &node{OneOf: []*node{sopByID(), sopDefinition()}}}
		}
		return nil
	})
}

// withKeys adds keys to the object schema n in order, each as special
// makes it or, when special gives nil, as roleKey does, and lists the
// required ones.
func withKeys(n *node, keys []sop.Key, special func(sop.Key) *node) *node {
	for _, k := range keys {
		p := special(k)
		if p == nil {
			p = roleKey(k)
		}
		if k.Required {
			n.Required = append(n.Required, k.Name)
		}
		n.Properties = append(n.Properties, prop{k.Name, p})
	}
	return n
}

// roleKey is the schema of a key of a template or of an SOP entry by its
// shape: an id, text, true or false, or a list of text.
func roleKey(k sop.Key) *node {
	switch {
	case k.Name == "id":
		return idNode(k.Title, k.Description)
	case k.Shape == sop.ShapeBool:
		return &node{Title: k.Title, Description: k.Description, Type: "boolean", Default: true}
	case k.Shape == sop.ShapeList && k.Required:
		return &node{Title: k.Title, Description: k.Description, Type: "array", MinItems: new(1), Items: &node{Type: textTypes, Pattern: nonBlank}}
	case k.Shape == sop.ShapeList:
		return list(k.Title, k.Description, &node{Type: textTypes, Pattern: nonBlank})
	case k.Required:
		return filledText(k.Title, k.Description)
	}
	return text(k.Title, k.Description)
}

// param is a parameter's declaration under params, as roles reads it.
func param() *node {
	n := &node{Title: "Parameter", Description: "A parameter's default, description and unit.", Type: "object", AdditionalProperties: false}
	return withKeys(n, roles.ParamKeys(), func(sop.Key) *node { return nil })
}

func sopByID() *node {
	id := roles.EntryKeys()[0]
	return &node{
		Title:                "SOP by id",
		Description:          "An SOP defined in full in another template, named by its id alone.",
		Type:                 "object",
		Required:             []string{id.Name},
		Properties:           props{{id.Name, roleKey(id)}},
		AdditionalProperties: false,
	}
}

func sopDefinition() *node {
	n := &node{
		Title:                "SOP definition",
		Description:          "An SOP defined in full: what sopctl new writes into the SOP file it scaffolds.",
		Type:                 "object",
		AdditionalProperties: false,
	}
	return withKeys(n, roles.EntryKeys(), func(k sop.Key) *node {
		switch k.Name {
		case "responsibilities":
			return list(k.Title, k.Description, pair("Responsibility", "One role and its duty in the SOP.", roles.ResponsibilityKeys()))
		case "sections":
			return list(k.Title, k.Description, pair("Section", "One extra section of the SOP.", roles.SectionKeys()))
		}
		return nil
	})
}

// pair is an item of a list of mappings of required text keys, like role
// and duty.
func pair(title, desc string, keys []sop.Key) *node {
	n := &node{Title: title, Description: desc, Type: "object", AdditionalProperties: false}
	return withKeys(n, keys, func(sop.Key) *node { return nil })
}
