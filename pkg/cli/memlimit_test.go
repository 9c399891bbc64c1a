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
	tests := []struct {
		name   string
		preset int64 // the limit before lint (math.MaxInt64: none, as without GOMEMLIMIT)
		sops   int
		want   int64
	}{
		{"a small library keeps the default GC", math.MaxInt64, budgetFrom - 1, math.MaxInt64},
		{"a large library is bounded by its summaries", math.MaxInt64, 2 * budgetFrom, budgetLimit(2*budgetFrom + budgetStep)},
		{"the limit follows the library as it loads", math.MaxInt64, 40 * budgetFrom, budgetLimit(40*budgetFrom + budgetStep)},
		{"a limit the user set is left alone", userLimit, 4 * budgetFrom, userLimit},
	}
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(tt.preset)
			calls := 0
			each := (&memoryBudget{}).wrap(func(*library.Config, *sop.Doc) { calls++ })
			for range tt.sops {
				each(nil, nil)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit after %d SOPs = %d, want %d", tt.sops, got, tt.want)
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
	if !called {
		t.Error("a nil budget's wrap did not call each")
	}
}
