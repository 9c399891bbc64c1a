package html

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/sop"
)

func TestEncodePostings(t *testing.T) {
	ps := func(pairs ...int) []posting {
		var out []posting
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, posting{int32(pairs[i]), int32(pairs[i+1])})
		}
		return out
	}
	tests := []struct {
		name string
		ps   []posting
		n    int
		want string
	}{
		{"one", ps(0, 0), 100, "0A"},
		{"gaps in base 36, codes in base 26", ps(3, 5, 40, 8, 41, 25), 100, "3F11I1Z"},
		{"a code of two digits", ps(2, 26, 7, 27*26+1), 100, "2BA5BBB"},
		{"dense: bitmap, common code, the others", ps(0, 5, 1, 5, 2, 5, 3, 5, 4, 5, 5, 5, 6, 5, 8, 2), 12, "!_FF8C"},
		{"dense but longer than sparse", ps(0, 5, 11, 6), 12, "0FbG"},
		{"every SOP, one code", ps(0, 4, 1, 4, 2, 4, 3, 4, 4, 4, 5, 4, 6, 4), 7, "!_BE"},
		{"two codes as common: the least", ps(0, 7, 1, 4, 2, 7, 3, 4), 4, "!PE0H2H"},
		{"gaps of one, two and three digits", ps(35, 0, 71, 1, 71+1296, 2), 2000, "zA10B100C"},
	}
	for _, tt := range tests {
		if got := encodePostings(tt.ps, tt.n); got != tt.want {
			t.Errorf("%s: encodePostings(%v, %d) = %q, want %q", tt.name, tt.ps, tt.n, got, tt.want)
		}
		// The index adds them one at a time.
		var pl postingList
		for _, p := range tt.ps {
			pl.add(p.doc, p.code)
		}
		if got := string(pl.encoded(tt.n)); got != tt.want {
			t.Errorf("%s: postingList of %v, %d = %q, want %q", tt.name, tt.ps, tt.n, got, tt.want)
		}
	}
}

// Outlines are numbered in the order first met, each once: two are one
// only when their texts are.
func TestOutlineSet(t *testing.T) {
	outlines := [][]string{{"a", "A"}, nil, {"a", "A"}, {"aA"}, {"1:a", "A"}, {"1:a:A"}, {}, {"a", "A", ""}, {"aA"}}
	want := []int{0, 1, 0, 2, 3, 4, 1, 5, 2}
	var s outlineSet
	for i, o := range outlines {
		if got := s.number(o); got != want[i] {
			t.Errorf("outline %q: number %d, want %d", o, got, want[i])
		}
	}
	if len(s.list) != 6 || !slices.Equal(s.list[3], outlines[4]) {
		t.Errorf("list %q", s.list)
	}
}

// A snippet is a section's opening words, given in pieces (the text
// around its minor headings) that part words as a space would.
func TestOpening(t *testing.T) {
	tests := []struct {
		pieces []string
		max    int
		want   string
	}{
		{nil, 10, ""},
		{[]string{""}, 10, ""},
		{[]string{"  one\n two  "}, 10, "one two"},
		{[]string{"one two three"}, 13, "one two three"},
		{[]string{"one two three"}, 12, "one two …"},
		{[]string{"abcdefghijkl more"}, 5, "abcde…"},
		{[]string{"ééééé"}, 5, "éé…"}, // whole runes only
		{[]string{"one", "two", "", " three "}, 13, "one two three"},
		{[]string{"one two", "three", "four"}, 12, "one two …"},
		{[]string{"ab", "cdefghijkl", "more"}, 5, "ab …"},
		{[]string{"one\u00a0two"}, 20, "one two"},
	}
	var o openingText
	for _, tt := range tests {
		o.start(tt.max)
		for _, p := range tt.pieces {
			o.add([]byte(p))
		}
		if got := o.String(); got != tt.want {
			t.Errorf("opening of %q, %d = %q, want %q", tt.pieces, tt.max, got, tt.want)
		}
	}
}

func TestAppendVisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>a</p><p>b</p>", " a  b "},
		{"<p><strong>Lead</strong>: owns <a href=\"x.html\">the <em>re</em>fund</a></p>", " Lead: owns the refund "},
		{"<li>x<br>y</li>", " x y "},
		{"a &amp; &lt;b&gt;", "a & <b>"},
		{"<tr><th>Level</th><th>Limit</th></tr>\n<tr><td>Refund</td><td>50</td></tr>", "  Level ·  Limit ·  \n  Refund ·  50 ·  "},
	}
	// What dst held already is left as it was, entities and all.
	for _, tt := range tests {
		if got := string(appendVisible([]byte("&amp; "), []byte(tt.in))); got != "&amp; "+tt.want {
			t.Errorf("appendVisible(%q) = %q, want %q", tt.in, got, "&amp; "+tt.want)
		}
	}
}

// newSearchDoc reads sections from body HTML as bodyHTML writes it.
func TestNewSearchDoc(t *testing.T) {
	p := &render.Page{ID: "refund-processing", Title: "Refund Processing", Doc: &sop.Doc{}}
	body := `<p>Intro about money.</p>
<h2 id="purpose">Purpose</h2>
<p>Pay a <strong>refund</strong> once.</p>
<h3 id="notes">Notes on &amp; refunds</h3>
<p>Keep receipts.</p>
<h2 id="procedure">Procedure &amp; <code>steps</code></h2>
<ol><li>Check the receipts.</li></ol>`
	d := newSearchDoc(p, []byte(body))
	if want := []string{"purpose", "Purpose", "procedure", "Procedure & steps"}; !slices.Equal(d.outline, want) {
		t.Errorf("outline %q, want %q", d.outline, want)
	}
	if want := []string{"Intro about money.", "Pay a refund once. Notes on & refunds Keep receipts.", "Check the receipts."}; !slices.Equal(d.snippets, want) {
		t.Errorf("snippets %q, want %q", d.snippets, want)
	}
	want := map[string]int{
		"refund":     wordCode(fieldTitle, 1), // title, and the body of section 1
		"processing": wordCode(fieldTitle, -1),
		"intro":      wordCode(fieldBody, 0),
		"notes":      wordCode(fieldHeading, 1), // an h3 of section 1
		"receipts":   wordCode(fieldBody, 1),    // first in section 1
		"steps":      wordCode(fieldHeading, 2),
		"check":      wordCode(fieldBody, 2),
	}
	d.each(func(w string, got int) {
		if code, ok := want[w]; ok && got != code {
			t.Errorf("%q has code %d, want %d", w, got, code)
		}
		delete(want, w)
	})
	if len(want) > 0 {
		t.Errorf("words %v missing from %q", want, d.words)
	}
	// A body with no ## heading is one part; one starting with a heading
	// has an empty part before it.
	if got := newSearchDoc(p, []byte("<p>Only text.</p>")); len(got.outline) != 0 || !slices.Equal(got.snippets, []string{"Only text."}) {
		t.Errorf("no heading: outline %q, snippets %q", got.outline, got.snippets)
	}
	if got := newSearchDoc(p, []byte(`<h2 id="a">A</h2><p>x</p>`)); !slices.Equal(got.snippets, []string{"", "x"}) {
		t.Errorf("heading first: snippets %q", got.snippets)
	}
}

// Shards hold shardSOPs SOPs' snippets each, as zlib-compressed JSON in
// base64, in a file that only pushes data.
func TestSnippetShards(t *testing.T) {
	docs := make([]searchDoc, shardSOPs+3)
	for i := range docs {
		docs[i].snippets = []string{"", "text </script><!-- \u2028 " + strings.Repeat("x", i%7)}
	}
	var files []file
	for k := range shardCount(len(docs)) {
		files = append(files, snippetShard(len(docs), k, func(i int) (searchDoc, error) { return docs[i], nil }))
	}
	if len(files) != 2 || files[0].name != "assets/search-snippets-000.js" || files[1].name != "assets/search-snippets-001.js" {
		t.Fatalf("shards %v", files)
	}
	line := regexp.MustCompile(`^\(window\.SOPCTL_SNIPPETS = window\.SOPCTL_SNIPPETS \|\| \[\]\)\.push\(\[(\d+), "([A-Za-z0-9+/=]+)"\]\);\n$`)
	for k, f := range files {
		m := line.FindSubmatch(f.data)
		if m == nil || string(m[1]) != []string{"0", "1"}[k] {
			t.Fatalf("%s: %q", f.name, f.data)
		}
		z, err := base64.StdEncoding.DecodeString(string(m[2]))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zlib.NewReader(bytes.NewReader(z))
		if err != nil {
			t.Fatal(err)
		}
		js, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		var texts [][]string
		if err := json.Unmarshal(js, &texts); err != nil {
			t.Fatal(err)
		}
		want := docs[k*shardSOPs : min(len(docs), (k+1)*shardSOPs)]
		if len(texts) != len(want) || !slices.Equal(texts[len(texts)-1], want[len(want)-1].snippets) {
			t.Errorf("%s holds %d SOPs, last %q; want %d, last %q", f.name, len(texts), texts[len(texts)-1], len(want), want[len(want)-1].snippets)
		}
	}
}

// A searchDoc spooled reads back as it was; bytes cut short or with junk
// after them are refused, not read as another SOP's words.
func TestSearchDocSpooled(t *testing.T) {
	docs := []searchDoc{
		{},
		{words: "refund café ", codes: []int32{3, 700}, outline: []string{"a", "A"}, snippets: []string{"", "text …"}},
	}
	for _, d := range docs {
		b := d.appendTo([]byte("junk before"))[len("junk before"):]
		got, err := readSearchDoc(b)
		if err != nil || got.words != d.words || !slices.Equal(got.codes, d.codes) ||
			!slices.Equal(got.outline, d.outline) || !slices.Equal(got.snippets, d.snippets) {
			t.Errorf("%+v read back as %+v, %v", d, got, err)
		}
		for _, bad := range [][]byte{b[:len(b)-1], append(b, 0), {0xff}} {
			if _, err := readSearchDoc(bad); !errors.Is(err, errSearchDoc) {
				t.Errorf("%q read back with %v, want errSearchDoc", bad, err)
			}
		}
	}
}

// The index built a posting at a time holds what encodePostings writes of
// the whole list, sparse or dense.
func TestPostingListEncoded(t *testing.T) {
	for _, ps := range [][]posting{
		{{doc: 0, code: 3}},
		{{doc: 5, code: 30}, {doc: 40, code: 3}, {doc: 41, code: 700}},
		{{doc: 0, code: 5}, {doc: 1, code: 5}, {doc: 2, code: 4}, {doc: 3, code: 5}, {doc: 7, code: 5}},
	} {
		var pl postingList
		for _, p := range ps {
			pl.add(p.doc, p.code)
		}
		for _, n := range []int{42, 64, 1000} { // more than the last SOP
			if got, want := string(pl.encoded(n)), encodePostings(ps, n); got != want {
				t.Errorf("%v of %d SOPs: %q, want %q", ps, n, got, want)
			}
		}
	}
}

// spooledSections reads each section only when the template asks for it,
// and stops at the first that cannot be read, keeping its error.
func TestSpooledSections(t *testing.T) {
	pages := []*render.Page{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	bad := errors.New("damaged")
	for _, tt := range []struct {
		failAt int // -1: none
		want   string
	}{{-1, "abc"}, {0, ""}, {1, "a"}} {
		var err error
		read := 0
		seq := spooledSections(pages, func(p *render.Page) (htmltemplate.HTML, error) {
			read++
			if read-1 == tt.failAt {
				return "", bad
			}
			return htmltemplate.HTML(p.ID), nil
		}, &err)
		if read != 0 {
			t.Errorf("%d sections read before the template asked", read)
		}
		var got string
		for s := range seq {
			got += string(s)
		}
		if got != tt.want || (tt.failAt >= 0) != errors.Is(err, bad) {
			t.Errorf("fail at %d: %q, %v; want %q", tt.failAt, got, err, tt.want)
		}
	}
}

// BenchmarkNewSearchDoc reads the search words of a body of about 4 KB of
// HTML: prose, ## and ### headings, a list and a table.
func BenchmarkNewSearchDoc(b *testing.B) {
	p := &render.Page{ID: "refund-processing", Title: "Refund Processing", Doc: &sop.Doc{}}
	var body strings.Builder
	body.WriteString("<p>Intro about money &amp; refunds.</p>\n")
	for s := range 6 {
		fmt.Fprintf(&body, `<h2 id="s%d">Section %d of the procedure</h2>
<p>Pay a <strong>refund</strong> once the customer's receipt is checked against order %d, and log it.</p>
<h3 id="n%d">Notes on &amp; refunds</h3>
<ol><li>Check the receipts and the <a href="x.html">policy</a>.</li><li>Escalate disputes over 500 to the team lead.</li></ol>
<table><tr><th>Step</th><th>Owner</th></tr><tr><td>Approve</td><td>Supervisor</td></tr></table>
`, s, s, 1000+s, s)
	}
	html := []byte(body.String())
	b.SetBytes(int64(len(html)))
	for b.Loop() {
		newSearchDoc(p, html)
	}
}

// BenchmarkNewSearchDocLibrary reads the search words of 200 generated
// SOPs of 4 KB, their bodies written as their pages show them, in turn as
// render does: ns/op and allocs/op are per SOP, and the words of earlier
// SOPs are known to the tokenizer, as they are in a large library.
func BenchmarkNewSearchDocLibrary(b *testing.B) {
	dir := testlib.LibrarySized(b, 200, 4096)
	h, _ := rendertest.LoadSummaries(b, dir, gitlog.History{})
	bufs := newSOPBufs()
	bodies := make([][]byte, len(h.SOPs))
	size := 0
	for i, p := range h.SOPs {
		out, err := bodyHTML(h, p, bufs, pageLinker{})
		if err != nil {
			b.Fatal(err)
		}
		bodies[i] = bytes.Clone(out[0])
		size += len(bodies[i])
	}
	b.SetBytes(int64(size / len(bodies)))
	i := 0
	for b.Loop() {
		newSearchDoc(h.SOPs[i%len(bodies)], bodies[i%len(bodies)])
		i++
	}
}

// BenchmarkSearchIndex builds the search index of 20,000 SOPs: the
// searchDocs of 200 generated SOPs of 4 KB, each given 100 times, to
// SOPs of ids of their own (each id a word of its own, as in a library).
func BenchmarkSearchIndex(b *testing.B) {
	dir := testlib.LibrarySized(b, 200, 4096)
	h, _ := rendertest.LoadSummaries(b, dir, gitlog.History{})
	bufs := newSOPBufs()
	var docs []searchDoc
	for _, p := range h.SOPs {
		out, err := bodyHTML(h, p, bufs, pageLinker{})
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, newSearchDoc(p, out[0]))
	}
	big := &render.Handbook{}
	for i := range 100 * len(docs) {
		p := *h.SOPs[i%len(docs)]
		p.ID = fmt.Sprintf("sop-%06d", i)
		big.SOPs = append(big.SOPs, &p)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := searchIndex(big, func(i int) (searchDoc, error) {
			d := docs[i%len(docs)]
			d.words += big.SOPs[i].ID + " "
			d.codes = append(slices.Clip(d.codes), int32(wordCode(fieldTitle, -1)))
			return d, nil
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSnippetShard writes a snippet shard of the 200 generated SOPs
// of 4 KB, their snippets read as render reads them: ns/op and allocs/op
// are per shard of shardSOPs SOPs.
func BenchmarkSnippetShard(b *testing.B) {
	dir := testlib.LibrarySized(b, shardSOPs, 4096)
	h, _ := rendertest.LoadSummaries(b, dir, gitlog.History{})
	bufs := newSOPBufs()
	docs := make([]searchDoc, len(h.SOPs))
	for i, p := range h.SOPs {
		out, err := bodyHTML(h, p, bufs, pageLinker{})
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = newSearchDoc(p, out[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		snippetShard(len(docs), 0, func(i int) (searchDoc, error) { return docs[i], nil })
	}
}
