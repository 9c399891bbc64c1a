package render

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A build of sopctl is named by the Go build ID in its executable, read
// from the ELF note, not by hashing the whole file; a file with no such
// note has none, and is hashed.
func TestGoBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("an ELF executable is a Linux one")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	if strings.Count(id, "/") < 1 {
		t.Fatalf("goBuildID(test binary) = %q, want the Go build ID", id)
	}
	if got := buildID(); got != "go "+id && !strings.Contains(got, " ") {
		t.Errorf("buildID() = %q, want %q or a version", got, "go "+id)
	}
	for _, name := range []string{filepath.Join("testdata", "small", "sopctl.yaml"), filepath.Join("testdata", "none")} {
		if got := goBuildID(name); got != "" {
			t.Errorf("goBuildID(%s) = %q, want none", name, got)
		}
	}
}
