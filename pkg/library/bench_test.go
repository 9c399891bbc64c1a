package library

import (
	"fmt"
	"os"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// TestMain removes the libraries the benchmarks generated.
func TestMain(m *testing.M) {
	code := m.Run()
	testlib.RemoveGenerated()
	os.Exit(code)
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			if n > 1_000 && testing.Short() {
				b.Skip("10k SOPs: skipped with -short")
			}
			dir := testlib.Library(b, n)
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
