package scaffold

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// DraftVersion is the version a scaffolded SOP starts at.
const DraftVersion = "0.1"

// field is one front-matter key and its value: a string or a list.
type field struct {
	key    string
	str    string
	list   []string
	isList bool
}

// frontMatter encodes fields through the YAML encoder, so that any value,
// a title with quotes or a colon included, reads back as exactly itself
// (to YAML 1.1 readers too: see strNode) and cannot add a field. Lists are written in flow style: [a, b].
func frontMatter(fields []field) []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range fields {
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: f.key}
		var v *yaml.Node
		if f.isList {
			v = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, s := range f.list {
				v.Content = append(v.Content, strNode(s, true))
			}
		} else {
			v = strNode(f.str, false)
			switch f.key {
			case "version":
				v.Style = yaml.DoubleQuotedStyle // SPEC: a version is a quoted string
			case "effective", "reviewed":
				// A date (today's, YYYY-MM-DD) is written plain, as people
				// write it (SPEC section 8): tagged as what YAML reads it as.
				v.Tag, v.Style = "!!timestamp", 0
			}
		}
		m.Content = append(m.Content, k, v)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(m) // encoding strings into a buffer cannot fail
	_ = enc.Close()
	return append(append([]byte("---\n"), b.Bytes()...), "---\n"...)
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

// escapeInline makes text read literally as Markdown inline content on
// one line: newlines become spaces and markup characters are escaped.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#&|!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// numbered writes a Markdown ordered list, indenting continuation lines.
func numbered(items []string) string {
	var b strings.Builder
	for i, it := range items {
		prefix := fmt.Sprintf("%d. ", i+1)
		b.WriteString(prefix + indentRest(it, len(prefix)) + "\n")
	}
	return b.String()
}

func bullets(items []string, marker string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(marker + indentRest(it, 2) + "\n")
	}
	return b.String()
}

func indentRest(s string, n int) string {
	s = strings.TrimSpace(s)
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

// FromTemplate writes the file of a draft SOP from its template
// definition. roleIDs become its roles:; required are the library's
// required sections.
func FromTemplate(d *roles.SOP, roleIDs []string, required []string) []byte {
	fm := frontMatter([]field{
		{key: "id", str: d.ID},
		{key: "title", str: d.Title},
		{key: "version", str: DraftVersion},
		{key: "status", str: "draft"},
		{key: "owner", str: d.Owner},
		{key: "roles", list: roleIDs, isList: true},
		{key: "channels", list: d.Channels, isList: true},
		{key: "related", list: d.Related, isList: true},
		{key: "kpis", list: d.KPIs, isList: true},
		{key: "tags", list: d.Tags, isList: true},
	})
	var secs []section
	add := func(heading, text string) {
		if strings.TrimSpace(text) != "" {
			secs = append(secs, section{heading, strings.TrimSpace(text)})
		}
	}
	add("Purpose", d.Purpose)
	add("Scope", d.Scope)
	var resp []string
	for _, r := range d.Responsibilities {
		resp = append(resp, "**"+escapeInline(r.Role)+"**: "+r.Duty)
	}
	add("Responsibilities", bullets(resp, "- "))
	for _, s := range d.Sections {
		add(s.Heading, s.Body)
	}
	add("Procedure", numbered(d.Steps))
	add("Checklist", bullets(d.Checklist, "- [ ] "))
	return append(fm, body(d.Title, secs, required)...)
}

// Blank writes the file of a new SOP with every field and section the
// library requires, holding placeholders to fill in.
func Blank(id, title string, roleIDs []string, requiredFields, requiredSections []string, today string) []byte {
	fields := []field{
		{key: "id", str: id},
		{key: "title", str: title},
		{key: "version", str: DraftVersion},
		{key: "status", str: "draft"},
		{key: "owner", str: sop.Placeholder + " the job title of the person responsible"},
		{key: "roles", list: roleIDs, isList: true},
	}
	for _, f := range requiredFields {
		if slices.ContainsFunc(fields, func(x field) bool { return x.key == f }) {
			continue
		}
		switch f {
		case "effective", "reviewed":
			fields = append(fields, field{key: f, str: today})
		case "approver":
			fields = append(fields, field{key: f, str: sop.Placeholder + " the job title of the approver"})
		default:
			fields = append(fields, field{key: f, isList: true, list: []string{}})
		}
	}
	var secs []section
	for _, s := range requiredSections {
		text := sop.Placeholder + " write this section."
		switch strings.ToLower(s) {
		case "purpose":
			text = sop.Placeholder + " say why this procedure exists and what it achieves."
		case "scope":
			text = sop.Placeholder + " say who and what this procedure covers."
		case "procedure":
			text = "1. " + sop.Placeholder + " write the first step as an instruction.\n2. " + sop.Placeholder + " write the next step."
		}
		secs = append(secs, section{s, text})
	}
	return append(frontMatter(fields), body(title, secs, nil)...)
}
