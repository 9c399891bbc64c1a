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
	changed chan struct{}
	errs    chan error

	mu      sync.Mutex
	pending map[string]bool // names changed since the last take
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
	w := &watcher{w: fw, changed: make(chan struct{}, 1), errs: make(chan error, 1)}
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
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() && !strings.HasPrefix(fi.Name(), ".") {
					w.addTree(ev.Name) // best effort: what cannot be added is not watched
				}
			}
			if affects(ev.Name) {
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
