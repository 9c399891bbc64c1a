package testlib

import (
	"fmt"
	"testing"
)

// BenchSizes runs run as a sub-benchmark over a generated library (see
// Library) of 1k and of 10k SOPs, the sizes SPEC's targets name, and
// within each size once per stage ("1k/parse", ...; "1k" alone without
// stages). The 10k runs are skipped with -short. run measures its stage
// with b.Loop; BenchSizes reports allocations and SOPs per second.
func BenchSizes(b *testing.B, stages []string, run func(b *testing.B, dir string, n int, stage string)) {
	for _, n := range []int{1_000, 10_000} {
		for _, stage := range stagesOrNone(stages) {
			name := fmt.Sprintf("%dk", n/1000)
			if stage != "" {
				name += "/" + stage
			}
			b.Run(name, func(b *testing.B) {
				if n > 1_000 && testing.Short() {
					b.Skip("10k SOPs: skipped with -short")
				}
				dir := Library(b, n)
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
