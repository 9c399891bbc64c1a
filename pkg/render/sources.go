package render

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Sources lets render hold summaries, not documents: memory then grows
// with the number of SOPs, not their size. The library is loaded with
// library.LoadKnown, with Summary, Cached and Known as its hooks: Summary
// keeps what the pages need of each SOP besides its body (its front
// matter as read and parsed, its headings and its links, compact), and
// records a hash of its file; each file is read again when its page is
// written (Handbook.Body), and refused if it changed since, unless its
// stat vouches that it did not (unchanged).
//
// Sources can also take what a previous render kept of each SOP (Use,
// Cached): a file whose bytes are those it kept is then not parsed.
//
// And a writer can convert each body while its syntax tree exists, as the
// file is loaded (PrepareBodies), so that the body is parsed once: what
// it makes waits in a spool, not in memory, until the SOP's page reads it
// back (PreparedBody), instead of the file, which is then not read again
// either when its stat vouches that it did not change (unchanged).
type Sources struct {
	mu     sync.Mutex
	files  map[string]source // by library path
	cache  *Cache            // a previous render's while the library loads (Restore drops it), or nil
	parsed atomic.Int64      // files Summary took, not Cached
	stats  *fileStats        // the SOP files' stats, for the next render's cache (Known)
	// prepare converts a body (PrepareBodies) into spool; nil: it is not.
	prepare BodyPrep
	spool   *Spool
}

// BodyPrep converts an SOP's body, from the syntax tree sop.ParseTree
// read it into, as its file is loaded, and hands keep the result, which
// is good until keep returns (html.PrepareBody).
type BodyPrep func(d *sop.Doc, tree ast.Node, keep func([]byte))

// source is what Sources keeps of one SOP file for the whole render. It
// holds no pointer: 100,000 of them are memory the collector need not
// look into.
type source struct {
	sum      [sha256.Size]byte // of the file
	digest   [sha256.Size]byte // what librarySummary takes of it (docDigest)
	bodyLine int
	// tapeOff and tapeLen are where the spool holds what PrepareBodies
	// made of the body: tapeLen is its length plus one, 0 for nothing.
	tapeOff, tapeLen int
}

// NewSources returns an empty Sources.
func NewSources() *Sources {
	return &Sources{files: map[string]source{}, stats: newFileStats()}
}

// PrepareBodies makes Summary convert each body it takes with prepare,
// into spool, which must stay open until the last page is written and
// which Close closes.
func (s *Sources) PrepareBodies(prepare BodyPrep, spool *Spool) {
	s.prepare, s.spool = prepare, spool
}

// Close closes the spool of PrepareBodies, if any.
func (s *Sources) Close() error {
	if s.spool == nil {
		return nil
	}
	sp := s.spool
	s.spool, s.prepare = nil, nil
	return sp.Close()
}

// Summary records a whole Doc and returns what render keeps of it, as
// library.LoadKnown's summary hook: a Summary (Doc.Summarized) with the
// fields and headings' text its pages show, which Doc.Summary leaves out,
// in one compact block (sop.Compact); and, with PrepareBodies, spools its
// converted body, made from tree. A body that cannot be spooled is
// converted when its page is written, from its file, as if there were no
// spool.
func (s *Sources) Summary(_ *library.Config, d *sop.Doc, tree ast.Node) *sop.Doc {
	s.parsed.Add(1)
	md := d.Markdown
	// No page shows them: they are lint's.
	md.Sections, md.Placeholders, md.Params, md.Comments = nil, nil, nil, nil
	src := source{sum: sha256.Sum256(d.Src), bodyLine: d.BodyLine,
		digest: docDigest(d.Path, frontMatter(d.Src, d.BodyLine), &md)}
	if s.prepare != nil && tree != nil {
		s.prepare(d, tree, func(b []byte) {
			if at, err := s.spool.Append(b); err == nil {
				src.tapeOff, src.tapeLen = int(at.Off), at.Len+1
			}
		})
	}
	kept := &sop.Doc{Path: d.Path, BodyLine: d.BodyLine}
	kept.Meta, kept.Markdown = sop.Compact(&d.Meta, &md)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[d.Path] = src
	return kept
}

// Parsed is how many SOP files Summary took: those parsed, which the
// cache did not give.
func (s *Sources) Parsed() int { return int(s.parsed.Load()) }

// Restore ends the library's load: it drops the cache in use, whose
// entries would only hold memory from then on.
func (s *Sources) Restore(*library.Library) { s.cache = nil }

// WithSources says that the library's Docs are summaries that s made
// (Summary, Cached): their files are read again when needed.
func WithSources(s *Sources) BuildOption {
	return func(h *Handbook) { h.sources = s }
}

// ChangedError is an SOP file that changed on disk while it was rendered.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s: changed while rendering: run sopctl render again", e.Path)
}

// fileSum is the SHA-256 of an SOP's file as it was loaded: the one Summary
// took for a summary, so that keying a page needs no second read of its
// file (its page, when written, reads it and checks it against that sum).
func (h *Handbook) fileSum(d *sop.Doc) ([sha256.Size]byte, error) {
	if !d.Summarized() || h.sources == nil {
		return sha256.Sum256(d.Src), nil
	}
	src, ok := h.sources.files[d.Path]
	if !ok {
		return [sha256.Size]byte{}, &ChangedError{Path: d.Path}
	}
	return src.sum, nil
}

// digestOf is what librarySummary takes of an SOP (docDigest): the one
// Summary or Cached took for a summary.
func (h *Handbook) digestOf(d *sop.Doc) [sha256.Size]byte {
	if d.Summarized() && h.sources != nil {
		if src, ok := h.sources.files[d.Path]; ok {
			return src.digest
		}
	}
	return docDigest(d.Path, frontMatter(d.Src, d.BodyLine), &d.Markdown)
}

// PreparedBody returns what PrepareBodies made of p's body as its file
// was loaded, read into buf's array when it has room, and false if it
// made nothing of it (a whole document, or one the render cache gave).
// Its file is read again, as Body reads it, and refused if it is not what
// Summary saw: an SOP edited during a render stops it, whichever way its
// page is made; unless its stat now says it is the file the load read,
// unchanged since (unchanged), which costs one stat, not an open, a read
// and a hash: those took 0.22 s of the 5.39 s of CPU samples of a full
// render of 10,000 SOPs.
func (h *Handbook) PreparedBody(p *Page, buf []byte) ([]byte, bool, error) {
	if !p.Doc.Summarized() || h.sources == nil || h.sources.spool == nil {
		return nil, false, nil
	}
	src, ok := h.sources.files[p.Doc.Path]
	if !ok || src.tapeLen == 0 {
		return nil, false, nil
	}
	if !h.sources.unchanged(h.lib, p.Doc.Path) {
		if _, err := h.reread(p.Doc, src); err != nil {
			return nil, true, err
		}
	}
	b, err := h.sources.spool.ReadInto(buf, Span{Off: int64(src.tapeOff), Len: src.tapeLen - 1})
	return b, true, err
}

// Body returns the Markdown body of a published SOP, with LF line breaks:
// its Doc's own, or, for a summary, its file read again, refused if it is
// not what Summary or Cached saw.
func (h *Handbook) Body(p *Page) ([]byte, error) {
	d := p.Doc
	if !d.Summarized() || h.sources == nil {
		return d.Body, nil
	}
	src, ok := h.sources.files[d.Path]
	if !ok {
		return nil, &ChangedError{Path: d.Path}
	}
	b, err := h.reread(d, src)
	if err != nil {
		return nil, err
	}
	return sop.BodyOf(b), nil
}

// reread reads a summary's file again, refused if it is not what Summary
// or Cached saw.
func (h *Handbook) reread(d *sop.Doc, src source) ([]byte, error) {
	b, err := h.lib.Source(d)
	// It was read when loaded: gone, grown past max_file_kb or made
	// unreadable since, it changed (an error naming the output folder
	// would mislead).
	if err != nil || sha256.Sum256(b) != src.sum {
		return nil, &ChangedError{Path: d.Path}
	}
	return b, nil
}

// unchanged says whether the SOP file at p, in lib, is by its stat the one the load read, unchanged since: the stat the
// load's walk took of it before reading it (Known) is this stat, taken
// now, and settled, older than this render's start by statSlack.
//
// A file edited after the walk has new times, other than those of that
// stat, being older than any change made since by more than one tick of
// the filesystem's clock (vouches; Known reasons so for the previous
// render's stats); one given its old times back (touch -d) has a new
// change time; one replaced by another (rename, checkout) another inode;
// one removed, or made a symlink, no stat of a regular file. So the bytes
// the load read after that stat are the file's now: what Summary hashed,
// and spooled. Whatever this stat does not vouch for (a file changed
// within statSlack of the start, a symlinked SOP, no stat on this system)
// is read and hashed again (reread).
func (s *Sources) unchanged(lib *library.Library, p string) bool {
	st, ok := s.stats.of[p]
	if !ok || !vouches(st, s.stats.start) {
		return false
	}
	now, ok := lib.Lstat(p)
	return ok && now == st
}

// vouches says whether st, a stat of a file taken after start, vouches
// for the bytes read after it: it is a stat (not none, as where the
// system gives none), and the file last changed more than statSlack
// before start, so any change made since has other times.
func vouches(st library.FileStat, start int64) bool {
	return st != (library.FileStat{}) && st.ModTime < start-statSlack && st.ChangeTime < start-statSlack
}
