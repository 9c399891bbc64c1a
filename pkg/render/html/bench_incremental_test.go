package html_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// BenchmarkIncremental measures a render into the folder of the previous
// one after one SOP's body changed, as sopctl render loads for HTML (with
// the cache): incrementally ("incremental"), and with --full ("full"), in
// the same run. The target is incremental/full <= 0.10 at 10k.
func BenchmarkIncremental(b *testing.B) {
	testlib.BenchSizes(b, []string{"incremental", "full"}, func(b *testing.B, shared string, _ int, stage string) {
		dir := filepath.Join(b.TempDir(), "lib")
		if err := os.CopyFS(dir, os.DirFS(shared)); err != nil { // the shared library is never edited
			b.Fatal(err)
		}
		found, _ := filepath.Glob(filepath.Join(dir, "sops", "*", testlib.ID(0)+".md"))
		if len(found) != 1 {
			b.Fatalf("%s: found %v", testlib.ID(0), found)
		}
		orig, err := os.ReadFile(found[0])
		if err != nil {
			b.Fatal(err)
		}
		site := filepath.Join(b.TempDir(), "site")
		rendertest.RenderCached(b, dir, site, true, write)
		edited := append(bytes.Clone(orig), "\nToggled line.\n"...)
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			if err := os.WriteFile(found[0], [][]byte{orig, edited}[i%2], 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			rendertest.RenderCached(b, dir, site, stage == "full", write)
		}
	})
}
