// Package parallel runs independent pieces of work on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n), on one worker per core, and
// returns when all calls have returned. fn writes its result to slot i of
// a slice the caller made, so no two calls share state and the results
// keep their order whatever order the calls run in.
//
// A panic in fn is not lost on a worker's goroutine, where nothing could
// recover it and the process would die with a stack trace: the remaining
// work is skipped, and For panics with the first value on the caller's
// goroutine, once every worker has stopped, so the caller's recover (the
// CLI's "internal error" line, SPEC section 7) sees it.
func For(n int, fn func(i int)) {
	jobs := make(chan int)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		panicked bool
		value    any
		stop     = make(chan struct{})
	)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked, value = true, r; close(stop) })
					for range jobs { // drain, so the sender is never stuck
					}
				}
			}()
			for i := range jobs {
				fn(i)
			}
		})
	}
send:
	for i := range n {
		select {
		case jobs <- i:
		case <-stop:
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if panicked {
		panic(value)
	}
}
