package testlib

import (
	"fmt"
	"os"
	"testing"
)

// Bench100kEnv names the environment variable that adds 100k SOPs to
// BenchSizes (make bench BENCH_100K=1 sets it): a 100k run takes minutes
// and gigabytes, too much for every make bench.
const Bench100kEnv = "SOPCTL_BENCH_100K"

// BenchSizes runs run as a sub-benchmark over a generated library (see
// LibrarySized) of 1k, 10k and 100k SOPs of about SOPSize bytes, the
// sizes and SOP size of issue 15's figures, and within each size once per
// stage ("1k/parse", ...; "1k" alone without stages). The 10k runs are
// skipped with -short, the 100k runs unless Bench100kEnv is 1. run
// measures its stage with b.Loop; BenchSizes reports allocations and SOPs
// per second.
func BenchSizes(b *testing.B, stages []string, run func(b *testing.B, dir string, n int, stage string)) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, stage := range stagesOrNone(stages) {
			name := fmt.Sprintf("%dk", n/1000)
			if stage != "" {
				name += "/" + stage
			}
			b.Run(name, func(b *testing.B) {
				if n > 1_000 && testing.Short() {
					b.Skipf("%dk SOPs: skipped with -short", n/1000)
				}
				if n > 10_000 && os.Getenv(Bench100kEnv) != "1" {
					b.Skipf("100k SOPs: skipped unless %s=1 (make bench BENCH_100K=1)", Bench100kEnv)
				}
				dir := LibrarySized(b, n, SOPSize)
				b.ReportAllocs()
				run(b, dir, n, stage)
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "SOPs/s")
			})
		}
	}
}

// stagesOrNone is stages, or one unnamed stage when there are none.
func stagesOrNone(stages []string) []string {
	if len(stages) == 0 {
		return []string{""}
	}
	return stages
}
