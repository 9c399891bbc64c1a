package schema

// Role returns the schema of a role template (SPEC section 3), as JSON:
// the built-in templates and a library's own templates/*.yaml alike.
func Role() []byte { return encode(role()) }

func role() *node {
	kpis := mapping("KPIs", "Metrics the template defines, offered to sopctl.yaml when its SOPs are scaffolded: id, then its full name.")
	kpis.AdditionalProperties = filledText("KPI name", "The KPI's full name, like Customer Satisfaction Score.")

	byID := &node{
		Title:                "SOP by id",
		Description:          "An SOP defined in full in another template, named by its id alone.",
		Type:                 "object",
		Required:             []string{"id"},
		Properties:           props{{"id", sopID()}},
		AdditionalProperties: false,
	}
	full := &node{
		Title:       "SOP definition",
		Description: "An SOP defined in full: what sopctl new writes into the SOP file it scaffolds.",
		Type:        "object",
		Required:    []string{"id", "title", "owner", "steps"},
		Properties: props{
			{"id", sopID()},
			{"title", filledText("Title", "The SOP's title.")},
			{"owner", filledText("Owner", "The person or role responsible for the SOP.")},
			{"purpose", text("Purpose", "One paragraph on why the SOP exists, written under its Purpose heading.")},
			{"scope", text("Scope", "Who and what the SOP covers, written under its Scope heading.")},
			{"responsibilities", list("Responsibilities", "Who does what, written as the SOP's Responsibilities section.",
				pair("Responsibility", "One role and its duty in the SOP.", "role", "Role", "The role, like Customer Service Representative.",
					"duty", "Duty", "What the role does in the SOP."))},
			{"sections", list("Extra sections", "Further sections of the SOP, written before its Procedure.",
				pair("Section", "One extra section of the SOP.", "heading", "Heading", "The section's level-2 heading.",
					"body", "Body", "The section's text, in Markdown."))},
			{"steps", &node{Title: "Steps", Description: "The procedure's steps in order, written as its numbered list; at least one.",
				Type: "array", MinItems: new(1), Items: &node{Type: textTypes, Pattern: nonBlank}}},
			{"checklist", list("Checklist", "Items written as the SOP's Checklist section of check boxes.", &node{Type: textTypes, Pattern: nonBlank})},
			{"related", list("Related SOPs", "Ids of SOPs, defined in this or another template, that the SOP relates to.", &node{Type: textTypes, Pattern: nonBlank})},
			{"kpis", list("KPIs", "Ids of the KPIs the SOP serves.", &node{Type: textTypes, Pattern: nonBlank})},
			{"channels", list("Channels", "The channels the SOP covers, in free text, like phone, email or chat.", &node{Type: textTypes, Pattern: nonBlank})},
			{"tags", list("Tags", "Free-text labels that help readers find the SOP.", &node{Type: textTypes, Pattern: nonBlank})},
		},
		AdditionalProperties: false,
	}
	return &node{
		Schema:      Draft,
		Title:       "sopctl role template",
		Description: "A role template: the SOPs of one role, or with role: false a catalogue of SOPs that belong to no role; its file is templates/<id>.yaml.",
		Type:        "object",
		Required:    []string{"id", "title"},
		Properties: props{
			{"id", idNode("Id", "The template's id, equal to its file name without .yaml: lower-case letters and digits in words joined by single hyphens.")},
			{"title", filledText("Title", "The role's title, like Customer Service Representative.")},
			{"department", text("Department", "The department the role belongs to.")},
			{"description", text("Description", "One paragraph about the role.")},
			{"role", &node{Title: "Is a role", Description: "Whether sopctl new --role offers the template as a role; false makes it a catalogue of SOPs that belong to no role.",
				Type: "boolean", Default: true}},
			{"kpis", kpis},
			{"sops", &node{Title: "SOPs", Description: "The role's SOPs, each defined in full or named by id alone when another template defines it.",
				Type: "array", Items: &node{OneOf: []*node{byID, full}}}},
		},
		AdditionalProperties: false,
		// A role needs SOPs; a catalogue (role: false) may have none.
		If:   &node{Properties: props{{"role", &node{Const: false}}}, Required: []string{"role"}},
		Else: &node{Required: []string{"sops"}, Properties: props{{"sops", &node{MinItems: new(1)}}}},
	}
}

func sopID() *node {
	return idNode("Id", "The SOP's id, and the name of the file sopctl new writes for it: lower-case letters and digits in words joined by single hyphens.")
}

// pair is an item of a list of two-key mappings, like role and duty, both
// required.
func pair(title, desc, a, aTitle, aDesc, b, bTitle, bDesc string) *node {
	return &node{
		Title: title, Description: desc, Type: "object",
		Required:             []string{a, b},
		Properties:           props{{a, filledText(aTitle, aDesc)}, {b, filledText(bTitle, bDesc)}},
		AdditionalProperties: false,
	}
}
