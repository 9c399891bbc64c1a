package fsdir

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Dir is a folder held open by its descriptor.
type Dir struct {
	f  *os.File // keeps fd open
	fd int
	// regular are the names of its regular files when Regular first
	// listed it.
	listOnce sync.Once
	regular  map[string]bool
}

// Open opens the folder name of root (through root: it cannot lead
// outside it).
func Open(root *os.Root, name string) (*Dir, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	return &Dir{f: f, fd: int(f.Fd())}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return d.f.Close() }

// FD is the folder's descriptor, for system calls between two folders
// (linkat); it stays valid until Close.
func (d *Dir) FD() int { return d.fd }

// ReadRegular reads the file name of the folder, at most limit bytes
// (ErrTooBig past it), only if it is a regular file (ErrNotRegular): not
// through a symlink, and without blocking on a named pipe put in its
// place, which would otherwise hold the command until something wrote to
// it.
func (d *Dir) ReadRegular(name string, limit int64) ([]byte, error) {
	fd, err := RetryEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	})
	if errors.Is(err, unix.ELOOP) { // O_NOFOLLOW's answer for a symlink
		err = ErrNotRegular
	}
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if st.Size > limit { // refused unread: a huge file costs nothing
		return nil, ErrTooBig
	}
	b, err := readInto(roomFor(st.Size, limit), limit, func(b []byte) (int, error) {
		return RetryEINTR(func() (int, error) { return unix.Read(fd, b) })
	})
	if err != nil && !errors.Is(err, ErrTooBig) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, err
}

// StatOf is the Stat of a regular file that fi, a stat or lstat of it,
// describes; ok only for a regular file whose fi holds what the system
// said.
func StatOf(fi fs.FileInfo) (st Stat, ok bool) {
	s, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return Stat{}, false
	}
	// Dev is not 64 bits on every architecture.
	return Stat{Size: s.Size, ModTime: s.Mtim.Nano(), ChangeTime: s.Ctim.Nano(), Inode: s.Ino, Device: uint64(s.Dev)}, true
}

// Regular says whether name was a regular file of the folder when it was
// first asked, from one listing of the folder (Entries) for all names,
// not a stat of each: a name not there then is not.
func (d *Dir) Regular(name string) bool {
	d.listOnce.Do(func() {
		entries, _ := d.Entries()
		d.regular = make(map[string]bool, len(entries))
		for _, e := range entries {
			if e.Type().IsRegular() {
				d.regular[e.Name()] = true
			}
		}
	})
	return d.regular[name]
}

// Odd lists the entries of the folder now that are neither regular files
// nor folders.
func (d *Dir) Odd() ([]string, error) {
	entries, err := d.Entries()
	var odd []string
	for _, e := range entries {
		if t := e.Type(); !t.IsRegular() && !t.IsDir() {
			odd = append(odd, e.Name())
		}
	}
	return odd, err
}

// Entries lists the folder with the types that getdents gives beside
// each name: through a second descriptor of the folder as a plain
// *os.File, whose ReadDir stats only an entry of a type the file system
// does not give (relative to the folder's descriptor), where the *os.File
// of an os.Root stats every one.
func (d *Dir) Entries() ([]fs.DirEntry, error) {
	fd, err := unix.FcntlInt(uintptr(d.fd), unix.F_DUPFD_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), d.f.Name())
	defer f.Close()
	// The copy shares the folder's read position: start from its first entry.
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return f.ReadDir(-1)
}

// Remove removes the file name of the folder (not a folder).
func (d *Dir) Remove(name string) error {
	if err := unix.Unlinkat(d.fd, name, 0); err != nil {
		return &fs.PathError{Op: "unlinkat", Path: name, Err: err}
	}
	return nil
}

// Create creates the file name in the folder for writing. O_EXCL: a
// second file of the same name is a bug, not an update; O_NOFOLLOW: no
// symlink put there is written through.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	fd, err := RetryEINTR(func() (int, error) {
		return unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return &fdFile{fd: fd, name: name}, nil
}

// fdFile is a file open for writing, by its descriptor.
type fdFile struct {
	fd   int
	name string
}

// Write writes all of b (a write may take less than it is given).
func (f *fdFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := RetryEINTR(func() (int, error) { return unix.Write(f.fd, b[n:]) })
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

// RetryEINTR calls call, a system call, again while a signal interrupts
// it.
func RetryEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
