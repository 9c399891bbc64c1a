package cli

import (
	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// renderLimit is render's soft memory limit for n SOPs (memoryBudget.limit).
// An HTML render holds more per SOP than lint: besides its summary (all
// its fields, headings and links: Sources.Summary), a hash of its file,
// its keys and where the spool holds its parts; at its largest, writing
// the search index, about 5.4 KiB an SOP was live at 100k (4 KB SOPs;
// 6 KiB at 10k, with what any render holds; see README, Measuring). The
// headroom keeps the collector from running for every few pages: a limit
// at what is live makes it run without end. Each cycle marks the whole
// live heap (at 100k, some 450 MB), so a large library's headroom grows
// with it: at 100k, 3 KiB an SOP (a limit of 879 MiB) ran the render in
// 0.89x the CPU of 2 KiB (781 MiB), at a peak of 893 MiB, not 805, under
// the 1 GiB that issue 15 bounds it to (farm-bench, tmpfs).
func renderLimit(n int) int64 {
	return int64(n)*renderPerSOP + max(renderHeadroom, int64(n)*renderHeadroomPerSOP)
}

const (
	renderPerSOP         = 6 << 10  // 6 KiB
	renderHeadroom       = 56 << 20 // the least headroom
	renderHeadroomPerSOP = 3 << 10  // 3 KiB: the headroom past 19.1k SOPs
)

// wrapSummary is wrap for library.LoadKnown's summary hook, which
// returns the Summary render keeps.
func (b *memoryBudget) wrapSummary(summary func(*library.Config, *sop.Doc, ast.Node) *sop.Doc) func(*library.Config, *sop.Doc, ast.Node) *sop.Doc {
	return func(cfg *library.Config, d *sop.Doc, tree ast.Node) *sop.Doc {
		s := summary(cfg, d, tree)
		b.loaded()
		return s
	}
}
