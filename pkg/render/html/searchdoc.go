package html

import (
	"bytes"
	"encoding/binary"
	"errors"
	stdhtml "html"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/render"
)

// Where a word occurs in an SOP, best first: search ranks a match in the
// title (or id, or a tag) above one in a heading, and that above one in
// the body.
const (
	fieldTitle = iota
	fieldHeading
	fieldBody
	fieldNone // not met yet in a heading or the body
)

// wordCode packs where a word occurs in an SOP into one small number:
// 3*(s+1)+field, where field is the best one it occurs in and s the first
// ## section of the page (0 for the text before the first one) that has
// it in the best field after the title, or -1 when only the title has it.
// search.js reads it back as field = code % 3, section = code / 3 - 1.
func wordCode(field, section int) int { return 3*(section+1) + field }

// snippetChars is how much of each section's opening text the snippet
// shards keep: about forty words, of which a result shows twenty.
const snippetChars = 240

// searchDoc is what one SOP gives the search: its words, where each
// occurs, the headings of its sections and their opening text.
type searchDoc struct {
	// words are the SOP's distinct words, each followed by a space (no
	// word holds one), and codes[i] says where the i-th occurs
	// (wordCode): one string and small numbers rather than a string
	// header and an int per word keep 10,000 SOPs' words in a third of
	// the memory until the search index is written (each).
	words string
	codes []int32
	// outline lists the page's ## sections as anchor, heading, anchor,
	// heading, ...
	outline []string
	// snippets are the opening text of the part before the first ##
	// heading, then of each ## section, cut at snippetChars.
	snippets []string
}

// searchScratch is what newSearchDoc reuses from one SOP to the next: a
// tokenizer that knows the words met before, and buffers grown to size.
type searchScratch struct {
	tok     *tokenizer
	text    []byte      // the visible text of the piece being read
	opening openingText // a heading's words, or a section's snippet
}

var searchScratches = sync.Pool{New: func() any { return &searchScratch{tok: newTokenizer()} }}

// newSearchDoc reads an SOP's title, id, tags and its body as its page
// shows it (bodyHTML, which sopctl wrote: raw HTML dropped, text escaped,
// so "<h2" only ever starts a heading tag).
func newSearchDoc(p *render.Page, bodyHTML []byte) searchDoc {
	sc := searchScratches.Get().(*searchScratch)
	defer searchScratches.Put(sc)
	t := sc.tok
	t.start()
	t.at(fieldTitle, -1)
	t.addString(p.Title)
	t.addString(p.ID)
	for _, tag := range p.Doc.Meta.Tags.Strings() {
		t.addString(tag)
	}
	var d searchDoc
	for s, part := range splitSections(bodyHTML) {
		if s > 0 {
			tag, inner, rest := cutHeading(part, "h2")
			anchor := stdhtml.UnescapeString(attr(tag, "id"))
			sc.text = appendVisible(sc.text[:0], inner)
			sc.opening.start(len(sc.text)) // as long as the text: its words on one line, never cut
			sc.opening.add(sc.text)
			d.outline = append(d.outline, anchor, sc.opening.String())
			t.at(fieldHeading, s)
			t.add(sc.text)
			part = rest
		}
		// The section's text is read in pieces cut at its minor headings,
		// whose tags part words as a space would: the snippet reads
		// them as one text.
		sc.opening.start(snippetChars)
		for len(part) > 0 {
			body, heading, rest := cutMinorHeading(part)
			sc.text = appendVisible(sc.text[:0], body)
			t.at(fieldBody, s)
			t.add(sc.text)
			sc.opening.add(sc.text)
			sc.text = appendVisible(sc.text[:0], heading)
			t.at(fieldHeading, s)
			t.add(sc.text)
			sc.opening.add(sc.text)
			part = rest
		}
		d.snippets = append(d.snippets, sc.opening.String())
	}
	d.words, d.codes = t.words(), t.codes()
	return d
}

// each calls fn with each of the SOP's words and where it occurs.
func (d *searchDoc) each(fn func(word string, code int)) {
	words := d.words
	for i := range d.codes {
		w, rest, _ := strings.Cut(words, " ")
		fn(w, int(d.codes[i]))
		words = rest
	}
}

// splitSections cuts body HTML before each <h2: the part before the first
// one (maybe empty), then one part per ## section.
func splitSections(b []byte) [][]byte {
	h2 := []byte("<h2")
	i := bytes.Index(b, h2)
	if i < 0 {
		return [][]byte{b}
	}
	parts := [][]byte{b[:i]}
	for b = b[i:]; ; {
		j := bytes.Index(b[len(h2):], h2)
		if j < 0 {
			return append(parts, b)
		}
		parts, b = append(parts, b[:len(h2)+j]), b[len(h2)+j:]
	}
}

// cutHeading splits a part that starts with a <name> element into its
// start tag, its content and what follows it.
func cutHeading(b []byte, name string) (tag, inner, rest []byte) {
	end := bytes.IndexByte(b, '>')
	closing := bytes.Index(b, []byte("</"+name+">"))
	if end < 0 || closing < end {
		return nil, nil, b
	}
	return b[:end], b[end+1 : closing], b[closing+len(name)+3:]
}

// cutMinorHeading splits b at its first h3-h6 heading: the text before it,
// the heading's content, and the rest.
func cutMinorHeading(b []byte) (before, heading, rest []byte) {
	for i := bytes.Index(b, []byte("<h")); i >= 0; {
		if i+2 < len(b) && '3' <= b[i+2] && b[i+2] <= '6' {
			if tag, inner, rest := cutHeading(b[i:], string(b[i+1:i+3])); tag != nil {
				return b[:i], inner, rest
			}
		}
		j := bytes.Index(b[i+2:], []byte("<h"))
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return b, nil, nil
}

// attr is the value of the attribute name="..." in a start tag sopctl
// wrote, still escaped.
func attr(tag []byte, name string) string {
	_, v, ok := bytes.Cut(tag, []byte(" "+name+`="`))
	if !ok {
		return ""
	}
	v, _, _ = bytes.Cut(v, []byte(`"`))
	return string(v)
}

// openingText is the opening of a text given in pieces that no word
// crosses: its words joined by one space, cut after at most max bytes at
// the end of a word and marked "…" when cut. What comes after the cut is
// not read.
type openingText struct {
	b    []byte
	max  int
	full bool
}

// start begins a new text, reusing the bytes of the last.
func (o *openingText) start(max int) { o.b, o.max, o.full = o.b[:0], max, false }

func (o *openingText) add(text []byte) {
	if o.full {
		return
	}
	for w := range bytes.FieldsSeq(text) {
		if len(o.b) > 0 && len(o.b)+1+len(w) > o.max {
			o.b, o.full = append(o.b, " …"...), true
			return
		}
		if len(o.b) > 0 {
			o.b = append(o.b, ' ')
		}
		if len(w) > o.max { // one very long word: cut it, whole runes only
			for len(w) > o.max || !utf8.Valid(w) {
				w = w[:len(w)-1]
			}
			o.b, o.full = append(append(o.b, w...), "…"...), true
			return
		}
		o.b = append(o.b, w...)
	}
}

func (o *openingText) String() string { return string(o.b) }

// appendTo writes d to b in the form readSearchDoc reads, for the spool:
// its words, codes, outline and snippets, each count and length a uvarint.
func (d *searchDoc) appendTo(b []byte) []byte {
	b = appendField(b, d.words)
	b = binary.AppendUvarint(b, uint64(len(d.codes)))
	for _, c := range d.codes {
		b = binary.AppendUvarint(b, uint64(c))
	}
	for _, list := range [][]string{d.outline, d.snippets} {
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, s := range list {
			b = appendField(b, s)
		}
	}
	return b
}

// appendField appends s with its length first, as fieldReader.field
// reads it.
func appendField[S []byte | string](b []byte, s S) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// errSearchDoc says that spooled bytes are not what appendTo wrote.
var errSearchDoc = errors.New("the spooled search words are damaged: run sopctl render again")

// readSearchDoc reads back what appendTo wrote.
func readSearchDoc(b []byte) (searchDoc, error) {
	r := fieldReader{b: b}
	d := searchDoc{words: r.string()}
	d.codes = make([]int32, r.count())
	for i := range d.codes {
		d.codes[i] = int32(r.uvarint())
	}
	for _, list := range []*[]string{&d.outline, &d.snippets} {
		*list = make([]string, r.count())
		for i := range *list {
			(*list)[i] = r.string()
		}
	}
	if r.bad || len(r.b) > 0 {
		return searchDoc{}, errSearchDoc
	}
	return d, nil
}

// fieldReader reads the uvarints, bytes and length-prefixed fields that
// appendField wrote (spooled search words, tapes) from b, until one is
// cut short: then bad is set, and it reads nothing more.
type fieldReader struct {
	b   []byte
	bad bool
}

func (r *fieldReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// number is a uvarint that fits an int32.
func (r *fieldReader) number() int {
	n := r.uvarint()
	if n > math.MaxInt32 {
		r.bad, r.b = true, nil
		return 0
	}
	return int(n)
}

// count is a length that cannot exceed what is left to read.
func (r *fieldReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return 0
	}
	return int(n)
}

// field is a length-prefixed field, pointing into b.
func (r *fieldReader) field() []byte {
	n := r.count()
	f := r.b[:n:n]
	r.b = r.b[n:]
	return f
}

func (r *fieldReader) string() string { return string(r.field()) }

func (r *fieldReader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}
