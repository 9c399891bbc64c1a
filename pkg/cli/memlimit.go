package cli

import (
	"math"
	"runtime/debug"
	"sync"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// memoryBudget bounds the memory of lint (and, with its own figures,
// render) on a large library: as SOPs are loaded into Briefs, it sets the Go runtime's soft memory limit to what
// the Briefs loaded so far hold plus a headroom for the files in the
// parsing workers' hands and their garbage. A library of fewer than
// budgetFrom SOPs never sets it, so a small library keeps the runtime's
// default, cheap GC (which lets the heap grow to twice what is live); on
// a large one the limit stops a heap that grows with the number of SOPs
// from doubling past the bound below. A limit the user set (GOMEMLIMIT) is
// left alone. The limit stays for the rest of the process: sopctl runs
// one command.
type memoryBudget struct {
	mu      sync.Mutex
	n       int
	started bool
	owned   bool // the limit is the budget's, not the user's
	// limit is the soft memory limit for n SOPs; nil: budgetLimit, lint's
	// (render has its own figures: renderLimit).
	limit func(n int) int64
}

// The budget's figures, measured on libraries of 4 KB SOPs (1k, 10k,
// 100k; see README, Measuring): an SOP's sop.Brief with its share of the
// library's indexes, the checker and the findings holds about 1 KiB
// (0.96 KiB at 10k, 0.94 KiB at 100k). The headroom is fixed while the
// library is small, so that the collector does not run for every few
// files parsed, and then grows with it, so that it stays well above
// what is live: a limit at what is live makes the collector run
// without end. The limit is where issue 15 bounds lint's memory (64 MiB
// at 10k, 300 MiB at 100k), above the heap that Go's default pacing
// keeps (about twice what is live): a limit that binds costs CPU, and
// pays little now that the Briefs hold no pointers (at 100k, a limit
// of 2.5 KiB an SOP cost 1.36x the CPU for a peak 10 MiB lower). It
// binds only on a library whose SOPs hold more than these.
const (
	budgetFrom           = 1024     // SOPs loaded before the limit is first set
	budgetStep           = 256      // SOPs between two settings of the limit
	budgetPerSOP         = 1 << 10  // 1 KiB: a Brief and its share
	budgetHeadroom       = 24 << 20 // the least headroom
	budgetHeadroomPerSOP = 2 << 10  // 2 KiB: the headroom past 12.3k SOPs
)

// wrap returns each, counting the SOPs it is called on; a nil budget
// (a command that keeps whole Docs) counts nothing.
func (b *memoryBudget) wrap(each func(*library.Config, *sop.Doc)) func(*library.Config, *sop.Doc) {
	if b == nil {
		return each
	}
	return func(cfg *library.Config, d *sop.Doc) {
		each(cfg, d)
		b.loaded()
	}
}

// loaded counts one more SOP and, every budgetStep SOPs past
// budgetFrom, raises the limit to what the next step will need.
func (b *memoryBudget) loaded() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	if b.n < budgetFrom || b.n%budgetStep != 0 {
		return
	}
	if !b.started {
		b.started = true
		b.owned = debug.SetMemoryLimit(-1) == math.MaxInt64
	}
	if b.owned {
		limit := budgetLimit
		if b.limit != nil {
			limit = b.limit
		}
		debug.SetMemoryLimit(limit(b.n + budgetStep))
	}
}

// budgetLimit is lint's soft memory limit for n SOPs' Briefs.
func budgetLimit(n int) int64 {
	return int64(n)*budgetPerSOP + max(budgetHeadroom, int64(n)*budgetHeadroomPerSOP)
}
