package html

import (
	"bytes"
	htmltemplate "html/template"
	"sync"

	"github.com/sopctl/sopctl/pkg/render"
)

// previousParts gives an SOP whose page the previous render's output gives
// what it gives the whole-library files, taken from that output rather
// than rendered, and only what the files being made take (writer.wants):
// its search words and snippets from its page's body, its sections from
// the printable handbooks that print it. It is used only while the files
// made from the whole library but no body are reused too: the library
// summary, and with it where each SOP is printed, is as it was; an SOP's
// own inputs are as they were since its page is reused. What cannot be
// found as expected is rendered instead.
type previousParts struct {
	w       *writer
	onePage map[*render.Page]int // p's place among handbook.html's sections
	inPart  map[printed]int      // p's place among its book part's sections
	mu      sync.Mutex
	files   map[string]*previousFile
}

// printed is an SOP in a book.
type printed struct {
	book *render.Book
	page *render.Page
}

// previousFile is a previous printable handbook file cut into its SOPs'
// sections, read once.
type previousFile struct {
	once     sync.Once
	sections [][]byte
}

func newPreviousParts(w *writer) *previousParts {
	h := w.h
	pp := &previousParts{w: w, onePage: map[*render.Page]int{}, inPart: map[printed]int{}, files: map[string]*previousFile{}}
	for _, b := range h.Books() {
		if h.OnePage() {
			sops, _ := h.OnePageSplit(b)
			for _, p := range sops {
				pp.onePage[p] = len(pp.onePage)
			}
		}
		for j := range b.Parts {
			for i, p := range b.PartSOPs(j) {
				pp.inPart[printed{b, p}] = i
			}
		}
	}
	return pp
}

// partWants is what the files being made take of an SOP's part: its
// section of handbook.html, of each of its books (as Handbook.BooksOf
// lists them), its search words and snippets.
type partWants struct {
	onePage bool
	books   []bool
	search  bool
}

// wants is what the files being made (writer.making) take of the i-th
// SOP's part, and whether they take any of it.
func (w *writer) wants(i int, p *render.Page) (partWants, bool) {
	h := w.h
	want := partWants{onePage: h.OnePagePrints(p) && w.making["handbook"]}
	some := want.onePage
	for _, b := range h.BooksOf(p) {
		j, _ := b.Part(p)
		m := w.making[b.File(j, ".html")]
		want.books = append(want.books, m)
		some = some || m
	}
	// The search index is made from the previous one (prevIndex) but for
	// the SOPs whose pages are made.
	want.search = w.making[shardName(i/shardSOPs)] || w.making[searchIndexFile] && w.prevIndex == nil
	return want, some || want.search
}

// part is what p gives the whole-library files, from the previous output:
// what want asks, the rest left empty.
func (pp *previousParts) part(p *render.Page, want partWants) (sopPart, bool) {
	h := pp.w.h
	part := sopPart{bookKey: bookKey(h, p), books: make([]htmltemplate.HTML, len(want.books))}
	if want.search {
		page, ok := render.ReadPrevious(pp.w.out, "sops/"+p.ID+".html")
		if !ok {
			return sopPart{}, false
		}
		body, ok := pageBody(page)
		if !ok {
			return sopPart{}, false
		}
		part.search = newSearchDoc(p, body)
	}
	if want.onePage {
		s, ok := pp.section("handbook.html", pp.onePage[p], `<h3 id="`+p.ID+`">`)
		if !ok {
			return sopPart{}, false
		}
		part.section = s
	}
	for k, b := range h.BooksOf(p) {
		if !want.books[k] {
			continue
		}
		j, _ := b.Part(p)
		s, ok := pp.section(b.File(j, ".html"), pp.inPart[printed{b, p}], `<h2 id="`+p.ID+`">`)
		if !ok {
			return sopPart{}, false
		}
		part.books[k] = s
	}
	return part, true
}

// section is the i-th SOP section of a previous printable handbook file,
// which must open with heading.
func (pp *previousParts) section(name string, i int, heading string) (htmltemplate.HTML, bool) {
	pp.mu.Lock()
	f := pp.files[name]
	if f == nil {
		f = &previousFile{}
		pp.files[name] = f
	}
	pp.mu.Unlock()
	f.once.Do(func() {
		if data, ok := render.ReadPrevious(pp.w.out, name); ok {
			f.sections = sopSections(data)
		}
	})
	if i < 0 || i >= len(f.sections) || !bytes.HasPrefix(f.sections[i][len(sectionStart):], []byte(heading)) {
		return "", false
	}
	return htmltemplate.HTML(f.sections[i]), true
}

// sectionStart and sectionEnd enclose an SOP's section of a printable
// handbook (printParts). Neither can occur inside one: a body's raw HTML
// is dropped, and its text escaped.
const (
	sectionStart = "<section class=\"sop\">\n"
	sectionEnd   = "</section>\n"
)

// sopSections cuts a printable handbook file into its SOPs' sections, in
// order.
func sopSections(data []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(data, []byte(sectionStart))
		if i < 0 {
			return out
		}
		n := bytes.Index(data[i:], []byte(sectionEnd))
		if n < 0 {
			return out
		}
		out = append(out, data[i:i+n+len(sectionEnd)])
		data = data[i+n+len(sectionEnd):]
	}
}

// pageBody is the body of an SOP's page as sopPage writes it: between
// the opening of the body's division and the headings that follow it,
// which no body heading can be (body headings' ids are lower case).
func pageBody(page []byte) ([]byte, bool) {
	const open = "<div class=\"body\">\n"
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		return nil, false
	}
	rest := page[i+len(open):]
	for _, end := range []string{"\n</div><h2 id=\"Supersedes\">", "\n</div>\n<h2 id=\"Related\">"} {
		if j := bytes.Index(rest, []byte(end)); j >= 0 {
			return rest[:j], true
		}
	}
	return nil, false
}
