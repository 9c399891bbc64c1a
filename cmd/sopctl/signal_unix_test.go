//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRenderSignals sends real signals to a real render (the binary's
// main, in a child process) at moments spread over its run, and checks
// what must hold whatever the moment: the output folder is the complete
// bundle (the old one, or the new one, which is the same bytes as the
// input does not change), and no temporary sibling is left once the
// render has ended (SIGINT, SIGTERM) or once the next render has run
// (SIGKILL, which nothing can catch). A render that SIGINT or SIGTERM
// stops exits 1 and says so.
//
// Signals are sent at fractions of an undisturbed render's time, and just
// after the staging folder appears, so that most land mid-render; but when
// a signal lands depends on the machine's load, so the test asserts no
// timing: it logs how many landed mid-render.
func TestRenderSignals(t *testing.T) {
	t.Parallel() // beside the scripts: see TestScript

	exe, err := exec.LookPath("sopctl-exe")
	if err != nil {
		t.Fatal(err)
	}
	lib := t.TempDir()
	writeLibrary(t, lib, 150)

	// The first render makes site/; the second, timed, replaces it, as the
	// signalled ones do.
	var full time.Duration
	for range 2 {
		start := time.Now()
		if code, stderr := signalRender(t, exe, lib, 0, 0, false); code != 0 {
			t.Fatalf("render exited %d: %s", code, stderr)
		}
		full = time.Since(start)
	}
	want := hashTree(t, filepath.Join(lib, "site"))

	cases := []signalCase{
		{syscall.SIGINT, 0, true}, {syscall.SIGTERM, 0.05, true}, {syscall.SIGKILL, 0.05, true},
	}
	if !testing.Short() { // make test-long: more moments
		cases = append(cases, signalCase{syscall.SIGINT, 0.05, false}, signalCase{syscall.SIGINT, 0.4, false},
			signalCase{syscall.SIGINT, 0.1, true}, signalCase{syscall.SIGKILL, 0.3, false})
	}
	outcomes := map[string]int{}
	for _, tc := range cases {
		what := fmt.Sprintf("%v after %.0f%% of a render", tc.sig, 100*tc.frac)
		if tc.staged {
			what += " once the staging folder appeared"
		}
		code, stderr := signalRender(t, exe, lib, tc.sig, time.Duration(tc.frac*float64(full)), tc.staged)
		if outcome := signalOutcome(t, what, tc, code, stderr); outcome != "" {
			outcomes[outcome]++
		}
		if tc.sig == syscall.SIGKILL {
			if code, stderr := signalRender(t, exe, lib, 0, 0, false); code != 0 {
				t.Fatalf("render after %s exited %d: %s", what, code, stderr)
			}
			what += ", then a render"
		}
		checkSignalledOutput(t, lib, want, what)
	}
	t.Logf("an undisturbed render took %v; outcomes: %v", full.Round(time.Millisecond), outcomes)
}

// signalCase is a moment to signal a render at.
type signalCase struct {
	sig    syscall.Signal
	frac   float64 // of an undisturbed render's time
	staged bool    // counted from when the staging folder appears
}

// signalRender runs the binary exe's render in the library lib and sends
// it sig (none when 0) after the time given, counted from its start or,
// with staged, from when its staging folder appears. It returns the exit
// code (-1: killed by the signal) and what it wrote to stderr.
func signalRender(t *testing.T, exe, lib string, sig syscall.Signal, after time.Duration, staged bool) (code int, stderr string) {
	t.Helper()
	cmd := exec.Command(exe, "render")
	cmd.Dir = lib
	cmd.Env = append(os.Environ(), "SOPCTL_NOW=2026-11-25", "NO_COLOR=1")
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if sig != 0 {
		for staged && !hasStaging(t, lib) && !exited(done) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(after)
		_ = cmd.Process.Signal(sig) // it may have ended already
	}
	err := <-done
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), errBuf.String()
}

// signalOutcome names how a render signalled as tc (what says how, for
// messages) ended, or fails the test and returns "" when it ended as it
// must not: a render that SIGINT or SIGTERM stops exits 1 and says so.
func signalOutcome(t *testing.T, what string, tc signalCase, code int, stderr string) string {
	t.Helper()
	switch {
	case code == 0:
		return "finished before the signal"
	case code == -1:
		return "ended by the signal itself"
	case code == 1 && tc.sig != syscall.SIGKILL:
		// Before the staging folder exists (the library is still
		// loading) there is no partial output to remove, and the
		// generic message says so.
		if !strings.Contains(stderr, "render interrupted: nothing was changed (the partial output was removed)\n") &&
			(tc.staged || stderr != "interrupted: nothing was changed\n") {
			t.Errorf("%s: exit 1 with %q", what, stderr)
		}
		return "stopped mid-render"
	default:
		t.Errorf("%s: exit %d: %s", what, code, stderr)
		return ""
	}
}

// checkSignalledOutput checks that lib's site/ is the complete bundle
// (its hashTree is want) and that no temporary sibling is left beside it
// (the render cache, .site.sopctl-cache, is no temporary sibling).
func checkSignalledOutput(t *testing.T, lib, want, what string) {
	t.Helper()
	if got := hashTree(t, filepath.Join(lib, "site")); got != want {
		t.Errorf("%s: site/ is not the complete bundle", what)
	}
	entries, err := os.ReadDir(lib)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		// The render cache stays beside the output by design.
		if strings.Contains(e.Name(), ".sopctl-") && e.Name() != ".site.sopctl-cache" {
			t.Errorf("%s: %s left beside the output", what, e.Name())
		}
	}
}

// hasStaging reports whether a render's staging folder is in dir.
func hasStaging(t *testing.T, dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".sopctl-new-") {
			return true
		}
	}
	return false
}

// exited reports whether the process that done waits for has ended,
// leaving its result in done for the next reader.
func exited(done chan error) bool {
	select {
	case err := <-done:
		done <- err
		return true
	default:
		return false
	}
}

// writeLibrary writes a library of n SOPs that link to each other, with
// enough text that rendering them takes a moment.
func writeLibrary(t *testing.T, dir string, n int) {
	t.Helper()
	files := map[string]string{"sopctl.yaml": "title: Signals\n"}
	para := strings.Repeat("Check the order, verify the customer and record the call in the ticket. ", 12)
	for i := range n {
		body := fmt.Sprintf("# SOP %d\n\n## Steps\n\n%s\n\n%s\n\nNext: [SOP %d](s%04d.md).\n", i, para, para, (i+1)%n, (i+1)%n)
		files[fmt.Sprintf("sops/area-%d/s%04d.md", i%10, i)] = fmt.Sprintf(
			"---\nid: s%04d\ntitle: SOP %d\nversion: \"1.0\"\nstatus: draft\nowner: Lead\n---\n\n%s", i, i, body)
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hashTree hashes every file's path and content under dir.
func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
