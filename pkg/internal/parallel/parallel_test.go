package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		out := make([]int, n)
		var calls atomic.Int64
		For(n, func(i int) {
			calls.Add(1)
			out[i] = i * i
		})
		if calls.Load() != int64(n) {
			t.Errorf("n=%d: %d calls", n, calls.Load())
		}
		for i, v := range out {
			if v != i*i {
				t.Errorf("n=%d: out[%d] = %d, want %d", n, i, v, i*i)
			}
		}
	}
}

// A panic in a worker reaches the caller's goroutine, where a recover can
// catch it, and the rest of the work stops.
func TestForPanicReachesCaller(t *testing.T) {
	for _, n := range []int{1, 2, 100, 10_000} {
		var calls atomic.Int64
		got := func() (r any) {
			defer func() { r = recover() }()
			For(n, func(i int) {
				calls.Add(1)
				if i == n/2 {
					panic("boom")
				}
			})
			return nil
		}()
		if got != "boom" {
			t.Errorf("n=%d: recovered %v, want boom", n, got)
		}
		if n == 10_000 && calls.Load() == int64(n) {
			t.Errorf("n=%d: every item ran after the panic", n)
		}
	}
}

// BenchmarkFor measures For's own cost: 10,000 items of no work, as many
// as the SOPs of a 10k library.
func BenchmarkFor(b *testing.B) {
	out := make([]int, 10_000)
	for b.Loop() {
		For(len(out), func(i int) { out[i] = i })
	}
}
