//go:build windows

package proc

import "syscall"

// Running reports whether a process with this id is running. A
// process that has exited can still be opened while someone holds a handle
// to it, so its exit code is asked too. When in doubt (access denied), it
// counts as running: a sibling is only removed when its creator is surely
// gone.
func Running(pid int) bool {
	const (
		queryLimitedInformation = 0x1000 // PROCESS_QUERY_LIMITED_INFORMATION
		stillActive             = 259    // STILL_ACTIVE
		errorInvalidParameter   = syscall.Errno(87)
	)
	h, err := syscall.OpenProcess(queryLimitedInformation, false, uint32(pid))
	if err != nil {
		return err != errorInvalidParameter // no such process
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	return code == stillActive
}
