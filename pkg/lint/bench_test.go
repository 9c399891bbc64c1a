package lint

import (
	"context"
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
// library into summaries as sopctl lint does (parse) and that plus every
// lint rule (lint), for 1k and 10k SOPs. The target is lint/parse <= 1.3
// at 10k.
func BenchmarkLint(b *testing.B) {
	testlib.BenchSizes(b, []string{"parse", "lint"}, func(b *testing.B, dir string, _ int, stage string) {
		findings := 0
		for b.Loop() {
			lib, err := library.LoadSummaries(context.Background(), dir)
			if err != nil {
				b.Fatal(err)
			}
			if stage == "lint" {
				findings = len(Run(lib, Options{Now: today, Roles: testlib.RoleIDs}))
			}
		}
		if stage == "lint" {
			b.ReportMetric(float64(findings), "findings")
		}
	})
}
