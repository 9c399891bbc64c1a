package markdown_test

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
)

func TestDeterministic(t *testing.T) {
	for _, lib := range []struct {
		name, dir string
		history   gitlog.History
	}{{"small", smallDir, smallHistory()}, {"example", exampleDir, gitlog.History{}}, {"xss", xssDir, xssHistory()}} {
		t.Run(lib.name, func(t *testing.T) {
			a, wa := bundle(t, lib.dir, lib.history)
			b, wb := bundle(t, lib.dir, lib.history)
			if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
				t.Fatalf("two renders give different files")
			}
			for name := range a {
				if !bytes.Equal(a[name], b[name]) {
					t.Errorf("%s differs between two renders:\n%s", name, testlib.FirstDiff(a[name], b[name]))
				}
			}
			if !slices.EqualFunc(wa, wb, func(x, y render.Warning) bool { return x == y }) {
				t.Errorf("warnings differ between two renders:\n%v\n%v", wa, wb)
			}
		})
	}
}
