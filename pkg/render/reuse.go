package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// Keyed is an Output that takes each file with its key (Key) and can put
// files of its previous render in place of new ones: a *Stage. The writers
// ask it through Reuse and WriteKeyed, which fall back on plain Output
// methods for any other Output.
type Keyed interface {
	Output
	// Reuse puts in place the files the previous render made with key, and
	// reports whether there were any: false means that the caller makes
	// them (and, with it, nothing was put in place).
	Reuse(key string) (bool, error)
	// WriteKeyed writes a file made with key.
	WriteKeyed(name, key string, data []byte) error
}

// Reuse asks out to reuse the files its previous render made with key
// (see Keyed); false for an Output that keeps no previous render.
func Reuse(out Output, key string) (bool, error) {
	if k, ok := out.(Keyed); ok {
		return k.Reuse(key)
	}
	return false, nil
}

// WriteKeyed writes a file made with key to out, recording the key when
// out keeps keys.
func WriteKeyed(out Output, name, key string, data []byte) error {
	if k, ok := out.(Keyed); ok {
		return k.WriteKeyed(name, key, data)
	}
	return out.WriteFile(name, data)
}

// previous is what a Stage knows of the output it replaces: the folder,
// and the files its manifest lists, by key.
type previous struct {
	// root is the previous output folder. Its files are found through it,
	// so that a symlink in it leading outside it is refused (SPEC 7).
	root *os.Root
	// folders are root's folders opened so far, by slash path ("." for
	// root itself): each file is then found by its bare name, one system
	// call, rather than by walking its path. mu guards them and root,
	// which closePrevious sets to nil.
	mu      sync.Mutex
	folders map[string]*fsdir.Dir
	byKey   map[string][]string
	// Note says why the previous output's manifest is not used, when the
	// folder has one: every file is made anew.
	note   string
	reused atomic.Int64 // files put in place by Reuse
}

// readPrevious opens the output folder name (in root, its parent), which
// holds the marker, and reads its manifest; nil when the folder cannot be
// opened.
func readPrevious(root *os.Root, name string) *previous {
	out, err := root.OpenRoot(name)
	if err != nil {
		return nil
	}
	prev := &previous{root: out, byKey: map[string][]string{}, folders: map[string]*fsdir.Dir{}}
	data, err := out.ReadFile(ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		return prev
	}
	var files map[string]string
	if err == nil {
		files, err = decodeManifest(data)
	}
	if err != nil {
		prev.note = fmt.Sprintf("%s of the previous render cannot be used (%v): every file is rendered anew", ManifestFile, err)
		return prev
	}
	for name, key := range files {
		prev.byKey[key] = append(prev.byKey[key], name)
	}
	return prev
}

// Note says why the previous output's manifest was not used, "" when it
// was, or when there was none to use.
func (s *Stage) Note() string {
	if s.prev == nil {
		return ""
	}
	return s.prev.note
}

// Incremental says whether the Stage could reuse the previous output's
// files: the folder it replaces has a manifest it trusts.
func (s *Stage) Incremental() bool { return s.prev != nil && s.prev.note == "" }

// Reused is how many files Reuse put in place.
func (s *Stage) Reused() int {
	if s.prev == nil {
		return 0
	}
	return int(s.prev.reused.Load())
}

// Reuse puts in the staging folder the files that the previous output's
// manifest lists with key, each by a hard link to the previous file (a
// copy where the file system makes no links), and records them with key
// in the new manifest. It reports false, having put nothing in place, when
// the manifest lists no file with key or one of them is missing or not a
// regular file.
func (s *Stage) Reuse(key string) (bool, error) {
	if err := s.ctx.Err(); err != nil {
		return false, err
	}
	if s.prev == nil || len(s.prev.byKey[key]) == 0 {
		return false, nil
	}
	names := slices.Sorted(slices.Values(s.prev.byKey[key]))
	for i, name := range names {
		if err := s.keep(name); err != nil {
			for _, done := range names[:i] {
				_ = s.root.Remove(path.Join(s.tmp, done))
			}
			return false, nil
		}
	}
	s.mu.Lock()
	for _, name := range names {
		s.keys[name] = key
	}
	s.mu.Unlock()
	s.prev.reused.Add(int64(len(names)))
	return true, nil
}

// keep puts the previous output's file name in the staging folder: the
// regular file found at name inside the previous folder (through its
// Root), by a hard link, or a copy where the file system makes no links.
func (s *Stage) keep(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	sub, base := path.Dir(name), path.Base(name)
	from, err := s.prev.folder(sub)
	if err != nil {
		return err
	}
	into, err := s.folder(sub)
	if err != nil {
		return err
	}
	err = linkFile(s, from, into, name)
	if err == nil || errors.Is(err, fs.ErrExist) || errors.Is(err, errNotRegular) {
		return err
	}
	// No link (another file system, or one that makes none): a copy, of a
	// regular file only.
	data, err := from.ReadRegular(base, maxPreviousFile)
	if err != nil {
		return err
	}
	f, err := into.Create(base)
	if err != nil {
		return err
	}
	return writeClose(f, data)
}

// linkFile is (*Stage).link, which tests replace to see a link fail as it
// does across file systems.
var linkFile = (*Stage).link

// errNotRegular is why a previous file that is a symlink, a folder or
// anything but a regular file is not linked (fsdir.ErrNotRegular why it
// is not read).
var errNotRegular = errors.New("not a regular file of the previous output")

// maxPreviousFile bounds what a render reads of a previous output's file
// (a page, the search index, a file copied where no link can be made),
// as maxCacheBytes bounds the cache: no file a render makes is near it
// (the search index of 100,000 SOPs is 21 MB, a linked file at most
// MaxLinkedFileSize), and a bigger file planted there is refused unread.
const maxPreviousFile = 256 << 20

// WriteKeyed writes a file (as WriteFile) and records it with key in the
// new manifest.
func (s *Stage) WriteKeyed(name, key string, data []byte) error {
	if err := s.WriteFile(name, data); err != nil {
		return err
	}
	s.mu.Lock()
	s.keys[name] = key
	s.mu.Unlock()
	return nil
}

// folder opens the previous output's folder sub (a slash path), once.
func (p *previous) folder(sub string) (*fsdir.Dir, error) {
	return openOnce(&p.mu, p.folders, sub, func() (*fsdir.Dir, error) {
		if p.root == nil {
			return nil, os.ErrClosed // nothing is reused after Commit or Abort
		}
		return fsdir.Open(p.root, sub)
	})
}

// closePrevious closes the previous output folder, before it is moved
// aside.
func (s *Stage) closePrevious() {
	if s.prev == nil {
		return
	}
	s.prev.mu.Lock()
	defer s.prev.mu.Unlock()
	if s.prev.root != nil {
		for sub, d := range s.prev.folders {
			d.Close()
			delete(s.prev.folders, sub)
		}
		s.prev.root.Close()
		s.prev.root = nil
	}
}

// writeManifest writes the manifest of the files written with a key, if
// any were.
func (s *Stage) writeManifest() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.keys) == 0 {
		return nil
	}
	return s.root.WriteFile(path.Join(s.tmp, ManifestFile), encodeManifest(s.keys), 0o644)
}

// checkName refuses a bundle file name that leaves the output folder or
// names a file sopctl keeps there itself: no writer makes one (CopyStatic
// refuses such a static file by name).
func checkName(name string) error {
	if !localName(name) || ownFile(name) {
		return fmt.Errorf("internal error: bundle file %q leaves the output folder", name)
	}
	return nil
}

// ownFile says whether name is one of the files sopctl keeps at the root
// of the folders it makes, besides the bundle: the marker, the manifest,
// and the cache while the render is staged.
func ownFile(name string) bool {
	return name == Marker || name == ManifestFile || name == CacheFile
}

// ReadPrevious reads a file of the previous output that the writers may
// take pieces of, as they would reuse it whole, when out keeps a previous
// render it trusts (a *Stage whose Incremental is true); false otherwise,
// or when the file is missing or not a regular file.
func ReadPrevious(out Output, name string) ([]byte, bool) {
	r, ok := out.(interface {
		ReadPrevious(name string) ([]byte, bool)
	})
	if !ok {
		return nil, false
	}
	return r.ReadPrevious(name)
}

// ReadPrevious reads a regular file of the output the Stage replaces,
// when its manifest is trusted (see the function ReadPrevious).
func (s *Stage) ReadPrevious(name string) ([]byte, bool) {
	if !s.Incremental() || checkName(name) != nil {
		return nil, false
	}
	from, err := s.prev.folder(path.Dir(name))
	if err != nil {
		return nil, false
	}
	data, err := from.ReadRegular(path.Base(name), maxPreviousFile)
	return data, err == nil
}
