package html

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// indexLibrary is a handbook of n SOPs for the search index's tests, and
// their bodies: words every SOP has (dense posting lists), every third
// has, and only one has, under two ## sections.
func indexLibrary(n int) (*render.Handbook, []string) {
	h := &render.Handbook{}
	bodies := make([]string, n)
	for i := range n {
		h.SOPs = append(h.SOPs, &render.Page{ID: fmt.Sprintf("s%02d", i), Title: fmt.Sprintf("Title %d", i%5), Doc: &sop.Doc{}})
		third := ""
		if i%3 == 0 {
			third = " thirds"
		}
		bodies[i] = fmt.Sprintf(`<p>Every SOP%s.</p><h2 id="purpose">Purpose</h2><p>Only%02d here.</p><h2 id="steps">Steps</h2><p>Do it%s.</p>`, third, i, strings.Repeat(" again", i%4))
	}
	// SOP 2 has a word of every SOP where no other has it.
	bodies[2] = `<p>SOP.</p><h2 id="purpose">Purpose every</h2><p>Only02 here.</p><h2 id="steps">Steps</h2><p>Do it again again.</p>`
	return h, bodies
}

// fullIndex is the search index of h with bodies, made from every SOP.
func fullIndex(t *testing.T, h *render.Handbook, bodies []string) []byte {
	t.Helper()
	b, err := searchIndex(h, func(i int) (searchDoc, error) { return newSearchDoc(h.SOPs[i], []byte(bodies[i])), nil })
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The index made from the previous one and the SOPs made anew is the one
// made from every SOP, byte for byte, whatever the edit.
func TestPreviousIndexUpdate(t *testing.T) {
	const n = 40
	tests := []struct {
		name  string
		edits map[int]string // SOP -> new body
	}{
		{"nothing", nil},
		{"made anew, unchanged", map[int]string{4: ""}},
		{"the first SOP", map[int]string{0: `<p>Every SOP thirds first.</p><h2 id="purpose">Purpose</h2><p>Only00 here.</p><h2 id="steps">Steps</h2><p>Do it.</p>`}},
		{"the last SOP", map[int]string{n - 1: `<p>Every SOP.</p><h2 id="purpose">Purpose</h2><p>Only39 here now.</p><h2 id="steps">Steps</h2><p>Do it again.</p>`}},
		{"a word only it has", map[int]string{5: `<p>Every SOP zyzzyva.</p><h2 id="purpose">Purpose</h2><p>Only05 here.</p><h2 id="steps">Steps</h2><p>Do it again.</p>`}},
		{"a word only it had", map[int]string{7: `<p>Every SOP.</p><h2 id="purpose">Purpose</h2><p>Here.</p><h2 id="steps">Steps</h2><p>Do it again again again.</p>`}},
		{"a word of every SOP, and its place", map[int]string{9: `<p>SOP thirds.</p><h2 id="purpose">Purpose every</h2><p>Only09 here.</p><h2 id="steps">Steps</h2><p>Do it again.</p>`}},
		{"a word of every SOP back where the others have it", map[int]string{2: `<p>Every SOP.</p><h2 id="purpose">Purpose</h2><p>Only02 here.</p><h2 id="steps">Steps</h2><p>Do it again again.</p>`}},
		{"no more a word of every SOP", map[int]string{6: `<p>SOP.</p>`}},
		{"an outline of its own", map[int]string{3: `<p>Every SOP thirds.</p><h2 id="scope">Scope</h2><p>Only03 here.</p>`}},
		{"an outline of another", map[int]string{3: `<p>Every SOP thirds.</p><h2 id="purpose">Purpose</h2><p>Only03.</p><h2 id="steps">Steps</h2><p>Do.</p>`, 8: `<p>Every.</p>`}},
		{"several", map[int]string{0: `<p>x</p>`, 20: `<p>Every SOP zyzzyva thirds.</p>`, n - 1: ``}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, bodies := indexLibrary(n)
			prev, err := decodeSearchIndex(fullIndex(t, h, bodies), h)
			if err != nil {
				t.Fatalf("decodeSearchIndex: %v", err)
			}
			made := make([]bool, n)
			for i, body := range tt.edits {
				if body != "" || tt.name != "made anew, unchanged" {
					bodies[i] = body
				}
				made[i] = true
			}
			got, err := prev.update(h, made, func(i int) (searchDoc, error) {
				if !made[i] {
					t.Errorf("update read the words of SOP %d, whose page is reused", i)
				}
				return newSearchDoc(h.SOPs[i], []byte(bodies[i])), nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if want := fullIndex(t, h, bodies); !bytes.Equal(got, want) {
				t.Errorf("updated index differs from the full one: %s", testlib.FirstDiff(got, want))
			}
		})
	}
}

// A previous index that is not one this build writes for the SOPs is not
// used: the index is then made from every SOP.
func TestDecodeSearchIndexRefuses(t *testing.T) {
	h, bodies := indexLibrary(40)
	good := string(fullIndex(t, h, bodies))
	if _, err := decodeSearchIndex([]byte(good), h); err != nil {
		t.Fatalf("the index as written: %v", err)
	}
	if !strings.Contains(good, `"!`) {
		t.Fatalf("no dense posting list to damage in %s", good)
	}
	prev, _ := decodeSearchIndex([]byte(good), h)
	dense := slices.IndexFunc(prev.postings, func(p string) bool { return strings.HasPrefix(p, "!") })
	// posting writes the index with the k-th posting list replaced.
	posting := func(k int, enc string) string {
		return string(writeSearchIndex(h, prev.outlineOf, prev.outlines, prev.words, func(i int) []byte {
			if i == k {
				return []byte(enc)
			}
			return []byte(prev.postings[i])
		}))
	}
	if dense < 0 || posting(-1, "") != good {
		t.Fatalf("no dense posting list to damage, or the index is not written again as it was: %s", good)
	}
	d := prev.postings[dense]
	other, _ := indexLibrary(41)
	tests := []struct {
		name  string
		index string
		h     *render.Handbook
	}{
		{"empty", "", h},
		{"truncated", good[:len(good)/2], h},
		{"no end", strings.TrimSuffix(good, ";\n"), h},
		{"no start", strings.TrimPrefix(good, "window.SOPCTL_SEARCH = "), h},
		{"junk", searchIndexStart + "{}" + searchIndexEnd, h},
		{"not JSON", searchIndexStart + "{" + searchIndexEnd, h},
		{"other SOPs", good, other},
		{"another id", strings.Replace(good, `"s03"`, `"s3"`, 1), h},
		{"another title", strings.Replace(good, `"Title 4"`, `"Title 9"`, 1), h},
		{"an outline out of range", strings.Replace(good, `["s00","Title 0",0]`, `["s00","Title 0",7]`, 1), h},
		{"an outline not a number", strings.Replace(good, `["s00","Title 0",0]`, `["s00","Title 0","0"]`, 1), h},
		{"another shard size", strings.Replace(good, `"per_shard":200`, `"per_shard":100`, 1), h},
		{"words out of order", strings.Replace(good, `"words":["`, `"words":["zzz","`, 1), h},
		{"fewer postings", strings.Replace(good, `,"postings":[`, `,"postings":[],"x":[`, 1), h},
		{"an SOP out of range", posting(0, "1cA"), h},
		{"SOPs not ascending", posting(0, "2A0B"), h},
		{"no code", posting(0, "2A3"), h},
		{"no SOP", posting(0, "A"), h},
		{"a bad bitmap digit", posting(dense, "!*"+d[2:]), h},
		{"a short bitmap", posting(dense, d[:3]), h},
		{"an SOP past the bitmap's", posting(dense, "!"+strings.Repeat("_", 7)+"A"), h},
		{"another code for an SOP not in the bitmap", posting(dense, "!B"+strings.Repeat("A", 6)+"A1B"), h},
	}
	for _, tt := range tests {
		if _, err := decodeSearchIndex([]byte(tt.index), tt.h); err == nil {
			t.Errorf("%s: decodeSearchIndex accepted it", tt.name)
		}
	}
}

// FuzzDecodeSearchIndex: whatever a previous output's search-index.js
// holds, reading it never panics, and an index it accepts, updated with
// one SOP made anew, is one it accepts again.
func FuzzDecodeSearchIndex(f *testing.F) {
	h, bodies := indexLibrary(12)
	words := func(i int) (searchDoc, error) { return newSearchDoc(h.SOPs[i], []byte(bodies[i])), nil }
	good, err := searchIndex(h, words)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(bytes.Replace(good, []byte(`"!`), []byte(`"`), 1))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		prev, err := decodeSearchIndex(data, h)
		if err != nil {
			return
		}
		made := make([]bool, len(h.SOPs))
		made[3] = true
		got, err := prev.update(h, made, words)
		if err != nil {
			return
		}
		if _, err := decodeSearchIndex(got, h); err != nil {
			t.Errorf("the update of an index it accepts is refused: %v\n%s", err, got)
		}
	})
}

// TestFirstUnreadable checks that the lists checked in parallel pieces
// name the first that cannot be read, whichever piece holds it.
func TestFirstUnreadable(t *testing.T) {
	const n = 10
	good := encodePostings([]posting{{doc: 1}, {doc: 4, code: 2}}, n)
	lists := func(count int, bad ...int) []string {
		out := make([]string, count)
		for i := range out {
			out[i] = good
		}
		for _, k := range bad {
			out[k] = "?"
		}
		return out
	}
	tests := []struct {
		name     string
		postings []string
		want     int
	}{
		{"none", nil, -1},
		{"all readable", lists(3*checkedWords + 5), -1},
		{"the first", lists(3, 0), 0},
		{"in the last piece", lists(3*checkedWords+5, 3*checkedWords+4), 3*checkedWords + 4},
		{"the first of two pieces", lists(3*checkedWords, 2*checkedWords+1, checkedWords+7), checkedWords + 7},
		{"two in one piece", lists(checkedWords, 9, 8), 8},
		{"past the SOPs", []string{good, encodePostings([]posting{{doc: n}}, n+1)}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := firstUnreadable(tt.postings, n); got != tt.want {
				t.Errorf("firstUnreadable = %d, want %d", got, tt.want)
			}
		})
	}
}

// postingCases are posting lists, as encodePostings writes them for 14
// SOPs and damaged, for the checks that read them.
func postingCases() []string {
	dense := encodePostings([]posting{{doc: 0}, {doc: 3, code: 2}, {doc: 5}, {doc: 6}, {doc: 8}, {doc: 9}, {doc: 13, code: 1}}, 14)
	return []string{
		dense, dense[:len(dense)-1], dense + "1", dense + "A", strings.Replace(dense, "!", "!?", 1),
		"!" + dense[1:3], "!AAA", "!AAC", "!AAB", "!AAD", "!AA_A", "!_AAA", "!BAAA3B",
		encodePostings([]posting{{doc: 2}, {doc: 13, code: 30}}, 14), "2", "2A", "0A1A", "0A0A", "dA", "cA", "-1A",
	}
}

// TestReadable checks that readable takes the posting lists eachPosting
// reads, and only those.
func TestReadable(t *testing.T) {
	if !strings.HasPrefix(postingCases()[0], "!") {
		t.Fatalf("no dense list among the cases: %q", postingCases()[0])
	}
	for _, enc := range postingCases() {
		if got, want := readable(enc, 14), eachPosting(enc, 14, func(posting) {}); got != want {
			t.Errorf("readable(%q) = %t, eachPosting says %t", enc, got, want)
		}
	}
}

// FuzzReadable checks readable against eachPosting on any list.
func FuzzReadable(f *testing.F) {
	for _, enc := range postingCases() {
		f.Add(enc, 14)
	}
	f.Fuzz(func(t *testing.T, enc string, n int) {
		if n < 1 || n > 1000 {
			return
		}
		if got, want := readable(enc, n), eachPosting(enc, n, func(posting) {}); got != want {
			t.Errorf("readable(%q, %d) = %t, eachPosting says %t", enc, n, got, want)
		}
	})
}
