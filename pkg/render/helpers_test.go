package render_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// loadSmall loads testdata/small: six SOPs in two sub-folders.
func loadSmall(t testing.TB) (*render.Handbook, *library.Library) {
	t.Helper()
	return rendertest.Load(t, "testdata/small", rendertest.SmallHistory())
}
