package fix

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/sopctl/sopctl/pkg/sop"
	"testing"
)

func TestApplyAndOverlap(t *testing.T) {
	src := []byte("0123456789")
	tests := []struct {
		name     string
		have     []Edit
		add      Edit
		overlaps bool
		want     string
	}{
		{"apart", []Edit{{From: 1, To: 3, Text: "ab"}}, Edit{From: 5, To: 6, Text: "x"}, false, "0ab34x6789"},
		{"touching", []Edit{{From: 1, To: 3, Text: "ab"}}, Edit{From: 3, To: 4, Text: "x"}, false, "0abx456789"},
		{"crossing", []Edit{{From: 1, To: 4, Text: "ab"}}, Edit{From: 3, To: 5, Text: "x"}, true, ""},
		{"inside", []Edit{{From: 1, To: 6}}, Edit{From: 2, To: 3, Text: "x"}, true, ""},
		{"insert inside a replacement", []Edit{{From: 1, To: 4, Text: "ab"}}, Edit{From: 2, To: 2, Text: "x"}, true, ""},
		{"insert at a replacement's start", []Edit{{From: 1, To: 4, Text: "ab"}}, Edit{From: 1, To: 1, Text: "x"}, false, "0xab456789"},
		{"two inserts in order", []Edit{{From: 10, To: 10, Text: "b", Order: 2}}, Edit{From: 10, To: 10, Text: "a", Order: 1}, false, "0123456789ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := overlapsAny(tt.have, []Edit{tt.add}); got != tt.overlaps {
				t.Fatalf("overlaps = %v, want %v", got, tt.overlaps)
			}
			if !tt.overlaps {
				if got := string(Apply(src, append(tt.have, tt.add))); got != tt.want {
					t.Errorf("Apply = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestDiff(t *testing.T) {
	tests := []struct{ name, a, b, want string }{
		{"equal", "a\n", "a\n", ""},
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"append", "a\n", "a\nb\n", "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+b\n"},
		{"no final newline", "a", "b", "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "x\n2\n3\n4\n5\n6\n7\n8\n9\ny\n",
			"--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+x\n 2\n 3\n 4\n@@ -7,4 +7,4 @@\n 7\n 8\n 9\n-10\n+y\n"},
		{"one hunk when close", "1\n2\n3\n4\n5\n6\n7\n", "x\n2\n3\n4\n5\n6\ny\n",
			"--- a/f\n+++ b/f\n@@ -1,7 +1,7 @@\n-1\n+x\n 2\n 3\n 4\n 5\n 6\n-7\n+y\n"},
		{"CRLF kept", "a\r\nb\r\n", "a\r\nc\r\n", "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
		{"insert in the middle", "a\nb\nc\nd\n", "a\nb\nX\nc\nd\n", "--- a/f\n+++ b/f\n@@ -1,4 +1,5 @@\n a\n b\n+X\n c\n d\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff("f", []byte(tt.a), []byte(tt.b)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// A file saved since it was read is left alone, and the error names it.
func TestWriteLeavesAChangedFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	if err := os.WriteFile(p, []byte("saved by someone\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	err = Write(context.Background(), root, "a.md", []byte("as read\n"), []byte("fixed\n"))
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "saved by someone\n" {
		t.Errorf("the file was overwritten: %q", b)
	}
	if err := Write(context.Background(), root, "a.md", []byte("saved by someone\n"), []byte("fixed\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "fixed\n" {
		t.Errorf("not written: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a temporary file was left: %v", entries)
	}
}

// File drops the fix whose edits overlap an earlier fix's, with its
// finding, and makes the others.
func TestFileDropsOverlappingFix(t *testing.T) {
	src := []byte("---\nid: a\n---\n\nbody\n")
	d, err := sop.Parse("a.md", src)
	if err != nil {
		t.Fatal(err)
	}
	at := func(from, to int, text string) Fixer {
		return func(*Context, Finding) []Edit { return []Edit{{From: from, To: to, Text: text}} }
	}
	r := File(&Context{Doc: d}, []Finding{
		{Rule: "test-first", Fix: at(4, 6, "ID")},
		{Rule: "test-crossing", Fix: at(5, 7, "xx")},
		{Rule: "test-apart", Pos: sop.Pos{Line: 3}, Fix: at(13, 13, "\n")},
	})
	if got, want := string(r.Data), "---\nID: a\n---\n\n\nbody\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(r.Fixed) != 2 || r.Fixed[0].Rule != "test-first" || r.Fixed[1].Rule != "test-apart" {
		t.Errorf("fixed %v, want test-first and test-apart", r.Fixed)
	}
}

// WriteFiles writes nothing when any file changed since it was read, and
// names that file.
func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"a.md": "a as read\n", "b.md": "b saved by someone\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	err = WriteFiles(context.Background(), root, []Target{
		{Path: "a.md", Old: []byte("a as read\n"), New: []byte("a edited\n")},
		{Path: "b.md", Old: []byte("b as read\n"), New: []byte("b edited\n")},
	}, "test")
	var changed *ChangedError
	if !errors.Is(err, ErrChanged) || !errors.As(err, &changed) || changed.Path != "b.md" {
		t.Fatalf("err = %v, want b.md changed", err)
	}
	for name, want := range map[string]string{"a.md": "a as read\n", "b.md": "b saved by someone\n"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
			t.Errorf("%s = %q, want %q", name, b, want)
		}
	}
}
