package library

import (
	"fmt"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Source returns the bytes of an SOP file of the library: the Doc's own
// when it has them, else (a Summary, LoadSummaries) the file read again
// through the library's root, within max_file_kb. Reading one file again
// is cheap; keeping every file's bytes for the few that a check needs is
// not.
func (l *Library) Source(d *sop.Doc) ([]byte, error) {
	if !d.Summarized() {
		return d.Src, nil
	}
	return l.readSOP(d.Path)
}

// readSOP reads the SOP file at p again.
func (l *Library) readSOP(p string) ([]byte, error) {
	r := l.resolver()
	if r.root == nil {
		return nil, fmt.Errorf("%s: cannot be read: the library's folder cannot be opened", p)
	}
	return readLimited(r.root, p, int64(l.Config.MaxFileKB)*1024)
}

// Lstat is the stat of the file at the library path p as the walk takes
// an SOP file's (FileStat), for comparing with one taken before: false
// for anything but a regular file, for a file that is gone, and where the
// system gives no stat (fsdir.Dir.Lstat). The library's folder is held
// open for it, so that a stat costs one system call.
func (l *Library) Lstat(p string) (FileStat, bool) {
	r := l.resolver()
	r.dirOnce.Do(func() {
		if r.root != nil {
			r.dir, _ = fsdir.Open(r.root, ".")
		}
	})
	if r.dir == nil {
		return FileStat{}, false
	}
	return r.dir.Lstat(p)
}
