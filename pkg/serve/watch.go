package serve

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/sopctl/sopctl/pkg/render"
)

// debounce is how long the library must be quiet after a change before it
// is reloaded: an editor's save (write, rename, chmod) or a git checkout
// is many events and one reload.
const debounce = 100 * time.Millisecond

// watcher reports, on changed, that something in a folder tree changed,
// and keeps the names that changed for take. fsnotify watches single
// folders, so every folder is added, and each new folder as it appears.
type watcher struct {
	w       *fsnotify.Watcher
	root    string
	changed chan struct{}
	errs    chan error

	mu      sync.Mutex
	pending map[string]bool // names changed since the last take
	uses    uses            // what the served site reads besides the handbook's own files
}

// uses is what the served site reads from the library besides SOPs,
// sopctl.yaml and templates: the files SOPs link to, theme_css, and
// static_dir's files, as slash paths from the library root. A change to
// one of them changes the site too, whatever its file name's extension.
type uses struct {
	files map[string]bool
	dir   string // static_dir; "" for none
}

// usesOf is what the site built from in reads besides the handbook's own
// files.
func usesOf(in *Input) uses {
	u := uses{files: map[string]bool{}}
	if in == nil || in.Lib == nil {
		return u
	}
	if in.Handbook != nil {
		for _, f := range in.Handbook.Files() {
			u.files[f.Path] = true
		}
	}
	if c := in.Lib.Config; c != nil {
		if c.ThemeCSS != "" {
			u.files[c.ThemeCSS] = true
		}
		if c.StaticDir != "" && c.StaticDir != "." {
			u.dir = c.StaticDir
		}
	}
	return u
}

// use makes the watcher report changes to what u names, from now on.
func (w *watcher) use(u uses) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.uses = u
}

// take returns the names that changed since it was last called, sorted.
func (w *watcher) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	names := slices.Sorted(maps.Keys(w.pending))
	w.pending = nil
	return names
}

func (w *watcher) note(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending == nil {
		w.pending = map[string]bool{}
	}
	w.pending[name] = true
}

func newWatcher(root string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw, root: root, changed: make(chan struct{}, 1), errs: make(chan error, 1)}
	if err := w.addTree(root); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// skipped reports whether a folder is left unwatched: .git and other
// hidden folders (the library skips them too) and the output folders of
// sopctl render, whose writes are no change to the library.
func skipped(dir string, name string, root string) bool {
	if dir == root {
		return false
	}
	if strings.HasPrefix(name, ".") {
		return true
	}
	_, err := os.Lstat(filepath.Join(dir, render.Marker))
	return err == nil
}

// affects reports whether a change to the file name can change the
// handbook: SOPs, sopctl.yaml, role templates, and names without an
// extension (folders, which may hold SOPs). Other files, such as a log
// the server's output is redirected to, would otherwise reload it in a
// loop.
func affects(name string) bool {
	switch filepath.Ext(name) {
	case "", ".md", ".yaml", ".yml":
		return true
	}
	return false
}

// affectsSite reports whether a change to the file name (a path under
// the watched root) can change the served site: the handbook (affects),
// or a file the site reads besides (w.uses).
func (w *watcher) affectsSite(name string) bool {
	if affects(name) {
		return true
	}
	rel, err := filepath.Rel(w.root, name)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	rel = filepath.ToSlash(rel)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.uses.files[rel] || w.uses.dir != "" && strings.HasPrefix(rel, w.uses.dir+"/")
}

// addTree watches dir and every folder under it.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // a folder that vanished or cannot be read: nothing to watch
		}
		if !d.IsDir() {
			return nil
		}
		if skipped(p, d.Name(), root) {
			return filepath.SkipDir
		}
		if err := w.w.Add(p); err != nil && p == root {
			return err
		}
		return nil
	})
}

// run forwards changes, debounced, until ctx is done.
func (w *watcher) run(ctx context.Context) {
	defer w.w.Close()
	timer := time.NewTimer(debounce)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			created := ev.Has(fsnotify.Create) && !strings.HasPrefix(filepath.Base(ev.Name), ".")
			if created {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name) // best effort: what cannot be added is not watched
				}
			}
			// A new file may be one a link named before it existed.
			if created || w.affectsSite(ev.Name) {
				w.note(ev.Name)
				timer.Reset(debounce)
			}
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		case <-timer.C:
			select {
			case w.changed <- struct{}{}:
			default: // a reload is already pending
			}
		}
	}
}
