package markdown_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/render/markdown"
)

const (
	smallDir   = rendertest.SmallDir
	xssDir     = rendertest.XSSDir
	exampleDir = rendertest.ExampleDir
)

// write is markdown.Bundle as sopctl render calls it, followed by the
// library files the bodies link to.
var write = rendertest.WithFiles(func(h *render.Handbook, out render.Output, lib *library.Library) ([]render.Warning, error) {
	return markdown.Bundle(h, out, markdown.Options{})
})

// bundle renders the library at dir as Markdown.
func bundle(t testing.TB, dir string, history gitlog.History) (map[string][]byte, []render.Warning) {
	t.Helper()
	return rendertest.Bundle(t, dir, history, write)
}
