package html

import (
	"github.com/sopctl/sopctl/pkg/render"
	"io"
)

// An incremental render (render.Keyed): every file is written with a key
// that hashes what it is made from, and a file whose key the previous
// render's manifest lists is taken from the previous output instead. An
// SOP's page is keyed by render.Handbook.PageKey; the files made from the
// whole library but no body by LibraryKey; the printable handbooks and
// the search index, made from every body, by ContentKey. When all of the
// latter are reused, the SOPs whose pages are reused are not rendered at
// all; otherwise, while the library summary is unchanged, they give those
// files what the previous output holds of them (previous.go).

// keying says whether a bundle with opts is keyed, and what its options
// add to every key. sopctl serve's bundles (a panel on each page, a
// reload script, partial renders) are never keyed.
func keying(opts Options) (bool, string) {
	if opts.SOPPanel != nil || opts.Only != nil || opts.OnlyRole != nil || opts.Cache != nil || opts.PageEnd != "" {
		return false, ""
	}
	return true, render.Key("html", opts.Lang, string(opts.ThemeCSS))
}

// pageKey is the key of an SOP's page.
func (w *writer) pageKey(p *render.Page) string {
	if !w.keyed {
		return ""
	}
	return render.Key(w.salt, "sops/"+p.ID+".html", w.h.PageKey(p))
}

// reuse puts in place the previous render's files made with key, when the
// bundle is keyed.
func (w *writer) reuse(key string) (bool, error) {
	if !w.keyed {
		return false, nil
	}
	return render.Reuse(w.out, key)
}

// write writes a file made with key.
func (w *writer) write(name, key string, data []byte) error {
	if !w.keyed {
		return w.out.WriteFile(name, data)
	}
	return render.WriteKeyed(w.out, name, key, data)
}

// libraryTask makes one kind of the files made from the whole library.
type libraryTask struct {
	name string
	// content says that the files are made from the SOPs' bodies (they
	// need the SOPs' parts), and change with any of them.
	content bool
	// make makes the files, passing each to emit as soon as it is made,
	// so that the role handbooks are not all in memory at once.
	make   func(parts []sopPart, emit func(file))
	key    string
	reused bool // the previous render's output gives the files
}

type libraryTasks []libraryTask

// allOf is a task that makes its files together.
func allOf(f func([]sopPart) []file) func([]sopPart, func(file)) {
	return func(parts []sopPart, emit func(file)) {
		for _, file := range f(parts) {
			emit(file)
		}
	}
}

// eachOf is a task that needs no parts and makes its files one by one.
func eachOf(f func(emit func(file))) func([]sopPart, func(file)) {
	return func(_ []sopPart, emit func(file)) { f(emit) }
}

// needParts says whether a task still to be done needs the SOPs' parts.
func (ts libraryTasks) needParts() bool {
	for _, t := range ts {
		if t.content && !t.reused {
			return true
		}
	}
	return false
}

// reuseLibraryFiles lists the kinds of whole-library files, with their
// keys, and puts in place those the previous render's output gives.
func (w *writer) reuseLibraryFiles() (libraryTasks, error) {
	tasks := libraryTasks{
		{name: "index", make: eachOf(w.index)},
		{name: "handbook", content: true, make: allOf(w.handbook)},
		{name: "books", content: true, make: w.books},
		{name: "roles", make: eachOf(w.roles)},
		{name: "kpis", make: allOf(func([]sopPart) []file { return w.kpis() })},
		{name: "search", content: true, make: allOf(w.search)},
		{name: "assets", make: allOf(func([]sopPart) []file { return w.assets() })},
	}
	if !w.keyed {
		return tasks, nil
	}
	for i := range tasks {
		t := &tasks[i]
		from := w.h.LibraryKey()
		if t.content {
			from = w.h.ContentKey()
		}
		t.key = render.Key(w.salt, t.name, from)
		var err error
		if t.reused, err = w.reuse(t.key); err != nil {
			return nil, err
		}
	}
	if tasks[0].reused { // the index: the library summary is as it was
		w.previous = newPreviousParts(w)
	}
	return tasks, nil
}

// Reuse and WriteKeyed make a stopOutput a render.Keyed when its Output
// is one.
func (s *stopOutput) Reuse(key string) (bool, error) {
	ok, err := render.Reuse(s.out, key)
	if err != nil {
		s.failed.Store(true)
	}
	return ok, err
}

func (s *stopOutput) ReadPrevious(name string) ([]byte, bool) {
	return render.ReadPrevious(s.out, name)
}

func (s *stopOutput) WriteKeyed(name, key string, data []byte) error {
	err := render.WriteKeyed(s.out, name, key, data)
	if err != nil {
		s.failed.Store(true)
	}
	return err
}

// Stream makes a stopOutput a render.Streamer, streaming when its Output
// does (render.Stream).
func (s *stopOutput) Stream(name, key string, write func(io.Writer) error) error {
	err := render.Stream(s.out, name, key, write)
	if err != nil {
		s.failed.Store(true)
	}
	return err
}
