package markdown_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

func TestDeterministic(t *testing.T) {
	for _, lib := range rendertest.WriterLibs(xssHistory()) {
		t.Run(lib.Name, func(t *testing.T) {
			rendertest.RendersAlike(t, lib.Dir, lib.History, write)
		})
	}
}
