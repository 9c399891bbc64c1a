package html

import (
	"github.com/sopctl/sopctl/pkg/render"
	"io"
)

// An incremental render (render.Keyed): every file is written with a key
// that hashes what it is made from, and a file whose key the previous
// render's manifest lists is taken from the previous output instead. An
// SOP's page is keyed by render.Handbook.PageKey; the files made from the
// whole library but no body by LibraryKey; each printable handbook file,
// snippet shard and the search index by LibraryKey and the page keys of
// the SOPs it holds (taskKey: every SOP for the index), so that an edited
// body remakes only the files that hold it. An SOP whose page is
// reused is not rendered: while the library summary is unchanged, it
// gives the files being made that hold it what the previous output holds
// of it (previous.go), and the search index is made from the previous
// one (searchprev.go).

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

// libraryTask makes files made from the whole library: one kind of
// them, or one printable handbook file or search file.
type libraryTask struct {
	name string
	// content says that the files are made from the bodies of the SOPs
	// in from, whose parts they need, and change with any of them.
	content bool
	from    []*render.Page
	// make makes the files, passing each to emit as soon as it is made
	// (eachOf), so that the pages of a kind are not all in memory at once.
	make   func(parts sopParts, emit func(file))
	key    string
	reused bool // the previous render's output gives the files
}

type libraryTasks []libraryTask

// allOf is a task that makes its files together.
func allOf(f func(sopParts) []file) func(sopParts, func(file)) {
	return func(parts sopParts, emit func(file)) {
		for _, file := range f(parts) {
			emit(file)
		}
	}
}

// eachOf is a task that needs no parts and makes its files one by one.
func eachOf(f func(emit func(file))) func(sopParts, func(file)) {
	return func(_ sopParts, emit func(file)) { f(emit) }
}

// oneOf is a task that makes one file.
func oneOf(f func(sopParts) file) func(sopParts, func(file)) {
	return func(parts sopParts, emit func(file)) { emit(f(parts)) }
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

// libraryTasks lists the whole-library files: each printable handbook
// file and each search file on its own, so that an edited body remakes
// only the files that print it or search it.
func (w *writer) libraryTasks() libraryTasks {
	h := w.h
	tasks := libraryTasks{
		{name: "index", make: eachOf(w.index)},
		{name: "roles", make: eachOf(w.roles)},
		{name: "kpis", make: allOf(func(sopParts) []file { return w.kpis() })},
		{name: "assets", make: allOf(func(sopParts) []file { return w.assets() })},
		{name: "handbook", content: h.OnePage(), from: onePagePrinted(h), make: allOf(w.handbook)},
		{name: searchIndexFile, content: true, from: h.SOPs, make: oneOf(w.makeSearchIndex)},
	}
	for _, b := range h.Books() {
		for j := range b.Parts {
			tasks = append(tasks, libraryTask{name: b.File(j, ".html"), content: true, from: b.PartSOPs(j),
				make: oneOf(func(parts sopParts) file { return w.bookPart(parts.parts, b, j) })})
		}
	}
	for k := range shardCount(len(h.SOPs)) {
		tasks = append(tasks, libraryTask{name: shardName(k), content: true, from: h.SOPs[k*shardSOPs : min(len(h.SOPs), (k+1)*shardSOPs)],
			make: oneOf(func(parts sopParts) file { return w.makeSnippetShard(parts.parts, k) })})
	}
	return tasks
}

// onePagePrinted are the SOPs handbook.html prints.
func onePagePrinted(h *render.Handbook) []*render.Page {
	var out []*render.Page
	if h.OnePage() {
		for _, b := range h.Books() {
			printed, _ := h.OnePageSplit(b)
			out = append(out, printed...)
		}
	}
	return out
}

// taskKey is the key of a task's files: a content file's hashes the
// keys of the pages of the SOPs it is made from, besides the library.
func (w *writer) taskKey(t libraryTask) string {
	if !t.content {
		return render.Key(w.salt, t.name, w.h.LibraryKey())
	}
	from := make([]string, 0, 3+len(t.from))
	from = append(from, w.salt, t.name, w.h.LibraryKey())
	for _, p := range t.from {
		from = append(from, w.h.PageKey(p))
	}
	return render.Key(from...)
}

// reuseLibraryFiles lists the whole-library files, with their keys, and
// puts in place those the previous render's output gives. It notes the
// content files to be made (making): an SOP whose page is reused gives
// only those its part (previous.go).
func (w *writer) reuseLibraryFiles() (libraryTasks, error) {
	tasks := w.libraryTasks()
	w.making = map[string]bool{}
	for i := range tasks {
		t := &tasks[i]
		if w.keyed {
			t.key = w.taskKey(*t)
			var err error
			if t.reused, err = w.reuse(t.key); err != nil {
				return nil, err
			}
		}
		if t.content && !t.reused {
			w.making[t.name] = true
		}
	}
	if w.keyed && tasks[0].reused { // the index: the library summary is as it was
		w.previous = newPreviousParts(w)
		if w.making[searchIndexFile] {
			w.prevIndex = readPreviousIndex(w.h, w.out)
		}
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
