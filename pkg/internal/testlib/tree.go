package testlib

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// WriteTree writes files (slash-separated path relative to dir -> content)
// under dir, making folders as needed.
func WriteTree(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// ReadTree returns every file under dir by slash-separated path relative
// to dir: the inverse of WriteTree.
func ReadTree(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files, err := readTree(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// readTree is ReadTree returning its error, for callers that explain it.
func readTree(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	return out, err
}
