package render

import (
	"crypto/sha256"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Sources lets render hold summaries, not documents: memory then grows
// with the number of SOPs, not their size. The library is loaded with
// library.LoadCached and Summary as its hook, which keeps what the pages need of each SOP besides its
// body (its front matter as read and parsed, its headings and its links,
// compact), and records a hash of its file; each file is read again when
// its page is written (Handbook.Body), and refused if it changed since.
//
// Sources can also take what a previous render kept of each SOP (Use,
// Cached): a file whose bytes are those it kept is then not parsed.
type Sources struct {
	mu     sync.Mutex
	files  map[string]source // by library path
	cache  *Cache            // a previous render's while the library loads (Restore drops it), or nil
	parsed atomic.Int64      // files Summary took, not Cached
	stats  *fileStats        // the SOP files' stats, for the next render's cache (Known)
}

// source is what Sources keeps of one SOP file for the whole render. It
// holds no pointer: 100,000 of them are memory the collector need not
// look into.
type source struct {
	sum      [sha256.Size]byte // of the file
	digest   [sha256.Size]byte // what librarySummary takes of it (docDigest)
	bodyLine int
}

// NewSources returns an empty Sources.
func NewSources() *Sources {
	return &Sources{files: map[string]source{}, stats: newFileStats()}
}

// Summary records a whole Doc and returns what render keeps of it, as
// library.LoadCached's hook: a Summary (Doc.Summarized) with the fields
// and headings' text its pages show, which Doc.Summary leaves out, in
// one compact block (sop.Compact).
func (s *Sources) Summary(_ *library.Config, d *sop.Doc) *sop.Doc {
	s.parsed.Add(1)
	md := d.Markdown
	// No page shows them: they are lint's.
	md.Sections, md.Placeholders, md.Params, md.Comments = nil, nil, nil, nil
	src := source{sum: sha256.Sum256(d.Src), bodyLine: d.BodyLine,
		digest: docDigest(d.Path, frontMatter(d.Src, d.BodyLine), &md)}
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
// or Cached took for a summary.
func (h *Handbook) digestOf(d *sop.Doc) [sha256.Size]byte {
	if d.Summarized() && h.sources != nil {
		if src, ok := h.sources.files[d.Path]; ok {
			return src.digest
		}
	}
	return docDigest(d.Path, frontMatter(d.Src, d.BodyLine), &d.Markdown)
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
	b, err := h.lib.Source(d)
	// It was read when loaded: gone, grown past max_file_kb or made
	// unreadable since, it changed (an error naming the output folder
	// would mislead).
	if err != nil || sha256.Sum256(b) != src.sum {
		return nil, &ChangedError{Path: d.Path}
	}
	return sop.BodyOf(b), nil
}
