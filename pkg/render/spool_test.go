package render_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// TestTempSpool: a spool made before the Stage reads back what was
// appended, into a buffer it is given when that has room, leaves no
// file beside the output where the system can unlink an open file, and
// a span past its end is an error.
func TestTempSpool(t *testing.T) {
	// An output folder's name of 240 bytes leaves no room for the
	// spool's suffix: the spool is named as the other siblings are.
	if sp, err := render.TempSpool(filepath.Join(t.TempDir(), strings.Repeat("s", 240))); err != nil {
		t.Errorf("beside a long name: %v", err)
	} else {
		sp.Close()
	}
	out := filepath.Join(t.TempDir(), "site")
	sp, err := render.TempSpool(out)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	var spans []render.Span
	for _, s := range []string{"first", "", strings.Repeat("x", 10<<10)} {
		span, err := sp.Append([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, span)
	}
	small, big := make([]byte, 0, 2), make([]byte, 0, 64<<10)
	for i, tt := range []struct {
		buf     []byte
		want    string
		inPlace bool // read into buf's array
	}{
		{small, "first", false},
		{big, "", true},
		{big, strings.Repeat("x", 10<<10), true},
	} {
		got, err := sp.ReadInto(tt.buf, spans[i])
		if err != nil || string(got) != tt.want {
			t.Errorf("span %d: %q, %v, want %q", i, got, err, tt.want)
		}
		if inPlace := cap(got) > 0 && &got[:1][0] == &tt.buf[:1][0]; inPlace != tt.inPlace {
			t.Errorf("span %d: read into the buffer given: %t, want %t", i, inPlace, tt.inPlace)
		}
	}
	if _, err := sp.Read(render.Span{Off: spans[2].Off, Len: spans[2].Len + 1}); err == nil {
		t.Error("a span past the end was read")
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) > 0 && runtime.GOOS != "windows" {
		t.Errorf("beside the output: %v, want nothing", entries)
	}
}
