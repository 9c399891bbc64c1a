package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// craftCache makes a cache file's bytes from its version, build and
// entries (craftEntry, or any bytes), with the SHA-256 it must end with,
// as a crafted file would have it.
func craftCache(version uint64, build string, entries ...[]byte) []byte {
	return craftCount(version, build, uint64(len(entries)), entries...)
}

// craftCount is craftCache with the count of entries given; the render
// it says made it started at 0.
func craftCount(version uint64, build string, count uint64, entries ...[]byte) []byte {
	b := binary.AppendUvarint(nil, version)
	b = appendBytes(b, build)
	b = binary.AppendVarint(b, 0)
	b = binary.AppendUvarint(b, count)
	for _, e := range entries {
		b = append(b, e...)
	}
	return sealed(b)
}

// sealed is a cache file's bytes around what follows its magic line, with
// the SHA-256 it must end with.
func sealed(b []byte) []byte {
	b = append([]byte(cacheMagic), b...)
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// craftEntry is the bytes of an entry of the file at path p, of zero
// sums and stat, with a body line and an SOP's encoding
// (sop.AppendCompact).
func craftEntry(p string, bodyLine uint64, doc []byte) []byte {
	b := appendBytes(nil, p)
	b = append(b, make([]byte, 2*sha256.Size)...)
	b = binary.AppendUvarint(b, bodyLine)
	b = appendStat(b, library.FileStat{})
	return appendBytes(b, doc)
}

// smallCache loads the small test library as render does for HTML and
// returns its cache's bytes and the library.
func smallCache(t testing.TB) ([]byte, *library.Library) {
	t.Helper()
	data, lib, _ := libraryCache(t, filepath.Join("testdata", "small"))
	return data, lib
}

// libraryCache loads the library at dir as render does for HTML and
// returns its cache's bytes, the library and its Sources.
func libraryCache(t testing.TB, dir string) ([]byte, *library.Library, *Sources) {
	t.Helper()
	src := NewSources()
	lib, err := library.LoadKnown(context.Background(), dir, src.Summary, src.Cached, src.Known)
	if err != nil {
		t.Fatal(err)
	}
	src.Restore(lib)
	var b bytes.Buffer
	if err := encodeCache(&b, lib.Docs, src); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), lib, src
}

// Each SOP of the test libraries comes back from the cache as the load
// kept it when it parsed its file.
func TestCacheRoundTrip(t *testing.T) {
	for _, dir := range []string{"small", "xss", "files", "../../../examples/customer-service"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			dir := filepath.Join("testdata", dir)
			data, lib, _ := libraryCache(t, dir)
			c, err := decodeCache(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.entries) != len(lib.Docs) || len(lib.Docs) == 0 {
				t.Fatalf("%d entries, want %d", len(c.entries), len(lib.Docs))
			}
			s := NewSources()
			s.Use(c)
			for _, doc := range lib.Docs {
				file, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(doc.Path)))
				if err != nil {
					t.Fatal(err)
				}
				if got := s.Cached(doc.Path, file); !reflect.DeepEqual(got, doc) {
					t.Errorf("%s: the cache gave\n%+v\nwant\n%+v", doc.Path, got, doc)
				}
			}
		})
	}
}

// FuzzDecodeCache checks that no cache, of any bytes after the magic line
// (given the SHA-256 they must end with), makes reading it or any of its
// SOPs panic. Its seeds are the small library's cache.
func FuzzDecodeCache(f *testing.F) {
	good, _ := smallCache(f)
	for _, data := range [][]byte{good, craftCache(cacheVersion, buildID())} {
		f.Add(data[len(cacheMagic) : len(data)-sha256.Size])
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		c, err := decodeCache(sealed(body))
		if err != nil {
			return
		}
		for _, e := range c.entries {
			_ = sop.ReadCompact(e.doc, new(sop.Meta), new(sop.Body))
		}
	})
}

// A cache is trusted only whole, of this version and build; anything
// else, crafted or damaged, is refused without a panic or a large
// allocation.
func TestDecodeCache(t *testing.T) {
	good, lib := smallCache(t)
	build := buildID()
	entry := craftEntry("sops/x.md", 3, sop.AppendCompact(nil, &sop.Meta{}, &sop.Body{}))
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
		{"another version", craftCache(cacheVersion+1, build), -1},
		{"another build", craftCache(cacheVersion, build+"x"), -1},
		{"unknown build", craftCache(cacheVersion, unknownBuild), -1},
		{"no build", craftCache(cacheVersion, ""), -1},
		{"no entries", craftCache(cacheVersion, build), 0},
		{"two entries of one path", craftCache(cacheVersion, build, entry, entry), 1},
		{"an entry cut short", craftCache(cacheVersion, build, entry[:len(entry)-1]), -1},
		{"an entry and a byte", craftCache(cacheVersion, build, entry, []byte{0}), -1},
		{"a path longer than the file", craftCache(cacheVersion, build, binary.AppendUvarint(nil, 1<<40)), -1},
		{"a length over 64 bits", craftCache(cacheVersion, build, bytes.Repeat([]byte{0xff}, 11)), -1},
		{"a count over the entries", craftCount(cacheVersion, build, 1<<62, entry), 1},
		{"a count under the entries", craftCount(cacheVersion, build, 0, entry, craftEntry("sops/y.md", 3, nil)), 2},
		{"no start", sealed(appendBytes(binary.AppendUvarint(nil, cacheVersion), build)), -1},
		{"no count", sealed(binary.AppendVarint(appendBytes(binary.AppendUvarint(nil, cacheVersion), build), 0)), -1},
		{"a stat cut short", craftCache(cacheVersion, build, entry[:len(entry)-len(sop.AppendCompact(nil, &sop.Meta{}, &sop.Body{}))-2]), -1},
		{"junk after the header", craftCache(cacheVersion, build, bytes.Repeat([]byte{0xff, 0x01}, 50)), -1},
		// Decoded only when its file is loaded: then it is parsed (TestCached).
		{"an SOP that does not decode", craftCache(cacheVersion, build, craftEntry("sops/x.md", 3, []byte{0xff})), 1},
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
		{name: "an SOP cut short", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.doc = e.doc[:len(e.doc)-1] }},
		{name: "an SOP of junk", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.doc = bytes.Repeat([]byte{0xff}, 20) }},
		{name: "no body line", path: doc.Path, file: file, damage: func(e *cacheEntry) { e.bodyLine = 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := c.entries[doc.Path]
			if tt.damage != nil {
				tt.damage(&e)
			}
			s := NewSources()
			s.Use(&Cache{entries: map[string]cacheEntry{doc.Path: e}})
			got := s.Cached(tt.path, tt.file)
			if (got != nil) != tt.want {
				t.Fatalf("Cached gave %v, want a Doc %t", got, tt.want)
			}
			if got != nil && !reflect.DeepEqual(got, doc) {
				t.Errorf("Cached gave %+v, want %+v", got, doc)
			}
			if got != nil && s.Parsed() != 0 {
				t.Errorf("Cached parsed %d files", s.Parsed())
			}
		})
	}
}
