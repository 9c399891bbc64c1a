package testlib

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// SOPSize is the size in bytes, about, of the SOPs the benchmarks measure
// (see BenchSizes): issue 15's figures are on SOPs of about 4 KB.
const SOPSize = 4096

// generated caches libraries by size, so that generating 10k SOPs is paid
// once per test binary, not once per benchmark run or -count.
var generated struct {
	sync.Mutex
	dirs map[[2]int]string // by {n, size}
}

// Library returns the folder of a generated library of n SOPs (seed 1, the
// generator's own SOP size), generating it on first use. Call
// RemoveGenerated from TestMain.
func Library(tb testing.TB, n int) string {
	tb.Helper()
	return LibrarySized(tb, n, 0)
}

// LibrarySized is Library with SOPs grown to about size bytes (see
// GenerateSized).
func LibrarySized(tb testing.TB, n, size int) string {
	tb.Helper()
	generated.Lock()
	defer generated.Unlock()
	key := [2]int{n, size}
	if d, ok := generated.dirs[key]; ok {
		return d
	}
	d, err := os.MkdirTemp("", fmt.Sprintf("sopctl-bench-%d-", n))
	if err != nil {
		tb.Fatal(err)
	}
	if err := GenerateSized(d, n, 1, size); err != nil {
		os.RemoveAll(d)
		tb.Fatal(err)
	}
	if generated.dirs == nil {
		generated.dirs = map[[2]int]string{}
	}
	generated.dirs[key] = d
	return d
}

// RemoveGenerated deletes the libraries Library made.
func RemoveGenerated() {
	generated.Lock()
	defer generated.Unlock()
	for _, d := range generated.dirs {
		os.RemoveAll(d)
	}
	generated.dirs = nil
}
