package html_test

import (
	"os"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testlib.RemoveGenerated()
	os.Exit(code)
}

const (
	smallDir   = rendertest.SmallDir
	xssDir     = rendertest.XSSDir
	exampleDir = rendertest.ExampleDir
)

func loadSmall(t testing.TB) (*render.Handbook, *library.Library) {
	t.Helper()
	return rendertest.Load(t, smallDir, rendertest.SmallHistory())
}

func options(lib *library.Library) renderhtml.Options {
	return renderhtml.Options{}
}

// write is html.Bundle as sopctl render calls it, followed by the
// library files the bodies link to.
var write = rendertest.WithFiles(func(h *render.Handbook, out render.Output, lib *library.Library) ([]render.Warning, error) {
	return renderhtml.Bundle(h, out, options(lib))
})

// bundle renders the library at dir as HTML.
func bundle(t testing.TB, dir string, history gitlog.History) (map[string][]byte, []render.Warning) {
	t.Helper()
	return rendertest.Bundle(t, dir, history, write)
}

// bundleOf renders a handbook as HTML into memory.
func bundleOf(h *render.Handbook, opts renderhtml.Options) (map[string][]byte, []render.Warning, error) {
	var files render.Files
	warns, err := renderhtml.Bundle(h, &files, opts)
	return files.Map(), warns, err
}
