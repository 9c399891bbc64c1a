package render

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// A page takes its body as the load spooled it without reading its file
// again only when the file's stat now is the one the load's walk took,
// settled before the render started (Sources.unchanged); an edit of any
// kind, or a file too recent for its stat to vouch for it, is read and
// hashed again, and refused if it changed. forged makes the load's hash
// of the file wrong, so that a read shows as a ChangedError.
func TestPreparedBodyTrustsSettledStats(t *testing.T) {
	const file = "sops/orders/returns.md"
	for _, tc := range []struct {
		name            string
		settled, forged bool
		change          func(t *testing.T, c *statCase)
		changed         bool // a ChangedError; else the tape
	}{
		{"unchanged: not read", true, true, nil, false},
		{"unchanged, read when unsettled", false, true, nil, true},
		{"unchanged, unsettled", false, false, nil, false},
		{"edited, same size", true, false, func(t *testing.T, c *statCase) { flipByte(t, c.file) }, true},
		{"edited, times put back", true, false, func(t *testing.T, c *statCase) {
			fi, err := os.Stat(c.file)
			if err != nil {
				t.Fatal(err)
			}
			flipByte(t, c.file)
			if err := os.Chtimes(c.file, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"replaced by a copy: read", true, true, func(t *testing.T, c *statCase) { replaceFile(t, c.file, false) }, true},
		{"replaced by another", true, false, func(t *testing.T, c *statCase) { replaceFile(t, c.file, true) }, true},
		{"removed", true, false, func(t *testing.T, c *statCase) {
			if err := os.Remove(c.file); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sources := NewSources()
			if tc.settled { // the files were made more than statSlack before
				sources.stats.start = time.Now().Add(time.Hour).UnixNano()
			}
			dir, h := preparedSmall(t, sources)
			if sources.stats.of[file] == (library.FileStat{}) {
				t.Skip("no stat of a file is taken here (Linux only)")
			}
			if tc.forged {
				src := sources.files[file]
				src.sum[0] ^= 1
				sources.files[file] = src
			}
			if tc.change != nil {
				c := &statCase{dir: dir, file: filepath.Join(dir, filepath.FromSlash(file))}
				c.nextTick(t)
				tc.change(t, c)
			}
			p, _ := h.Page("returns")
			tape, ok, err := h.PreparedBody(p, nil)
			var changed *ChangedError
			if got := errors.As(err, &changed); !ok || got != tc.changed || !got && err != nil {
				t.Fatalf("PreparedBody() = %t, %v, want a ChangedError: %t", ok, err, tc.changed)
			}
			if want := "tape of " + file; !tc.changed && string(tape) != want {
				t.Errorf("PreparedBody() = %q, want %q", tape, want)
			}
		})
	}
}

// flipByte edits the file at path in place, keeping its size: one bit
// of its last line.
func flipByte(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteAt([]byte{b[len(b)-2] ^ 1}, int64(len(b)-2))
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
}

// replaceFile puts a copy of the file at path in its place, by a rename,
// one byte flipped if flip.
func replaceFile(t *testing.T, path string, flip bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if flip {
		flipByte(t, tmp)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// preparedSmall copies the small test library into a new folder, which it
// returns, and loads it with sources as an HTML render does: by
// library.LoadKnown, each body's tape spooled ("tape of PATH"); then it
// builds its Handbook. sources is closed when t ends.
func preparedSmall(t *testing.T, sources *Sources) (string, *Handbook) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/small")); err != nil {
		t.Fatal(err)
	}
	sp, err := TempSpool(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	sources.PrepareBodies(func(d *sop.Doc, _ ast.Node, keep func([]byte)) { keep([]byte("tape of " + d.Path)) }, sp)
	t.Cleanup(func() { sources.Close() })
	lib, err := library.LoadKnown(t.Context(), dir, sources.Summary, sources.Cached, sources.Known)
	if err != nil {
		t.Fatal(err)
	}
	sources.Restore(lib)
	return dir, Build(lib, nil, nil, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), WithSources(sources))
}
