package fsdir

import "golang.org/x/sys/unix"

// Lstat is the Stat of the file name of the folder, not followed if it is
// a symlink; ok only for a regular file. Unlike the Dir's other methods,
// it takes a name of several components, which the system resolves as
// any path, in one fstatat (no walk of the components through an
// os.Root): it is for comparing with a Stat taken before, never for
// reading. Two equal Stats are the same file, unchanged between them,
// whichever path led to it.
func (d *Dir) Lstat(name string) (Stat, bool) {
	var st unix.Stat_t
	_, err := RetryEINTR(func() (int, error) {
		return 0, unix.Fstatat(d.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW)
	})
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return Stat{}, false
	}
	// Dev is not 64 bits on every architecture.
	return Stat{Size: st.Size, ModTime: st.Mtim.Nano(), ChangeTime: st.Ctim.Nano(), Inode: st.Ino, Device: uint64(st.Dev)}, true
}
