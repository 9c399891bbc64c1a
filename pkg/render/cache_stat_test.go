package render

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// statCase is a copy of the small test library, loaded as render loads
// it, with the cache that load writes; doc is its first SOP and file the
// path of its file.
type statCase struct {
	dir, file string
	doc       *sop.Doc
	cache     *Cache
}

func newStatCase(t *testing.T) *statCase {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "small"))); err != nil {
		t.Fatal(err)
	}
	data, lib, _ := libraryCache(t, dir)
	c, err := decodeCache(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := lib.Docs[0]
	if c.entries[doc.Path].stat == (library.FileStat{}) {
		t.Skip("no stat of a file is taken here (Linux only)")
	}
	return &statCase{dir: dir, file: filepath.Join(dir, filepath.FromSlash(doc.Path)), doc: doc, cache: c}
}

// stat is the stat of the case's file, as the load takes it.
func (c *statCase) stat(t *testing.T) library.FileStat {
	t.Helper()
	fi, err := os.Lstat(c.file)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fsdir.StatOf(fi)
	if !ok {
		t.Fatal("no stat of a plain file")
	}
	return st
}

// nextTick waits until the filesystem's clock has moved past the change
// time of the case's file, so that a change made now has another: the
// clock ticks every few milliseconds.
func (c *statCase) nextTick(t *testing.T) {
	t.Helper()
	probe := filepath.Join(c.dir, "probe")
	before := c.stat(t).ChangeTime
	for range 1000 {
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(probe)
		if err != nil {
			t.Fatal(err)
		}
		if fi.ModTime().UnixNano() > before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("the filesystem's clock did not move")
}

// Known trusts an SOP file's stat only when it is the one its entry has,
// of times older than the previous render's start by statSlack: a file
// edited, replaced or given back its old times has another stat, and
// one changed just before that render may have changed again unseen.
func TestKnown(t *testing.T) {
	rewrite := func(t *testing.T, file string, edit func([]byte) []byte) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, edit(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sameSize := func(b []byte) []byte { b = bytes.Clone(b); b[len(b)-2] ^= 0x01; return b }
	tests := []struct {
		name    string
		change  func(t *testing.T, c *statCase, old library.FileStat)
		settled bool // the previous render started a minute after the file last changed
		want    bool
	}{
		{name: "unchanged", settled: true, want: true},
		{name: "unchanged, racily clean", settled: false},
		{name: "grown", settled: true, change: func(t *testing.T, c *statCase, _ library.FileStat) {
			rewrite(t, c.file, func(b []byte) []byte { return append(b, '\n') })
		}},
		{name: "same size, new time", settled: true, change: func(t *testing.T, c *statCase, old library.FileStat) {
			rewrite(t, c.file, sameSize)
			later := time.Unix(0, old.ModTime).Add(time.Second)
			if err := os.Chtimes(c.file, later, later); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "given back its time", settled: true, change: func(t *testing.T, c *statCase, old library.FileStat) {
			rewrite(t, c.file, sameSize)
			if err := os.Chtimes(c.file, time.Unix(0, old.ModTime), time.Unix(0, old.ModTime)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "replaced", settled: true, change: func(t *testing.T, c *statCase, old library.FileStat) {
			b, err := os.ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			tmp := filepath.Join(c.dir, "new.tmp")
			if err := os.WriteFile(tmp, sameSize(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(tmp, time.Unix(0, old.ModTime), time.Unix(0, old.ModTime)); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, c.file); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newStatCase(t)
			old := c.stat(t)
			if tt.change != nil {
				c.nextTick(t)
				tt.change(t, c, old)
			}
			if tt.settled {
				c.cache.start = max(old.ModTime, old.ChangeTime) + int64(time.Minute)
			}
			s := NewSources()
			s.Use(c.cache)
			got := s.Known(c.doc.Path, c.stat(t))
			if (got != nil) != tt.want {
				t.Fatalf("Known gave %v, want a Doc %t", got, tt.want)
			}
			if got != nil && !reflect.DeepEqual(got, c.doc) {
				t.Errorf("Known gave %+v, want %+v", got, c.doc)
			}
			if s.stats.of[c.doc.Path] != c.stat(t) {
				t.Errorf("Known kept %+v, want the stat it was given", s.stats.of[c.doc.Path])
			}
		})
	}
}
