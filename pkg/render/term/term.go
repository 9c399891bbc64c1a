// Package term renders one SOP for a terminal, with glamour: a header with
// the title and the metadata, then the body. It takes the SOP's page of the
// handbook model (render.Handbook.View), as the bundle writers take the
// Handbook.
//
// Everything taken from the file is made safe first: control characters,
// and so every terminal escape sequence, show as their escapes (\x1b), as
// do character references to them, and front-matter values are
// escaped so that they show as written rather than as Markdown. Documents
// that glamour would take too long to lay out are refused with a
// *LimitError. The style and width are the caller's choice: Render never
// looks at the real terminal or the environment.
package term

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/muesli/termenv"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Styles returns the glamour standard styles Render accepts: dark and
// light for terminals with those backgrounds, notty for plain text
// (pipes, files, NO_COLOR).
func Styles() []string { return []string{"dark", "light", "notty"} }

// Options are how to render.
type Options struct {
	// Style is "dark", "light" or "notty".
	Style string
	// Width is the column at which text wraps; 0 means DefaultWidth. It is
	// kept between MinWidth and MaxWidth.
	Width int
	// KPI, when set, gives the KPI of an id (render.Handbook.KPI; nil for
	// one sopctl.yaml does not define): a KPI shows with its name and
	// target, as the bundles show it, rather than as its id alone.
	KPI func(id string) *render.KPI
}

// Widths Render accepts.
const (
	DefaultWidth = 80
	MinWidth     = 20
	MaxWidth     = 1000
)

// Render returns an SOP's page laid out for a terminal (the page comes
// from the handbook model: render.Handbook.View). The error is a
// *LimitError when the document is too large or too deeply nested to lay
// out.
func Render(p *render.Page, opts Options) (string, error) {
	doc := p.Doc
	color := opts.Style != "notty"
	if !slices.Contains(Styles(), opts.Style) {
		return "", fmt.Errorf("unknown style %q: use %s", opts.Style, strings.Join(Styles(), ", "))
	}
	width := opts.Width
	if width == 0 {
		width = DefaultWidth
	}
	width = min(max(width, MinWidth), MaxWidth)
	if n := len(doc.Body); n > MaxBodyBytes {
		return "", &LimitError{Reason: fmt.Sprintf("the body is %s; at most %s", kib(n), kib(MaxBodyBytes))}
	}

	title := titleOf(doc)
	header := headerMarkdown(title, p.Meta(), color, opts.KPI)
	if n := len(header); n > maxHeaderBytes {
		return "", &LimitError{Reason: fmt.Sprintf("the front-matter values shown take %s; at most %s", kib(n), kib(maxHeaderBytes))}
	}
	body := clean(dropTitle(p))
	src := header + body
	loc := locator{headerLines: strings.Count(header, "\n"), bodyLine: max(doc.BodyLine, 1)}
	if err := checkLines(src, loc); err != nil {
		return "", err
	}
	// The limits sop.Parse applies, again before goldmark parses: the body
	// laid out is cleaned, and a Doc need not come from Parse.
	if e := sop.CheckBody([]byte(body), 1); e != nil {
		return "", loc.errorf(loc.headerLines+e.Pos.Line, "%s", e.Msg)
	}
	if err := checkTree(src, width, loc); err != nil {
		return "", err
	}

	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(opts.Style),
		glamour.WithWordWrap(width),
		glamour.WithColorProfile(termenv.ANSI256),
	)
	if err != nil {
		return "", err
	}
	out, err := r.Render(src)
	if err != nil {
		return "", err
	}
	return tidy(filterOutput(out, color), color), nil
}

// titleOf is the SOP's title, else its id, else its file name's stem.
func titleOf(doc *sop.Doc) string {
	for _, t := range []string{doc.Meta.Title.Text, doc.Meta.ID.Text, strings.TrimSuffix(path.Base(doc.Path), ".md")} {
		if t = oneLine(t); t != "" && t != "." && t != "/" {
			return t
		}
	}
	return "Untitled"
}

// headerMarkdown is the title as a level-1 heading, a list of the
// model's metadata entries that are set, named by their front-matter
// names, and a rule. The values are the file's, as written (a KPI that
// kpi knows by its Label); channels, tags and the next review are left
// out.
func headerMarkdown(title string, meta []render.MetaField, bold bool, kpi func(string) *render.KPI) string {
	var b strings.Builder
	b.WriteString("# " + escape(title) + "\n\n")
	for _, e := range meta {
		if e.Name == render.NextReview || e.Name == "channels" || e.Name == "tags" {
			continue
		}
		value := ""
		if e.IsList {
			var items []string
			for _, it := range e.List.Items {
				t := it.Text
				if e.Name == "kpis" && kpi != nil {
					if k := kpi(t); k != nil {
						t = k.Label()
					}
				}
				if t = oneLine(t); t != "" {
					items = append(items, t)
				}
			}
			value = strings.Join(items, ", ")
		} else if e.Value.Set {
			value = oneLine(e.Value.Text)
		}
		switch {
		case value == "":
		case bold:
			fmt.Fprintf(&b, "- **%s:** %s\n", e.Name, escape(value))
		default:
			fmt.Fprintf(&b, "- %s: %s\n", e.Name, escape(value))
		}
	}
	b.WriteString("\n---\n\n")
	return b.String()
}

// oneLine is a value made safe and put on one line: escape sequences and
// other characters a terminal could act on stripped (termsafe.Strip, as
// SPEC section 4 says of show), runs of white space (line breaks
// included) made one space. References need no defusing here: escape
// makes every & show as written.
func oneLine(s string) string {
	return strings.Join(strings.Fields(termsafe.Strip(s)), " ")
}

// escape makes text show literally in Markdown: a backslash is escaped
// with a backslash, every other ASCII punctuation character becomes a
// numeric character reference, so that nothing in a value can start
// emphasis, a link, a heading, a list, HTML or an autolink. (glamour shows
// the backslash of \: or \~, so backslash escapes alone would not do.)
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~", r):
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// dropTitle is the body with the lines of its H1 made empty when it
// repeats the title (sop.Body.TitleHeading), which the header already
// shows. The lines stay, empty, so that line numbers do not move.
func dropTitle(p *render.Page) string {
	body := p.Doc.Body
	h, repeats := p.Doc.Markdown.TitleHeading(p.Title)
	if !repeats || h.Start > h.End || h.End > len(body) {
		return string(body)
	}
	return string(body[:h.Start]) + strings.Repeat("\n", bytes.Count(body[h.Start:h.End], []byte("\n"))) + string(body[h.End:])
}

// tidy trims the blank lines glamour puts around the document and, in
// plain text, the spaces it pads every line with.
func tidy(out string, color bool) string {
	if !color {
		lines := strings.Split(out, "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		out = strings.Join(lines, "\n")
	}
	out = strings.Trim(out, "\n")
	if out == "" {
		return ""
	}
	return out + "\n"
}

func kib(n int) string {
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}
