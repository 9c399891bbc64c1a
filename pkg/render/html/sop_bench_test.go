package html

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// BenchmarkRenderSOP measures what Bundle does for each SOP (its page,
// its sections of the handbooks, its search words) on 200 SOPs of 4 KB,
// read again from their files as sopctl render reads them: ns/op and
// allocs/op are per SOP.
func BenchmarkRenderSOP(b *testing.B) {
	dir := testlib.LibrarySized(b, 200, 4096)
	h, _ := rendertest.LoadSummaries(b, dir, gitlog.History{})
	opts := Options{Lang: "en"}
	i, bufs := 0, newSOPBufs()
	for b.Loop() {
		p := h.SOPs[i%len(h.SOPs)]
		i++
		if _, _, err := renderSOP(h, p, opts, true, bufs); err != nil {
			b.Fatal(err)
		}
	}
}
