package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/templates"
)

// TestRenderPreparesBodies: an HTML render converts each body as the
// library loads, into a spool beside the output, so that its page does
// not parse it again; a Markdown render does not, nor one whose output's
// parent folder cannot take the spool, whose pages parse the bodies.
func TestRenderPreparesBodies(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, dir, templates.FS, "init", "lib"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	lib := filepath.Join(dir, "lib")
	for _, id := range []string{"a", "b"} {
		if code, _, stderr := run(t, lib, templates.FS, "new", id, "--title", "SOP "+id); code != 0 {
			t.Fatalf("new %s: %d %s", id, code, stderr)
		}
	}
	for _, tt := range []struct {
		name, format, out string
		prepared          int
	}{
		{"html", "html", filepath.Join(dir, "site"), 2},
		{"markdown", "markdown", filepath.Join(dir, "site"), 0},
		{"html, no folder for the spool", "html", filepath.Join(dir, "missing", "site"), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			env := &Env{IO: ios, Dir: lib, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
			sources := render.NewSources()
			defer sources.Close()
			h, _, err := loadForRender(context.Background(), env, &renderOptions{format: tt.format, out: tt.out, full: true}, tt.out, sources)
			if err != nil {
				t.Fatal(err)
			}
			prepared := 0
			for _, p := range h.SOPs {
				_, ok, err := h.PreparedBody(p, nil)
				if err != nil {
					t.Fatalf("%s: %v", p.ID, err)
				}
				if ok {
					prepared++
				}
			}
			if prepared != tt.prepared {
				t.Errorf("%d of %d bodies converted as loaded, want %d", prepared, len(h.SOPs), tt.prepared)
			}
			// The spool has no name where the system allows (not Windows,
			// where Close removes it): nothing shows beside the output.
			entries, err := os.ReadDir(filepath.Dir(tt.out))
			if err == nil && len(entries) > 1 && runtime.GOOS != "windows" {
				t.Errorf("beside the output: %v, want only the library", entries)
			}
		})
	}
}
