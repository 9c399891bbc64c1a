package library

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Bounds of FindBelow: it answers "did you mean a library in a sub-folder?"
// when none was found, so it must stay quick in a large repository.
const (
	belowDepth   = 3     // folders below dir that may hold sopctl.yaml
	belowEntries = 20000 // folder entries read at most
)

// FindBelow returns the folders, at most three levels below dir, that
// hold a sopctl.yaml: slash-separated, relative to dir, sorted. It skips
// .git, node_modules and every folder whose name starts with a dot, does
// not enter symlinked folders or the libraries it finds, and stops after
// reading a bounded number of entries or once ctx is done, so the answer
// may be partial. It is the hint for a command started outside any
// library.
func FindBelow(ctx context.Context, dir string) []string { return findBelow(ctx, dir, belowEntries) }

// findBelow is FindBelow reading at most budget entries.
func findBelow(ctx context.Context, dir string, budget int) []string {
	var found []string
	level := []string{"."}
	for depth := 1; depth <= belowDepth && len(level) > 0; depth++ {
		var next []string
		for _, rel := range level {
			if ctx.Err() != nil || budget <= 0 {
				return sorted(found)
			}
			entries := readSome(filepath.Join(dir, filepath.FromSlash(rel)), budget)
			budget -= len(entries)
			for _, e := range entries {
				if !e.IsDir() || skipBelow(e.Name()) {
					continue
				}
				sub := path.Join(rel, e.Name())
				if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(sub), ConfigFile)); err == nil && fi.Mode().IsRegular() {
					found = append(found, sub)
					continue
				}
				next = append(next, sub)
			}
		}
		level = next
	}
	return sorted(found)
}

// readSome reads at most n entries of a folder (none when it cannot be
// read), without listing the rest of a huge one.
func readSome(dir string, n int) []os.DirEntry {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	entries, _ := f.ReadDir(n)
	return entries
}

// skipBelow reports whether FindBelow leaves a folder unsearched.
func skipBelow(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules"
}

func sorted(s []string) []string {
	slices.Sort(s)
	return s
}
