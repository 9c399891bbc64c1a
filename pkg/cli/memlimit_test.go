package cli

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

func TestMemoryBudget(t *testing.T) {
	const userLimit = int64(1) << 40
	const userGC = 50
	tests := []struct {
		name     string
		preset   int64 // the limit before lint (math.MaxInt64: none, as without GOMEMLIMIT)
		presetGC int   // GOGC before lint (defaultGCPercent: none set)
		listed   []int // the SOP files of each library, told before its SOPs load (none: render)
		sops     int
		want     int64
		wantGC   int
	}{
		{"a small library keeps the default GC", math.MaxInt64, defaultGCPercent, nil, budgetFrom - 1, math.MaxInt64, defaultGCPercent},
		{"a large library is bounded by its summaries", math.MaxInt64, defaultGCPercent, nil, 2 * budgetFrom, budgetLimit(2*budgetFrom + budgetStep), budgetGCPercent},
		{"the limit follows the library as it loads", math.MaxInt64, defaultGCPercent, nil, 40 * budgetFrom, budgetLimit(40*budgetFrom + budgetStep), budgetGCPercent},
		{"a limit the user set is left alone, and GOGC with it", userLimit, defaultGCPercent, nil, 4 * budgetFrom, userLimit, defaultGCPercent},
		{"a GOGC the user set is left alone", math.MaxInt64, userGC, nil, 4 * budgetFrom, budgetLimit(4*budgetFrom + budgetStep), userGC},
		{"a small library listed keeps the default GC", math.MaxInt64, defaultGCPercent, []int{budgetFrom - 1}, budgetFrom - 1, math.MaxInt64, defaultGCPercent},
		{"a library listed is bounded as a whole before it loads", math.MaxInt64, defaultGCPercent, []int{100_000}, 0, budgetLimit(100_000), budgetGCPercent},
		{"and while it loads", math.MaxInt64, defaultGCPercent, []int{100_000}, 40 * budgetFrom, budgetLimit(100_000), budgetGCPercent},
		{"the libraries listed add up", math.MaxInt64, defaultGCPercent, []int{budgetFrom / 2, budgetFrom}, 0, budgetLimit(budgetFrom * 3 / 2), budgetGCPercent},
		{"SOPs loaded past those listed raise it", math.MaxInt64, defaultGCPercent, []int{2 * budgetFrom}, 4 * budgetFrom, budgetLimit(4*budgetFrom + budgetStep), budgetGCPercent},
		{"a limit the user set is left alone by a list", userLimit, defaultGCPercent, []int{100_000}, 0, userLimit, defaultGCPercent},
	}
	before := debug.SetMemoryLimit(-1)
	beforeGC := debug.SetGCPercent(defaultGCPercent)
	t.Cleanup(func() { debug.SetMemoryLimit(before); debug.SetGCPercent(beforeGC) })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.preset)
			debug.SetGCPercent(tt.presetGC)
			calls := 0
			b := &memoryBudget{gcPercent: budgetGCPercent}
			for _, n := range tt.listed {
				b.listed(n)
			}
			each := b.wrap(func(*library.Config, *sop.Doc) { calls++ })
			for range tt.sops {
				each(nil, nil)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit after %d SOPs = %d, want %d", tt.sops, got, tt.want)
			}
			if got := debug.SetGCPercent(defaultGCPercent); got != tt.wantGC {
				t.Errorf("GOGC after %d SOPs = %d, want %d", tt.sops, got, tt.wantGC)
			}
			if calls != tt.sops {
				t.Errorf("each called %d times, want %d", calls, tt.sops)
			}
		})
	}
}

func TestMemoryBudgetNil(t *testing.T) {
	called := false
	var b *memoryBudget
	b.wrap(func(*library.Config, *sop.Doc) { called = true })(nil, nil)
	b.listed(100_000)
	if !called {
		t.Error("a nil budget's wrap did not call each")
	}
}
