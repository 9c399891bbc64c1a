//go:build unix

package proc

import (
	"errors"
	"syscall"
)

// Running reports whether a process with this id exists. Signal 0
// checks without sending anything; EPERM means it exists but belongs to
// someone else, which counts as running.
func Running(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
