package cli

import (
	"math"
	"runtime/debug"
	"sync"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// memoryBudget bounds lint's memory on a large library: as SOPs are
// loaded into summaries, it sets the Go runtime's soft memory limit to
// what the summaries loaded so far hold plus a headroom for the files
// in the parsing workers' hands and their garbage. A library of fewer
// than budgetFrom SOPs never sets it, so a small library keeps the
// runtime's default, cheap GC (which lets the heap grow to twice what is
// live); a large one collects more often instead of doubling a heap that
// grows with the number of SOPs. A limit the user set (GOMEMLIMIT) is
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
// 100k; see README, Measuring): a summary with its share of the
// library's indexes and findings holds about 2.5 KiB (up to 3 KiB at
// 100k, where paths are longer). The headroom is fixed while the
// library is small, so that the collector does not run for every few
// files parsed, and then grows with it, so that it stays well above
// what is live: a limit at what is live makes the collector run
// without end.
const (
	budgetFrom           = 1024     // SOPs loaded before the limit is first set
	budgetStep           = 256      // SOPs between two settings of the limit
	budgetPerSOP         = 5 << 9   // 2.5 KiB: a summary
	budgetHeadroom       = 24 << 20 // the least headroom
	budgetHeadroomPerSOP = 5 << 9   // 2.5 KiB: the headroom past 9.8k SOPs
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

// budgetLimit is the soft memory limit for n SOPs' summaries.
func budgetLimit(n int) int64 {
	return int64(n)*budgetPerSOP + max(budgetHeadroom, int64(n)*budgetHeadroomPerSOP)
}
