package lint

import (
	"context"
	"os"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testlib.RemoveGenerated()
	os.Exit(code)
}

// BenchmarkLint measures, in one run, reading and parsing a generated
// library into Briefs as sopctl lint does (parse) and that plus every
// lint rule (lint: the rules of one SOP as it is parsed, then the rules
// across SOPs), for 1k and 10k SOPs. The target is lint/parse <= 1.3
// at 10k.
func BenchmarkLint(b *testing.B) {
	testlib.BenchSizes(b, []string{"parse", "lint"}, func(b *testing.B, dir string, _ int, stage string) {
		findings := 0
		for b.Loop() {
			var local *Local
			var each func(*library.Config, *sop.Doc)
			if stage == "lint" {
				local = NewLocal(today)
				each = local.Check
			}
			lib, err := library.LoadBriefs(context.Background(), dir, each)
			if err != nil {
				b.Fatal(err)
			}
			if stage == "lint" {
				findings = len(Run(lib, Options{Now: today, Roles: testlib.RoleIDs, Local: local}))
			}
		}
		if stage == "lint" {
			b.ReportMetric(float64(findings), "findings")
		}
	})
}
