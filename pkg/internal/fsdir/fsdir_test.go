package fsdir

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestReadRegular: a regular file is read whole within its limit; a
// symlink (even to a regular file), a folder and a named pipe are not
// read, and the pipe does not block the read.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "hello")
	write("empty.txt", "")
	if err := os.Symlink("a.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	pipe := mkfifo(filepath.Join(dir, "pipe")) == nil
	sparse(t, filepath.Join(dir, "huge.bin"), 8<<30)
	d := openDir(t, dir)
	for _, tt := range []struct {
		name  string
		limit int64
		want  string
		err   error
	}{
		{"a.txt", 100, "hello", nil},
		{"a.txt", 5, "hello", nil},
		{"a.txt", 4, "", ErrTooBig},
		{"huge.bin", 64 << 20, "", ErrTooBig},
		{"empty.txt", 10, "", nil},
		{"link.txt", 100, "", ErrNotRegular},
		{"sub", 100, "", ErrNotRegular},
		{"pipe", 100, "", ErrNotRegular},
		{"missing", 100, "", fs.ErrNotExist},
	} {
		if tt.name == "pipe" && !pipe {
			continue
		}
		got, err := d.ReadRegular(tt.name, tt.limit)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("ReadRegular(%s, %d): %q, %v; want error %v", tt.name, tt.limit, got, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("ReadRegular(%s, %d) = %q, %v; want %q", tt.name, tt.limit, got, err, tt.want)
		}
	}
}

// TestCreate: a new file is written whole; a name taken, by a file or a
// symlink, is refused and left as it was.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	d := openDir(t, dir)
	f, err := d.Create("new.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("made")); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err == nil {
		t.Error("a second Close succeeded")
	}
	if got, err := os.ReadFile(filepath.Join(dir, "new.txt")); err != nil || string(got) != "made" {
		t.Errorf("new.txt = %q, %v; want made", got, err)
	}
	for _, name := range []string{"new.txt", "link.txt"} {
		if f, err := d.Create(name); err == nil {
			f.Close()
			t.Errorf("Create(%s) succeeded over what is there", name)
		}
	}
	if got, _ := os.ReadFile(outside); string(got) != "outside" {
		t.Errorf("the symlink's target was written: %q", got)
	}
}

// sparse makes a file of size bytes that takes no room on disk.
func sparse(t *testing.T, name string, size int64) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

// TestReadRegularRefusesUnread: a file larger than the limit is refused
// by its size, before a byte of it is read, so that one planted where a
// small file is expected costs neither the time nor the memory of the
// limit.
func TestReadRegularRefusesUnread(t *testing.T) {
	dir := t.TempDir()
	sparse(t, filepath.Join(dir, "huge.bin"), 1<<30)
	d := openDir(t, dir)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := d.ReadRegular("huge.bin", 64<<20)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooBig) {
		t.Fatalf("ReadRegular of 1 GiB within 64 MiB: %v, want ErrTooBig", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("ReadRegular allocated %d bytes to refuse a file by its size", n)
	}
}

// openDir opens dir as a Dir, closed when the test ends.
func openDir(t *testing.T, dir string) *Dir {
	t.Helper()
	root, err := os.OpenRoot(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	d, err := Open(root, filepath.Base(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
