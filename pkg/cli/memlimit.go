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
	// gcPercent, when not 0, replaces the runtime's default GOGC (100)
	// once the budget sets the limit: the limit then bounds the heap, and
	// the collector need not run each time the heap doubles. A GOGC the
	// user set is left alone.
	gcPercent int
}

// The budget's figures, measured on libraries of 4 KB SOPs (1k, 10k,
// 100k; see README, Measuring): an SOP's sop.Brief with its share of the
// library's indexes, the checker and the findings holds about 1 KiB
// (0.96 KiB at 10k, 0.94 KiB at 100k). The headroom is fixed for a small
// library, so that the collector does not run for every few files
// parsed, and grows with a large one, so that it stays well above what
// is live: a limit at what is live makes the collector run without end.
// The limit is under where issue 15 bounds lint's memory (64 MiB at 10k,
// 300 MiB at 100k), the runtime's own memory beside the heap included.
// Under it, lint's GOGC lets the heap grow to four times what is live,
// so the limit, not GOGC, says when the collector runs once the heap is
// large: at 100k, GOGC 300 with 1.5 KiB an SOP of headroom ran the
// collector 64 times, not 124 (GOGC 100, 2 KiB), for 0.91x the CPU at
// the same peak (257 MiB, farm-bench -n 3). The limit is the whole
// library's from the start (listed): one that grew with the SOPs loaded
// so far bound from the first SOP on a large library, where the list of
// its files and the walk's leftovers (about 25 MB at 100k) are live
// before any SOP is parsed, and the collector ran 765 times in a 100k
// lint (GODEBUG=gctrace=1).
const (
	budgetFrom           = 1024     // SOPs (listed, or loaded) before the limit is first set
	budgetStep           = 256      // SOPs between two settings of the limit
	budgetPerSOP         = 1 << 10  // 1 KiB: a Brief and its share
	budgetHeadroom       = 24 << 20 // the least headroom
	budgetHeadroomPerSOP = 3 << 9   // 1.5 KiB: the headroom past 16.4k SOPs
	budgetGCPercent      = 300      // lint's GOGC under its limit
	defaultGCPercent     = 100      // the runtime's GOGC when the user sets none
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
		if b.owned && b.gcPercent != 0 {
			if old := debug.SetGCPercent(b.gcPercent); old != defaultGCPercent {
				debug.SetGCPercent(old) // the user's GOGC
			}
		}
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
