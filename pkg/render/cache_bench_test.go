package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// BenchmarkCacheCodec measures the render cache's codec over a generated
// library: writing the cache of every SOP ("encode"), and reading it back
// and taking every SOP from it as an incremental render does ("decode":
// decodeCache, then Cached for each file).
func BenchmarkCacheCodec(b *testing.B) {
	testlib.BenchSizes(b, []string{"encode", "decode"}, func(b *testing.B, dir string, _ int, stage string) {
		data, lib, src := libraryCache(b, dir)
		files := make([][]byte, len(lib.Docs))
		for i, d := range lib.Docs {
			var err error
			if files[i], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(d.Path))); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			switch stage {
			case "encode":
				var out bytes.Buffer
				if err := encodeCache(&out, lib.Docs, src); err != nil {
					b.Fatal(err)
				}
			case "decode":
				c, err := decodeCache(data)
				if err != nil {
					b.Fatal(err)
				}
				s := NewSources()
				s.Use(c)
				for i, d := range lib.Docs {
					if s.Cached(d.Path, files[i]) == nil {
						b.Fatalf("%s: not cached", d.Path)
					}
				}
			}
		}
		b.ReportMetric(float64(len(data)), "cache-bytes")
	})
}
