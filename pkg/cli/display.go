package cli

import (
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
)

// displayPath shows a library path (slash-separated, relative to the root
// at libDir) relative to the start directory when it lies under it, else
// relative to the library root (SPEC section 5); library.Display decides.
func displayPath(env *Env, libDir, rel string) string {
	return library.NewDisplay(env.Dir, libDir).Path(rel)
}

// oneLine keeps a value from a file (a template, an SOP) on one line of a
// table, with what a terminal could act on shown as escapes.
func oneLine(s string) string { return termsafe.OneLine(s) }

// displayOrDot names a folder shown by displayPath, or the current one.
func displayOrDot(p string) string {
	if p == "" || p == "." {
		return "the current folder"
	}
	return p
}
