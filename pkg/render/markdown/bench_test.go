package markdown

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

// BenchmarkRender measures a full Markdown render as sopctl render does
// it, for 1k and 10k SOPs: load summaries (render.Sources), resolve, write
// every file into a Stage (each body read again, the handbook sections
// spooled) and swap it into place.
func BenchmarkRender(b *testing.B) {
	roles := map[string]string{}
	for _, r := range testlib.RoleIDs {
		roles[r] = r
	}
	testlib.BenchSizes(b, nil, func(b *testing.B, dir string, _ int, _ string) {
		out := filepath.Join(b.TempDir(), "site-md")
		for b.Loop() {
			sources := render.NewSources()
			lib, err := library.LoadKnown(b.Context(), dir, sources.Summary, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			sources.Restore(lib)
			h := render.Build(lib, roles, gitlog.History{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), render.WithSources(sources))
			// Full: a render reusing the previous one's files is another
			// measure.
			stage, err := render.NewStage(b.Context(), render.Target{Dir: out, LibDir: dir, SOPsDir: filepath.Join(dir, "sops"), Full: true})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Bundle(h, stage, Options{}); err != nil {
				b.Fatal(err)
			}
			if err := stage.Commit(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
