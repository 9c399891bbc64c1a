package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"sync"
)

// Output receives the files of a bundle as a writer makes them: a *Stage
// writes them into the output folder, *Files keeps them in memory. name
// is a slash-separated path inside the bundle and is written once. The
// writers call WriteFile from several goroutines at once, as soon as each
// file is ready, so that no file is held longer than it takes to write it.
// data is the writer's again when WriteFile returns (it reuses its
// buffers): an Output that keeps it keeps a copy.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Files is an Output that keeps a bundle in memory, for tests and for
// callers that want the bytes rather than a folder.
type Files struct {
	mu    sync.Mutex
	files map[string][]byte
}

// WriteFile keeps a copy of a file; a second file of the same name is an
// error, as it is for a Stage.
func (f *Files) WriteFile(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, dup := f.files[name]; dup {
		return fmt.Errorf("internal error: bundle file %q written twice: %w", name, fs.ErrExist)
	}
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[name] = bytes.Clone(data)
	return nil
}

// Map returns the files written so far, by name.
func (f *Files) Map() map[string][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.files)
}
