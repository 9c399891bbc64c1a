package html_test

import (
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// A table wider than a phone's screen must scroll in its own box, not
// widen the page: every table of every page (body tables, the revision
// history, the SOP lists of the index and role pages) sits in a div.table-wrap that the
// keyboard can reach (tabindex 0) and that is a named region, as axe asks
// of a focusable scrolling box.
func TestTablesScrollInTheirBox(t *testing.T) {
	for _, lib := range []struct {
		name, dir           string
		history             gitlog.History
		minBody, minHistory int // tables the library must have, so the test tests something
	}{
		{"small", smallDir, rendertest.SmallHistory(), 2, 1},
		{"example", exampleDir, gitlog.History{}, 1, 0},
	} {
		t.Run(lib.name, func(t *testing.T) {
			files, _ := bundle(t, lib.dir, lib.history)
			body, history := 0, 0
			for _, name := range htmlPages(files) {
				doc := parse(t, name, files[name])
				ids := map[string]bool{}
				walk(doc, func(n *xhtml.Node) {
					if id, ok := attr(n, "id"); ok {
						ids[id] = true
					}
				})
				walk(doc, func(n *xhtml.Node) {
					if n.Type != xhtml.ElementNode || n.Data != "table" {
						return
					}
					if problem := scrollBoxProblem(n.Parent, ids); problem != "" {
						t.Errorf("%s: a table %s", name, problem)
					}
					if v, _ := attr(n.Parent, "aria-labelledby"); v == "Change-log" {
						history++
					} else if class, _ := attr(n.Parent, "class"); !strings.Contains(class, "sop-list") {
						body++
					}
				})
			}
			if body < lib.minBody || history < lib.minHistory {
				t.Errorf("found %d body tables and %d history tables, want at least %d and %d", body, history, lib.minBody, lib.minHistory)
			}
		})
	}
}

// scrollBoxProblem says what is wrong with the parent of a table, or "".
func scrollBoxProblem(box *xhtml.Node, ids map[string]bool) string {
	if box == nil || box.Type != xhtml.ElementNode || box.Data != "div" {
		return "is not directly inside a div"
	}
	if class, _ := attr(box, "class"); !strings.Contains(" "+class+" ", " table-wrap ") {
		return "sits in a div without class table-wrap: " + attrString(box)
	}
	if v, _ := attr(box, "tabindex"); v != "0" {
		return "sits in a box the keyboard cannot reach (tabindex 0): " + attrString(box)
	}
	if v, _ := attr(box, "role"); v != "region" {
		return "sits in a box that is not a region: " + attrString(box)
	}
	label, _ := attr(box, "aria-label")
	by, _ := attr(box, "aria-labelledby")
	if strings.TrimSpace(label) == "" && !ids[by] {
		return "sits in a box with no accessible name: " + attrString(box)
	}
	return ""
}

// Every region of the one-page handbook has its own name (axe's
// landmark-unique), though two SOPs have tables under the same heading
// and one has two; and every code block, which scrolls sideways too, can
// take the keyboard focus (axe's scrollable-region-focusable).
func TestTableNamesUniqueAndCodeFocusable(t *testing.T) {
	body := "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Steps\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
		"| c | d |\n|---|---|\n| 3 | 4 |\n\n```sh\necho <b>\n```\n\n    indented code\n"
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/one.md": rendertest.SOPFile("one", "", body),
		"sops/two.md": rendertest.SOPFile("two", "", body),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	for _, name := range []string{"handbook.html", "sops/one.html"} {
		labels := map[string]int{}
		pres := 0
		walk(parse(t, name, files[name]), func(n *xhtml.Node) {
			if role, _ := attr(n, "role"); role == "region" {
				label, _ := attr(n, "aria-label")
				labels[label]++
			}
			if n.Type == xhtml.ElementNode && n.Data == "pre" {
				pres++
				if v, _ := attr(n, "tabindex"); v != "0" {
					t.Errorf("%s: a code block the keyboard cannot reach: %s", name, attrString(n))
				}
			}
		})
		for label, n := range labels {
			if n > 1 {
				t.Errorf("%s: %d regions are named %q", name, n, label)
			}
		}
		if pres == 0 || len(labels) < 3 {
			t.Errorf("%s: found %d code blocks and %d region names %v, want some and at least 3", name, pres, len(labels), labels)
		}
	}
}
