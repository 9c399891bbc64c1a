package cli

import (
	"math"
	"runtime/debug"
	"sync"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// memoryBudget bounds the memory of lint (and, with its own figures,
// render) on a large library: it sets the Go runtime's soft memory limit
// to what the SOPs' Briefs will hold plus a headroom for the files in the
// parsing workers' hands and their garbage. Lint tells it how many SOP
// files each library has before they are parsed (listed), and the limit
// is the whole library's from the start; render only counts them as they
// load, and its limit follows the SOPs loaded so far. A library of fewer
// than budgetFrom SOPs never sets it, so a small library keeps the
// runtime's default, cheap GC (which lets the heap grow to twice what is
// live); on a large one the limit stops a heap that grows with the number
// of SOPs from doubling past the bound below. A limit the user set
// (GOMEMLIMIT) is left alone. The limit stays for the rest of the
// process: sopctl runs one command.
type memoryBudget struct {
	mu      sync.Mutex
	n       int // SOPs loaded
	want    int // SOP files listed to be loaded (lint)
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
// binds only on a library whose SOPs hold more than these. A limit that
// grows with the SOPs loaded so far binds early on a large library: the
// list of its files and the walk's leftovers (about 25 MB at 100k) are
// live before the first SOP is parsed, above the fixed headroom, and the
// collector ran 640 times in the first 14 s of a 100k lint (765 in all,
// 130 with the whole library's limit, GODEBUG=gctrace=1).
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

// listed adds n SOP files to those to be loaded
// (library.LoadBriefsListed) and, once they are budgetFrom or more, sets
// the limit for all of them, so that it does not bind while the first
// SOPs are parsed; a nil budget does nothing.
func (b *memoryBudget) listed(n int) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.want += n
	if b.want >= budgetFrom {
		b.set(max(b.want, b.n))
	}
}

// loaded counts one more SOP and, every budgetStep SOPs past
// budgetFrom, raises the limit to what the next step will need (or
// leaves it at what the SOPs listed need, when that is more).
func (b *memoryBudget) loaded() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	if b.n < budgetFrom || b.n%budgetStep != 0 {
		return
	}
	b.set(max(b.n+budgetStep, b.want))
}

// set sets the limit for n SOPs, unless the user set one; b.mu is held.
func (b *memoryBudget) set(n int) {
	if !b.started {
		b.started = true
		b.owned = debug.SetMemoryLimit(-1) == math.MaxInt64
	}
	if b.owned {
		limit := budgetLimit
		if b.limit != nil {
			limit = b.limit
		}
		debug.SetMemoryLimit(limit(n))
	}
}

// budgetLimit is lint's soft memory limit for n SOPs' Briefs.
func budgetLimit(n int) int64 {
	return int64(n)*budgetPerSOP + max(budgetHeadroom, int64(n)*budgetHeadroomPerSOP)
}
