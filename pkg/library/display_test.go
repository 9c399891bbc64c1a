package library

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

func TestDisplayPath(t *testing.T) {
	repo := filepath.FromSlash("/repo")
	hb := filepath.Join(repo, "handbook")
	tests := []struct {
		name, start, rel string
		up               bool
		want             string
	}{
		{"from the repository root", repo, "sops/a.md", false, "handbook/sops/a.md"},
		{"from the library root", hb, "sops/a.md", false, "sops/a.md"},
		{"from a folder inside", filepath.Join(hb, "sops"), "sops/orders/a.md", false, "orders/a.md"},
		{"outside the start folder: library-relative", filepath.Join(hb, "sops"), "sopctl.yaml", false, "sopctl.yaml"},
		{"outside, several libraries: start-relative", filepath.Join(hb, "sops"), "sopctl.yaml", true, "../sopctl.yaml"},
		{"another branch, several libraries", filepath.Join(repo, "ops"), "sops/a.md", true, "../handbook/sops/a.md"},
		{"the root itself", repo, ".", false, "handbook"},
		{"a start folder with a trailing separator", repo + string(filepath.Separator), "sops/a.md", false, "handbook/sops/a.md"},
	}
	for _, tt := range tests {
		d := NewDisplay(tt.start, hb)
		d.Up = tt.up
		if got := d.Path(tt.rel); got != tt.want {
			t.Errorf("%s: Path(%q) from %s = %q, want %q", tt.name, tt.rel, tt.start, got, tt.want)
		}
	}
}

// A start folder reached through a symlink (macOS's /tmp) and a library
// found by its real path still give paths relative to the start folder.
func TestDisplayPathSymlinkedStart(t *testing.T) {
	real, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	testlib.WriteTree(t, real, map[string]string{"repo/handbook/sopctl.yaml": "title: H\n"})
	link := filepath.Join(real, "link")
	symlink(t, filepath.Join(real, "repo"), link)
	tests := []struct{ start, root string }{
		{link, filepath.Join(real, "repo", "handbook")},
		{filepath.Join(real, "repo"), filepath.Join(link, "handbook")},
	}
	for _, tt := range tests {
		if got := NewDisplay(tt.start, tt.root).Path("sops/a.md"); got != "handbook/sops/a.md" {
			t.Errorf("from %s, library %s: Path() = %q, want handbook/sops/a.md", tt.start, tt.root, got)
		}
	}
}

func TestDisplayError(t *testing.T) {
	d := NewDisplay(filepath.FromSlash("/repo"), filepath.FromSlash("/repo/handbook"))
	at := func(line int, msg string) *sop.Error {
		return &sop.Error{Path: ConfigFile, Pos: sop.Pos{Line: line, Col: 1}, Rule: "config", Msg: msg}
	}
	plain := errors.New("permission denied")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"one position", &ConfigError{Err: at(2, "bad")}, "handbook/sopctl.yaml:2:1: bad"},
		{"several", &ConfigError{Err: errors.Join(at(2, "bad"), at(3, "worse"))}, "handbook/sopctl.yaml:2:1: bad\nhandbook/sopctl.yaml:3:1: worse"},
		{"no position", plain, "permission denied"},
	}
	for _, tt := range tests {
		got := d.Error(tt.err)
		if got.Error() != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.want)
		}
		var ce *ConfigError
		if errors.As(tt.err, &ce) != errors.As(got, &ce) {
			t.Errorf("%s: %T lost or gained its *ConfigError", tt.name, got)
		}
	}
	e := at(2, "bad")
	d.Error(&ConfigError{Err: e})
	if e.Path != ConfigFile {
		t.Errorf("Error() changed the error it was given: %q", e.Path)
	}
}

func TestFindBelow(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"handbook/sopctl.yaml":           "",
		"handbook/nested/sopctl.yaml":    "", // inside a library found: not searched
		"a/b/c/sopctl.yaml":              "", // three levels down
		"a/b/c/d/sopctl.yaml":            "", // four: too deep
		"z/sopctl.yaml/x":                "", // a folder is no config
		".git/sopctl.yaml":               "",
		".hidden/lib/sopctl.yaml":        "",
		"node_modules/pkg/sopctl.yaml":   "",
		"web/node_modules/x/sopctl.yaml": "",
		"docs/ops/sopctl.yaml":           "",
	})
	symlink(t, filepath.Join(dir, "handbook"), filepath.Join(dir, "link"))
	got := FindBelow(context.Background(), dir)
	if want := []string{"a/b/c", "docs/ops", "handbook"}; !slices.Equal(got, want) {
		t.Errorf("FindBelow() = %q, want %q", got, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := FindBelow(ctx, dir); len(got) != 0 {
		t.Errorf("FindBelow(cancelled) = %q, want nothing", got)
	}
	if got := FindBelow(context.Background(), filepath.Join(dir, "nope")); len(got) != 0 {
		t.Errorf("FindBelow(missing folder) = %q", got)
	}
}

// FindBelow reads a bounded number of entries, however large the tree.
func TestFindBelowBudget(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{"handbook/sopctl.yaml": "", "docs/ops/sopctl.yaml": ""})
	tests := []struct {
		budget int
		want   []string
	}{
		{0, nil},
		{2, []string{"handbook"}}, // the two entries of dir: docs is not read
		{3, []string{"docs/ops", "handbook"}},
	}
	for _, tt := range tests {
		if got := findBelow(context.Background(), dir, tt.budget); !slices.Equal(got, tt.want) {
			t.Errorf("findBelow(budget %d) = %q, want %q", tt.budget, got, tt.want)
		}
	}
}
