//go:build !linux

package library

// mkfifo makes no named pipe: outside Linux, files are opened through
// os.Root, which blocks on one (see folder_other.go).
func mkfifo(string) bool { return false }
