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

func TestParseBatch(t *testing.T) {
	tests := []struct {
		name, out string
		want      [][]byte
		err       bool
	}{
		{"empty", "", nil, false},
		{"two", "aaa blob 3\nx\ny\nbbb blob 0\n\n", [][]byte{[]byte("x\ny"), {}}, false},
		{"missing", "v1:./a b.md missing\naaa blob 1\nx\n", [][]byte{nil, []byte("x")}, false},
		{"a tree is no file", "aaa tree 2\nxy\n", [][]byte{nil}, false},
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
	repo := Git{Env: r.env}.Repo(filepath.Join(link, "hb"))
	all, err := repo.ResolveAll(ctx, []string{"HEAD~1", "HEAD", first})
	if err != nil || len(all) != 3 || !strings.HasPrefix(all[0], first) || !strings.HasPrefix(all[2], first) || all[1] != r.git(nil, "rev-parse", "HEAD") {
		t.Errorf("ResolveAll(HEAD~1, HEAD, first) = %q, %v", all, err)
	}
	for _, bad := range []string{"nosuch", "HEAD~1..HEAD", first + ":hb/sops/a.md", "-p", "a\nb"} {
		_, err := repo.ResolveAll(ctx, []string{"HEAD", bad})
		var unknown *UnknownRevError
		if !errors.As(err, &unknown) || unknown.Rev != bad {
			t.Errorf("ResolveAll(HEAD, %q) = %v, want an UnknownRevError for it", bad, err)
		}
	}
	c1, err := repo.Resolve(ctx, "HEAD~1")
	if err != nil || !strings.HasPrefix(c1, first) {
		t.Errorf("Resolve(HEAD~1) = %q, %v; want %s...", c1, err, first)
	}
	changed, err := repo.Changed(ctx, c1, "")
	slices.SortFunc(changed, func(a, b Delta) int { return strings.Compare(a.Path, b.Path) })
	a1 := r.git(nil, "rev-parse", first+":hb/sops/a.md")
	a2 := r.git(nil, "rev-parse", second+":hb/sops/a.md")
	b1 := r.git(nil, "rev-parse", first+":hb/sops/b.md")
	want := []Delta{{"sops/a.md", a1, a2}, {"sops/b.md", b1, ""}, {"sops/new.md", "", ""}}
	if err != nil || !reflect.DeepEqual(changed, want) {
		t.Errorf("Changed(first, work tree) = %q, %v; want %q", changed, err, want)
	}
	c2, _ := repo.Resolve(ctx, second)
	changed, err = repo.Changed(ctx, c1, c2)
	if want := []Delta{{"sops/a.md", a1, a2}}; err != nil || !reflect.DeepEqual(changed, want) {
		t.Errorf("Changed(first, second) = %q, %v; want %q", changed, err, want)
	}
	contents, err := repo.Batch(ctx, []string{a2, c1 + ":./sops/b.md", c1 + ":./sops/new.md"})
	if err != nil || !reflect.DeepEqual(contents, [][]byte{[]byte("a2\n"), []byte("b1\n"), nil}) {
		t.Errorf("Batch = %q, %v", contents, err)
	}
	if _, err := repo.Batch(ctx, []string{c1 + ":./x\ny.md"}); err == nil {
		t.Error("Batch of a name with a line break: no error")
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
	resolve := func(g Git) error {
		_, err := g.Repo(dir).ResolveAll(context.Background(), []string{"HEAD"})
		return err
	}
	err := resolve(Git{Env: isolated(t, dir)})
	var no *NoRepoError
	if !errors.As(err, &no) || !strings.Contains(err.Error(), "is not inside a git repository") {
		t.Errorf("ResolveAll outside git = %v", err)
	}
	err = resolve(Git{Binary: filepath.Join(dir, "no-git")})
	if !errors.As(err, &no) || !strings.Contains(err.Error(), "git is not installed") {
		t.Errorf("ResolveAll without git = %v", err)
	}
}

func TestParseRaw(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	zero := strings.Repeat("0", 40)
	tests := []struct {
		name, out string
		want      []Delta
		err       bool
	}{
		{"empty", "", nil, false},
		{"modified", ":100644 100644 " + a + " " + b + " M\x00sops/a b.md\x00", []Delta{{"sops/a b.md", a, b}}, false},
		{"added, deleted", ":000000 100644 " + zero + " " + b + " A\x00n.md\x00:100755 000000 " + a + " " + zero + " D\x00d.md\x00",
			[]Delta{{"n.md", "", b}, {"d.md", a, ""}}, false},
		{"work tree", ":100644 100644 " + a + " " + zero + " M\x00w.md\x00", []Delta{{"w.md", a, ""}}, false},
		{"symlink became a file", ":120000 100644 " + a + " " + b + " T\x00l.md\x00", []Delta{{"l.md", "", b}}, false},
		{"garbage", "nonsense\x00x\x00", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseRaw([]byte(tt.out))
			if (err != nil) != tt.err || !tt.err && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, %v; want %q (error %v)", got, err, tt.want, tt.err)
			}
		})
	}
}
