package scaffold

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// DraftVersion is the version a scaffolded SOP starts at.
const DraftVersion = "0.1"

// field is one front-matter key and its value: str for a single-value
// field, list for a list field (sop.ShapeList in the field table).
type field struct {
	key  string
	str  string
	list []string
}

// frontMatter encodes fields through the YAML encoder, so that any value,
// a title with quotes or a colon included, reads back as exactly itself
// (to YAML 1.1 readers too: see strNode) and cannot add a field. Each
// value is written in the form sop's field table gives its field: lists in
// flow style ([a, b]), versions quoted, dates plain.
func frontMatter(fields []field) []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range fields {
		def, _ := sop.FieldNamed(f.key)
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: f.key}
		m.Content = append(m.Content, k, valueNode(def, f))
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(m) // encoding strings into a buffer cannot fail
	_ = enc.Close()
	return append(append([]byte("---\n"), b.Bytes()...), "---\n"...)
}

// valueNode is f's value as a node of the shape and kind def gives it.
func valueNode(def sop.Field, f field) *yaml.Node {
	if def.Shape == sop.ShapeList {
		v := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, s := range f.list {
			v.Content = append(v.Content, strNode(s, true))
		}
		return v
	}
	v := strNode(f.str, false)
	switch def.Kind {
	case sop.VersionValue:
		v.Style = yaml.DoubleQuotedStyle // SPEC: a version is a quoted string
	case sop.DateValue:
		// A date (today's, YYYY-MM-DD) is written plain, as people
		// write it (SPEC section 8): tagged as what YAML reads it as.
		v.Tag, v.Style = "!!timestamp", 0
	case sop.DaysValue:
		v.Tag, v.Style = "!!int", 0 // a number, not the text "90"
	}
	return v
}

// section is a level-2 heading and its Markdown.
type section struct{ heading, body string }

// body writes the H1 and sections, adding any section the library
// requires that the list lacks, with a placeholder.
func body(title string, sections []section, required []string) []byte {
	for _, r := range required {
		if !slices.ContainsFunc(sections, func(s section) bool { return strings.EqualFold(s.heading, r) }) {
			sections = append(sections, section{r, sop.Placeholder + " write this section."})
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "\n# %s\n", escapeInline(title))
	for _, s := range sections {
		fmt.Fprintf(&b, "\n## %s\n\n%s\n", s.heading, strings.TrimRight(s.body, "\n"))
	}
	return b.Bytes()
}

// inlineEscaped are the characters escapeInline escapes.
const inlineEscaped = "\\`*_[]<>#&|!~"

// escapeInline makes text read literally as Markdown inline content on
// one line: newlines become spaces and markup characters are escaped.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(inlineEscaped, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// listShape is how FromTemplate writes a Markdown list: item i starts
// with prefix(i), and the lines after its first are indented by indent(i)
// spaces.
type listShape struct {
	prefix func(i int) string
	indent func(i int) int
}

func numberedPrefix(i int) string { return fmt.Sprintf("%d. ", i+1) }

// numberedList is a Procedure's: 1., 2., ..., continuation lines under
// the item's text.
var numberedList = listShape{numberedPrefix, func(i int) int { return len(numberedPrefix(i)) }}

// bulletList starts each item with marker ("- ", "- [ ] "), continuation
// lines indented by two spaces.
func bulletList(marker string) listShape {
	return listShape{func(int) string { return marker }, func(int) int { return 2 }}
}

// write writes the items, each trimmed.
func (l listShape) write(items []string) string {
	var b strings.Builder
	for i, it := range items {
		b.WriteString(l.prefix(i) + indentRest(it, l.indent(i)) + "\n")
	}
	return b.String()
}

// read is write's inverse: it splits text into the items of the list,
// and ok says whether write gives text back from them, none empty.
func (l listShape) read(text string) (items []string, ok bool) {
	var lines [][]string // of each item, joined at the end: no quadratic growth
	for _, line := range strings.Split(text, "\n") {
		if rest, isItem := strings.CutPrefix(line, l.prefix(len(lines))); isItem {
			lines = append(lines, []string{rest})
			continue
		}
		if len(lines) == 0 {
			return nil, false // text before the list
		}
		last := len(lines) - 1
		lines[last] = append(lines[last], strings.TrimPrefix(line, strings.Repeat(" ", l.indent(last))))
	}
	for _, it := range lines {
		items = append(items, strings.Join(it, "\n"))
	}
	// A template holds no empty item.
	ok = !slices.ContainsFunc(items, func(it string) bool { return strings.TrimSpace(it) == "" })
	return items, ok && l.write(items) == text+"\n"
}

func numbered(items []string) string { return numberedList.write(items) }

func bullets(items []string, marker string) string { return bulletList(marker).write(items) }

// indentRest trims s and indents its lines after the first by n spaces,
// leaving blank lines empty.
func indentRest(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := 1; i < len(lines); i++ {
		if lines[i] != "" {
			lines[i] = strings.Repeat(" ", n) + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// FromTemplate writes the file of a draft SOP from its template
// definition. roleIDs become its roles:; required are the library's
// required sections.
func FromTemplate(d *roles.SOP, roleIDs []string, required []string) []byte {
	fields := []field{
		{key: "id", str: d.ID},
		{key: "title", str: d.Title},
		{key: "version", str: DraftVersion},
		{key: "status", str: sop.StatusDraft},
		{key: "owner", str: d.Owner},
	}
	// responsible is optional and newer than the other lists: a template
	// that gives none leaves the key out rather than write an empty list.
	if len(d.Responsible) > 0 {
		fields = append(fields, field{key: "responsible", list: d.Responsible})
	}
	fm := frontMatter(append(fields, []field{
		{key: "roles", list: roleIDs},
		{key: "channels", list: d.Channels},
		{key: "related", list: d.Related},
		{key: "kpis", list: d.KPIs},
		{key: "tags", list: d.Tags},
	}...))
	return append(fm, templateBody(d, required)...)
}

// The headings FromTemplate writes for the fields of a definition, in its
// order.
const (
	headPurpose          = "Purpose"
	headScope            = "Scope"
	headResponsibilities = "Responsibilities"
	headProcedure        = "Procedure"
	headChecklist        = "Checklist"
)

// checkbox starts each item of a Checklist.
const checkbox = "- [ ] "

// templateBody is the body FromTemplate writes for a definition.
func templateBody(d *roles.SOP, required []string) []byte {
	var secs []section
	add := func(heading, text string) {
		if strings.TrimSpace(text) != "" {
			secs = append(secs, section{heading, strings.TrimSpace(text)})
		}
	}
	add(headPurpose, d.Purpose)
	add(headScope, d.Scope)
	var resp []string
	for _, r := range d.Responsibilities {
		resp = append(resp, "**"+escapeInline(r.Role)+"**: "+r.Duty)
	}
	add(headResponsibilities, bullets(resp, "- "))
	for _, s := range d.Sections {
		add(s.Heading, s.Body)
	}
	add(headProcedure, numbered(d.Steps))
	add(headChecklist, bullets(d.Checklist, checkbox))
	for _, s := range d.EndSections {
		add(s.Heading, s.Body)
	}
	return body(d.Title, secs, required)
}

// placeholders are the hints Blank writes in free-text fields it cannot
// fill, by field; another field gets one made from its title.
var placeholders = map[string]string{
	"owner":    "the job title of the person responsible",
	"approver": "the job title of the approver",
}

// blankFields are the fields Blank writes whatever the library requires.
var blankFields = []string{"id", "title", "version", "status", "owner", "roles"}

// blankValue is what Blank writes in field def of a new draft on day
// today (YYYY-MM-DD), when the caller gives no value: a list starts
// empty, a date is today, a version the draft's, a status draft, a
// review cycle the default one; any
// other field holds a placeholder to fill in.
func blankValue(def sop.Field, today string) field {
	f := field{key: def.Name}
	switch {
	case def.Shape == sop.ShapeList:
		f.list = []string{}
	case def.Kind == sop.DateValue:
		f.str = today
	case def.Kind == sop.VersionValue:
		f.str = DraftVersion
	case def.Kind == sop.StatusValue:
		f.str = sop.StatusDraft
	case def.Kind == sop.DaysValue:
		f.str = strconv.Itoa(library.DefaultReviewCycleDays)
	default:
		hint, ok := placeholders[def.Name]
		if !ok {
			hint = "the " + strings.ToLower(def.Title)
		}
		f.str = sop.Placeholder + " " + hint
	}
	return f
}

// Blank writes the file of a new SOP with every field and section the
// library requires, holding placeholders to fill in: the fields of
// blankFields, then the other required fields in the library's order,
// each written in its shape from sop's field table.
func Blank(id, title string, roleIDs []string, requiredFields, requiredSections []string, today string) []byte {
	given := map[string]field{
		"id":    {key: "id", str: id},
		"title": {key: "title", str: title},
		"roles": {key: "roles", list: roleIDs},
	}
	var fields []field
	for _, name := range append(slices.Clone(blankFields), requiredFields...) {
		def, known := sop.FieldNamed(name)
		if !known || slices.ContainsFunc(fields, func(x field) bool { return x.key == name }) {
			continue
		}
		f, ok := given[name]
		if !ok {
			f = blankValue(def, today)
		}
		fields = append(fields, f)
	}
	var secs []section
	for _, s := range requiredSections {
		secs = append(secs, section{s, SectionPlaceholder(s)})
	}
	return append(frontMatter(fields), body(title, secs, nil)...)
}

// stepPlaceholder is the first step of a new draft's Procedure, and the
// step Extract gives a definition read from an SOP without one (a
// template's SOP needs one).
const stepPlaceholder = sop.Placeholder + " write the first step as an instruction."

// SectionPlaceholder is the text a new draft holds under a required
// section's heading (LF line breaks, no final one).
func SectionPlaceholder(name string) string {
	switch strings.ToLower(name) {
	case "purpose":
		return sop.Placeholder + " say why this procedure exists and what it achieves."
	case "scope":
		return sop.Placeholder + " say who and what this procedure covers."
	case "procedure":
		return "1. " + stepPlaceholder + "\n2. " + sop.Placeholder + " write the next step."
	}
	return sop.Placeholder + " write this section."
}
