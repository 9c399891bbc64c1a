package render_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// TestSourcesChanged: an SOP file that changes on disk between the
// summary load and its page's re-read is refused, naming it, rather than
// rendered from bytes the rest of the handbook was not built from; and
// so is its body converted as it loaded (PreparedBody), which the page
// would otherwise take as the file was.
func TestSourcesChanged(t *testing.T) {
	const file = "sops/orders/returns.md"
	for _, tc := range []struct {
		name    string
		change  func(t *testing.T, path string)
		changed bool // a ChangedError; else no error
	}{
		{"unchanged", func(*testing.T, string) {}, false},
		{"same bytes written again", func(t *testing.T, p string) { rewriteFile(t, p, func(b []byte) []byte { return b }) }, false},
		{"one byte of the body", func(t *testing.T, p string) { rewriteFile(t, p, func(b []byte) []byte { return append(b, 'x') }) }, true},
		{"removed", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, h := render.PreparedSmall(t, render.NewSources())
			tc.change(t, filepath.Join(dir, file))
			// The keys are the files' as loaded (by the hash Keep took): no
			// file is read again for them.
			if err := h.KeysErr(); err != nil {
				t.Fatalf("KeysErr() = %v, want nil", err)
			}
			var changed *render.ChangedError
			p, _ := h.Page("returns")
			_, err := h.Body(p)
			if got := errors.As(err, &changed); got != tc.changed || !got && err != nil {
				t.Fatalf("Body() = %v, want a ChangedError: %t", err, tc.changed)
			}
			if tc.changed && changed.Path != file {
				t.Errorf("the error names %q, want %q", changed.Path, file)
			}
			// The body converted as it loaded is refused alike.
			tape, ok, err := h.PreparedBody(p, nil)
			if got := errors.As(err, &changed); !ok || got != tc.changed || !got && err != nil {
				t.Fatalf("PreparedBody() = %t, %v, want a ChangedError: %t", ok, err, tc.changed)
			}
			if want := "tape of " + file; !tc.changed && string(tape) != want {
				t.Errorf("PreparedBody() = %q, want %q", tape, want)
			}
		})
	}
}

func rewriteFile(t *testing.T, path string, edit func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edit(b), 0o644); err != nil {
		t.Fatal(err)
	}
}
