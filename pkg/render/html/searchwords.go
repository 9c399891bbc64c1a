package html

import (
	"bytes"
	stdhtml "html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// visibleText is the text a reader sees in body HTML that sopctl wrote:
// tags (and their attributes, link targets included) dropped, entities
// decoded. A block's tags part words like a space, the end of a table
// cell like " · "; inline ones (a link, emphasis, code) do not, so
// "**Lead**: owns" reads "Lead: owns".
func visibleText(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		switch tag := b[i+1 : i+end]; {
		case bytes.Equal(tag, []byte("/td")) || bytes.Equal(tag, []byte("/th")):
			out.WriteString(" · ") // a table's cells read apart in a snippet
		case !inlineTag(tag):
			out.WriteByte(' ')
		}
		b = b[i+end+1:]
	}
	return stdhtml.UnescapeString(out.String())
}

// inlineTag says whether a tag (what lies between < and >) is one of the
// inline elements goldmark writes in a line of text.
func inlineTag(tag []byte) bool {
	name := bytes.TrimPrefix(tag, []byte("/"))
	if i := bytes.IndexAny(name, " /"); i >= 0 {
		name = name[:i]
	}
	switch string(name) {
	case "a", "em", "strong", "code", "del":
		return true
	}
	return false
}

// words splits text into lower-case words of letters and digits, two to
// forty characters long, once each (search.js splits a query the same way).
func words(s string) []string {
	t := newTokenizer()
	t.start()
	t.add(s)
	return t.words
}

// tokenizers are reused across SOPs, so that a word already met costs
// neither a string nor a map entry.
var tokenizers = sync.Pool{New: func() any { return newTokenizer() }}

// tokenizer collects the distinct words of the texts given to add since
// start, and where each occurs (at). It is the search index's hot loop:
// one pass per text, and no allocation for a word it has met before, in
// this SOP or an earlier one.
type tokenizer struct {
	words   []string
	entries []*knownWord          // entries[i] is words[i]'s
	known   map[string]*knownWord // every word this tokenizer has met
	doc     uint32                // counts calls to start
	word    []byte                // the word being read, lower-cased
	runes   int                   // its length in runes
	field   int                   // where the texts added now lie: fieldTitle, ...
	section int                   // and in which ## section of the page
}

// knownWord is a word, the last document (tokenizer.doc) that had it, and
// where it occurs in that document.
type knownWord struct {
	text    string
	doc     uint32
	title   bool // in the title, id or tags
	field   int  // the best field after the title: fieldHeading, fieldBody or fieldNone
	section int  // the first section with it in that field
}

func newTokenizer() *tokenizer { return &tokenizer{known: map[string]*knownWord{}} }

// start begins a new document: words lists its words only. Text added is
// body text of the first section until at says otherwise.
func (t *tokenizer) start() {
	t.doc++
	t.words, t.entries = nil, nil
	t.at(fieldBody, 0)
}

// at says where the texts added next lie.
func (t *tokenizer) at(field, section int) { t.field, t.section = field, section }

// codes says where each of the document's words occurs (wordCode).
func (t *tokenizer) codes() []int32 {
	out := make([]int32, len(t.entries))
	for i, k := range t.entries {
		field, section := k.field, k.section
		if field == fieldNone {
			section = -1
		}
		if k.title {
			field = fieldTitle
		}
		out[i] = int32(wordCode(field, section))
	}
	return out
}

func (t *tokenizer) add(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				t.word, t.runes = append(t.word, c), t.runes+1
			case 'A' <= c && c <= 'Z':
				t.word, t.runes = append(t.word, c+'a'-'A'), t.runes+1
			default:
				t.end()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsNumber(r) {
			t.word, t.runes = utf8.AppendRune(t.word, r), t.runes+1
		} else {
			t.end()
		}
	}
	t.end()
}

// end ends the word being read, keeping it if it is new to this document
// and of a length worth indexing, and noting where it occurs.
func (t *tokenizer) end() {
	if t.runes >= 2 && t.runes <= 40 {
		k := t.known[string(t.word)]
		if k == nil {
			k = &knownWord{text: string(t.word)}
			t.known[k.text] = k
		}
		if k.doc != t.doc {
			k.doc, k.title, k.field, k.section = t.doc, false, fieldNone, -1
			t.words, t.entries = append(t.words, k.text), append(t.entries, k)
		}
		if t.field == fieldTitle {
			k.title = true
		} else if t.field < k.field {
			k.field, k.section = t.field, t.section
		}
	}
	t.word, t.runes = t.word[:0], 0
}
