package library

import (
	"io/fs"
	"os"
	"syscall"
)

// folder is a folder of SOP files held open. On Linux each file in it is
// opened with one openat of its name, not following a symlink (a file
// the walk found a symlink is read through the library root instead), as
// a plain file: os.Root's Open also registers every file with the poller
// and takes it out again, four more system calls of the ten a file took.
type folder struct {
	f  *os.File // keeps fd open
	fd int
}

func openFolder(root *os.Root, dir string) (*folder, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	return &folder{f: f, fd: int(f.Fd())}, nil
}

// read reads the file name in the folder within limit bytes. It opens
// without blocking and reads only a plain file: the walk saw one, but a
// file replaced by a named pipe since would otherwise hold the open, and
// the command, until something wrote to it.
func (d *folder) read(name string, limit int64) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Openat(d.fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	return readAll(f, fi, limit)
}

func (d *folder) close() error { return d.f.Close() }
