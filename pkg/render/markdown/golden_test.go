package markdown_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestGolden renders testdata/small and compares every file of the bundle
// to testdata/golden/<path>; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := bundle(t, smallDir, rendertest.SmallHistory())
	testlib.GoldenDir(t, "testdata/golden", files)
}
