//go:build unix

package render

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this id exists. Signal 0
// checks without sending anything; EPERM means it exists but belongs to
// someone else, which counts as running.
func processRunning(pid int) bool {
	return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}
