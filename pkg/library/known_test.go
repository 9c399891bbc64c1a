package library

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

// TestLoadKnown: LoadKnown asks known, with its stat, about each SOP file
// that is a plain file within max_file_kb (on Linux), and
// takes the Doc it gives without reading the file: a file of junk it
// knows loads as known, not as a failure. A symlink and a file over the
// limit are never asked about: they are read, and the one over the limit
// fails as under Load.
func TestLoadKnown(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml":     "max_file_kb: 1\n",
		"sops/plain.md":   sopFile("plain"),
		"sops/junk.md":    "---\nid: [\n",
		"sops/big.md":     sopFile("big") + strings.Repeat("x", 1024),
		"shared/other.md": sopFile("other"),
	})
	symlink(t, "../shared/other.md", filepath.Join(dir, "sops", "link.md"))
	var mu sync.Mutex
	asked := map[string]FileStat{}
	known := func(p string, st FileStat) *sop.Doc {
		mu.Lock()
		defer mu.Unlock()
		asked[p] = st
		if p == "sops/junk.md" {
			return &sop.Doc{Path: p, BodyLine: 3, Meta: sop.Meta{ID: sop.Value{Text: "junk", Set: true}}}
		}
		return nil
	}
	summary := func(_ *Config, d *sop.Doc, _ ast.Node) *sop.Doc { return d.Summary() }
	lib, err := LoadKnown(context.Background(), dir, summary, nil, known)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "linux" {
		if len(asked) > 0 {
			t.Errorf("asked about %v where no stat is taken", asked)
		}
		return
	}
	for _, p := range []string{"sops/plain.md", "sops/junk.md"} {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		st, ok := asked[p]
		if !ok || st.Size != fi.Size() || st.ModTime != fi.ModTime().UnixNano() || st.Inode == 0 {
			t.Errorf("%s: asked with %+v (%t), want its stat (size %d, time %v)", p, st, ok, fi.Size(), fi.ModTime())
		}
	}
	if len(asked) != 2 {
		t.Errorf("asked about %d files, want 2 (not the symlink, not the file over the limit)", len(asked))
	}
	if got, want := docPaths(lib), []string{"sops/junk.md", "sops/link.md", "sops/plain.md"}; !slices.Equal(got, want) {
		t.Errorf("Docs = %q, want %q", got, want)
	}
	if got := failedPaths(lib); !slices.Equal(got, []string{"sops/big.md"}) {
		t.Errorf("Failed = %q, want only sops/big.md", got)
	}
	if d := lib.Docs[0]; d.Meta.ID.Text != "junk" || d.BodyLine != 3 {
		t.Errorf("sops/junk.md loaded as %+v, want the Doc known gave", d)
	}
}
