package render

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"

	"golang.org/x/sys/unix"
)

// dir is a folder of the staging folder or of the previous output, held
// open. On Linux its files are made and linked by their bare names from
// its descriptor, with the system calls themselves: a file written is an
// openat, its writes and a close (an *os.File adds four fcntl and an
// epoll_ctl, to register a plain file with the poller and take it out
// again), and a file reused is a linkat and a check of what it linked.
type dir struct {
	f  *os.File // keeps fd open
	fd int
}

// openDir opens the folder name of root (through root: it cannot lead
// outside it).
func openDir(root *os.Root, name string) (*dir, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	return &dir{f: f, fd: int(f.Fd())}, nil
}

func (d *dir) close() error { return d.f.Close() }

// create creates the file name in the folder for writing. O_EXCL: a
// second file of the same name is a bug, not an update; O_NOFOLLOW: no
// symlink put there is written through.
func (d *dir) create(name string) (io.WriteCloser, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return &fdFile{fd: fd, name: name}, nil
}

// readFile reads the file name of the folder, only if it is a regular
// file: not through a symlink, and without blocking on a named pipe.
func (d *dir) readFile(name string) ([]byte, error) {
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	return readFd(fd, name, st.Size)
}

// readFd reads fd to its end, size bytes expected.
func readFd(fd int, name string, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // +1: the read that finds the end
	for {
		n, err := retryEINTR(func() (int, error) { return unix.Read(fd, b[len(b):cap(b)]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: make room
		}
	}
}

// link puts the previous output's file name (a slash path) in the staging
// folder by one linkat between the two folders' descriptors. linkat does
// not follow a symlink, so what it links is the entry in the previous
// folder itself; the check of the new entry keeps it only if that is a
// regular file, and removes it otherwise.
func (s *Stage) link(from, into *dir, name string) error {
	base := path.Base(name)
	if _, err := retryEINTR(func() (int, error) { return 0, unix.Linkat(from.fd, base, into.fd, base, 0) }); err != nil {
		return &fs.PathError{Op: "linkat", Path: name, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstatat(into.fd, base, &st, unix.AT_SYMLINK_NOFOLLOW); err == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
		return nil
	}
	_ = unix.Unlinkat(into.fd, base, 0)
	return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
}

// fdFile is a file of the staging folder open for writing, by its
// descriptor.
type fdFile struct {
	fd   int
	name string
}

// Write writes all of b (a write may take less than it is given).
func (f *fdFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := retryEINTR(func() (int, error) { return unix.Write(f.fd, b[n:]) })
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		if m == 0 {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: io.ErrShortWrite}
		}
		n += m
	}
	return n, nil
}

func (f *fdFile) Close() error {
	if f.fd < 0 {
		return &fs.PathError{Op: "close", Path: f.name, Err: os.ErrClosed}
	}
	// Not retried on EINTR: Linux has closed the descriptor already.
	err := unix.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// retryEINTR calls call again while a signal interrupts it.
func retryEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
