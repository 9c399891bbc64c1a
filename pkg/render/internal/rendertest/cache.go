package rendertest

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// CacheChanges are changes of the previous render's cache
// (render.CacheFile) and of an SOP file that keeps its size and times,
// for a writer of summaries: all are the bundle's files, body the change
// of one SOP's body (PrintChanges). A cache that cannot be trusted means
// parsing every SOP file, and the same bundle.
func CacheChanges(all []string, body Change) []Change {
	cache := func(damage func(t testing.TB, data []byte) []byte) func(testing.TB, string) {
		return func(t testing.TB, site string) {
			t.Helper()
			p := render.CachePath(site)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, p, string(damage(t, data)))
		}
	}
	return []Change{
		{Name: "cache missing", Output: func(t testing.TB, site string) { remove(t, render.CachePath(site)) }, Kept: all, Parsed: -1},
		{Name: "cache truncated", Output: cache(func(_ testing.TB, b []byte) []byte { return b[:len(b)/2] }), Kept: all, Parsed: -1},
		{Name: "cache edited", Output: cache(func(_ testing.TB, b []byte) []byte {
			b[len(b)/2] ^= 1
			return b
		}), Kept: all, Parsed: -1},
		{Name: "cache of another build", Output: cache(func(t testing.TB, b []byte) []byte {
			return rewriteCache(t, b, func(plain []byte) {
				// A test binary's build (render.buildID): its Go build ID, or
				// the hash of a binary that has none.
				i := bytes.Index(plain, []byte("go "))
				if j := bytes.Index(plain, []byte("exe ")); i < 0 || j >= 0 && j < i {
					i = j
				}
				if i < 0 {
					t.Fatal("the cache names no build")
				}
				plain[i+bytes.IndexByte(plain[i:], ' ')+1] ^= 1 // the first byte after the kind
			})
		}), Kept: all, Parsed: -1},
		{Name: "cache of junk", Output: cache(func(_ testing.TB, b []byte) []byte {
			n := len("sopctl render cache\n")
			return Resum(append(b[:n:n], bytes.Repeat([]byte{0xff}, 100)...))
		}), Kept: all, Parsed: -1},
		{Name: "same size and times", Edit: func(t testing.TB, dir string) {
			// The edit is body's, but for one byte.
			p := filepath.Join(dir, "sops", "c.md")
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			Replace("sops/c.md", "Do it.", "Do It.")(t, dir)
			if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, Kept: body.Kept, Made: body.Made, Parsed: 1},
	}
}

// rewriteCache edits what a cache file (render.CacheFile) holds, and
// gives it the SHA-256 it must end with.
func rewriteCache(t testing.TB, b []byte, edit func(plain []byte)) []byte {
	t.Helper()
	b = slices.Clone(b)
	edit(b[len("sopctl render cache\n") : len(b)-sha256.Size])
	return Resum(b)
}

// Resum gives a cache file (damaged) the SHA-256 it ends with, as a
// crafted one would have.
func Resum(b []byte) []byte {
	n := max(0, len(b)-sha256.Size)
	sum := sha256.Sum256(b[:n])
	return append(b[:n:n], sum[:]...)
}
