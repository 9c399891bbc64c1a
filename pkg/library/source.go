package library

import (
	"fmt"

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
