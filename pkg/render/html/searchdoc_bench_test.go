package html

import (
	"bytes"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

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
