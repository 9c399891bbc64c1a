package render

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// craftCache makes a cache file's bytes from a header and entries, with
// the SHA-256 it must end with, as a crafted file would have it.
// craftCache makes a cache file's bytes from a header and entries (a
// []byte is written as it is), with the SHA-256 it must end with, as a
// crafted file would have it.
func craftCache(t *testing.T, h cacheHeader, entries ...any) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(cacheMagic)
	z, _ := flate.NewWriter(&b, flate.BestSpeed)
	enc := gob.NewEncoder(z)
	for _, v := range append([]any{h}, entries...) {
		var err error
		if raw, ok := v.([]byte); ok {
			_, err = z.Write(raw)
		} else {
			err = enc.Encode(v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b.Bytes())
	return append(b.Bytes(), sum[:]...)
}

// smallCache loads the small test library as render does for HTML and
// returns its cache's bytes and the library.
func smallCache(t *testing.T) ([]byte, *library.Library) {
	t.Helper()
	src := NewSources()
	lib, err := library.LoadCached(t.Context(), filepath.Join("testdata", "small"), src.Summary, src.Cached)
	if err != nil {
		t.Fatal(err)
	}
	src.Restore(lib)
	var b bytes.Buffer
	if err := encodeCache(&b, lib.Docs, src); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), lib
}

// A cache is trusted only whole, of this version and build; anything
// else, crafted or damaged, is refused without a panic or a large
// allocation.
func TestDecodeCache(t *testing.T) {
	good, lib := smallCache(t)
	build := buildID()
	entry := cacheEntry{Path: "sops/x.md", BodyLine: 3, H1: -1}
	tests := []struct {
		name    string
		data    []byte
		entries int // -1: refused
	}{
		{"whole", good, len(lib.Docs)},
		{"empty", nil, -1},
		{"magic only", []byte(cacheMagic), -1},
		{"truncated", good[:len(good)/2], -1},
		{"last byte gone", good[:len(good)-1], -1},
		{"a byte changed", func() []byte { b := bytes.Clone(good); b[len(b)/2] ^= 0x20; return b }(), -1},
		{"another magic", append([]byte("sopctl render cachf\n"), good[len(cacheMagic):]...), -1},
		{"another version", craftCache(t, cacheHeader{Version: cacheVersion + 1, Build: build}), -1},
		{"another build", craftCache(t, cacheHeader{Version: cacheVersion, Build: build + "x"}), -1},
		{"unknown build", craftCache(t, cacheHeader{Version: cacheVersion, Build: unknownBuild}), -1},
		{"more entries than it holds", craftCache(t, cacheHeader{Version: cacheVersion, Build: build, Entries: 1 << 40}, entry), -1},
		{"fewer entries than it holds", craftCache(t, cacheHeader{Version: cacheVersion, Build: build, Entries: 1}, entry, entry), 1},
		{"junk after the header", craftCache(t, cacheHeader{Version: cacheVersion, Build: build, Entries: 2}, bytes.Repeat([]byte{0xff, 0x01}, 50)), -1},
		{"not compressed", func() []byte {
			b := append([]byte(cacheMagic), bytes.Repeat([]byte{0xff}, 100)...)
			sum := sha256.Sum256(b)
			return append(b, sum[:]...)
		}(), -1},
		{"a message over the bound", craftCache(t, cacheHeader{Version: cacheVersion, Build: build, Entries: 1},
			[]byte{0xfc, 0x7f, 0xff, 0xff, 0xff}), -1}, // gob's length prefix: 2 GiB
		{"an entry of another type", craftCache(t, cacheHeader{Version: cacheVersion, Build: build, Entries: 1}, struct{ Path []int }{[]int{1}}), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := decodeCache(tt.data)
			switch {
			case tt.entries < 0 && err == nil:
				t.Errorf("decodeCache took it (%d entries), want it refused", len(c.entries))
			case tt.entries >= 0 && err != nil:
				t.Errorf("decodeCache: %v", err)
			case tt.entries >= 0 && len(c.entries) != tt.entries:
				t.Errorf("%d entries, want %d", len(c.entries), tt.entries)
			}
		})
	}
}

// An entry is used only for the file at its path with its bytes, and only
// when it holds together: an H1 among its headings, a body line.
func TestCached(t *testing.T) {
	data, lib := smallCache(t)
	c, err := decodeCache(data)
	if err != nil {
		t.Fatal(err)
	}
	doc := lib.Docs[0]
	file, err := os.ReadFile(filepath.Join("testdata", "small", filepath.FromSlash(doc.Path)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		file   []byte
		damage func(e *cacheEntry)
		want   bool
	}{
		{name: "unchanged", path: doc.Path, file: file, want: true},
		{name: "another file", path: doc.Path, file: append(bytes.Clone(file), '\n')},
		{name: "another path", path: "sops/other.md", file: file},
		{name: "H1 out of range", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.H1 = len(e.Markdown.Headings) }},
		{name: "H1 below -1", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.H1 = -2 }},
		{name: "H1 as a pointer", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.Markdown.H1 = &sop.Heading{} }},
		{name: "no body line", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.BodyLine = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := *c.entries[doc.Path]
			if tt.damage != nil {
				tt.damage(&e)
			}
			s := NewSources()
			s.Use(&Cache{entries: map[string]*cacheEntry{doc.Path: &e}})
			got := s.Cached(tt.path, tt.file)
			if (got != nil) != tt.want {
				t.Fatalf("Cached gave %v, want a Doc %t", got, tt.want)
			}
			if got != nil && (got.Meta.Title != doc.Meta.Title || got.BodyLine != doc.BodyLine || len(got.Markdown.Headings) != len(doc.Markdown.Headings)) {
				t.Errorf("Cached gave %+v, want %+v", got, doc)
			}
			if got != nil && got.Markdown.H1 != nil && got.Markdown.H1 != &got.Markdown.Headings[e.H1] {
				t.Error("the H1 does not point into the headings")
			}
		})
	}
}
