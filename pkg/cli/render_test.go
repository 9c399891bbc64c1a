package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

// TestRenderFailed: what render says when it could not write its output.
func TestRenderFailed(t *testing.T) {
	changed := &render.ChangedError{Path: "sops/a.md"}
	// Run from the library's parent folder: paths are shown from there.
	dir := t.TempDir()
	show := library.NewDisplay(dir, filepath.Join(dir, "lib"))
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"a write", errors.New("disk full"), "cannot write site-md: disk full"},
		// An SOP changed under the render: the output folder is not the
		// matter, the SOP is.
		{"an SOP changed", changed, "lib/sops/a.md: changed while rendering: run sopctl render again"},
		{"an SOP changed, wrapped", fmt.Errorf("rendering sops/a.md: %w", changed), "lib/sops/a.md: changed while rendering: run sopctl render again"},
		{"an SOP changed, among others", errors.Join(nil, changed, &render.ChangedError{Path: "sops/b.md"}), "lib/sops/a.md: changed while rendering: run sopctl render again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := renderFailed(context.Background(), "site-md", tc.err, false, show).Error(); got != tc.want {
				t.Errorf("renderFailed() = %q, want %q", got, tc.want)
			}
		})
	}
}
