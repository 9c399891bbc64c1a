package html_test

import (
	"bytes"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden renders testdata/small and compares every file of the bundle
// to testdata/golden/<path>; go test -update rewrites them.
func TestGolden(t *testing.T) {
	files, _ := bundle(t, smallDir, smallHistory())
	checkGolden(t, "testdata/golden", files)
}

func checkGolden(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	golden := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		golden[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading %s (run go test -update to create it): %v", dir, err)
	}
	got, want := slices.Sorted(maps.Keys(files)), slices.Sorted(maps.Keys(golden))
	if !slices.Equal(got, want) {
		t.Errorf("the bundle's files differ from %s (go test -update rewrites it)\n got %q\nwant %q", dir, got, want)
	}
	for _, name := range got {
		g, ok := golden[name]
		if !ok {
			continue
		}
		if !bytes.Equal(files[name], g) {
			t.Errorf("%s differs from %s/%s (go test -update rewrites it)\n%s", name, dir, name, firstDiff(files[name], g))
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
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
