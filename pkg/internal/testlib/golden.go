package testlib

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// update is the -update flag of every test binary that checks golden
// files: go test ./pkg/... -update rewrites them, and the diff is reviewed.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Updating reports whether the test run rewrites golden files.
func Updating() bool { return *update }

// Golden compares got with testdata/<TestName>.golden ("/" in subtest
// names becomes "_"), or rewrites that file under -update.
func Golden(t testing.TB, got []byte) {
	t.Helper()
	GoldenFile(t, filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden"), got)
}

// GoldenFile compares got with the file at path, or rewrites it under
// -update.
func GoldenFile(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n%s", path, FirstDiff(got, want))
	}
}

// GoldenDir compares a bundle of files (slash-separated names) with the
// folder dir, file by file and in the list of names, or replaces the
// folder under -update.
func GoldenDir(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			GoldenFile(t, filepath.Join(dir, filepath.FromSlash(name)), b)
		}
		return
	}
	golden, err := readTree(dir)
	if err != nil {
		t.Fatalf("reading %s (run go test -update to create it): %v", dir, err)
	}
	got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(golden))
	if !slices.Equal(got, want) {
		t.Errorf("the bundle's files differ from %s (go test -update rewrites it)\n got %q\nwant %q", dir, got, want)
	}
	for _, name := range got {
		if g, ok := golden[name]; ok && !bytes.Equal(files[name], g) {
			t.Errorf("%s differs from %s/%s (go test -update rewrites it)\n%s", name, dir, name, FirstDiff(files[name], g))
		}
	}
}

// FirstDiff shows the first line where got and want differ.
func FirstDiff(got, want []byte) string {
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := range max(len(gl), len(wl)) {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + string(g) + "\nwant: " + string(w)
		}
	}
	return "(same lines)"
}
