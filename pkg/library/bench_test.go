package library

import (
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
	testlib.BenchSizes(b, nil, func(b *testing.B, dir string, n int, _ string) {
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
	})
}
