package cli

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Render's budget follows its own figures, not lint's, and, like lint's,
// leaves a small library and a limit the user set alone.
func TestRenderBudget(t *testing.T) {
	const userLimit = int64(1) << 40
	tests := []struct {
		preset int64
		sops   int
		want   int64
	}{
		{math.MaxInt64, budgetFrom - 1, math.MaxInt64},
		{math.MaxInt64, 10 * budgetFrom, renderLimit(10*budgetFrom + budgetStep)},
		{userLimit, 4 * budgetFrom, userLimit},
	}
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	for _, tt := range tests {
		debug.SetMemoryLimit(tt.preset)
		each := (&memoryBudget{limit: renderLimit}).wrapSummary(func(*library.Config, *sop.Doc, ast.Node) *sop.Doc { return nil })
		for range tt.sops {
			each(nil, nil, nil)
		}
		if got := debug.SetMemoryLimit(-1); got != tt.want {
			t.Errorf("limit after %d SOPs = %d, want %d", tt.sops, got, tt.want)
		}
	}
	// 10k SOPs: above what is live at render's largest (64 MiB), below
	// twice it, which the default collector would allow; 100k: above what
	// is live (541 MB), and enough under SPEC's 1 GiB for what the runtime
	// holds beside the heap (the peak was 893 MiB at a limit of 879).
	if got := renderLimit(10_000); got <= budgetLimit(10_000) || got < 100<<20 || got > 150<<20 {
		t.Errorf("renderLimit(10k) = %d MiB", got>>20)
	}
	if got := renderLimit(100_000); got < 600<<20 || got > 900<<20 {
		t.Errorf("renderLimit(100k) = %d MiB", got>>20)
	}
}
