package html

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// BenchmarkRender measures, in one run, the floor (read and parse the
// library, convert every body with goldmark, write one file per SOP) and a
// full HTML render (the same plus pages, handbook, role pages, search
// index, and the atomic swap into place), for 1k and 10k SOPs. The target
// is render/floor <= 1.5 at 10k.
func BenchmarkRender(b *testing.B) {
	roles := map[string]string{}
	for _, r := range testlib.RoleIDs {
		roles[r] = r
	}
	testlib.BenchSizes(b, []string{"floor", "render"}, func(b *testing.B, dir string, _ int, stage string) {
		out := b.TempDir()
		for b.Loop() {
			b.StopTimer()
			flushDisk()
			b.StartTimer()
			lib, err := library.Load(dir)
			if err != nil {
				b.Fatal(err)
			}
			if stage == "floor" {
				floor(b, lib, filepath.Join(out, "floor"))
				continue
			}
			// As sopctl render does: the pages are written to the
			// staging folder while the rest is rendered.
			h := render.Build(lib, roles, gitlog.History{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
			target := render.Target{Dir: filepath.Join(out, "site"), LibDir: dir, SOPsDir: filepath.Join(dir, "sops")}
			stage, err := render.NewStage(b.Context(), target)
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

// floor converts each body with goldmark and writes it, nothing more.
func floor(b *testing.B, lib *library.Library, out string) {
	if err := os.RemoveAll(out); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for _, d := range lib.Docs {
		buf.Reset()
		root := sop.ParseMarkdown(d.Body)
		if err := bundleMarkdown.Renderer().Render(&buf, d.Body, root); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, d.Meta.ID.Text+".html"), buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
