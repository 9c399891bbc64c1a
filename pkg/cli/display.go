package cli

import (
	"path/filepath"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// displayPath shows a library path (slash-separated, relative to the root
// at libDir) relative to the start directory when it lies under it, else
// relative to the library root (SPEC section 5).
func displayPath(env *Env, libDir, rel string) string {
	abs := filepath.Join(libDir, filepath.FromSlash(rel))
	if r, err := filepath.Rel(env.Dir, abs); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return rel
}

// oneLine keeps a value from a file (a template, an SOP) on one line of a
// table, with what a terminal could act on shown as escapes.
func oneLine(s string) string { return strings.Join(strings.Fields(termsafe.Text(s)), " ") }

// displayOrDot names a folder shown by displayPath, or the current one.
func displayOrDot(p string) string {
	if p == "" || p == "." {
		return "the current folder"
	}
	return p
}
