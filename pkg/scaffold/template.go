package scaffold

import (
	"bytes"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// TemplateYAML writes a role template in the format of SPEC section 3
// that roles.ParseTemplate reads back as t: header lines first, as
// comments, then the keys in the order of roles.TemplateKeys and, in each
// SOP entry, of roles.EntryKeys, empty ones left out. Text goes through
// the YAML encoder (see strNode), text of several lines as a block.
func TemplateYAML(t *roles.Template, header []string) []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	put(m, "id", textNode(t.ID))
	put(m, "title", textNode(t.Title))
	put(m, "department", textNode(t.Department))
	put(m, "description", textNode(t.Description))
	put(m, "role", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: map[bool]string{true: "true", false: "false"}[t.Role]})
	if len(t.KPIs) > 0 {
		kpis := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range t.KPIs {
			put(kpis, k.ID, kpiNode(k))
		}
		put(m, "kpis", kpis)
	}
	sops := &yaml.Node{Kind: yaml.SequenceNode}
	for _, e := range t.SOPs {
		sops.Content = append(sops.Content, entryNode(e))
	}
	put(m, "sops", sops)
	var b bytes.Buffer
	for _, h := range header {
		b.WriteString("# " + strings.Join(strings.Fields(h), " ") + "\n")
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(m) // encoding nodes of strings into a buffer cannot fail
	_ = enc.Close()
	// A blank line before each entry, as in the built-in templates: only
	// an entry starts a line with "  - id:" (block text is indented more).
	return entryStart.ReplaceAll(b.Bytes(), []byte("\n$1"))
}

var entryStart = regexp.MustCompile(`(?m)^(  - id: )`)

// put adds key: v to mapping m unless v is empty text or an empty list.
func put(m *yaml.Node, key string, v *yaml.Node) {
	if v.Kind == yaml.ScalarNode && v.Value == "" || v.Kind == yaml.SequenceNode && len(v.Content) == 0 && key != "sops" {
		return
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
}

// textNode is text as strNode writes it, but text of several lines as a
// literal block, which reads as written.
func textNode(s string) *yaml.Node {
	n := strNode(s, false)
	// Blanks at either end are left to the quotes, which keep them all, and
	// so are lines indented with a tab, which sopctl refuses in YAML.
	if strings.Contains(s, "\n") && !strings.Contains(s, "\r") && strings.TrimSpace(s) == s && !tabIndent(s) {
		n.Style = yaml.LiteralStyle // the encoder quotes it if a block cannot hold it
	}
	return n
}

// tabIndent reports whether a line of s has a tab in its indentation.
func tabIndent(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.Contains(line[:len(line)-len(strings.TrimLeft(line, " \t"))], "\t") {
			return true
		}
	}
	return false
}

// listNode is a list of short text in flow style ([a, b]) and of longer
// text (steps) as a block.
func listNode(items []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, it := range items {
		if flow {
			n.Content = append(n.Content, strNode(it, true))
		} else {
			n.Content = append(n.Content, textNode(it))
		}
	}
	return n
}

func kpiNode(k roles.KPI) *yaml.Node {
	if k.Definition == "" && k.Target == "" {
		return textNode(k.Name)
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	put(m, "name", textNode(k.Name))
	put(m, "definition", textNode(k.Definition))
	put(m, "target", textNode(k.Target))
	return m
}

// pairsNode is a list of {first: a, second: b} mappings.
func pairsNode(keys []string, pairs [][2]string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, p := range pairs {
		m := &yaml.Node{Kind: yaml.MappingNode}
		put(m, keys[0], textNode(p[0]))
		put(m, keys[1], textNode(p[1]))
		n.Content = append(n.Content, m)
	}
	return n
}

func sectionPairs(secs []roles.Section) [][2]string {
	out := make([][2]string, len(secs))
	for i, s := range secs {
		out[i] = [2]string{s.Heading, s.Body}
	}
	return out
}

// entryNode is one item of sops: the id alone, or the full definition.
func entryNode(e roles.Entry) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	put(m, "id", textNode(e.ID))
	d := e.Def
	if d == nil {
		return m
	}
	put(m, "title", textNode(d.Title))
	put(m, "owner", textNode(d.Owner))
	put(m, "responsible", listNode(d.Responsible, true))
	put(m, "purpose", textNode(d.Purpose))
	put(m, "scope", textNode(d.Scope))
	resp := make([][2]string, len(d.Responsibilities))
	for i, r := range d.Responsibilities {
		resp[i] = [2]string{r.Role, r.Duty}
	}
	put(m, "responsibilities", pairsNode(sop.KeyNames(roles.ResponsibilityKeys()), resp))
	put(m, "sections", pairsNode(sop.KeyNames(roles.SectionKeys()), sectionPairs(d.Sections)))
	put(m, "steps", listNode(d.Steps, false))
	put(m, "checklist", listNode(d.Checklist, false))
	put(m, "end_sections", pairsNode(sop.KeyNames(roles.SectionKeys()), sectionPairs(d.EndSections)))
	put(m, "related", listNode(d.Related, true))
	put(m, "kpis", listNode(d.KPIs, true))
	put(m, "channels", listNode(d.Channels, true))
	put(m, "tags", listNode(d.Tags, true))
	return m
}
