package lint

import (
	"context"
	"os"
	"runtime"
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
// at 10k. live-B/SOP is what the library (parse), and the library with
// the findings (lint), hold in memory once made, an SOP: what lint's
// memory and its collector's work grow with. It is measured on one more
// run, after the timed ones.
func BenchmarkLint(b *testing.B) {
	testlib.BenchSizes(b, []string{"parse", "lint"}, func(b *testing.B, dir string, n int, stage string) {
		var findings []Finding
		for b.Loop() {
			_, findings = lintOnce(b, dir, stage)
		}
		b.StopTimer()
		before := heapLive()
		lib, found := lintOnce(b, dir, stage)
		live := heapLive() - before
		runtime.KeepAlive(lib)
		runtime.KeepAlive(found)
		b.ReportMetric(float64(live)/float64(n), "live-B/SOP")
		if stage == "lint" {
			b.ReportMetric(float64(len(findings)), "findings")
		}
	})
}

// lintOnce loads the library at dir as sopctl lint does and, at the stage
// lint, lints it.
func lintOnce(b *testing.B, dir, stage string) (*library.Library, []Finding) {
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
	if stage != "lint" {
		return lib, nil
	}
	return lib, Run(lib, Options{Now: today, Roles: testlib.RoleIDs, Local: local})
}

// heapLive is the heap in use after a collection.
func heapLive() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
