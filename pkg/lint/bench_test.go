package lint

import (
	"fmt"
	"os"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testlib.RemoveGenerated()
	os.Exit(code)
}

// BenchmarkLint measures, in one run, reading and parsing a generated
// library (parse) and that plus every lint rule (lint), for 1k and 10k
// SOPs. The target is lint/parse <= 1.3 at 10k.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		for _, stage := range []string{"parse", "lint"} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, stage), func(b *testing.B) {
				if n > 1_000 && testing.Short() {
					b.Skip("10k SOPs: skipped with -short")
				}
				dir := testlib.Library(b, n)
				b.ReportAllocs()
				findings := 0
				for b.Loop() {
					lib, err := library.Load(dir)
					if err != nil {
						b.Fatal(err)
					}
					if stage == "lint" {
						findings = len(Run(lib, Options{Now: today, Roles: testlib.RoleIDs}))
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "SOPs/s")
				if stage == "lint" {
					b.ReportMetric(float64(findings), "findings")
				}
			})
		}
	}
}
