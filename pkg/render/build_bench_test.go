package render

import (
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// BenchmarkBuild measures Build over a generated library loaded as render
// loads it, every role it names known: the work on the whole library
// that an incremental render does however few SOPs changed.
func BenchmarkBuild(b *testing.B) {
	testlib.BenchSizes(b, nil, func(b *testing.B, dir string, _ int, _ string) {
		_, lib, src := libraryCache(b, dir)
		titles := map[string]string{}
		for _, d := range lib.Docs {
			for _, id := range d.Meta.Roles.Strings() {
				titles[id] = id
			}
		}
		now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
		for b.Loop() {
			Build(lib, titles, nil, now, WithSources(src))
		}
	})
}
