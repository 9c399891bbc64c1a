package serve

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testlib.RemoveGenerated()
	os.Exit(code)
}

// BenchmarkReload measures what serve does after one SOP of a generated
// library changes: load, lint and render the whole handbook into memory
// ("reload"); read that file again and render what it touches, after a
// change to its body ("incremental") or its title ("incremental-title");
// against a full sopctl render to disk ("render": load and render,
// written to a staging folder and swapped in).
func BenchmarkReload(b *testing.B) {
	testlib.BenchSizes(b, []string{"reload", "incremental", "incremental-title", "render"}, func(b *testing.B, shared string, _ int, stage string) {
		dir := filepath.Join(b.TempDir(), "lib")
		if err := os.CopyFS(dir, os.DirFS(shared)); err != nil { // the shared library is never edited
			b.Fatal(err)
		}
		if stage == "render" {
			benchRender(b, dir)
			return
		}
		found, _ := filepath.Glob(filepath.Join(dir, "sops", "*", testlib.ID(0)+".md"))
		if len(found) != 1 {
			b.Fatalf("%s: found %v", testlib.ID(0), found)
		}
		sopFile := found[0]
		orig, err := os.ReadFile(sopFile)
		if err != nil {
			b.Fatal(err)
		}
		loadIt := load(dir)
		prev, err := loadSite(b, loadIt, nil)
		if err != nil {
			b.Fatal(err)
		}
		if stage != "reload" {
			loadIt = func(ctx context.Context) (*Input, error) { return reloadInput(ctx, prev.in, sopFile) }
		}
		i := 0
		for b.Loop() {
			b.StopTimer()
			i++
			edited := fmt.Appendf(append([]byte{}, orig...), "\nEdit %d.\n", i)
			if stage == "incremental-title" {
				edited = bytes.Replace(orig, []byte("\ntitle: "), fmt.Appendf(nil, "\ntitle: Edit %d ", i), 1)
			}
			if bytes.Equal(edited, orig) {
				b.Fatalf("%s: no title line to edit", sopFile)
			}
			if err := os.WriteFile(sopFile, edited, 0o644); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if prev, err = loadSite(b, loadIt, prev); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// reloadInput is load's Input after file changed, reading only it again.
func reloadInput(ctx context.Context, prev *Input, file string) (*Input, error) {
	rel, err := filepath.Rel(prev.Lib.Dir, file)
	if err != nil {
		return nil, err
	}
	lib, err := library.Reload(ctx, prev.Lib, map[string]bool{filepath.ToSlash(rel): true})
	if err != nil {
		return nil, err
	}
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	return &Input{Lib: lib, Handbook: render.Build(lib, nil, gitlog.History{}, now),
		Findings: lint.Run(lib, lint.Options{Now: now})}, nil
}

func loadSite(b *testing.B, loadIt func(context.Context) (*Input, error), prev *site) (*site, error) {
	in, err := loadIt(b.Context())
	if err != nil {
		return nil, err
	}
	return buildSite(in, prev)
}

func benchRender(b *testing.B, dir string) {
	out := filepath.Join(b.TempDir(), "site")
	for b.Loop() {
		lib, err := library.Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		h := render.Build(lib, nil, gitlog.History{}, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
		stage, err := render.NewStage(b.Context(), render.Target{Dir: out, LibDir: dir, SOPsDir: filepath.Join(dir, "sops")})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := renderhtml.Bundle(h, stage, renderhtml.Options{}); err != nil {
			b.Fatal(err)
		}
		if err := stage.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
