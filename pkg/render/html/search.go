package html

import (
	"encoding/json"
	stdhtml "html"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sopctl/sopctl/pkg/render"
)

// searchIndex maps the words of each SOP's title, id, tags, headings and
// body to the SOPs that contain them. It stores words and SOP numbers, never
// body text, so it stays small: each posting list is delta-encoded in base
// 36. It is a .js file loaded by a plain <script>, because browsers refuse
// fetch() from file://.
func searchIndex(h *render.Handbook, bodies [][]byte) []byte {
	type index struct {
		Base  string            `json:"base"`
		Docs  [][2]string       `json:"docs"`
		Terms map[string]string `json:"terms"`
	}
	postings := map[string][]int{}
	idx := index{Base: "sops/", Docs: make([][2]string, len(h.SOPs)), Terms: map[string]string{}}
	for i, p := range h.SOPs {
		idx.Docs[i] = [2]string{p.ID, p.Title}
		seen := map[string]bool{}
		add := func(s string) {
			for _, w := range words(s) {
				if !seen[w] {
					seen[w] = true
					postings[w] = append(postings[w], i)
				}
			}
		}
		add(p.Title)
		add(p.ID)
		add(strings.Join(p.Doc.Meta.Tags.Strings(), " "))
		for _, hd := range p.Doc.Markdown.Headings {
			add(hd.Text)
		}
		add(visibleText(bodies[i]))
	}
	for w, docs := range postings {
		idx.Terms[w] = encodePostings(docs, len(h.SOPs))
	}
	out, _ := json.Marshal(idx) // strings and ints only: cannot fail; keys sorted
	return slices.Concat([]byte("window.SOPCTL_SEARCH = "), out, []byte(";\n"))
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
// forty characters long.
func words(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := f[:0]
	for _, w := range f {
		if n := len([]rune(w)); n >= 2 && n <= 40 {
			out = append(out, w)
		}
	}
	return out
}
