package changes

import (
	"slices"

	"github.com/sopctl/sopctl/pkg/sop"
)

// section is a level-2 section's heading text and its source: the heading
// line and what follows up to the next heading of level 1 or 2.
type section struct {
	name string
	text string
}

// sectionsOf lists the SOP's level-2 sections with their text; nil for a
// file that did not parse. Trailing blank lines do not count, so adding a
// section after another does not change the one before.
func sectionsOf(d *sop.Doc) []section {
	if d == nil {
		return nil
	}
	var out []section
	hs := d.Markdown.Headings
	for i, h := range hs {
		if h.Level != 2 || h.End == 0 {
			continue
		}
		end := len(d.Body)
		for _, next := range hs[i+1:] {
			if next.Level <= 2 && next.Start >= h.End {
				end = next.Start
				break
			}
		}
		text := string(d.Body[h.Start:end])
		for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == ' ') {
			text = text[:len(text)-1]
		}
		out = append(out, section{name: h.Text, text: text})
	}
	return out
}

// ChangedSections returns the level-2 headings whose section differs
// between the old and the new SOP (nil for a side where it is absent or
// does not parse): the new side's order, then the headings only the old
// side has; each heading once. A section whose heading was renamed shows
// under both names.
func ChangedSections(old, cur *sop.Doc) []string {
	before, after := sectionsOf(old), sectionsOf(cur)
	out := []string{}
	add := func(name string) {
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	for _, s := range after {
		if !slices.Contains(before, s) {
			add(s.name)
		}
	}
	for _, s := range before {
		if !slices.ContainsFunc(after, func(a section) bool { return a.name == s.name }) {
			add(s.name)
		}
	}
	return out
}
