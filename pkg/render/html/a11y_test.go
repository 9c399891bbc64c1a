package html_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// pageProblems checks one page for validity and accessibility basics:
// <html lang>, a viewport, a non-empty <title>, exactly one <h1>, heading
// levels that never skip down (h2 -> h4), a label for every form control
// (taskList says whether to check GFM task-list checkboxes too) and ids
// unique on the page.
func pageProblems(name string, doc *xhtml.Node, taskList bool) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, name+": "+fmt.Sprintf(format, args...)) }
	h1s, prevLevel := 0, 0
	var prevText string
	ids := map[string]int{}
	labelFor := map[string]bool{}
	var inputs []*xhtml.Node
	hasViewport, hasTitle, hasLang := false, false, false
	walk(doc, func(n *xhtml.Node) {
		if id, ok := attr(n, "id"); ok {
			ids[id]++
			idProblems(n, id, bad)
		}
		switch n.Data {
		case "html":
			if lang, _ := attr(n, "lang"); strings.TrimSpace(lang) != "" {
				hasLang = true
			}
		case "meta":
			if v, _ := attr(n, "name"); v == "viewport" {
				hasViewport = true
			}
		case "title":
			hasTitle = strings.TrimSpace(textOf(n)) != ""
		case "label":
			if f, ok := attr(n, "for"); ok {
				labelFor[f] = true
			}
		case "input", "select", "textarea":
			inputs = append(inputs, n)
		case "h1", "h2", "h3", "h4", "h5", "h6":
			level := int(n.Data[1] - '0')
			text := strings.Join(strings.Fields(textOf(n)), " ")
			if level == 1 {
				h1s++
			}
			if prevLevel > 0 && level > prevLevel+1 {
				bad("heading level skips from h%d %q to h%d %q", prevLevel, prevText, level, text)
			}
			if text == "" {
				bad("an empty <%s>", n.Data)
			}
			prevLevel, prevText = level, text
		}
	})
	if !hasLang {
		bad("<html> has no lang")
	}
	if !hasViewport {
		bad("no <meta name=viewport>")
	}
	if !hasTitle {
		bad("no <title>")
	}
	if h1s != 1 {
		bad("%d <h1> elements, want exactly one", h1s)
	}
	for id, n := range ids {
		if n > 1 {
			bad("id %q is used %d times", id, n)
		}
	}
	for _, in := range unlabelled(inputs, labelFor, taskList) {
		bad("<%s %s> has no label", in.Data, attrString(in))
	}
	return out
}

// idProblems reports through bad an id that is empty or holds other than
// letters, digits, - and _ on the element n.
func idProblems(n *xhtml.Node, id string, bad func(format string, args ...any)) {
	if strings.ContainsFunc(id, func(r rune) bool {
		return r < utf8.RuneSelf && !(r == '-' || r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) {
		// Valid HTML5, but validators such as html-validate's
		// valid-id rule, and CSS selectors, want plain ids.
		bad("id %q holds a character other than a letter, digit, - or _", id)
	}
	if id == "" {
		bad("an empty id on <%s>", n.Data)
	}
}

// unlabelled returns the form controls among inputs that no label names:
// not a <label for> (labelFor holds their ids), an aria-label, an
// aria-labelledby or an enclosing <label>. Hidden inputs need none, nor
// do task-list checkboxes unless taskList.
func unlabelled(inputs []*xhtml.Node, labelFor map[string]bool, taskList bool) []*xhtml.Node {
	var out []*xhtml.Node
	for _, in := range inputs {
		if typ, _ := attr(in, "type"); typ == "hidden" {
			continue
		}
		if !taskList && isTaskCheckbox(in) {
			continue
		}
		id, _ := attr(in, "id")
		aria, _ := attr(in, "aria-label")
		labelledBy, _ := attr(in, "aria-labelledby")
		if (id == "" || !labelFor[id]) && strings.TrimSpace(aria) == "" && labelledBy == "" && !insideLabel(in) {
			out = append(out, in)
		}
	}
	return out
}

// isTaskCheckbox reports whether n is the disabled checkbox goldmark
// writes for a GFM task-list item.
func isTaskCheckbox(n *xhtml.Node) bool {
	typ, _ := attr(n, "type")
	_, disabled := attr(n, "disabled")
	return typ == "checkbox" && disabled && n.Parent != nil && n.Parent.Data == "li"
}

func insideLabel(n *xhtml.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == xhtml.ElementNode && p.Data == "label" {
			return true
		}
	}
	return false
}

func attrString(n *xhtml.Node) string {
	var parts []string
	for _, a := range n.Attr {
		parts = append(parts, fmt.Sprintf("%s=%q", a.Key, a.Val))
	}
	return strings.Join(parts, " ")
}

func TestAccessibility(t *testing.T) {
	for _, lib := range []struct {
		name, dir string
		history   gitlog.History
	}{{"small", smallDir, rendertest.SmallHistory()}, {"example", exampleDir, gitlog.History{}}} {
		t.Run(lib.name, func(t *testing.T) {
			files, _ := bundle(t, lib.dir, lib.history)
			for _, name := range htmlPages(files) {
				for _, p := range pageProblems(name, parse(t, name, files[name]), false) {
					t.Error(p)
				}
			}
		})
	}
}

// The checkboxes of a GFM task list are form controls with no label: a
// screen reader announces "checkbox, not checked, dimmed" with no name.
func TestTaskListCheckboxesLabelled(t *testing.T) {
	files, _ := bundle(t, smallDir, rendertest.SmallHistory())
	name := "sops/complaint-handling.html"
	var problems []string
	for _, p := range pageProblems(name, parse(t, name, files[name]), true) {
		if strings.Contains(p, "has no label") {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		t.Errorf("regression: convert.go (goldmark GFM task lists): a task-list item `- [x] Customer informed` becomes <li><input checked disabled type=checkbox> Customer informed</li>, a form control with no label or aria-label (expected the item text to label it, e.g. <label><input ...> text</label>, or aria-hidden/role=img with a text state); %d such inputs on %s, first: %s",
			len(problems), name, problems[0])
	}
}

// A body heading whose slug equals an id of the page's own template
// ("main", "sopctl-related", ...) must not duplicate that id.
func TestBodyHeadingIDsDoNotClash(t *testing.T) {
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/main.md": rendertest.SOPFile("main", "", "## Purpose\n\nP.\n\n## Main\n\nThe main points.\n\n## Sopctl Related\n\nX.\n\n"+
			"## Contents\n\nY.\n\n## Search\n\nZ.\n\n## Related\n\n## Referenced by\n\n## History\n\n## Procedure\n\n1. Do.\n"),
		"sops/main-title.md": rendertest.SOPFile("main-title", "", "## Procedure\n\n1. Do.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	var problems []string
	for _, name := range htmlPages(files) {
		for _, p := range pageProblems(name, parse(t, name, files[name]), false) {
			if strings.Contains(p, "is used") {
				problems = append(problems, p)
			}
		}
	}
	if len(problems) > 0 {
		t.Errorf("regression: html.go pageLinker.HeadingID/handbook ids: body heading ids are not kept apart from the template's ids: %s (expected unique ids on every page, e.g. by prefixing body slugs or renaming the template's ids; the skip link #main then jumps to the heading)", strings.Join(problems, "; "))
	}
}
