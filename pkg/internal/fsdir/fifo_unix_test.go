//go:build unix

package fsdir

import "syscall"

// mkfifo makes a named pipe, where the system has them.
func mkfifo(name string) error { return syscall.Mkfifo(name, 0o644) }
