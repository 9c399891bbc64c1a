//go:build !linux

package fsdir

// Lstat is never ok here, as StatOf is not: nothing is known of a file
// without reading it.
func (d *Dir) Lstat(string) (Stat, bool) { return Stat{}, false }
