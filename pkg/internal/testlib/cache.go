package testlib

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// generated caches libraries by size, so that generating 10k SOPs is paid
// once per test binary, not once per benchmark run or -count.
var generated struct {
	sync.Mutex
	dirs map[int]string
}

// Library returns the folder of a generated library of n SOPs (seed 1),
// generating it on first use. Call RemoveGenerated from TestMain.
func Library(tb testing.TB, n int) string {
	tb.Helper()
	generated.Lock()
	defer generated.Unlock()
	if d, ok := generated.dirs[n]; ok {
		return d
	}
	d, err := os.MkdirTemp("", fmt.Sprintf("sopctl-bench-%d-", n))
	if err != nil {
		tb.Fatal(err)
	}
	if err := Generate(d, n, 1); err != nil {
		os.RemoveAll(d)
		tb.Fatal(err)
	}
	if generated.dirs == nil {
		generated.dirs = map[int]string{}
	}
	generated.dirs[n] = d
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
