package render

import (
	"bytes"
	"sync"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// BenchmarkCacheCodec measures the render cache's codec over a generated
// library: writing the cache of every SOP ("encode"), and reading it back
// and taking every SOP from it as an incremental render does ("decode":
// decodeCache, then Cached for each file).
func BenchmarkCacheCodec(b *testing.B) {
	testlib.BenchSizes(b, []string{"encode", "decode"}, func(b *testing.B, dir string, _ int, stage string) {
		src := NewSources()
		var mu sync.Mutex // the hook runs in the load's workers
		var files [][]byte
		var paths []string
		lib, err := library.LoadCached(b.Context(), dir, src.Summary, func(p string, data []byte) *sop.Doc {
			mu.Lock()
			defer mu.Unlock()
			files, paths = append(files, bytes.Clone(data)), append(paths, p)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		src.Restore(lib)
		var data bytes.Buffer
		if err := encodeCache(&data, lib.Docs, src); err != nil {
			b.Fatal(err)
		}
		c, err := decodeCache(data.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		// The files the cache knows (a file that does not parse has no
		// entry), which each decode takes from it.
		known := 0
		for i, p := range paths {
			if _, ok := c.entries[p]; ok {
				paths[known], files[known] = p, files[i]
				known++
			}
		}
		paths, files = paths[:known], files[:known]
		for b.Loop() {
			switch stage {
			case "encode":
				var out bytes.Buffer
				if err := encodeCache(&out, lib.Docs, src); err != nil {
					b.Fatal(err)
				}
			case "decode":
				c, err := decodeCache(data.Bytes())
				if err != nil {
					b.Fatal(err)
				}
				s := NewSources()
				s.Use(c)
				for i, p := range paths {
					if s.Cached(p, files[i]) == nil {
						b.Fatalf("%s: not cached", p)
					}
				}
			}
		}
		b.ReportMetric(float64(data.Len()), "cache-bytes")
	})
}
