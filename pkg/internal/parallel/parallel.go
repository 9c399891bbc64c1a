// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n), on one worker per core, and
// returns when all calls have returned. fn writes its result to slot i of
// a slice the caller made, so no two calls share state and the results
// keep their order whatever order the calls run in. The caller's
// goroutine is one of the workers, and each worker takes the next i from
// a shared counter: no goroutine hands out the work (a channel send per
// item, and a switch of goroutines with each).
//
// A panic in fn is not lost on a worker's goroutine, where nothing could
// recover it and the process would die with a stack trace: the remaining
// work is skipped, and For panics with the first value on the caller's
// goroutine, once every worker has stopped, so the caller's recover (the
// CLI's "internal error" line, SPEC section 7) sees it.
func For(n int, fn func(i int)) {
	var (
		next     atomic.Int64
		stop     atomic.Bool
		once     sync.Once
		panicked bool
		value    any
		wg       sync.WaitGroup
	)
	work := func() {
		defer func() {
			if r := recover(); r != nil {
				once.Do(func() { panicked, value = true, r })
				stop.Store(true)
			}
		}()
		for !stop.Load() {
			i := next.Add(1) - 1
			if i >= int64(n) {
				return
			}
			fn(int(i))
		}
	}
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if panicked {
		panic(value)
	}
}
