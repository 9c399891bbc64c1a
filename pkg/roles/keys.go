package roles

import (
	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// key is one key of a role template or of an SOP entry in one (SPEC
// section 3): its description, and how ParseTemplate reads it into T.
type key[T any] struct {
	sop.Key
	read func(into T, r *sop.NodeReader, name string, v *yaml.Node)
}

func docs[T any](keys []key[T]) []sop.Key {
	out := make([]sop.Key, len(keys))
	for i, k := range keys {
		out[i] = k.Key
	}
	return out
}

// text reads a text key into the string *at picks.
func text[T any](at func(T) *string) func(T, *sop.NodeReader, string, *yaml.Node) {
	return func(into T, r *sop.NodeReader, name string, v *yaml.Node) { *at(into) = r.Str(v, name) }
}

// texts reads a list of text into the list *at picks.
func texts[T any](at func(T) *[]string) func(T, *sop.NodeReader, string, *yaml.Node) {
	return func(into T, r *sop.NodeReader, name string, v *yaml.Node) { *at(into) = r.Strings(v, name) }
}

// templateKeys are the keys of a role template, in the order the README
// shows them. The sops list is required of a role (role: true) only.
var templateKeys = []key[*Template]{
	{sop.Key{Name: "id", Required: true, Title: "Id", Description: "The template's id, equal to its file name without .yaml: lower-case letters and digits in words joined by single hyphens."},
		text(func(t *Template) *string { return &t.ID })},
	{sop.Key{Name: "title", Required: true, Title: "Title", Description: "The role's title, like Customer Service Representative."},
		text(func(t *Template) *string { return &t.Title })},
	{sop.Key{Name: "department", Title: "Department", Description: "The department the role belongs to."},
		text(func(t *Template) *string { return &t.Department })},
	{sop.Key{Name: "description", Title: "Description", Description: "One paragraph about the role."},
		text(func(t *Template) *string { return &t.Description })},
	{sop.Key{Name: "role", Shape: sop.ShapeBool, Title: "Is a role", Description: "Whether sopctl new --role offers the template as a role; false makes it a catalogue of SOPs that belong to no role."},
		func(t *Template, r *sop.NodeReader, name string, v *yaml.Node) { t.Role = r.Bool(v, name) }},
	{sop.Key{Name: "kpis", Shape: sop.ShapeMapping, Title: "KPIs", Description: "Metrics the template defines, offered to sopctl.yaml when its SOPs are scaffolded: id, then its full name or a mapping of name, definition and target."},
		func(t *Template, r *sop.NodeReader, name string, v *yaml.Node) {
			for _, e := range r.KPIEntries(v, name) {
				t.KPIs = append(t.KPIs, KPI{ID: e.ID, Name: e.Name, Definition: e.Definition, Target: e.Target})
			}
		}},
	{sop.Key{Name: "params", Shape: sop.ShapeMapping, Title: "Parameters", Description: "Values a team sets for itself, like a time target, that SOP text cites as {{id}}: id, then a mapping of default and description (required) and unit. sopctl new writes the value from --set, else sopctl.yaml's params, else the default."},
		func(t *Template, r *sop.NodeReader, _ string, v *yaml.Node) { t.Params = parseParams(r, v, t) }},
	{sop.Key{Name: "sops", Shape: sop.ShapeList, Title: "SOPs", Description: "The role's SOPs, each defined in full or named by id alone when another template defines it."},
		func(t *Template, r *sop.NodeReader, _ string, v *yaml.Node) { t.SOPs = parseEntries(r, v, t) }},
}

// entryKeys are the keys of an SOP entry. Those Required are required of
// a full definition; an entry by id alone has only the id.
var entryKeys = []key[*SOP]{
	{sop.Key{Name: "id", Required: true, Title: "Id", Description: "The SOP's id, and the name of the file sopctl new writes for it: lower-case letters and digits in words joined by single hyphens."},
		text(func(d *SOP) *string { return &d.ID })},
	{sop.Key{Name: "title", Required: true, Title: "Title", Description: "The SOP's title."},
		text(func(d *SOP) *string { return &d.Title })},
	{sop.Key{Name: "owner", Required: true, Title: "Owner", Description: "The person or role responsible for the SOP."},
		text(func(d *SOP) *string { return &d.Owner })},
	{sop.Key{Name: "responsible", Shape: sop.ShapeList, Title: "Responsible", Description: "The role titles of the people who carry the SOP out, written into its responsible: field."},
		texts(func(d *SOP) *[]string { return &d.Responsible })},
	{sop.Key{Name: "purpose", Title: "Purpose", Description: "One paragraph on why the SOP exists, written under its Purpose heading."},
		text(func(d *SOP) *string { return &d.Purpose })},
	{sop.Key{Name: "scope", Title: "Scope", Description: "Who and what the SOP covers, written under its Scope heading."},
		text(func(d *SOP) *string { return &d.Scope })},
	{sop.Key{Name: "responsibilities", Shape: sop.ShapeList, Title: "Responsibilities", Description: "Who does what, written as the SOP's Responsibilities section."},
		func(d *SOP, r *sop.NodeReader, name string, v *yaml.Node) {
			d.Responsibilities = parsePairs(r, v, name, responsibilityKeys, func(a, b string) Responsibility { return Responsibility{a, b} })
		}},
	{sop.Key{Name: "sections", Shape: sop.ShapeList, Title: "Extra sections", Description: "Further sections of the SOP, written before its Procedure."},
		func(d *SOP, r *sop.NodeReader, name string, v *yaml.Node) {
			d.Sections = parsePairs(r, v, name, sectionKeys, func(a, b string) Section { return Section{a, b} })
		}},
	{sop.Key{Name: "steps", Shape: sop.ShapeList, Required: true, Title: "Steps", Description: "The procedure's steps in order, written as its numbered list; at least one."},
		texts(func(d *SOP) *[]string { return &d.Steps })},
	{sop.Key{Name: "checklist", Shape: sop.ShapeList, Title: "Checklist", Description: "Items written as the SOP's Checklist section of check boxes."},
		texts(func(d *SOP) *[]string { return &d.Checklist })},
	{sop.Key{Name: "end_sections", Shape: sop.ShapeList, Title: "Closing sections", Description: "Further sections of the SOP, written after its Procedure and Checklist, like a Revision History."},
		func(d *SOP, r *sop.NodeReader, name string, v *yaml.Node) {
			d.EndSections = parsePairs(r, v, name, sectionKeys, func(a, b string) Section { return Section{a, b} })
		}},
	{sop.Key{Name: "related", Shape: sop.ShapeList, Title: "Related SOPs", Description: "Ids of SOPs, defined in this or another template, that the SOP relates to."},
		func(d *SOP, r *sop.NodeReader, name string, v *yaml.Node) {
			d.Related = r.Strings(v, name)
			if v.Kind == yaml.SequenceNode {
				for _, it := range v.Content {
					d.relatedPos = append(d.relatedPos, sop.Pos{Line: it.Line, Col: it.Column})
				}
			}
		}},
	{sop.Key{Name: "kpis", Shape: sop.ShapeList, Title: "KPIs", Description: "Ids of the KPIs the SOP serves."},
		texts(func(d *SOP) *[]string { return &d.KPIs })},
	{sop.Key{Name: "channels", Shape: sop.ShapeList, Title: "Channels", Description: "The channels the SOP covers, in free text, like phone, email or chat."},
		texts(func(d *SOP) *[]string { return &d.Channels })},
	{sop.Key{Name: "tags", Shape: sop.ShapeList, Title: "Tags", Description: "Free-text labels that help readers find the SOP."},
		texts(func(d *SOP) *[]string { return &d.Tags })},
}

// The two keys, both required, of each item of responsibilities and of
// sections and end_sections.
var (
	responsibilityKeys = []sop.Key{
		{Name: "role", Required: true, Title: "Role", Description: "The role, like Customer Service Representative."},
		{Name: "duty", Required: true, Title: "Duty", Description: "What the role does in the SOP."},
	}
	sectionKeys = []sop.Key{
		{Name: "heading", Required: true, Title: "Heading", Description: "The section's level-2 heading."},
		{Name: "body", Required: true, Title: "Body", Description: "The section's text, in Markdown."},
	}
)

// TemplateKeys returns the keys of a role template.
func TemplateKeys() []sop.Key { return docs(templateKeys) }

// EntryKeys returns the keys of an SOP entry of a template's sops list.
func EntryKeys() []sop.Key { return docs(entryKeys) }

// ResponsibilityKeys returns the keys of an item of responsibilities.
func ResponsibilityKeys() []sop.Key { return append([]sop.Key(nil), responsibilityKeys...) }

// SectionKeys returns the keys of an item of sections.
func SectionKeys() []sop.Key { return append([]sop.Key(nil), sectionKeys...) }
