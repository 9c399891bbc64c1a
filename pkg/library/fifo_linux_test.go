package library

import "syscall"

// mkfifo makes a named pipe at path, reporting whether it could.
func mkfifo(path string) bool { return syscall.Mkfifo(path, 0o644) == nil }
