package html

import (
	"encoding/json"
	stdhtml "html"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/render"
)

// searchIndex maps the words of each SOP's title, id, tags, headings and
// body to the SOPs that contain them. It stores words and SOP numbers, never
// body text, so it stays small: each posting list is delta-encoded in base
// 36. It is a .js file loaded by a plain <script>, because browsers refuse
// fetch() from file://.
func searchIndex(h *render.Handbook, docWords [][]string) []byte {
	// Words are user text: as keys of a JavaScript object literal,
	// "__proto__" would set the object's prototype instead of being a key.
	// So the index holds two parallel arrays, and search.js builds a Map.
	type index struct {
		Base     string      `json:"base"`
		Docs     [][2]string `json:"docs"`
		Words    []string    `json:"words"`    // sorted
		Postings []string    `json:"postings"` // Postings[i] is Words[i]'s
	}
	postings := map[string][]int{}
	idx := index{Base: "sops/", Docs: make([][2]string, len(h.SOPs))}
	for i, p := range h.SOPs {
		idx.Docs[i] = [2]string{p.ID, p.Title}
		for _, w := range docWords[i] {
			postings[w] = append(postings[w], i)
		}
	}
	idx.Words = slices.Sorted(maps.Keys(postings))
	idx.Postings = make([]string, len(idx.Words))
	for i, w := range idx.Words {
		idx.Postings[i] = encodePostings(postings[w], len(h.SOPs))
	}
	out, _ := json.Marshal(idx) // strings and ints only: cannot fail
	return slices.Concat([]byte("window.SOPCTL_SEARCH = "), out, []byte(";\n"))
}

// sopWords lists, once each, the words of an SOP's title, id, tags,
// headings and body as its page shows it (bodyHTML).
func sopWords(p *render.Page, bodyHTML []byte) []string {
	t := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(t)
	t.start()
	t.add(p.Title)
	t.add(p.ID)
	for _, tag := range p.Doc.Meta.Tags.Strings() {
		t.add(tag)
	}
	for _, hd := range p.Doc.Markdown.Headings {
		t.add(hd.Text)
	}
	t.add(visibleText(bodyHTML))
	return t.words
}

// encodePostings writes ascending SOP numbers as base-36 gaps joined by
// commas. A word in more than half the SOPs is written as "!" and the SOPs
// that lack it, which keeps common words cheap.
func encodePostings(docs []int, n int) string {
	prefix := ""
	if len(docs) > n/2 {
		prefix = "!"
		var missing []int
		j := 0
		for d := range n {
			if j < len(docs) && docs[j] == d {
				j++
				continue
			}
			missing = append(missing, d)
		}
		docs = missing
	}
	var b strings.Builder
	b.WriteString(prefix)
	prev := 0
	for j, d := range docs {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(int64(d-prev), 36))
		prev = d
	}
	return b.String()
}

// visibleText is the text a reader sees in body HTML that sopctl wrote:
// tags (and their attributes, link targets included) dropped, entities
// decoded.
func visibleText(b []byte) string {
	var out strings.Builder
	inTag := false
	for _, c := range b {
		switch {
		case c == '<':
			inTag = true
			out.WriteByte(' ')
		case c == '>' && inTag:
			inTag = false
		case !inTag:
			out.WriteByte(c)
		}
	}
	return stdhtml.UnescapeString(out.String())
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
// start. It is the search index's hot loop: one pass per text, and no
// allocation for a word it has met before, in this SOP or an earlier one.
type tokenizer struct {
	words []string
	known map[string]*knownWord // every word this tokenizer has met
	doc   uint32                // counts calls to start
	word  []byte                // the word being read, lower-cased
	runes int                   // its length in runes
}

// knownWord is a word and the last document (tokenizer.doc) that had it.
type knownWord struct {
	text string
	doc  uint32
}

func newTokenizer() *tokenizer { return &tokenizer{known: map[string]*knownWord{}} }

// start begins a new document: words lists its words only.
func (t *tokenizer) start() {
	t.doc++
	t.words = nil
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
// and of a length worth indexing.
func (t *tokenizer) end() {
	if t.runes >= 2 && t.runes <= 40 {
		k := t.known[string(t.word)]
		if k == nil {
			k = &knownWord{text: string(t.word)}
			t.known[k.text] = k
		}
		if k.doc != t.doc {
			k.doc = t.doc
			t.words = append(t.words, k.text)
		}
	}
	t.word, t.runes = t.word[:0], 0
}
