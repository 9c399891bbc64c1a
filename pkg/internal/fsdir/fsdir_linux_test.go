package fsdir

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRegularAndOdd: Regular answers from the folder's listing when first
// asked, for every name: a regular file is, a symlink (even to one), a
// folder, a pipe or a missing name is not, and a file that appears later
// is not either. Odd lists, now, what is neither a regular file nor a
// folder.
func TestRegularAndOdd(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.html", "b.html"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.html", filepath.Join(dir, "link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(dir, "pipe")); err != nil {
		t.Fatal(err)
	}
	d := openDir(t, dir)
	if _, err := d.ReadRegular("a.html", 100); err != nil { // a read does not move the listing
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"a.html": true, "b.html": true, "link.html": false, "sub": false, "pipe": false, "none": false} {
		if got := d.Regular(name); got != want {
			t.Errorf("Regular(%s) = %t, want %t", name, got, want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "later.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if d.Regular("later.html") {
		t.Errorf("Regular(later.html) = true, want the first listing's answer")
	}
	odd, err := d.Odd()
	slices.Sort(odd)
	if err != nil || !slices.Equal(odd, []string{"link.html", "pipe"}) {
		t.Errorf("Odd() = %q, %v; want link.html and pipe", odd, err)
	}
	if odd, _ := d.Odd(); len(odd) != 2 {
		t.Errorf("a second Odd() = %q: the listing does not start over", odd)
	}
}
