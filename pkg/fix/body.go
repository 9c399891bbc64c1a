package fix

import (
	"bytes"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// retitleHeading fixes title-mismatch: the H1's text becomes the title,
// keeping the heading's form (ATX with its closing #s, or setext). A
// title still holding a placeholder, or one that Markdown cannot say on
// one line as it is, is left.
func retitleHeading(c *Context, f Finding) []Edit {
	if h := c.Doc.Markdown.H1; h == nil || h.Pos.Line != f.Pos.Line {
		return nil
	}
	return c.retitle(c.Doc.Meta.Title.Text)
}

// retitle returns the edit that makes the H1 say title, if it does not.
func (c *Context) retitle(title string) []Edit {
	h, title := c.Doc.Markdown.H1, strings.TrimSpace(title)
	if h == nil || h.Text == title || title == "" || strings.Contains(title, sop.Placeholder) ||
		strings.Join(strings.Fields(title), " ") != title {
		return nil
	}
	start, end := c.lines.Start(h.Pos.Line), c.lines.End(h.Pos.Line)
	line := c.Doc.Src[start:end]
	from, to, ok := atxText(line)
	if !ok {
		from, to, ok = c.setextText(line, h.Pos.Line)
	}
	if !ok {
		return nil
	}
	text := scaffold.EscapeInline(title)
	if from == to {
		text = " " + text
	}
	return []Edit{{From: start + from, To: start + to, Text: text}}
}

// atxText returns the span of an ATX H1's text in its line ("# Text ##"),
// without the closing sequence; an empty span right after the #.
func atxText(line []byte) (from, to int, ok bool) {
	lead := len(line) - len(bytes.TrimLeft(line, " "))
	if lead > 3 || !bytes.HasPrefix(line[lead:], []byte("#")) || bytes.HasPrefix(line[lead:], []byte("##")) {
		return 0, 0, false
	}
	open := lead + 1
	rest := line[open:]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return 0, 0, false
	}
	from = open + len(rest) - len(bytes.TrimLeft(rest, " \t"))
	body := bytes.TrimRight(line[from:], " \t")
	if trimmed := bytes.TrimRight(body, "#"); len(trimmed) < len(body) &&
		(len(trimmed) == 0 || trimmed[len(trimmed)-1] == ' ' || trimmed[len(trimmed)-1] == '\t') {
		body = bytes.TrimRight(trimmed, " \t")
	}
	if len(body) == 0 {
		return open, open, true
	}
	return from, from + len(body), true
}

// setextText returns the span of a one-line setext H1's text: the line
// is followed by its === underline.
func (c *Context) setextText(line []byte, n int) (from, to int, ok bool) {
	next := c.Doc.Src[c.lines.Start(n+1):c.lines.End(n+1)]
	u := bytes.TrimSpace(next)
	if n+1 > c.lines.Count() || len(u) == 0 || len(bytes.Trim(u, "=")) != 0 {
		return 0, 0, false
	}
	t := bytes.TrimSpace(line)
	if len(t) == 0 {
		return 0, 0, false
	}
	from = bytes.Index(line, t)
	return from, from + len(t), true
}

// appendSection fixes missing-section: "## Name" and the text a new draft
// holds there (scaffold.SectionPlaceholder) go at the end of the body,
// after a blank line, in the file's line breaks. It is left when the
// section would not read as one there (the body ends in an open code
// block or the like).
func appendSection(c *Context, f Finding) []Edit {
	req := c.config().RequiredSections
	name := subject(f.Message, "required section ", "", req)
	var missing []string
	for _, r := range req {
		if _, ok := c.Doc.Markdown.Section(r); !ok {
			missing = append(missing, r)
		}
	}
	k := slices.Index(missing, name)
	if k < 0 {
		return nil
	}
	texts := c.sectionTexts(missing[:k+1])
	src := c.Doc.Src
	d, err := sop.Parse(c.Doc.Path, append(src[:len(src):len(src)], strings.Join(texts, "")...))
	if err != nil {
		return nil
	}
	if s, ok := d.Markdown.Section(name); !ok || s.Empty {
		return nil
	}
	return []Edit{{From: len(src), To: len(src), Text: texts[k], Order: slices.Index(req, name)}}
}

// sectionTexts are the texts that append the sections names, in order,
// each after a blank line, in the file's line breaks: the first also ends
// the file's last line, or uses the blank line the file ends with.
func (c *Context) sectionTexts(names []string) []string {
	eol, src := c.lines.EOL(), c.Doc.Src
	out := make([]string, len(names))
	for i, name := range names {
		var b strings.Builder
		switch {
		case i > 0:
			b.WriteString(eol)
		case len(src) > 0 && src[len(src)-1] != '\n' && src[len(src)-1] != '\r':
			b.WriteString(eol + eol)
		case !bytes.HasSuffix(src, []byte("\n\n")) && !bytes.HasSuffix(src, []byte("\r\n\r\n")) && !bytes.HasSuffix(src, []byte("\r\r")):
			b.WriteString(eol)
		}
		b.WriteString("## " + name + eol + eol + strings.ReplaceAll(scaffold.SectionPlaceholder(name), "\n", eol) + eol)
		out[i] = b.String()
	}
	return out
}

// fixAnchor fixes broken-link when the link's target lacks the heading of
// its anchor and exactly one of the target's headings is within two edits
// of it: only the anchor's bytes in the link change.
func fixAnchor(c *Context, f Finding) []Edit {
	if c.Lib == nil {
		return nil
	}
	for _, l := range c.Doc.Markdown.Links {
		if l.Pos != f.Pos {
			continue
		}
		r := c.Lib.ResolveLink(c.Doc, l.Dest)
		hash := strings.LastIndexByte(l.Dest, '#')
		if r.Problem != library.LinkNoHeading || hash < 0 || l.Dest[hash+1:] != r.Anchor {
			return nil
		}
		slug, ok := oneNear(r.Anchor, r.Doc.Markdown.Headings)
		if !ok {
			return nil
		}
		start, end := c.lines.Offset(l.Pos.Line, l.Pos.Col), c.lines.End(l.Pos.Line)
		i := bytes.Index(c.Doc.Src[start:end], []byte(l.Dest))
		if i < 0 {
			return nil
		}
		at := start + i + hash + 1
		return []Edit{{From: at, To: at + len(r.Anchor), Text: slug}}
	}
	return nil
}

// oneNear returns the one slug of headings within two edits of anchor.
func oneNear(anchor string, headings []sop.Heading) (string, bool) {
	found := ""
	for _, h := range headings {
		if h.Slug != "" && sop.EditDistance(anchor, h.Slug) <= 2 {
			if found != "" && found != h.Slug {
				return "", false
			}
			found = h.Slug
		}
	}
	return found, found != ""
}

// resolveParam fixes unresolved-param in the body when sopctl.yaml's
// params set the parameter: the citation at the finding becomes the
// value, escaped as Markdown text, as sopctl new would have written it.
// A citation in front matter, or of a parameter sopctl.yaml does not
// set, is left for a person.
func resolveParam(c *Context, f Finding) []Edit {
	if f.Pos.Line < c.Doc.BodyLine {
		return nil
	}
	at := c.lines.Offset(f.Pos.Line, f.Pos.Col)
	rest := string(c.Doc.Src[at:c.lines.End(f.Pos.Line)])
	cites := sop.Citations(rest)
	if len(cites) == 0 || cites[0].Start != 0 {
		return nil // the file is not as the finding says
	}
	v, ok := c.config().Param(cites[0].ID)
	if !ok {
		return nil
	}
	return []Edit{{From: at, To: at + cites[0].End, Text: scaffold.EscapeInline(v)}}
}
