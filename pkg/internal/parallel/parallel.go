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
func For(n int, fn func(i int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range jobs {
				fn(i)
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
