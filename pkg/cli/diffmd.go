package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/sopctl/sopctl/pkg/changes"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// notesGroup is a heading of diff's release notes, with the changes it
// takes.
type notesGroup struct {
	heading string
	takes   func(changes.Change) bool
}

func retiredNow(c changes.Change) bool {
	return c.Change == changes.Modified && c.ToStatus == sop.StatusRetired && c.FromStatus != sop.StatusRetired
}

var notesGroups = []notesGroup{
	{"Added", func(c changes.Change) bool { return c.Change == changes.Added }},
	{"Changed", func(c changes.Change) bool { return c.Change == changes.Modified && !retiredNow(c) }},
	{"Retired", retiredNow},
	{"Removed", func(c changes.Change) bool { return c.Change == changes.Removed }},
}

// writeDiffMarkdown writes release notes a team lead can paste: a heading
// per kind of change, each SOP with its title, id, version and the
// sections that changed. Text from the files is escaped.
func writeDiffMarkdown(w io.Writer, from, to string, list []changes.Change) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## SOP changes from %s to %s\n", mdRev(from), mdRev(to))
	if len(list) == 0 {
		b.WriteString("\nNo SOP changed.\n")
	}
	for _, g := range notesGroups {
		first := true
		for _, c := range list {
			if !g.takes(c) {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n### %s\n\n", g.heading)
				first = false
			}
			b.WriteString(notesLine(c))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// notesLine is one SOP's line in the release notes.
func notesLine(c changes.Change) string {
	title := mdText(c.Title)
	if title == "" {
		title = mdText(c.ID)
	}
	id := "`" + c.ID + "`"
	if !sop.ValidID(c.ID) { // the stem of a file that does not parse
		id = mdText(c.ID)
	}
	line := fmt.Sprintf("- **%s** (%s), version %s", title, id, mdFromTo(c.FromVersion, c.ToVersion))
	if c.Change == changes.Modified && c.FromStatus != c.ToStatus {
		line += ", " + mdFromTo(c.FromStatus, c.ToStatus)
	}
	if len(c.Sections) > 0 {
		names := make([]string, len(c.Sections))
		for i, s := range c.Sections {
			names[i] = mdText(s)
		}
		label := "sections changed"
		if c.Change != changes.Modified {
			label = "sections"
		}
		line += "; " + label + ": " + strings.Join(names, ", ")
	}
	return line + "\n"
}

// mdFromTo is fromTo for Markdown: each value escaped, an arrow between.
func mdFromTo(a, b string) string {
	switch {
	case a == b || a == "":
		return mdText(orNone(b))
	case b == "":
		return mdText(a)
	}
	return mdText(a) + " → " + mdText(b)
}

// mdText escapes a value from a file for Markdown, with what a terminal
// could act on shown as escapes, as every command prints it.
func mdText(s string) string { return scaffold.EscapeInline(termsafe.Text(s)) }

// mdRev shows a revision as code (HEAD~1 as written), the working tree as
// words.
func mdRev(rev string) string {
	if rev == workTree || strings.ContainsAny(rev, "`\r\n") {
		return mdText(rev)
	}
	return "`" + termsafe.Text(rev) + "`"
}
