package cli

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
)

// Only changes to SOP files are reloaded file by file; any other change
// loads the library again.
func TestSOPChanges(t *testing.T) {
	dir := t.TempDir()
	lib := &library.Library{Dir: dir, Config: &library.Config{SOPsDir: "sops", Exclude: []string{"drafts"}}}
	for _, tt := range []struct {
		changed []string
		want    []string // nil: a full load
	}{
		{[]string{"sops/a.md", "sops/x/b.md"}, []string{"sops/a.md", "sops/x/b.md"}},
		{[]string{"sops/a.md", "sopctl.yaml"}, nil},
		{[]string{"templates/r.md"}, nil},
		{[]string{"sops/README.md"}, nil},
		{[]string{"sops/_private.md"}, nil},
		{[]string{"sops/.hidden/a.md"}, nil},
		{[]string{"sops/_shared/a.md"}, nil},
		{[]string{"sops/drafts/a.md"}, nil},
		{[]string{"sops/x"}, nil},
		{[]string{"other/a.md"}, nil},
		{[]string{"sops/img.png"}, nil},
	} {
		var abs []string
		for _, c := range tt.changed {
			abs = append(abs, filepath.Join(dir, filepath.FromSlash(c)))
		}
		got, ok := sopChanges(lib, abs)
		var keys []string
		for k := range got {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if ok != (tt.want != nil) || !slices.Equal(keys, tt.want) {
			t.Errorf("sopChanges(%v) = %v, %v; want %v", tt.changed, keys, ok, tt.want)
		}
	}
	if _, ok := sopChanges(lib, []string{filepath.Join(filepath.Dir(dir), "a.md")}); ok {
		t.Errorf("a file outside the library is an SOP change")
	}
}
