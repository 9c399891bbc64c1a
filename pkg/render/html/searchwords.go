package html

import (
	"bytes"
	"hash/maphash"
	stdhtml "html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// appendVisible appends to dst the text a reader sees in body HTML that
// sopctl wrote: tags (and their attributes, link targets included)
// dropped, entities decoded. A block's tags part words like a space, the
// end of a table cell like " · "; inline ones (a link, emphasis, code) do
// not, so "**Lead**: owns" reads "Lead: owns".
func appendVisible(dst, b []byte) []byte {
	start := len(dst)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			dst = append(dst, b...)
			break
		}
		dst = append(dst, b[:i]...)
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		switch tag := b[i+1 : i+end]; {
		case bytes.Equal(tag, []byte("/td")) || bytes.Equal(tag, []byte("/th")):
			dst = append(dst, " · "...) // a table's cells read apart in a snippet
		case !inlineTag(tag):
			dst = append(dst, ' ')
		}
		b = b[i+end+1:]
	}
	if bytes.IndexByte(dst[start:], '&') >= 0 {
		// An entity cannot span two texts: each is whole between tags.
		text := stdhtml.UnescapeString(string(dst[start:]))
		dst = append(dst[:start], text...)
	}
	return dst
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
	t.addString(s)
	return strings.Fields(t.words())
}

// tokenizer collects the distinct words of the texts given to add since
// start, and where each occurs (at). It is the search index's hot loop:
// one pass per text, and no allocation for a word it has met before, in
// this SOP or an earlier one (newSearchDoc reuses tokenizers). Its own
// hash table (slots) finds a word from its bytes, and its words are
// indexes into known: no pointer is written per word, which the garbage
// collector would have to follow.
type tokenizer struct {
	known   []knownWord // every word this tokenizer has met, in the order met
	slots   []int32     // 1 + an index in known, or 0 for none; a power of two long, at least twice len(known)
	seed    maphash.Seed
	doc     []int32 // this document's words, as indexes in known, in the order met
	docs    uint32  // counts calls to start
	word    []byte  // reused to read each word into, lower-cased
	field   int     // where the texts added now lie: fieldTitle, ...
	section int     // and in which ## section of the page
	text    []byte  // reused by addString
}

// knownWord is a word, the last document (tokenizer.docs) that had it, and
// where it occurs in that document.
type knownWord struct {
	text    string
	hash    uint32
	doc     uint32
	title   bool  // in the title, id or tags
	field   int8  // the best field after the title: fieldHeading, fieldBody or fieldNone
	section int32 // the first section with it in that field
}

func newTokenizer() *tokenizer {
	return &tokenizer{slots: make([]int32, 1024), seed: maphash.MakeSeed()}
}

// start begins a new document: words lists its words only. Text added is
// body text of the first section until at says otherwise.
func (t *tokenizer) start() {
	t.docs++
	t.doc = t.doc[:0]
	t.at(fieldBody, 0)
}

// at says where the texts added next lie.
func (t *tokenizer) at(field, section int) { t.field, t.section = field, section }

// words is the document's words, each followed by a space.
func (t *tokenizer) words() string {
	size := 0
	for _, i := range t.doc {
		size += len(t.known[i].text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, i := range t.doc {
		b.WriteString(t.known[i].text)
		b.WriteByte(' ')
	}
	return b.String()
}

// codes says where each of the document's words occurs (wordCode).
func (t *tokenizer) codes() []int32 {
	out := make([]int32, len(t.doc))
	for i, w := range t.doc {
		k := &t.known[w]
		field, section := int(k.field), int(k.section)
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

// wordBytes maps each ASCII letter and digit to its lower case, and every
// other byte to 0.
var wordBytes = func() (m [256]byte) {
	for c := '0'; c <= '9'; c++ {
		m[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		m[c], m[c-'a'+'A'] = byte(c), byte(c)
	}
	return m
}()

// lowerBytes are the ASCII bytes a word's lower case is made of.
var lowerBytes = func() (m [256]bool) {
	for c := range wordBytes {
		m[c] = c != 0 && wordBytes[c] == byte(c)
	}
	return m
}()

// add reads the words of s. The word being read is held in locals, not
// in t: a store into t's fields for each byte would pay the garbage
// collector's write barrier while it runs.
func (t *tokenizer) add(s []byte) {
	word, runes := t.word[:0], 0
	for i := 0; i < len(s); {
		if runes == 0 { // most words are lower-case ASCII: read them in place
			j := i
			for j < len(s) && lowerBytes[s[j]] {
				j++
			}
			if j > i && (j == len(s) || s[j] < utf8.RuneSelf && wordBytes[s[j]] == 0) {
				t.end(s[i:j], j-i)
				i = j
				continue
			}
		}
		c := s[i]
		if lower := wordBytes[c]; lower != 0 {
			i++
			word, runes = append(word, lower), runes+1
			continue
		}
		if c < utf8.RuneSelf {
			i++
		} else {
			r, size := utf8.DecodeRune(s[i:])
			i += size
			if r = unicode.ToLower(r); unicode.IsLetter(r) || unicode.IsNumber(r) {
				word, runes = utf8.AppendRune(word, r), runes+1
				continue
			}
		}
		if runes > 0 {
			t.end(word, runes)
			word, runes = word[:0], 0
		}
	}
	t.end(word, runes)
	t.word = word[:0] // keeps what it grew to
}

// addString adds s, read into t.text.
func (t *tokenizer) addString(s string) {
	t.text = append(t.text[:0], s...)
	t.add(t.text)
}

// end ends a word of so many runes, keeping it if it is new to this
// document and of a length worth indexing, and noting where it occurs.
func (t *tokenizer) end(word []byte, runes int) {
	if runes < 2 || runes > 40 {
		return
	}
	w := t.lookup(word)
	k := &t.known[w]
	if k.doc != t.docs {
		k.doc, k.title, k.field, k.section = t.docs, false, fieldNone, -1
		t.doc = append(t.doc, w)
	}
	if t.field == fieldTitle {
		k.title = true
	} else if t.field < int(k.field) {
		k.field, k.section = int8(t.field), int32(t.section)
	}
}

// lookup is word's index in known, where it is added if new.
func (t *tokenizer) lookup(word []byte) int32 {
	h := uint32(maphash.Bytes(t.seed, word))
	mask := len(t.slots) - 1
	i := int(h) & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if k := &t.known[t.slots[i]-1]; k.hash == h && k.text == string(word) {
			return t.slots[i] - 1
		}
	}
	t.known = append(t.known, knownWord{text: string(word), hash: h})
	t.slots[i] = int32(len(t.known))
	if 2*len(t.known) > len(t.slots) {
		t.grow()
	}
	return int32(len(t.known) - 1)
}

// grow doubles the hash table, placing each known word again.
func (t *tokenizer) grow() {
	t.slots = make([]int32, 2*len(t.slots))
	mask := len(t.slots) - 1
	for w := range t.known {
		i := int(t.known[w].hash) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(w + 1)
	}
}
