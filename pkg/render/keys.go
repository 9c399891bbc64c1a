package render

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"sync"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The keys of an incremental render (manifest.go). A file of the bundle is
// reused from the previous render when its key, a hash of everything it is
// made from, is the one the previous render recorded for it. The keys err
// on the side of rendering again: a page depends on the library summary,
// a hash of everything any page may show of another SOP, so that editing
// one SOP's body re-renders only its own page and the files made from
// its body (a writer keys a file made from some SOPs' bodies by their
// PageKeys, one made from every body by ContentKey), while editing a
// title, a role, a status, a heading or a link re-renders every page.

// keyLen is how many bytes of a SHA-256 sum a key keeps (8 characters of
// base64): 48 bits tell one render's inputs for a file from the next with
// a chance of 2^-48 of taking one for the other, and keep the manifest
// small: a line of about 35 bytes for each page, under 1% of what a page
// weighs, when the bundle must stay under 3 times the library.
const keyLen = 6

// Key hashes parts into a key: a writer's key for a file it makes from
// what the Handbook's keys hash and from its own templates and options.
func Key(parts ...string) string {
	size := 0
	for _, p := range parts {
		size += maxFieldLen + len(p)
	}
	b := make([]byte, 0, size)
	for _, p := range parts {
		b = appendField(b, p)
	}
	return keyOf(b)
}

// keyOf is the key of fields appendField wrote.
func keyOf(fields []byte) string {
	sum := sha256.Sum256(fields)
	return base64.RawURLEncoding.EncodeToString(sum[:keyLen])
}

// field writes s to d with its length first, so that no two lists of
// fields hash alike.
func field[S []byte | string](d io.Writer, s S) {
	d.Write(appendField(make([]byte, 0, maxFieldLen+len(s)), s))
}

// appendField appends s with its length first, "LEN:S", as field writes
// it. The keys of every page and file are hashed so: without fmt, whose
// Fprintf was a tenth of an incremental render's CPU.
func appendField[S []byte | string](b []byte, s S) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	return append(append(b, ':'), s...)
}

// maxFieldLen is the most appendField adds besides the text: a length
// and a colon.
const maxFieldLen = 21

// keys are a Handbook's keys, computed once.
type keys struct {
	once    sync.Once
	summary string           // librarySummary
	pages   map[*Page]string // PageKey
	library string           // LibraryKey
	content string           // ContentKey
	err     error            // a summary whose file Sources did not keep
}

// KeysErr computes the keys and says whether every SOP file was known
// for them: with WithSources, a page is keyed by the hash of its file
// that Sources took as it was loaded (its page, when written, reads the
// file again and refuses it if it changed since). The keys are not to be
// used after an error.
func (h *Handbook) KeysErr() error {
	h.computeKeys()
	return h.keys.err
}

// PageKey hashes everything the files of one SOP are made from: its file
// as loaded (by its SHA-256); what the handbook knows of it that is not in the file (its
// revision history, its next review as of the build's today, its edit
// link); and the library summary. A writer adds its own templates and
// options (Key).
func (h *Handbook) PageKey(p *Page) string {
	h.computeKeys()
	return h.keys.pages[p]
}

// LibraryKey hashes everything the files made from the whole library but
// from no SOP's body are made from (the index, the role pages, the KPI
// page): the library summary and what PageKey hashes of each SOP besides
// its file.
func (h *Handbook) LibraryKey() string {
	h.computeKeys()
	return h.keys.library
}

// ContentKey hashes everything the bundle is made from: the files made
// from every SOP's body (the printable handbooks, the search index) change
// with it.
func (h *Handbook) ContentKey() string {
	h.computeKeys()
	return h.keys.content
}

func (h *Handbook) computeKeys() {
	h.keys.once.Do(func() {
		k := &h.keys
		k.summary = h.librarySummary()
		k.pages = make(map[*Page]string, len(h.SOPs))
		lib := appendField(make([]byte, 0, (len(h.SOPs)+1)*(2*maxFieldLen+96)), k.summary)
		content := appendField(make([]byte, 0, (len(h.SOPs)+1)*(maxFieldLen+48)), k.summary)
		pages, extras, errs := make([]string, len(h.SOPs)), make([]string, len(h.SOPs)), make([]error, len(h.SOPs))
		parallel.For(len(h.SOPs), func(i int) {
			p := h.SOPs[i]
			extras[i] = pageExtra(p)
			sum, err := h.fileSum(p.Doc)
			pages[i], errs[i] = Key(k.summary, p.Doc.Path, p.ID, string(sum[:]), extras[i]), err
		})
		if i := slices.IndexFunc(errs, func(err error) bool { return err != nil }); i >= 0 {
			k.err = errs[i] // the first file by path
		}
		for i, p := range h.SOPs {
			k.pages[p] = pages[i]
			lib = appendField(appendField(lib, p.ID), extras[i])
			content = appendField(content, k.pages[p])
		}
		k.library, k.content = keyOf(lib), keyOf(content)
	})
}

// pageExtra is what the handbook knows of an SOP that its file does not
// say. The writers show the next review and whether it is overdue, not
// the days to it, which change every day.
func pageExtra(p *Page) string {
	d := sha256.New()
	fmt.Fprintf(d, "review %q %t\nedit %q\n", p.NextReview, p.Overdue, p.EditURL)
	for _, r := range p.History {
		fmt.Fprintf(d, "rev %q %q %q %q\n", r.Commit, r.Author, r.Date.Format("2006-01-02T15:04:05Z07:00"), r.Subject)
	}
	return string(d.Sum(nil))
}

// librarySummary hashes everything a page may show of other SOPs and of
// the library: sopctl.yaml as read, the known roles, the status filter,
// and, for every SOP file (published or not), its path, its front matter
// as written, its headings and its links; and what Build found at each
// library file a body links to.
func (h *Handbook) librarySummary() string {
	d := sha256.New()
	field(d, h.lib.Config.Src)
	for _, id := range slices.Sorted(maps.Keys(h.roleTitles)) {
		fmt.Fprintf(d, "role %q %q\n", id, h.roleTitles[id])
	}
	fmt.Fprintf(d, "statuses %q\n", h.Statuses)
	for _, doc := range h.lib.Docs {
		sum := h.digestOf(doc)
		d.Write(sum[:])
	}
	for _, p := range slices.Sorted(maps.Keys(h.files)) {
		fmt.Fprintf(d, "file %q %+v\n", p, *h.files[p])
	}
	return string(d.Sum(nil))
}

// docDigest hashes what librarySummary takes of one SOP file: its path,
// its front matter as written (front), its headings and its links. Each
// SOP's is taken as it is loaded (Sources.Summary), on the worker that parsed
// it, or kept from the previous render (Cache).
func docDigest(path string, front []byte, md *sop.Body) [sha256.Size]byte {
	d := sha256.New()
	field(d, path)
	field(d, front)
	if md.H1 != nil {
		fmt.Fprintf(d, "h1 %q %q\n", md.H1.Text, md.H1.Slug)
	}
	for _, hd := range md.Headings {
		fmt.Fprintf(d, "h %d %q %q\n", hd.Level, hd.Text, hd.Slug)
	}
	for _, l := range md.Links {
		fmt.Fprintf(d, "l %q %t\n", l.Dest, l.Image)
	}
	var sum [sha256.Size]byte
	d.Sum(sum[:0])
	return sum
}

// frontMatter is the part of an SOP file before the line its body starts
// on.
func frontMatter(src []byte, bodyLine int) []byte {
	line := 1
	for i, c := range src {
		if line >= bodyLine {
			return src[:i]
		}
		if c == '\n' {
			line++
		}
	}
	return src
}
