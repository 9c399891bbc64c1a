//go:build unix

package testlib

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used. A fuzz worker runs one
// input at a time, so the difference across an input is that input's
// time however busy the machine is; wall time on a loaded machine made
// crashers of inputs that took 9 ms.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
