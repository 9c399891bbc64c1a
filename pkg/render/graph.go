package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// Edge kinds of the cross-reference graph.
const (
	EdgeRelated    = "related"
	EdgeSupersedes = "supersedes"
	EdgeLinks      = "links"
)

// Edge is one reference from an SOP to another.
type Edge struct {
	From, To *Page
	Kind     string
}

// Edges lists every reference between SOPs once per kind, sorted.
func (h *Handbook) Edges() []Edge {
	var out []Edge
	for _, p := range h.SOPs {
		seen := map[string]bool{}
		add := func(t *Page, kind string) {
			if t != nil && t != p && !seen[kind+t.ID] {
				seen[kind+t.ID] = true
				out = append(out, Edge{p, t, kind})
			}
		}
		for _, t := range p.Related {
			add(t, EdgeRelated)
		}
		for _, t := range p.Supersedes {
			add(t, EdgeSupersedes)
		}
		for _, l := range p.Doc.Markdown.Links {
			if t, _, ok := h.resolve(p, l.Dest); ok && !l.Image {
				add(t, EdgeLinks)
			}
		}
	}
	slices.SortFunc(out, func(a, b Edge) int {
		return strings.Compare(a.From.ID+"\x00"+a.To.ID+"\x00"+a.Kind, b.From.ID+"\x00"+b.To.ID+"\x00"+b.Kind)
	})
	return out
}

// DOT writes the graph in Graphviz's language: solid arrows for related,
// bold for supersedes, dotted for links in the body; retired SOPs grey.
func (h *Handbook) DOT() string {
	var b strings.Builder
	fmt.Fprintf(&b, "digraph sops {\n  label=%s;\n  rankdir=LR;\n  node [shape=box, style=rounded];\n", dotQuote(h.Title))
	for _, p := range h.SOPs {
		attrs := "label=" + dotQuote(p.Title+"\n"+p.ID)
		if p.Doc.Meta.Retired() {
			attrs += ", color=grey, fontcolor=grey"
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(p.ID), attrs)
	}
	style := map[string]string{EdgeRelated: "", EdgeSupersedes: " [style=bold, label=\"supersedes\"]", EdgeLinks: " [style=dotted]"}
	for _, e := range h.Edges() {
		fmt.Fprintf(&b, "  %s -> %s%s;\n", dotQuote(e.From.ID), dotQuote(e.To.ID), style[e.Kind])
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote quotes a DOT string: backslashes, quotes and line breaks.
// Control characters first become visible escapes (termsafe.Text), whose
// backslash is then escaped, so a label shows \x1b and never holds ESC.
func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(termsafe.Text(s)) + `"`
}

// Mermaid writes the graph as a Mermaid flowchart, which GitHub renders in
// Markdown. Node names are generated (s0, s1, ...) so no id can break the
// syntax; titles are quoted with Mermaid's entity escapes.
func (h *Handbook) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	name := map[*Page]string{}
	for i, p := range h.SOPs {
		name[p] = "s" + strconv.Itoa(i)
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", name[p], mermaidText(p.Title))
	}
	arrow := map[string]string{EdgeRelated: " --> ", EdgeSupersedes: " ==>|supersedes| ", EdgeLinks: " -.-> "}
	for _, e := range h.Edges() {
		fmt.Fprintf(&b, "  %s%s%s\n", name[e.From], arrow[e.Kind], name[e.To])
	}
	for _, p := range h.SOPs {
		if p.Doc.Meta.Retired() {
			fmt.Fprintf(&b, "  class %s retired\n", name[p])
		}
	}
	b.WriteString("  classDef retired stroke-dasharray: 4 4, color: #777\n")
	return b.String()
}

// mermaidText escapes text for a quoted Mermaid label, on one line;
// control characters show as their escapes (termsafe.Text).
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(termsafe.Text(s)), " ") {
		switch r {
		case '"', '<', '>', '&', '#', '`', '[', ']', '{', '}', '(', ')', '|':
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
