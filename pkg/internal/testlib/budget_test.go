package testlib

import (
	"testing"
	"time"
)

func TestBudgetFor(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		base time.Duration
		size int
		want time.Duration
	}{
		{100 * ms, 0, 100 * ms},
		{100 * ms, 655, 101 * ms},
		{100 * ms, 64 << 10, 200 * ms},
		{100 * ms, 1 << 20, 1700 * ms},
	}
	for _, tt := range tests {
		if got := BudgetFor(tt.base, tt.size); got.Round(ms) != tt.want {
			t.Errorf("BudgetFor(%v, %d) = %v, want %v", tt.base, tt.size, got, tt.want)
		}
	}
}
