package html

import (
	"fmt"
	htmltemplate "html/template"
	"io"
	"sync"

	"github.com/sopctl/sopctl/pkg/render"
)

// Spooling: an SOP's sections of the printable handbooks and its search
// words are made when it is rendered but written only when its handbooks
// and the search files are, after every SOP; held in memory meanwhile,
// they would make memory grow with the size of the library. So each goes
// to the writer's spool as soon as it is made (spoolPart), and is read
// back from it while its handbook or the search files are written.

// spooledPart is where the spool holds a part: the one-page handbook's
// section first (Len 0 for none), then its books', then its search words
// and, apart, its snippets (searchDoc.appendTo each), which the search
// index and the snippet shards read each without the other.
type spooledPart []render.Span

// spoolPart moves part's sections and search words into the spool, in
// one write, from a buffer kept from SOP to SOP (spoolBufs): made anew and
// grown for each, it was some 1.2 GB allocated at 100,000 SOPs.
func (w *writer) spoolPart(part sopPart) (sopPart, error) {
	words, snippets := part.search, searchDoc{snippets: part.search.snippets}
	words.snippets = nil
	buf := spoolBufs.Get().(*[]byte)
	defer spoolBufs.Put(buf)
	b := (*buf)[:0]
	ends := make([]int, 0, 3+len(part.books))
	b = append(b, part.section...)
	ends = append(ends, len(b))
	for _, s := range part.books {
		b = append(b, s...)
		ends = append(ends, len(b))
	}
	b = words.appendTo(b)
	ends = append(ends, len(b))
	b = snippets.appendTo(b)
	ends = append(ends, len(b))
	*buf = b // Append has copied it when it returns
	at, err := w.spool.Append(b)
	if err != nil {
		return sopPart{}, err
	}
	spans, start := make(spooledPart, len(ends)), 0
	for i, end := range ends {
		spans[i] = render.Span{Off: at.Off + int64(start), Len: end - start}
		start = end
	}
	part.section, part.books, part.search, part.spooled = "", nil, searchDoc{}, spans
	return part, nil
}

var spoolBufs = sync.Pool{New: func() any { return new([]byte) }}

// sectionOf is part's section of the one-page handbook.
func (w *writer) sectionOf(part sopPart) (htmltemplate.HTML, error) {
	if part.spooled == nil {
		return part.section, nil
	}
	return w.readSpool(part.spooled[0])
}

// bookOf is part's section of its k-th book (Handbook.BooksOf).
func (w *writer) bookOf(part sopPart, k int) (htmltemplate.HTML, error) {
	if part.spooled == nil {
		return part.books[k], nil
	}
	return w.readSpool(part.spooled[1+k])
}

// searchOf is what part gives the search: its words and outline, or,
// with snippets, its snippets (all of it when it is not spooled).
func (w *writer) searchOf(part sopPart, snippets bool) (searchDoc, error) {
	if part.spooled == nil {
		return part.search, nil
	}
	k := len(part.spooled) - 2
	if snippets {
		k++
	}
	var d searchDoc
	err := w.readPooled(part.spooled[k], func(b []byte) (err error) {
		d, err = readSearchDoc(b) // copies what it keeps
		return err
	})
	return d, err
}

func (w *writer) readSpool(span render.Span) (htmltemplate.HTML, error) {
	var s htmltemplate.HTML
	err := w.readPooled(span, func(b []byte) error {
		s = htmltemplate.HTML(b)
		return nil
	})
	return s, err
}

// readPooled reads span into a buffer kept from read to read (spoolBufs),
// which use must copy what it keeps of: the spool is read back once a
// section of a book and twice an SOP for the search, and a new array for
// each was some 80 MB to collect at 10,000 SOPs.
func (w *writer) readPooled(span render.Span, use func([]byte) error) error {
	buf := spoolBufs.Get().(*[]byte)
	defer spoolBufs.Put(buf)
	b, err := w.spool.ReadInto(*buf, span)
	*buf = b
	if err != nil {
		return err
	}
	return use(b)
}

// streamLayout is a page made by executing a template's layout as it is
// written (writeFile), for the printable handbooks: their sections come
// from the spool as the template reaches them (spooledSections), and the
// first that cannot be read is *spoolErr.
func (w *writer) streamLayout(name string, t *htmltemplate.Template, data page, spoolErr *error) file {
	data.End, data.Theme = w.opts.PageEnd, w.opts.ThemeCSS != nil
	return file{name: name, stream: func(out io.Writer) error {
		if err := t.ExecuteTemplate(out, "layout", data); err != nil {
			return fmt.Errorf("rendering %s: %w", name, err)
		}
		return *spoolErr
	}}
}

// writeFile writes a whole-library file made with key: a streamed one
// straight to its file when the output is a render.Streamer, else
// through memory (render.Stream).
func (w *writer) writeFile(f file, key string) error {
	if f.stream == nil {
		return w.write(f.name, key, f.data)
	}
	if !w.keyed {
		key = ""
	}
	return w.out.Stream(f.name, key, f.stream)
}
