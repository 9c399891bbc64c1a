package sop

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// BenchmarkParse measures Parse alone, every step sopctl takes on each SOP
// it loads, on 1,000 generated SOPs of about 4 KB (issue 15's size) read
// into memory first, so that reading is not in the figure.
func BenchmarkParse(b *testing.B) {
	dir := testlib.LibrarySized(b, 1000, testlib.SOPSize)
	defer testlib.RemoveGenerated()
	var paths []string
	var srcs [][]byte
	err := filepath.WalkDir(filepath.Join(dir, "sops"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		paths, srcs = append(paths, p), append(srcs, src)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range srcs {
			if _, err := Parse(paths[i], src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "SOPs/s")
}
