package markdown_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

func TestDeterministic(t *testing.T) {
	for _, lib := range []struct {
		name, dir string
		history   gitlog.History
	}{{"small", smallDir, rendertest.SmallHistory()}, {"example", exampleDir, gitlog.History{}}, {"xss", xssDir, xssHistory()}} {
		t.Run(lib.name, func(t *testing.T) {
			a, wa := bundle(t, lib.dir, lib.history)
			b, wb := bundle(t, lib.dir, lib.history)
			rendertest.SameRenders(t, a, b, wa, wb)
		})
	}
}
