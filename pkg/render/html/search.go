package html

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/render"
)

// The search files lie beside search.js: index.html loads the index, and
// search.js loads the snippet shards of the results it shows.
const (
	searchIndexFile = "assets/search-index.js"
	shardPrefix     = "assets/search-snippets-"
	shardSOPs       = 200 // SOPs per snippet shard
)

// searchIndex is assets/search-index.js: the words of each SOP's title,
// id, tags, headings and body, each with the SOPs that contain it and
// where (a wordCode), and each SOP's id, title and ## sections. It holds
// no body text (SPEC section 6): the snippets lie in shards that search.js
// loads for the results it shows. It is a .js file loaded by a plain
// <script>, because browsers refuse fetch() from file://.
func searchIndex(h *render.Handbook, docs []searchDoc) []byte {
	// Words are user text: as keys of a JavaScript object literal,
	// "__proto__" would set the object's prototype instead of being a key.
	// So the index holds parallel arrays, and search.js builds a Map.
	type index struct {
		Base     string     `json:"base"`
		Shards   string     `json:"shards"` // snippet shard k is Shards + k in 3 digits + ".js"
		PerShard int        `json:"per_shard"`
		Docs     [][]any    `json:"docs"`     // id, title, number in Outlines
		Outlines [][]string `json:"outlines"` // searchDoc.outline, once each
		Words    []string   `json:"words"`    // sorted
		Postings []string   `json:"postings"` // Postings[i] is Words[i]'s
	}
	// Empty slices, not nil: search.js reads the length of each array,
	// which null (an empty library) does not have.
	idx := index{Base: "sops/", Shards: shardPrefix, PerShard: shardSOPs, Docs: make([][]any, len(h.SOPs)), Outlines: [][]string{}}
	outlines := map[string]int{}
	postings := map[string][]posting{}
	for i, p := range h.SOPs {
		key := fmt.Sprintf("%q", docs[i].outline)
		o, ok := outlines[key]
		if !ok {
			o = len(idx.Outlines)
			outlines[key] = o
			idx.Outlines = append(idx.Outlines, append([]string{}, docs[i].outline...))
		}
		idx.Docs[i] = []any{p.ID, p.Title, o}
		docs[i].each(func(w string, code int) {
			postings[w] = append(postings[w], posting{doc: int32(i), code: int32(code)})
		})
	}
	idx.Words = append([]string{}, slices.Sorted(maps.Keys(postings))...)
	idx.Postings = make([]string, len(idx.Words))
	for i, w := range idx.Words {
		idx.Postings[i] = encodePostings(postings[w], len(h.SOPs))
	}
	// json.Marshal writes <, >, &, U+2028 and U+2029 as \u escapes, so no
	// word or title can end a script or a line of it.
	out, _ := json.Marshal(idx) // strings, ints and arrays: cannot fail
	return slices.Concat([]byte("window.SOPCTL_SEARCH = "), out, []byte(";\n"))
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
	dense := encodeDense(ps, n)
	if len(dense) < len(sparse) {
		return string(dense)
	}
	return string(sparse)
}

func encodeSparse(b []byte, ps []posting) []byte {
	var prev int32
	for _, p := range ps {
		b = strconv.AppendInt(b, int64(p.doc-prev), 36)
		b = appendCode(b, int(p.code))
		prev = p.doc
	}
	return b
}

// bitmapDigits are the characters of a dense posting list's bitmap: the
// character for SOPs 6k to 6k+5 is bitmapDigits[bits], bit j for SOP 6k+j.
const bitmapDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func encodeDense(ps []posting, n int) []byte {
	bits := make([]byte, (n+5)/6)
	counts := map[int32]int{}
	for _, p := range ps {
		bits[p.doc/6] |= 1 << (p.doc % 6)
		counts[p.code]++
	}
	common := ps[0].code
	for c, k := range counts {
		if k > counts[common] || k == counts[common] && c < common {
			common = c
		}
	}
	b := []byte{'!'}
	for _, v := range bits {
		b = append(b, bitmapDigits[v])
	}
	b = appendCode(b, int(common))
	var others []posting
	for _, p := range ps {
		if p.code != common {
			others = append(others, p)
		}
	}
	return encodeSparse(b, others)
}

// appendCode writes a word code in base 26 with the digits A-Z.
func appendCode(b []byte, code int) []byte {
	if code >= 26 {
		b = appendCode(b, code/26)
	}
	return append(b, byte('A'+code%26))
}

// snippetShards are assets/search-snippets-NNN.js: the opening text of
// each section of shardSOPs SOPs each, as JSON compressed with zlib in
// base64 (search.js inflates it with the browser's DecompressionStream),
// which keeps them small in a large library. Each file adds its shard to
// the array window.SOPCTL_SNIPPETS; it is loaded by a <script> element,
// which works from file://.
func snippetShards(docs []searchDoc) []file {
	out := make([]file, (len(docs)+shardSOPs-1)/shardSOPs)
	parallel.For(len(out), func(k int) {
		texts := make([][]string, 0, shardSOPs)
		for _, d := range docs[k*shardSOPs : min(len(docs), (k+1)*shardSOPs)] {
			texts = append(texts, d.snippets)
		}
		js, _ := json.Marshal(texts) // strings only: cannot fail
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression) // a valid level: no error
		zw.Write(js)
		zw.Close()
		out[k] = file{name: fmt.Sprintf("%s%03d.js", shardPrefix, k), data: fmt.Appendf(nil,
			"(window.SOPCTL_SNIPPETS = window.SOPCTL_SNIPPETS || []).push([%d, %q]);\n", k, base64.StdEncoding.EncodeToString(z.Bytes()))}
	})
	return out
}
