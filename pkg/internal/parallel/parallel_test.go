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
