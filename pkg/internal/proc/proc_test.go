package proc

import (
	"os"
	"testing"
)

func TestRunning(t *testing.T) {
	if !Running(os.Getpid()) {
		t.Error("Running(this process) = false")
	}
	if Running(99999999) { // above every system's largest process id
		t.Error("Running(99999999) = true")
	}
}
