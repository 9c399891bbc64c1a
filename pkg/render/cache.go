package render

import (
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/sopctl/sopctl/pkg/sop"
)

// The render cache is a file beside the output folder, not in it: what
// Sources kept of each SOP file when the bundle was rendered, by the
// SHA-256 of the file. The next render into the folder takes an SOP whose
// file has that hash from it rather than parsing the file again (Use,
// Cached): parsing is most of what an incremental render of a library
// with one SOP edited would otherwise cost. It lives outside the folder
// because the folder is what a team publishes: the cache is no page, and
// at 300 bytes an SOP it would weigh on SPEC's bound on the bundle's size
// (under 3 times the library). Its name, .NAME.sopctl-cache beside the
// output folder NAME (CachePath), is one `sopctl init`'s .gitignore keeps
// out of git (.*.sopctl-*), and one the removal of stale temporary
// siblings never matches.
//
// The cache is input from disk, and anything doubtful about it means
// parsing as before: it is read only beside a folder sopctl made (the
// Marker), only as a regular file of at most maxCacheBytes, only when its
// last 32 bytes are the SHA-256 of the rest (a truncated or damaged file),
// its version is cacheVersion and its build this one (a build may parse
// differently); an entry is used only for the file at its path whose
// bytes, read now, have its hash. A file is keyed by its content, not by
// its size and times as git's index does: a file edited within the same
// clock tick, or given back its times, keeps those, and reading and
// hashing the files costs a small part of parsing them.
//
// The cache is written anew by each render with only the published SOPs
// (Handbook.WriteCache), into the staging folder as CacheFile; Commit
// moves it beside the output folder once that is in place, replacing the
// previous one in one rename, so it never grows beyond the library.
const CacheFile = ".sopctl-cache"

// CachePath is the render cache of the output folder dir (see CacheFile).
func CachePath(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), cacheName(filepath.Base(dir)))
}

// cacheName is the name of the render cache of the output folder name,
// in the folder's parent.
func cacheName(name string) string { return "." + siblingTag(name) + CacheFile }

const (
	cacheMagic   = "sopctl render cache\n"
	cacheVersion = 1
	// maxCacheBytes bounds what a render reads of a cache, and
	// maxCacheDecoded what it decompresses: an SOP takes about 300 bytes
	// compressed, 1 KB not, so 100,000 SOPs about 30 MB and 100 MB.
	maxCacheBytes   = 256 << 20
	maxCacheDecoded = 1 << 30
)

// cacheHeader opens the cache, after cacheMagic.
type cacheHeader struct {
	Version int
	Build   string
	Entries int
}

// cacheEntry is what the cache keeps of one SOP file: its Summary, with
// the fields and headings' text a page shows (Sources.Summary), and what
// Sources took of it.
type cacheEntry struct {
	Path     string
	Sum      [sha256.Size]byte
	Digest   [sha256.Size]byte
	BodyLine int
	Meta     sop.Meta
	Markdown sop.Body // with H1 nil: gob would decode a copy of the heading
	// H1 is the index of Markdown.H1 in Markdown.Headings, which it
	// points into (the writers compare the two); -1 for none.
	H1 int
}

// newCacheEntry is the cache entry of doc; false when its H1 is not one
// of its headings.
func newCacheEntry(doc *sop.Doc, k *source) (cacheEntry, bool) {
	e := cacheEntry{Path: doc.Path, Sum: k.sum, Digest: k.digest, BodyLine: doc.BodyLine, Meta: doc.Meta, Markdown: doc.Markdown, H1: -1}
	if h1 := doc.Markdown.H1; h1 != nil {
		for i := range doc.Markdown.Headings {
			if &doc.Markdown.Headings[i] == h1 {
				e.H1 = i
			}
		}
		if e.H1 < 0 {
			return e, false
		}
		e.Markdown.H1 = nil
	}
	return e, true
}

// body is the entry's Markdown, its H1 pointing into its headings.
func (e *cacheEntry) body() (sop.Body, bool) {
	md := e.Markdown
	switch {
	case md.H1 != nil || e.H1 >= len(md.Headings) || e.H1 < -1:
		return md, false
	case e.H1 >= 0:
		md.H1 = &md.Headings[e.H1]
	}
	return md, true
}

// Cache is a previous render's CacheFile, read and checked.
type Cache struct {
	entries map[string]*cacheEntry // by library path
}

// ReadCache reads the cache of the output folder dir (CachePath), which a
// previous render made; nil when there is none to trust (see CacheFile).
func ReadCache(dir string) *Cache {
	// Commit keeps the cache beside the folder a symlinked output leads to.
	dir = realPath(dir)
	root, err := os.OpenRoot(filepath.Dir(dir))
	if err != nil {
		return nil
	}
	defer root.Close()
	name := filepath.Base(dir)
	if !marked(root, name) {
		return nil
	}
	fi, err := root.Lstat(cacheName(name))
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxCacheBytes {
		return nil
	}
	data, err := root.ReadFile(cacheName(name))
	if err != nil {
		return nil
	}
	c, err := decodeCache(data)
	if err != nil {
		return nil
	}
	return c
}

// decodeCache reads a cache's bytes, or says why they cannot be trusted.
func decodeCache(data []byte) (c *Cache, err error) {
	n := len(data) - sha256.Size
	if n < len(cacheMagic) || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, errors.New("not a cache")
	}
	if sum := sha256.Sum256(data[:n]); !bytes.Equal(sum[:], data[n:]) {
		return nil, errors.New("damaged")
	}
	defer func() {
		if r := recover(); r != nil { // gob on input crafted to pass the check
			c, err = nil, fmt.Errorf("cannot be decoded: %v", r)
		}
	}()
	z := flate.NewReader(bytes.NewReader(data[len(cacheMagic):n]))
	defer z.Close()
	dec := gob.NewDecoder(bufio.NewReader(io.LimitReader(z, maxCacheDecoded)))
	var h cacheHeader
	if err := dec.Decode(&h); err != nil {
		return nil, err
	}
	if h.Version != cacheVersion || h.Build != buildID() || h.Build == unknownBuild {
		return nil, errors.New("another version or build of sopctl made it")
	}
	// No more entries than bytes: a crafted count allocates nothing big.
	c = &Cache{entries: make(map[string]*cacheEntry, min(h.Entries, n/64))}
	for range h.Entries {
		e := &cacheEntry{}
		if err := dec.Decode(e); err != nil {
			return nil, err
		}
		c.entries[e.Path] = e
	}
	return c, nil
}

// Use lets s take from c an SOP whose file has not changed (Cached).
func (s *Sources) Use(c *Cache) { s.cache = c }

// Cached is Summary for an SOP file the cache in use knows with these
// bytes, as library.LoadCached's hook: it records what Summary would have,
// and returns the Summary it would make of the parsed file; nil when
// the cache does not know the file so (then the file is parsed and kept).
func (s *Sources) Cached(p string, src []byte) *sop.Doc {
	if s.cache == nil {
		return nil
	}
	e := s.cache.entries[p]
	if e == nil {
		return nil
	}
	md, ok := e.body()
	sum := sha256.Sum256(src)
	if !ok || sum != e.Sum || e.BodyLine < 1 {
		return nil
	}
	s.mu.Lock()
	s.files[p] = source{sum: sum, digest: e.Digest, bodyLine: e.BodyLine}
	s.mu.Unlock()
	d := &sop.Doc{Path: p, BodyLine: e.BodyLine}
	d.Meta, d.Markdown = sop.Compact(&e.Meta, &md)
	return d
}

// writeCache writes into the Stage the cache of docs, which src kept (see
// CacheFile), beside the marker and the manifest; Commit moves it beside
// the output folder (moveCache).
func (s *Stage) writeCache(docs []*sop.Doc, src *Sources) error {
	f, err := s.root.OpenFile(path.Join(s.tmp, CacheFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	err = encodeCache(f, docs, src)
	return errors.Join(err, f.Close())
}

// encodeCache writes the cache of docs, which src kept, to w: the magic
// line, then, compressed, a gob header and an entry for each SOP; last,
// the SHA-256 of all that.
func encodeCache(w io.Writer, docs []*sop.Doc, src *Sources) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	d := sha256.New()
	file := io.MultiWriter(bw, d)
	if _, err := io.WriteString(file, cacheMagic); err != nil {
		return err
	}
	// Compressed: a third of the size (the bundle must stay small), for
	// a tenth of the time encoding takes.
	z, err := flate.NewWriter(file, flate.BestSpeed)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(z, 1<<16)
	// Two passes, the first to count, rather than every entry held.
	entry := func(doc *sop.Doc) (cacheEntry, bool) {
		if k, ok := src.files[doc.Path]; ok && doc.Summarized() && k.bodyLine == doc.BodyLine {
			return newCacheEntry(doc, &k)
		}
		return cacheEntry{}, false
	}
	n := 0
	for _, doc := range docs {
		if _, ok := entry(doc); ok {
			n++
		}
	}
	enc := gob.NewEncoder(out)
	if err := enc.Encode(cacheHeader{Version: cacheVersion, Build: buildID(), Entries: n}); err != nil {
		return err
	}
	for _, doc := range docs {
		if e, ok := entry(doc); ok {
			if err := enc.Encode(&e); err != nil {
				return err
			}
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	if _, err := bw.Write(d.Sum(nil)); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteCache writes the cache of the Handbook's published SOPs into the
// Stage, when they are summaries that Sources kept (WithSources); nothing
// otherwise. An SOP that is not published (--status) is not in the cache,
// since the output folder may be published whole.
func (h *Handbook) WriteCache(s *Stage) error {
	if h.sources == nil {
		return nil
	}
	docs := make([]*sop.Doc, len(h.SOPs))
	for i, p := range h.SOPs {
		docs[i] = p.Doc
	}
	return s.writeCache(docs, h.sources)
}

// moveCache moves the cache the render wrote (writeCache) from the output
// folder, now in place, to its place beside it, replacing the previous
// one. When that fails the cache is removed from the folder, which is
// published, and the failure is kept for CacheError: the next render
// parses every SOP, with the same result.
func (s *Stage) moveCache() {
	inside := path.Join(s.name, CacheFile)
	if _, err := s.root.Lstat(inside); err != nil {
		return // none written: not a render of summaries
	}
	if err := s.root.Rename(inside, cacheName(s.name)); err != nil {
		s.cacheErr = err
		_ = s.root.Remove(inside)
	}
}

// CacheError says why the render cache could not be kept beside the
// output folder, after Commit; nil when it was, or none was written.
func (s *Stage) CacheError() error { return s.cacheErr }
