package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The render cache is a file beside the output folder, not in it: what
// Sources kept of each SOP file when the bundle was rendered, by the
// SHA-256 of the file. The next render into the folder takes an SOP whose
// file has that hash from it rather than parsing the file again (Use,
// Cached): parsing is most of what an incremental render of a library
// with one SOP edited would otherwise cost. It lives outside the folder
// because the folder is what a team publishes: the cache is no page, and
// at 700 bytes an SOP it would weigh on SPEC's bound on the bundle's size
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
// bytes, read now, have its hash (Cached), or, unread, whose stat is the
// one it had when the previous render read it or found it so (Known).
//
// A stat vouches for a file's bytes as git's index takes it to: its
// size, modification and change times to the nanosecond, inode and
// device all the same, and only when those times are older than the
// previous render's start by statSlack. A file edited again within the
// same tick of the filesystem's clock keeps its times: it is then
// "racily clean", and read and hashed. A file given back its old times
// (touch -d) has a new change time; one replaced by another (a rename, a
// checkout) a new inode. Reading and hashing every file took about a
// fifth of the CPU of an incremental render of 10,000 SOPs (210 of 920
// ms); the stat costs nothing more, being the one the library's walk of
// its folders takes anyway (library.LoadKnown).
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
	cacheVersion = 3
	// maxCacheBytes bounds what a render reads of a cache: an SOP takes
	// about 700 bytes, 100,000 generated SOPs of 4 KB 71 MB.
	maxCacheBytes = 256 << 20
)

// The cache is cacheMagic, then the version, the build, the render's
// start (fileStats.start) and the number of entries, then an entry for
// each SOP file until the SHA-256 of all that, which ends it. An entry is
// its path, its file's SHA-256, its digest (docDigest), its body line,
// its file's stat (library.FileStat, in the order of its fields; zero
// when there was none), and its Meta and Body as sop.AppendCompact writes
// them; numbers are varints, texts and the SOP's
// encoding are prefixed with their length. It is not compressed: flate
// took the cache of 10,000 SOPs from 7.1 MB to 2.4 MB, for 51 ms to write
// and 30 ms to read, more than the rest of writing and reading it.

// cacheEntry is what the cache keeps of one SOP file besides its path:
// what Sources took of it, and its Summary, with the fields and
// headings' text a page shows (Sources.Summary), encoded (sop.ReadCompact
// reads it when the file is loaded, Cached).
type cacheEntry struct {
	sum, digest [sha256.Size]byte
	bodyLine    int
	stat        library.FileStat
	doc         []byte
}

// Cache is a previous render's CacheFile, read and checked.
type Cache struct {
	entries map[string]cacheEntry // by library path
	start   int64                 // the previous render's (fileStats.start)
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

// errCache is a cache's bytes that its writer did not write.
var errCache = errors.New("not a render cache of this sopctl")

// decodeCache reads a cache's bytes, or says why they cannot be trusted.
// Its entries keep parts of data; each SOP's is decoded only if its file
// is loaded unchanged (Cached).
func decodeCache(data []byte) (*Cache, error) {
	n := len(data) - sha256.Size
	if n < len(cacheMagic) || !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return nil, errors.New("not a cache")
	}
	if sum := sha256.Sum256(data[:n]); !bytes.Equal(sum[:], data[n:]) {
		return nil, errors.New("damaged")
	}
	r := cacheReader{data: data[len(cacheMagic):n]}
	if r.uvarint() != cacheVersion || string(r.bytes()) != buildID() || buildID() == unknownBuild || r.err != nil {
		return nil, errors.New("another version or build of sopctl made it")
	}
	start := r.varint()
	// An entry takes over 64 bytes: a crafted count allocates nothing
	// big.
	count := min(r.uvarint(), uint64(len(r.data)/(2*sha256.Size)))
	c := &Cache{entries: make(map[string]cacheEntry, count), start: start}
	for len(r.data) > 0 && r.err == nil {
		p := r.bytes()
		var e cacheEntry
		copy(e.sum[:], r.next(sha256.Size))
		copy(e.digest[:], r.next(sha256.Size))
		e.bodyLine = int(r.uvarint())
		e.stat = library.FileStat{Size: r.varint(), ModTime: r.varint(), ChangeTime: r.varint(), Inode: r.uvarint(), Device: r.uvarint()}
		e.doc = r.bytes()
		c.entries[string(p)] = e
	}
	if r.err != nil {
		return nil, r.err
	}
	return c, nil
}

// cacheReader reads the parts of a cache (decodeCache). After the first
// error it reads nothing more.
type cacheReader struct {
	data []byte // what is left to read
	err  error
}

func (r *cacheReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.err = errCache
		return 0
	}
	r.data = r.data[n:]
	return x
}

func (r *cacheReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1) // zigzag, as binary.AppendVarint
}

// next reads the next n bytes.
func (r *cacheReader) next(n uint64) []byte {
	if r.err == nil && n > uint64(len(r.data)) {
		r.err = errCache
	}
	if r.err != nil {
		return nil
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

// bytes reads bytes prefixed with their length.
func (r *cacheReader) bytes() []byte { return r.next(r.uvarint()) }

// Use lets s take from c an SOP whose file has not changed (Cached).
func (s *Sources) Use(c *Cache) { s.cache = c }

// Cached is Summary for an SOP file the cache in use knows with these
// bytes, as library.LoadKnown's cached hook: it records what Summary would
// have, and returns the Summary it would make of the parsed file, compact
// as it is decoded; nil when the cache does not know the file so, or its
// entry does not decode (then the file is parsed and kept).
func (s *Sources) Cached(p string, src []byte) *sop.Doc {
	if s.cache == nil {
		return nil
	}
	e, ok := s.cache.entries[p]
	if !ok || sha256.Sum256(src) != e.sum {
		return nil
	}
	return s.take(p, e)
}

// Known is Cached for an SOP file known by its stat, unread, as
// library.LoadKnown's hook: the cache in use gives its entry when the
// file's stat is the one the entry has, and that stat vouches for the
// file's bytes (vouches). Known keeps every stat it is given for
// the cache this render writes.
func (s *Sources) Known(p string, st library.FileStat) *sop.Doc {
	s.stats.add(p, st)
	if s.cache == nil {
		return nil
	}
	e, ok := s.cache.entries[p]
	if !ok || e.stat != st || !vouches(st, s.cache.start) {
		return nil
	}
	return s.take(p, e)
}

// statSlack is how long before the previous render's start an SOP file
// must have last changed for its stat to vouch for its bytes: a file
// changed again within one tick of the filesystem's clock keeps its
// times, and that clock lags the one render reads by a tick. Two seconds
// covers the coarsest (FAT's), and is what go's test cache and module
// index allow.
const statSlack = int64(2 * time.Second)

// take is the Summary the cache's entry e holds of the SOP at path p,
// when e holds together (a body line; an encoding that decodes), and
// records what Summary would have of it; nil otherwise (then the file is
// parsed).
func (s *Sources) take(p string, e cacheEntry) *sop.Doc {
	if e.bodyLine < 1 {
		return nil
	}
	d := &sop.Doc{Path: p, BodyLine: e.bodyLine}
	if sop.ReadCompact(e.doc, &d.Meta, &d.Markdown) != nil {
		return nil
	}
	s.mu.Lock()
	s.files[p] = source{sum: e.sum, digest: e.digest, bodyLine: e.bodyLine}
	s.mu.Unlock()
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

// encodeCache writes the cache of docs, which src kept, to w (see
// CacheFile): an entry for each SOP that is a summary src kept.
func encodeCache(w io.Writer, docs []*sop.Doc, src *Sources) error {
	d := sha256.New()
	file := io.MultiWriter(w, d)
	b := make([]byte, 0, 2*cacheChunk)
	b = append(b, cacheMagic...)
	b = binary.AppendUvarint(b, cacheVersion)
	b = appendBytes(b, buildID())
	b = binary.AppendVarint(b, src.stats.start)
	// The SOPs src kept: Handbook.Body reads their files again.
	kept := func(doc *sop.Doc) (source, bool) {
		k, ok := src.files[doc.Path]
		return k, ok && doc.Summarized() && k.bodyLine == doc.BodyLine
	}
	n := 0
	for _, doc := range docs {
		if _, ok := kept(doc); ok {
			n++
		}
	}
	b = binary.AppendUvarint(b, uint64(n))
	var enc []byte
	for _, doc := range docs {
		k, ok := kept(doc)
		if !ok {
			continue
		}
		b = appendBytes(b, doc.Path)
		b = append(append(b, k.sum[:]...), k.digest[:]...)
		b = binary.AppendUvarint(b, uint64(doc.BodyLine))
		b = appendStat(b, src.stats.of[doc.Path])
		enc = sop.AppendCompact(enc[:0], &doc.Meta, &doc.Markdown)
		b = appendBytes(b, enc)
		if len(b) >= cacheChunk {
			if _, err := file.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if _, err := file.Write(b); err != nil {
		return err
	}
	_, err := w.Write(d.Sum(nil))
	return err
}

// appendStat appends a file's stat to a cache entry.
func appendStat(b []byte, st library.FileStat) []byte {
	b = binary.AppendVarint(b, st.Size)
	b = binary.AppendVarint(b, st.ModTime)
	b = binary.AppendVarint(b, st.ChangeTime)
	b = binary.AppendUvarint(b, st.Inode)
	return binary.AppendUvarint(b, st.Device)
}

// fileStats are the stats of the SOP files Known was given, and the time
// render started, before the first of them: its cache keeps them, for
// the next render to know those files by their stats.
type fileStats struct {
	mu    sync.Mutex
	start int64 // nanoseconds since 1970
	of    map[string]library.FileStat
}

func newFileStats() *fileStats {
	return &fileStats{start: time.Now().UnixNano(), of: map[string]library.FileStat{}}
}

func (f *fileStats) add(p string, st library.FileStat) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.of[p] = st
}

// cacheChunk is about how much encodeCache writes at once: the whole
// cache weighs about 700 bytes an SOP.
const cacheChunk = 64 << 10

// appendBytes appends b to dst, prefixed with its length.
func appendBytes[B []byte | string](dst []byte, b B) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(b))), b...)
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

// StartCache writes the cache (WriteCache) while the caller writes the
// bundle into the same Stage: it reads only what the load made, which
// the bundle leaves as it is, and takes none of the bundle's time. The
// function it returns waits for it and says how it went; call it before
// Commit or Abort.
func (h *Handbook) StartCache(s *Stage) (wait func() error) {
	done := make(chan error, 1)
	go func() { done <- h.WriteCache(s) }()
	return sync.OnceValue(func() error { return <-done })
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
