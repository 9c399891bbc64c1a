package render_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// A file a Stage streams is written as WriteFile writes it, its key goes
// to the manifest (so the next render can reuse it), and what the writer
// or the name refuses is an error.
func TestStageStream(t *testing.T) {
	bad := errors.New("spool damaged")
	tests := []struct {
		name, key string
		write     func(io.Writer) error
		want      string // the file's content; "" for an error
		wantErr   error
	}{
		{name: "handbook.html", key: "k1", write: func(w io.Writer) error {
			_, err := io.WriteString(w, strings.Repeat("x", 100<<10)) // over the buffer
			return err
		}, want: strings.Repeat("x", 100<<10)},
		{name: "roles/a-handbook.html", write: func(w io.Writer) error { _, err := io.WriteString(w, "a"); return err }, want: "a"},
		{name: "failed.html", write: func(io.Writer) error { return bad }, wantErr: bad},
		{name: "../out.html", write: func(io.Writer) error { return nil }},
	}
	tg, _ := fakeLib(t)
	s, err := render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		err := s.Stream(tt.name, tt.key, tt.write)
		if tt.want == "" {
			if err == nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: %v, want an error (%v)", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
	}
	if err := os.Remove(filepath.Join(stagingDir(t, tg.Dir), "failed.html")); err != nil {
		t.Fatal(err) // not to be committed: a render whose file failed aborts
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests[:2] {
		if b, err := os.ReadFile(filepath.Join(tg.Dir, tt.name)); err != nil || string(b) != tt.want {
			t.Errorf("%s: %d bytes, %v", tt.name, len(b), err)
		}
	}
	m, err := os.ReadFile(filepath.Join(tg.Dir, render.ManifestFile))
	if err != nil || !strings.Contains(string(m), `"handbook.html":"k1"`) || strings.Contains(string(m), "a-handbook") {
		t.Errorf("manifest %s, %v: want handbook.html with its key, and no unkeyed file", m, err)
	}
	if got := s.Written(); got != 2 {
		t.Errorf("Written() = %d, want 2", got)
	}
}

// stagingDir is the one temporary sibling of the output folder dir.
func stagingDir(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+"*"))
	if len(m) != 1 {
		t.Fatalf("staging folders %v", m)
	}
	return m[0]
}
