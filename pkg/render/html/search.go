package html

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sopctl/sopctl/pkg/render"
)

// The search files lie beside search.js: index.html loads the index, and
// search.js loads the snippet shards of the results it shows.
const (
	searchIndexFile = "assets/search-index.js"
	shardPrefix     = "assets/search-snippets-"
	shardSOPs       = 200 // SOPs per snippet shard
)

// searchSource gives the i-th SOP's searchDoc, as Handbook.SOPs lists
// them.
type searchSource func(i int) (searchDoc, error)

// searchIndex is assets/search-index.js: the words of each SOP's title,
// id, tags, headings and body, each with the SOPs that contain it and
// where (a wordCode), and each SOP's id, title and ## sections. It holds
// no body text (SPEC section 6): the snippets lie in shards that search.js
// loads for the results it shows. It is a .js file loaded by a plain
// <script>, because browsers refuse fetch() from file://.
//
// It reads the SOPs' searchDocs one at a time, so that only the posting
// lists, already encoded, grow with the library while it is built.
func searchIndex(h *render.Handbook, doc searchSource) ([]byte, error) {
	n := len(h.SOPs)
	var outlines outlineSet
	outlineOf := make([]int, n)
	postings := map[string]*postingList{}
	for i := range n {
		d, err := doc(i)
		if err != nil {
			return nil, err
		}
		outlineOf[i] = outlines.number(d.outline)
		d.each(func(w string, code int) {
			pl := postings[w]
			if pl == nil {
				pl = &postingList{}
				postings[strings.Clone(w)] = pl // not a slice of d.words, which it would keep
			}
			pl.add(int32(i), int32(code))
		})
	}
	words := slices.Sorted(maps.Keys(postings))
	return writeSearchIndex(h, outlineOf, outlines.list, words, func(i int) []byte { return postings[words[i]].encoded(n) }), nil
}

// outlineSet numbers the distinct outlines of the SOPs, in the order
// first met: the index holds each once (many SOPs share one).
type outlineSet struct {
	seen map[string]int // numbers by key
	list [][]string
	key  []byte // scratch
}

// number is outline's number, a new one when it was not met before.
func (s *outlineSet) number(outline []string) int {
	// The key is each text after its length: no two outlines share one.
	s.key = s.key[:0]
	for _, t := range outline {
		s.key = append(append(strconv.AppendInt(s.key, int64(len(t)), 10), ':'), t...)
	}
	if o, ok := s.seen[string(s.key)]; ok {
		return o
	}
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	s.seen[string(s.key)] = len(s.list)
	s.list = append(s.list, outline)
	return len(s.list) - 1
}

// searchIndexStart and searchIndexEnd enclose the index's JSON in
// search-index.js; the previous index is read back between them
// (decodeSearchIndex).
const searchIndexStart, searchIndexEnd = "window.SOPCTL_SEARCH = ", ";\n"

// writeSearchIndex writes the index as json.Marshal would write
//
//	{base, shards, per_shard, docs, outlines, words, postings}
//
// without first building it as one value: docs are id, title and number
// in outlines; snippet shard k is shards + k in 3 digits + ".js"; words
// are sorted, and encoded(i) is words[i]'s posting list. Words are user
// text: as keys of a JavaScript object literal, "__proto__" would set the
// object's prototype instead of being a key. So the index holds parallel
// arrays, and search.js builds a Map. json.Marshal writes <, >, &, U+2028 and
// U+2029 as \u escapes, so no word or title can end a script or a line of
// it.
func writeSearchIndex(h *render.Handbook, outlineOf []int, outlines [][]string, words []string, encoded func(i int) []byte) []byte {
	b := []byte(searchIndexStart)
	b = fmt.Appendf(b, `{"base":"sops/","shards":%s,"per_shard":%d,"docs":[`, jsonString(shardPrefix), shardSOPs)
	for i, p := range h.SOPs {
		b = fmt.Appendf(b, "%s[%s,%s,%d]", comma(i), jsonString(p.ID), jsonString(p.Title), outlineOf[i])
	}
	b = append(b, `],"outlines":[`...)
	for i, o := range outlines {
		b = append(append(b, comma(i)...), jsonStrings(o)...)
	}
	b = append(append(append(b, `],"words":`...), jsonStrings(words)...), `,"postings":[`...)
	for i := range words {
		// An encoded posting list holds only characters JSON leaves as they are.
		b = append(append(append(append(b, comma(i)...), '"'), encoded(i)...), '"')
	}
	return append(b, "]}"+searchIndexEnd...)
}

func comma(i int) string {
	if i == 0 {
		return ""
	}
	return ","
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string: cannot fail
	return b
}

// jsonStrings is a JSON array, [] for none.
func jsonStrings(list []string) []byte {
	if len(list) == 0 {
		return []byte("[]") // not null
	}
	b, _ := json.Marshal(list) // strings: cannot fail
	return b
}

// postingList is the SOPs that have a word, ascending, with where (a
// wordCode), as encodeSparse writes them: a few bytes each rather than a
// posting.
type postingList struct {
	sparse []byte
	last   int32 // the SOP added last
	n      int   // the SOPs added
}

func (pl *postingList) add(doc, code int32) {
	pl.sparse = appendCode(appendGap(pl.sparse, doc-pl.last), int(code))
	pl.last = doc
	pl.n++
}

// encoded is the list as encodePostings writes it for n SOPs.
func (pl *postingList) encoded(n int) []byte {
	if pl.n < n/16 {
		return pl.sparse
	}
	// pl.sparse is already encodePostings' sparse form: only the dense
	// one is to be made, and kept when it is shorter.
	if dense := encodeDense(sparsePostings(pl.sparse), n); len(dense) < len(pl.sparse) {
		return dense
	}
	return pl.sparse
}

// sparsePostings reads back the postings encodeSparse wrote (unchecked:
// a list of this render's own; eachSparse checks one read from a file).
func sparsePostings(b []byte) iter.Seq[posting] {
	return func(yield func(posting) bool) {
		var doc int32
		for rest := b; len(rest) > 0; {
			i, gap := 0, int32(0)
			for ; i < len(rest) && !('A' <= rest[i] && rest[i] <= 'Z'); i++ {
				gap = gap*36 + int32(strings.IndexByte(base36Digits, rest[i]))
			}
			code := 0
			for ; i < len(rest) && 'A' <= rest[i] && rest[i] <= 'Z'; i++ {
				code = code*26 + int(rest[i]-'A')
			}
			doc += gap
			if !yield(posting{doc: doc, code: int32(code)}) {
				return
			}
			rest = rest[i:]
		}
	}
}

// posting is one SOP that has a word, and where (wordCode).
type posting struct{ doc, code int32 } // int32: 10,000 SOPs' postings take half the memory

// encodePostings writes the SOPs that have a word, ascending, in the
// shorter of two forms. Sparse: for each SOP, the gap from the previous
// one in base 36 (lower case) and its code in base 26 (A-Z), with no
// separator. Dense, for a word in many SOPs: "!", a bitmap of all n SOPs
// six to a character, the code most of them share, then the SOPs with
// another code, sparse.
func encodePostings(ps []posting, n int) string {
	sparse := encodeSparse(nil, ps)
	if len(ps) < n/16 {
		return string(sparse)
	}
	dense := encodeDense(slices.Values(ps), n)
	if len(dense) < len(sparse) {
		return string(dense)
	}
	return string(sparse)
}

func encodeSparse(b []byte, ps []posting) []byte {
	var prev int32
	for _, p := range ps {
		b = appendCode(appendGap(b, p.doc-prev), int(p.code))
		prev = p.doc
	}
	return b
}

// base36Digits are the digits of a gap, as strconv writes them.
const base36Digits = "0123456789abcdefghijklmnopqrstuvwxyz"

// appendGap writes a gap between two SOPs in base 36, as strconv.AppendInt
// does: most gaps of a long list are one digit.
func appendGap(b []byte, gap int32) []byte {
	if 0 <= gap && gap < 36 {
		return append(b, base36Digits[gap])
	}
	return strconv.AppendInt(b, int64(gap), 36)
}

// bitmapDigits are the characters of a dense posting list's bitmap: the
// character for SOPs 6k to 6k+5 is bitmapDigits[bits], bit j for SOP 6k+j.
const bitmapDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func encodeDense(ps iter.Seq[posting], n int) []byte {
	bits := make([]byte, (n+5)/6)
	var counts []int // by code: codes are small numbers (wordCode)
	for p := range ps {
		bits[p.doc/6] |= 1 << (p.doc % 6)
		if int(p.code) >= len(counts) {
			counts = append(counts, make([]int, int(p.code)+1-len(counts))...)
		}
		counts[p.code]++
	}
	common := int32(0) // the code most SOPs have, the least of those that tie
	for c, k := range counts {
		if k > counts[common] {
			common = int32(c)
		}
	}
	b := make([]byte, 0, 1+len(bits)+8)
	b = append(b, '!')
	for _, v := range bits {
		b = append(b, bitmapDigits[v])
	}
	b = appendCode(b, int(common))
	// The others, sparse (encodeSparse).
	var prev int32
	for p := range ps {
		if p.code != common {
			b = appendCode(appendGap(b, p.doc-prev), int(p.code))
			prev = p.doc
		}
	}
	return b
}

// appendCode writes a word code in base 26 with the digits A-Z.
func appendCode(b []byte, code int) []byte {
	if code >= 26 {
		b = appendCode(b, code/26)
	}
	return append(b, byte('A'+code%26))
}

// shardCount is how many snippet shards n SOPs fill.
func shardCount(n int) int { return (n + shardSOPs - 1) / shardSOPs }

// shardName is snippet shard k's file.
func shardName(k int) string { return fmt.Sprintf("%s%03d.js", shardPrefix, k) }

// snippetShard is assets/search-snippets-NNN.js, shard k of n SOPs: the
// opening text of each section of shardSOPs SOPs, as JSON compressed
// with zlib in base64 (search.js inflates it with the browser's
// DecompressionStream), which keeps them small in a large library. Each
// file adds its shard to the array window.SOPCTL_SNIPPETS; it is loaded
// by a <script> element, which works from file://.
func snippetShard(n, k int, doc searchSource) file {
	name := shardName(k)
	texts := make([][]string, 0, shardSOPs)
	for i := k * shardSOPs; i < min(n, (k+1)*shardSOPs); i++ {
		d, err := doc(i)
		if err != nil {
			return file{name: name, err: err}
		}
		texts = append(texts, d.snippets)
	}
	js, _ := json.Marshal(texts) // strings only: cannot fail
	var z bytes.Buffer
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(js)
	zw.Close()
	zw.Reset(io.Discard) // the pool keeps no shard's bytes
	zlibWriters.Put(zw)
	// Base64 needs no escape in a JavaScript string.
	const start, end = "(window.SOPCTL_SNIPPETS = window.SOPCTL_SNIPPETS || []).push([", "\"]);\n"
	data := make([]byte, 0, len(start)+20+base64.StdEncoding.EncodedLen(z.Len())+len(end))
	data = append(strconv.AppendInt(append(data, start...), int64(k), 10), `, "`...)
	data = append(base64.StdEncoding.AppendEncode(data, z.Bytes()), end...)
	return file{name: name, data: data}
}

// zlibWriters are the snippet shards' compressors, reused: each holds
// about a megabyte of tables, which a shard made a new one of (500
// shards at 100,000 SOPs).
var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, snippetLevel) // a valid level: no error
	return zw
}}

// snippetLevel is the shards' zlib level. The best (9) took twice the
// time of 6 for 4 % less: the 50 shards of 10,000 generated SOPs, 13.6 MB
// of JSON, are 546 KB in 173 ms at 9, 566 KB in 79 ms at 6, 663 KB in
// 71 ms at 5.
const snippetLevel = 6

// makeSnippetShard writes snippet shard k.
func (w *writer) makeSnippetShard(parts []sopPart, k int) file {
	return snippetShard(len(parts), k, func(i int) (searchDoc, error) { return w.searchOf(parts[i], true) })
}

// makeSearchIndex writes the search index: from the previous one and the
// SOPs whose pages are made anew, when the previous one can be used
// (searchprev.go), else from every SOP's words.
func (w *writer) makeSearchIndex(parts sopParts) file {
	words := func(i int) (searchDoc, error) { return w.searchOf(parts.parts[i], false) }
	var index []byte
	var err error
	if w.prevIndex != nil {
		index, err = w.prevIndex.update(w.h, parts.made, words)
	} else {
		index, err = searchIndex(w.h, words)
	}
	return file{name: searchIndexFile, data: index, err: err}
}
