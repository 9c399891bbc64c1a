package html

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/render"
)

// An incremental render whose library summary is as it was (same SOPs,
// same order, same titles and headings) makes the search index from the
// previous one: each word's SOPs whose pages are reused stay as the
// previous index lists them, and the SOPs whose words are at hand (their
// pages made anew) replace theirs. Reading every reused page again to
// take its words would cost most of an incremental render.

// previousIndex is the previous render's search index, read back and
// checked against the library: each SOP's outline, and each word with
// its posting list as encodePostings wrote it.
type previousIndex struct {
	outlineOf []int
	outlines  [][]string
	words     []string
	postings  []string
}

// readPreviousIndex reads the previous output's search index; nil when
// there is none, or it is not one this build writes for h's SOPs: the
// index is then made from every SOP's words.
func readPreviousIndex(h *render.Handbook, out render.Output) *previousIndex {
	data, ok := render.ReadPrevious(out, searchIndexFile)
	if !ok {
		return nil
	}
	pi, err := decodeSearchIndex(data, h)
	if err != nil {
		return nil
	}
	return pi
}

// decodeSearchIndex reads a search index that writeSearchIndex wrote for
// h's SOPs, or says why it cannot be one.
func decodeSearchIndex(data []byte, h *render.Handbook) (*previousIndex, error) {
	body, start := bytes.CutPrefix(data, []byte(searchIndexStart))
	body, end := bytes.CutSuffix(body, []byte(searchIndexEnd))
	if !start || !end {
		return nil, errors.New("not a search index")
	}
	var v struct {
		Base     string     `json:"base"`
		Shards   string     `json:"shards"`
		PerShard int        `json:"per_shard"`
		Docs     [][]any    `json:"docs"`
		Outlines [][]string `json:"outlines"`
		Words    []string   `json:"words"`
		Postings []string   `json:"postings"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	n := len(h.SOPs)
	if v.Base != "sops/" || v.Shards != shardPrefix || v.PerShard != shardSOPs || len(v.Docs) != n || len(v.Words) != len(v.Postings) {
		return nil, errors.New("another layout")
	}
	pi := &previousIndex{outlineOf: make([]int, n), outlines: v.Outlines, words: v.Words, postings: v.Postings}
	for i, d := range v.Docs {
		o, ok := indexDoc(d, h.SOPs[i])
		if !ok || o >= len(v.Outlines) {
			return nil, fmt.Errorf("doc %d is not %s", i, h.SOPs[i].ID)
		}
		pi.outlineOf[i] = o
	}
	for k, w := range v.Words {
		if k > 0 && v.Words[k-1] >= w {
			return nil, errors.New("words out of order")
		}
	}
	if k := firstUnreadable(v.Postings, n); k >= 0 {
		return nil, fmt.Errorf("the postings of %q cannot be read", v.Words[k])
	}
	return pi, nil
}

// checkedWords is how many posting lists firstUnreadable checks in one
// piece of work.
const checkedWords = 4096

// firstUnreadable is the index of the first of postings that is not a
// list encodePostings wrote for n SOPs; -1 when each is. The lists are
// checked in parallel: reading each took most of the time to read a
// previous index.
func firstUnreadable(postings []string, n int) int {
	pieces := (len(postings) + checkedWords - 1) / checkedWords
	first := make([]int, pieces)
	parallel.For(pieces, func(c int) {
		first[c] = -1
		for k := c * checkedWords; k < min(len(postings), (c+1)*checkedWords); k++ {
			if !readable(postings[k], n) {
				first[c] = k
				return
			}
		}
	})
	for _, k := range first {
		if k >= 0 {
			return k
		}
	}
	return -1
}

// indexDoc checks a doc of the index, [id, title, outline], against p,
// and gives its outline.
func indexDoc(d []any, p *render.Page) (int, bool) {
	if len(d) != 3 || d[0] != any(p.ID) || d[1] != any(p.Title) {
		return 0, false
	}
	o, ok := d[2].(float64)
	if !ok || o < 0 || o != float64(int(o)) {
		return 0, false
	}
	return int(o), true
}

// update writes the search index of h from the previous one: the SOPs
// that made marks give their words (words), the others keep theirs.
func (pi *previousIndex) update(h *render.Handbook, made []bool, words searchSource) ([]byte, error) {
	n := len(h.SOPs)
	fresh := map[string][]posting{}
	var outlines outlineSet
	outlineOf := make([]int, n)
	for i := range n {
		outline := pi.outlines[pi.outlineOf[i]]
		if made[i] {
			d, err := words(i)
			if err != nil {
				return nil, err
			}
			outline = d.outline
			d.each(func(w string, code int) {
				if fresh[w] == nil {
					w = strings.Clone(w) // not a slice of d.words, which it would keep
				}
				fresh[w] = append(fresh[w], posting{doc: int32(i), code: int32(code)})
			})
		}
		outlineOf[i] = outlines.number(outline)
	}
	list, encs := pi.merge(n, made, fresh)
	return writeSearchIndex(h, outlineOf, outlines.list, list, func(i int) []byte { return encs[i] }), nil
}

// merge gives the words of the new index, sorted, and their encoded
// posting lists: the previous index's, without the SOPs made marks,
// and fresh's.
func (pi *previousIndex) merge(n int, made []bool, fresh map[string][]posting) ([]string, [][]byte) {
	var madeDocs []int
	for doc, m := range made {
		if m {
			madeDocs = append(madeDocs, doc)
		}
	}
	words := make([]string, 0, len(pi.words)+len(fresh))
	encs := make([][]byte, 0, len(pi.words)+len(fresh))
	for k, w := range pi.words {
		add, enc := fresh[w], pi.postings[k]
		delete(fresh, w)
		// Most words of an edited SOP are where they were.
		if slices.Equal(madePostings(enc, n, made, madeDocs), add) {
			words, encs = append(words, w), append(encs, []byte(enc))
			continue
		}
		var ps []posting
		eachPosting(enc, n, func(p posting) {
			if !made[p.doc] {
				ps = append(ps, p)
			}
		})
		if ps = mergePostings(ps, add); len(ps) > 0 {
			words, encs = append(words, w), append(encs, []byte(encodePostings(ps, n)))
		}
	}
	if len(fresh) == 0 {
		return words, encs
	}
	// The words no reused SOP has, merged in their places in one pass (an
	// insert each would move the whole list for each of them).
	allWords := make([]string, 0, len(words)+len(fresh))
	allEncs := make([][]byte, 0, len(words)+len(fresh))
	i := 0
	for _, w := range slices.Sorted(maps.Keys(fresh)) {
		for ; i < len(words) && words[i] < w; i++ {
			allWords, allEncs = append(allWords, words[i]), append(allEncs, encs[i])
		}
		allWords, allEncs = append(allWords, w), append(allEncs, []byte(encodePostings(fresh[w], n)))
	}
	return append(allWords, words[i:]...), append(allEncs, encs[i:]...)
}

// madePostings are the postings of an encoded posting list, as
// decodeSearchIndex checked it, of the SOPs that made marks (madeDocs
// lists them), ascending. It reads no more of the list than it must: it
// runs on every word of the index.
func madePostings(enc string, n int, made []bool, madeDocs []int) []posting {
	if !strings.HasPrefix(enc, "!") {
		return sparseMade(enc, made)
	}
	// Dense: the bitmap has every SOP of the list, each with the common
	// code unless the sparse list after it gives another.
	d, _ := cutDense(enc, n)
	var out []posting
	for _, doc := range madeDocs {
		if d.has(doc) {
			out = append(out, posting{doc: int32(doc)})
		}
	}
	if out == nil {
		return nil
	}
	common := d.common
	others := sparseMade(d.others, made)
	for i := range out {
		out[i].code = int32(common)
		if len(others) > 0 && others[0].doc == out[i].doc {
			out[i].code, others = others[0].code, others[1:]
		}
	}
	return out
}

// sparseMade are the postings of a list in encodeSparse's form, as
// decodeSearchIndex checked it, of the SOPs that made marks.
func sparseMade(enc string, made []bool) []posting {
	var out []posting
	eachSparse(enc, len(made), func(p posting) {
		if made[p.doc] {
			out = append(out, p)
		}
	})
	return out
}

// mergePostings merges two lists of postings of different SOPs, each
// ascending.
func mergePostings(a, b []posting) []posting {
	if len(b) == 0 {
		return a
	}
	out := make([]posting, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if a[0].doc < b[0].doc {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// eachPosting calls f with each posting of a list encodePostings wrote
// for n SOPs, ascending, and says whether it was one: SOPs ascending
// and under n, each with a code.
func eachPosting(enc string, n int, f func(posting)) bool {
	if !strings.HasPrefix(enc, "!") {
		_, ok := eachSparse(enc, n, f)
		return ok
	}
	d, ok := splitDense(enc, n)
	if !ok {
		return false
	}
	var others []posting
	if _, ok := eachSparse(d.others, n, func(p posting) { others = append(others, p) }); !ok {
		return false
	}
	for c := range len(d.bitmap) {
		v := int(bitmapValue[d.bitmap[c]])
		for b := range 6 {
			if v&(1<<b) == 0 {
				continue
			}
			doc := int32(c*6 + b)
			p := posting{doc: doc, code: int32(d.common)}
			if len(others) > 0 && others[0].doc == doc {
				p, others = others[0], others[1:]
			}
			f(p)
		}
	}
	return len(others) == 0 // each other SOP is in the bitmap
}

// readable says whether enc is a list encodePostings wrote for n SOPs,
// as eachPosting would, without a call for each posting: a dense list's
// bitmap is checked a character at a time.
func readable(enc string, n int) bool {
	if !strings.HasPrefix(enc, "!") {
		_, ok := eachSparse(enc, n, func(posting) {})
		return ok
	}
	d, ok := splitDense(enc, n)
	if !ok {
		return false
	}
	in := true
	_, ok = eachSparse(d.others, n, func(p posting) { in = in && d.has(int(p.doc)) })
	return ok && in
}

// denseList is a dense posting list encodePostings wrote, in its parts.
type denseList struct {
	bitmap string // a character for each 6 SOPs (bitmapDigits)
	common int    // the code of every SOP of the bitmap but others
	others string // the SOPs of another code, in encodeSparse's form
}

// splitDense splits a dense list for n SOPs into its parts (cutDense),
// and says whether its bitmap and common code are ones encodePostings
// writes: each character a digit, no SOP past the n-th. Its others are
// not read.
func splitDense(enc string, n int) (denseList, bool) {
	bits := (n + 5) / 6
	if len(enc) < 1+bits {
		return denseList{}, false
	}
	d, ok := cutDense(enc, n)
	for c := range len(d.bitmap) {
		if bitmapValue[d.bitmap[c]] < 0 {
			return d, false
		}
	}
	if past := bits*6 - n; past > 0 && int(bitmapValue[d.bitmap[bits-1]])>>(6-past) != 0 {
		return d, false // an SOP past the n-th
	}
	return d, ok
}

// cutDense cuts a dense list for n SOPs, at least as long as its bitmap,
// into its parts, reading no character of the bitmap, and says whether
// its common code reads.
func cutDense(enc string, n int) (denseList, bool) {
	bits := (n + 5) / 6
	d := denseList{bitmap: enc[1 : 1+bits]}
	rest := enc[1+bits:]
	j := 0
	for j < len(rest) && 'A' <= rest[j] && rest[j] <= 'Z' {
		j++
	}
	common, ok := readCode(rest[:j])
	d.common, d.others = common, rest[j:]
	return d, ok
}

// has says whether the bitmap has the SOP doc, under n.
func (d denseList) has(doc int) bool {
	return int(bitmapValue[d.bitmap[doc/6]])&(1<<(doc%6)) != 0
}

// bitmapValue is the value of each character of bitmapDigits, -1 for
// any other.
var bitmapValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := range len(bitmapDigits) {
		v[bitmapDigits[i]] = int8(i)
	}
	return v
}()

// eachSparse calls f with each posting of encodeSparse's form, and says
// how many there were and whether it was that form.
func eachSparse(enc string, n int, f func(posting)) (int, bool) {
	k, doc := 0, int32(-1)
	for len(enc) > 0 {
		i := 0
		for i < len(enc) && ('0' <= enc[i] && enc[i] <= '9' || 'a' <= enc[i] && enc[i] <= 'z') {
			i++
		}
		gap, err := strconv.ParseInt(enc[:i], 36, 32)
		j := i
		for j < len(enc) && 'A' <= enc[j] && enc[j] <= 'Z' {
			j++
		}
		code, ok := readCode(enc[i:j])
		if err != nil || !ok || gap < 0 || k > 0 && gap == 0 || int64(max(doc, 0))+gap >= int64(n) {
			return k, false
		}
		doc = max(doc, 0) + int32(gap)
		f(posting{doc: doc, code: int32(code)})
		k++
		enc = enc[j:]
	}
	return k, true
}

// readCode reads a code appendCode wrote.
func readCode(s string) (int, bool) {
	if s == "" || len(s) > 6 {
		return 0, false
	}
	code := 0
	for i := range len(s) {
		code = code*26 + int(s[i]-'A')
	}
	return code, true
}
