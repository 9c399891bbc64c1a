// Package fsdir holds a folder open and reads and creates its files by
// their bare names, never through a symlink, as cheaply as the system
// allows. On Linux a file is one openat from the folder's descriptor, then
// the reads or writes and a close, made with the system calls themselves:
// an *os.File, as os.Root opens it, adds four fcntl and an epoll_ctl to
// register a plain file with the poller and take it out again, which is
// most of the cost of a small file. Elsewhere the folder is an os.Root.
//
// The library reads its SOP files through it (and takes their Stat, on
// Linux: StatOf, then Lstat when render compares), and render writes its
// staging folder and reads the previous output through it; on Linux,
// render also tells the previous output's regular files, and checks its
// staging folder's, from one listing of each folder (Regular, Odd).
package fsdir

import (
	"errors"
	"io"
	"io/fs"
	"os"
)

var (
	// ErrNotRegular is why a name that is a symlink, a folder, a named
	// pipe or anything but a regular file is not read.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooBig is why a file larger than the limit given is not read.
	ErrTooBig = errors.New("larger than the limit")
)

// Stat is what a stat of a file says of it that changes when the file
// does: its size, its times (nanoseconds since 1970) and which file it is.
// Two equal Stats of a name, of times old enough, say that the file was
// not changed between them (git's index keys its files so).
type Stat struct {
	Size, ModTime, ChangeTime int64
	Inode, Device             uint64
}

// initialSize is how much a read of a file whose size is unknown, or past
// the limit, makes room for first.
const initialSize = 512

// roomFor is the buffer to read a file of size bytes into under limit:
// one byte more than the file, so that the read that finds its end needs
// no more room.
func roomFor(size, limit int64) []byte {
	n := int64(initialSize)
	if size >= 0 && size < limit {
		n = size + 1
	}
	return make([]byte, 0, n)
}

// readInto reads with read into b until read returns 0 bytes (the end),
// refusing more than limit bytes without reading them all.
func readInto(b []byte, limit int64, read func([]byte) (int, error)) ([]byte, error) {
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: make room
		}
		n, err := read(b[len(b):cap(b)])
		b = b[:len(b)+max(n, 0)]
		if int64(len(b)) > limit {
			return nil, ErrTooBig
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return b, nil
		}
	}
}

// ReadAll reads f, an open file whose stat is fi (nil when unknown), to
// its end, at most limit bytes (ErrTooBig past it), into a buffer of the
// file's size, as os.ReadFile does, not one grown several times.
func ReadAll(f *os.File, fi fs.FileInfo, limit int64) ([]byte, error) {
	size := int64(-1)
	if fi != nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return readInto(roomFor(size, limit), limit, func(b []byte) (int, error) {
		n, err := f.Read(b)
		if err == io.EOF {
			return n, nil
		}
		return n, err
	})
}
