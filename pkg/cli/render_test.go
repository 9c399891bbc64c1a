package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// TestRenderFailed: what render says when it could not write its output.
func TestRenderFailed(t *testing.T) {
	changed := &render.ChangedError{Path: "sops/a.md"}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"a write", errors.New("disk full"), "cannot write site-md: disk full"},
		// An SOP changed under the render: the output folder is not the
		// matter, the SOP is.
		{"an SOP changed", changed, "sops/a.md: changed while rendering: run sopctl render again"},
		{"an SOP changed, wrapped", fmt.Errorf("rendering sops/a.md: %w", changed), "sops/a.md: changed while rendering: run sopctl render again"},
		{"an SOP changed, among others", errors.Join(nil, changed, &render.ChangedError{Path: "sops/b.md"}), "sops/a.md: changed while rendering: run sopctl render again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := renderFailed(context.Background(), "site-md", tc.err, false).Error(); got != tc.want {
				t.Errorf("renderFailed() = %q, want %q", got, tc.want)
			}
		})
	}
}
