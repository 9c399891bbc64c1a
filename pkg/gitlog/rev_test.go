package gitlog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseTree(t *testing.T) {
	tests := []struct {
		name, out string
		want      Tree
		err       bool
	}{
		{"empty", "", Tree{}, false},
		{"files", "100644 blob aaa\tsops/a.md\x00100755 blob bbb\tx y.md\x00", Tree{"sops/a.md": "aaa", "x y.md": "bbb"}, false},
		{"symlink and submodule left out", "120000 blob ccc\tl.md\x00160000 commit ddd\tsub\x00", Tree{}, false},
		{"tab in a name", "100644 blob aaa\ta\tb.md\x00", Tree{"a\tb.md": "aaa"}, false},
		{"garbage", "nonsense\x00", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseTree([]byte(tt.out))
			if (err != nil) != tt.err || !tt.err && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, %v; want %v (error %v)", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParseBatch(t *testing.T) {
	tests := []struct {
		name, out string
		want      map[string][]byte
		err       bool
	}{
		{"empty", "", map[string][]byte{}, false},
		{"two", "aaa blob 3\nx\ny\nbbb blob 0\n\n", map[string][]byte{"aaa": []byte("x\ny"), "bbb": {}}, false},
		{"missing", "aaa missing\n", nil, true},
		{"short", "aaa blob 10\nxy\n", nil, true},
		{"bad size", "aaa blob -1\n\n", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseBatch([]byte(tt.out))
			if (err != nil) != tt.err || !tt.err && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, %v; want %q (error %v)", got, err, tt.want, tt.err)
			}
		})
	}
}

// TestRepo reads a library in a sub-folder, reached through a symlinked
// folder, at two commits and in the work tree.
func TestRepo(t *testing.T) {
	r := newRepo(t)
	r.write("hb/sops/a.md", "a1\n")
	r.write("hb/sops/b.md", "b1\n")
	r.write("outside.md", "o\n")
	first := r.commit("A", "2026-01-01T00:00:00Z", "one")
	r.write("hb/sops/a.md", "a2\n")
	r.write("outside.md", "o2\n")
	second := r.commit("A", "2026-01-02T00:00:00Z", "two")
	r.write("hb/sops/b.md", "b2\n")
	r.write("hb/sops/new.md", "n\n")
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(r.dir, link); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	repo, err := Git{Env: r.env}.Open(ctx, filepath.Join(link, "hb"))
	if err != nil {
		t.Fatal(err)
	}
	if repo.Prefix != "hb" {
		t.Errorf("Prefix = %q, want hb", repo.Prefix)
	}
	c1, err := repo.Resolve(ctx, "HEAD~1")
	if err != nil || !strings.HasPrefix(c1, first) {
		t.Errorf("Resolve(HEAD~1) = %q, %v; want %s...", c1, err, first)
	}
	changed, err := repo.Changed(ctx, c1, "")
	slices.Sort(changed)
	if err != nil || !reflect.DeepEqual(changed, []string{"sops/a.md", "sops/b.md", "sops/new.md"}) {
		t.Errorf("Changed(first, work tree) = %q, %v", changed, err)
	}
	c2, _ := repo.Resolve(ctx, second)
	changed, err = repo.Changed(ctx, c1, c2)
	if err != nil || !reflect.DeepEqual(changed, []string{"sops/a.md"}) {
		t.Errorf("Changed(first, second) = %q, %v", changed, err)
	}
	tree, err := repo.Tree(ctx, c1)
	if err != nil || len(tree) != 2 {
		t.Fatalf("Tree = %v, %v; want the library's two files", tree, err)
	}
	// Only the paths asked for, taken literally (not as globs).
	some, err := repo.Tree(ctx, c1, "sops/a.md", "sops/new.md", "sops/*.md")
	if err != nil || !reflect.DeepEqual(some, Tree{"sops/a.md": tree["sops/a.md"]}) {
		t.Errorf("Tree(first, a, new, *) = %v, %v; want a.md alone", some, err)
	}
	files, err := repo.Files(ctx, tree, []string{"sops/a.md", "sops/b.md", "sops/new.md"})
	want := map[string][]byte{"sops/a.md": []byte("a1\n"), "sops/b.md": []byte("b1\n")}
	if err != nil || !reflect.DeepEqual(files, want) {
		t.Errorf("Files = %q, %v; want %q", files, err, want)
	}
	_, err = repo.Resolve(ctx, "mian")
	var unknown *UnknownRevError
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), `REV "mian" is not a revision git knows`) || len(unknown.Refs) == 0 {
		t.Errorf("Resolve(mian) = %v, want an UnknownRevError with the refs", err)
	}
	if _, err := repo.Resolve(ctx, "--output=x"); !errors.As(err, &unknown) {
		t.Errorf("Resolve(--output=x) = %v, want an UnknownRevError", err)
	}
}

func TestOpenOutsideGit(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	_, err := Git{Env: isolated(t, dir)}.Open(context.Background(), dir)
	var no *NoRepoError
	if !errors.As(err, &no) || !strings.Contains(err.Error(), "is not inside a git repository") {
		t.Errorf("Open outside git = %v", err)
	}
	_, err = Git{Binary: filepath.Join(dir, "no-git")}.Open(context.Background(), dir)
	if !errors.As(err, &no) || !strings.Contains(err.Error(), "git is not installed") {
		t.Errorf("Open without git = %v", err)
	}
}
