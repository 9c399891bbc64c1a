package library

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// benchLibs caches the generated libraries by size, so that generating 10k
// SOPs is paid once per test binary, not once per benchmark run or -count.
var benchLibs struct {
	sync.Mutex
	dirs map[int]string
}

// benchLibrary returns the folder of a generated library of n SOPs.
func benchLibrary(b *testing.B, n int) string {
	b.Helper()
	benchLibs.Lock()
	defer benchLibs.Unlock()
	if d, ok := benchLibs.dirs[n]; ok {
		return d
	}
	d, err := os.MkdirTemp("", fmt.Sprintf("sopctl-bench-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	if err := testlib.Generate(d, n, 1); err != nil {
		os.RemoveAll(d)
		b.Fatal(err)
	}
	if benchLibs.dirs == nil {
		benchLibs.dirs = map[int]string{}
	}
	benchLibs.dirs[n] = d
	return d
}

// TestMain removes the libraries the benchmarks generated.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range benchLibs.dirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if n > 1_000 && testing.Short() {
				b.Skip("10k SOPs: skipped with -short")
			}
			dir := benchLibrary(b, n)
			b.ReportAllocs()
			var lib *Library
			for b.Loop() {
				var err error
				lib, err = Load(dir)
				if err != nil {
					b.Fatal(err)
				}
			}
			if len(lib.Docs) != n || len(lib.Failed) != 0 {
				b.Fatalf("loaded %d SOPs and %d failures, want %d SOPs", len(lib.Docs), len(lib.Failed), n)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "SOPs/s")
		})
	}
}
