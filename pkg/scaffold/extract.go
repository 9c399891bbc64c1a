package scaffold

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Note is something of an SOP that a template extracted from it cannot
// carry as it is: sopctl new from the template writes the SOP differently
// there.
type Note struct {
	Path string
	Pos  sop.Pos
	Msg  string
}

// String is the note as a message: path:line:col: what; a note about no
// one file (Path "") is its text alone.
func (n Note) String() string {
	if n.Path == "" {
		return n.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", n.Path, n.Pos.Line, n.Pos.Col, n.Msg)
}

// Extract reads an SOP back into the template definition that
// FromTemplate writes it from: the inverse of FromTemplate. Fields are
// read from the front matter (not version, status, dates, approver or
// roles, which belong to this library's copy); the body's sections go
// where FromTemplate writes them from, as long as they are in its order
// and shape (Purpose, Scope, Responsibilities as "- **Role**: duty",
// extra sections, Procedure as a list numbered 1., 2., ..., Checklist as
// "- [ ] " boxes, closing sections). Any other section is kept verbatim,
// as an extra section before the Procedure or a closing one after it.
//
// FromTemplate then writes the same body, with the body's line breaks as
// LF and its end as one line break, unless the notes say otherwise: each
// names what the template cannot carry (text before the first section,
// an H1 that is not the title, an empty section, a Procedure that is not
// a plain numbered list), and the last, if the bodies differ, the first
// line that differs. required are the required sections of the library
// the template is meant for (FromTemplate adds placeholders for those
// missing).
func Extract(doc *sop.Doc, required []string) (*roles.SOP, []Note) {
	m := &doc.Meta
	x := &extractor{doc: doc, d: &roles.SOP{
		ID: m.ID.Text, Title: m.Title.Text, Owner: m.Owner.Text,
		Responsible: nonEmpty(m.Responsible), Related: nonEmpty(m.Related), KPIs: nonEmpty(m.KPIs),
		Channels: nonEmpty(m.Channels), Tags: nonEmpty(m.Tags),
	}}
	if strings.TrimSpace(x.d.Title) == "" {
		x.d.Title = sop.Placeholder + " the title"
		x.note(m.Title.Pos, "the SOP has no title: the template holds a placeholder")
	}
	if strings.TrimSpace(x.d.Owner) == "" {
		x.d.Owner = sop.Placeholder + " " + placeholders["owner"]
		x.note(m.Owner.Pos, "the SOP has no owner: the template holds a placeholder")
	}
	x.sections()
	if len(x.d.Steps) == 0 {
		x.d.Steps = []string{stepPlaceholder}
		x.note(sop.Pos{Line: doc.BodyLine, Col: 1}, "the SOP has no Procedure with steps: the template holds a placeholder step, as a template's SOP needs one")
	}
	x.verify(required)
	return x.d, x.notes
}

type extractor struct {
	doc   *sop.Doc
	d     *roles.SOP
	notes []Note
}

func (x *extractor) note(pos sop.Pos, format string, args ...any) {
	x.notes = append(x.notes, Note{Path: x.doc.Path, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// nonEmpty are a list's items but empty ones, which a template cannot
// hold (lint reports them in free text; in lists of ids, broken-ref).
func nonEmpty(l sop.List) []string {
	var out []string
	for _, it := range l.Items {
		if strings.TrimSpace(it.Text) != "" {
			out = append(out, it.Text)
		}
	}
	return out
}

// The stages of the walk over an SOP's sections: which of FromTemplate's
// places the next section can still take.
const (
	atPurpose = iota
	atScope
	atResponsibilities
	atSections // extra sections, before the Procedure
	atChecklist
	atEnd // closing sections
)

// sections reads each level-2 section into the place FromTemplate writes
// it from, the first that its heading, shape and order allow.
func (x *extractor) sections() {
	body := string(x.doc.Body)
	secs := x.doc.Markdown.Sections
	stage := atPurpose
	for i, s := range secs {
		stop := len(body)
		if i+1 < len(secs) {
			stop = secs[i+1].Start
		}
		heading := sectionHeading(body, s)
		text := strings.TrimSpace(body[s.End:stop])
		switch {
		case text == "":
			x.note(s.Pos, "section %q is empty: the template leaves it out", heading)
			continue
		case strings.TrimSpace(heading) == "":
			x.note(s.Pos, "a section without a heading: the template leaves it out; give it a heading")
			continue
		}
		stage = x.place(stage, heading, text, s.Pos)
	}
}

// place puts one section where FromTemplate writes it from and returns
// the stage after it.
func (x *extractor) place(stage int, heading, text string, pos sop.Pos) int {
	d := x.d
	switch {
	case stage <= atPurpose && heading == headPurpose:
		d.Purpose = text
		return atScope
	case stage <= atScope && heading == headScope:
		d.Scope = text
		return atResponsibilities
	case stage <= atResponsibilities && heading == headResponsibilities:
		if r, ok := responsibilities(text); ok {
			d.Responsibilities = r
			return atSections
		}
	case stage <= atSections && heading == headProcedure:
		steps, ok := numberedList.read(text)
		if !ok {
			x.note(pos, "the Procedure is not a plain list numbered 1., 2., ... with nothing around it: sopctl new writes the template's steps as one")
			steps = slices.DeleteFunc(steps, func(s string) bool { return strings.TrimSpace(s) == "" })
			if len(steps) == 0 {
				steps = []string{text}
			}
		}
		d.Steps = steps
		return atChecklist
	case stage == atChecklist && heading == headChecklist:
		if boxes, ok := bulletList(checkbox).read(text); ok {
			d.Checklist = boxes
			return atEnd
		}
	}
	if stage <= atSections {
		d.Sections = append(d.Sections, roles.Section{Heading: heading, Body: text})
		return atSections
	}
	d.EndSections = append(d.EndSections, roles.Section{Heading: heading, Body: text})
	return atEnd
}

// sectionHeading is a section's heading as FromTemplate writes it back
// ("## " and the text): the line as written when it has that form, else
// the heading's text (verify then notes the difference).
func sectionHeading(body string, s sop.Section) string {
	line := strings.TrimSuffix(body[s.Start:s.End], "\n")
	if h, ok := strings.CutPrefix(line, "## "); ok && !strings.Contains(line, "\n") && strings.TrimSpace(h) == h && h != "" {
		return h
	}
	return s.Text
}

// responsibilities reads the items "- **Role**: duty" that FromTemplate
// writes; ok says whether the text is exactly those.
func responsibilities(text string) ([]roles.Responsibility, bool) {
	lines, ok := bulletList("- ").read(text)
	if !ok {
		return nil, false
	}
	var out []roles.Responsibility
	var written []string
	for _, l := range lines {
		raw, duty, found := strings.Cut(strings.TrimPrefix(l, "**"), "**: ")
		role := unescapeInline(raw)
		if !strings.HasPrefix(l, "**") || !found || strings.TrimSpace(role) == "" || strings.TrimSpace(duty) == "" {
			return nil, false
		}
		out = append(out, roles.Responsibility{Role: role, Duty: duty})
		written = append(written, "**"+escapeInline(role)+"**: "+duty)
	}
	return out, bullets(written, "- ") == text+"\n"
}

// unescapeInline undoes escapeInline's backslashes.
func unescapeInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(inlineEscaped, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// verify writes the body back from the definition and notes the first
// line that differs from the SOP's, if any.
func (x *extractor) verify(required []string) {
	want := strings.TrimRight(string(x.doc.Body), "\n") + "\n"
	got := string(templateBody(x.d, required))
	if got == want {
		return
	}
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	pos := sop.Pos{Line: x.doc.BodyLine + i, Col: 1}
	if i >= len(gl)-1 { // got ends with a line break: its last "line" is empty
		x.note(pos, "sopctl new from the template ends the body before this line")
		return
	}
	line := gl[i]
	if len(line) > 60 {
		line = line[:57] + "..."
	}
	x.note(pos, "sopctl new from the template writes the body differently from this line on (it writes %q)", line)
}
