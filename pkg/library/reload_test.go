package library

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

// TestReloadEqualsLoad checks that Reload, told which files changed,
// returns what Load returns for the edited library, and reads only those.
func TestReloadEqualsLoad(t *testing.T) {
	tests := []struct {
		name    string
		write   map[string]string // library path -> new content
		remove  []string
		changed []string // what the watcher reports
	}{
		{name: "body", write: map[string]string{"sops/a.md": sopFile("a") + "More.\n"}, changed: []string{"sops/a.md"}},
		{name: "id", write: map[string]string{"sops/a.md": sopFile("z")}, changed: []string{"sops/a.md"}},
		{name: "breaks", write: map[string]string{"sops/a.md": "---\nid: [\n---\n"}, changed: []string{"sops/a.md"}},
		{name: "fixed", write: map[string]string{"sops/bad.md": sopFile("bad")}, changed: []string{"sops/bad.md"}},
		{name: "added", write: map[string]string{"sops/new/c.md": sopFile("c")}, changed: []string{"sops/new/c.md"}},
		{name: "removed", remove: []string{"sops/b.md"}, changed: []string{"sops/b.md"}},
		{name: "duplicate id", write: map[string]string{"sops/b.md": sopFile("a")}, changed: []string{"sops/b.md"}},
		{name: "excluded added", write: map[string]string{"sops/skip/d.md": sopFile("d")}, changed: []string{"sops/skip/d.md"}},
		{name: "folder removed", remove: []string{"sops/sub"}, changed: []string{"sops/sub"}},
		{name: "symlink target", write: map[string]string{"sops/_shared.md": sopFile("s") + "New.\n"}, changed: []string{"sops/_shared.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			testlib.WriteTree(t, root, map[string]string{
				"sopctl.yaml":     "title: H\nexclude: [skip]\n",
				"sops/a.md":       sopFile("a"),
				"sops/b.md":       sopFile("b"),
				"sops/bad.md":     "---\nid: [\n---\n",
				"sops/sub/e.md":   sopFile("e"),
				"sops/README.md":  "# Not an SOP\n",
				"sops/_shared.md": sopFile("s"),
			})
			symlink(t, "_shared.md", filepath.Join(root, "sops", "link.md"))
			old, err := Load(root)
			if err != nil {
				t.Fatal(err)
			}
			oldBriefs, err := LoadBriefs(context.Background(), root, nil)
			if err != nil {
				t.Fatal(err)
			}
			testlib.WriteTree(t, root, tt.write)
			for _, p := range tt.remove {
				if err := os.RemoveAll(filepath.Join(root, p)); err != nil {
					t.Fatal(err)
				}
			}
			changed := map[string]bool{}
			for _, p := range tt.changed {
				changed[p] = true
			}
			got, err := Reload(context.Background(), old, changed)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Load(root)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Reload != Load:\n got docs %v failed %v\nwant docs %v failed %v", docPaths(got), got.Failed, docPaths(want), want.Failed)
			}
			gotBriefs, err := Reload(context.Background(), oldBriefs, changed)
			if err != nil {
				t.Fatal(err)
			}
			wantBriefs, err := LoadBriefs(context.Background(), root, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotBriefs, wantBriefs) || !reflect.DeepEqual(gotBriefs.Briefs(), want.Briefs()) {
				t.Errorf("Reload of Briefs != LoadBriefs, or != the Briefs of Load")
			}
			for _, d := range got.Docs {
				if o := old.Lookup(d.Meta.ID.Text); !changed[d.Path] && (len(o) == 0 || o[0].Path != d.Path || o[0] != d) && d.Path != "sops/link.md" {
					t.Errorf("%s did not change but was read again", d.Path)
				}
			}
		})
	}
}

// TestLoadSummariesHoldsNoText is the memory bound of lint: a library of
// summaries holds no SOP's bytes, front-matter nodes or body, also after
// Reload, but each SOP's Summary, after the hook saw the whole Doc of
// each file read; Source reads a file's bytes again.
func TestLoadSummariesHoldsNoText(t *testing.T) {
	root := t.TempDir()
	testlib.WriteTree(t, root, map[string]string{
		"sopctl.yaml": "title: H\n",
		"sops/a.md":   sopFile("a") + "See [b](b.md#purpose).\n",
		"sops/b.md":   sopFile("b"),
		"sops/bad.md": "---\nid: [\n---\n",
	})
	var mu sync.Mutex
	var seen []string // the whole Docs the hook saw
	each := func(cfg *Config, d *sop.Doc) {
		mu.Lock()
		defer mu.Unlock()
		if cfg.Title == "H" && !d.Summarized() {
			seen = append(seen, d.Path)
		}
	}
	sums, err := LoadSummaries(context.Background(), root, each)
	if err != nil {
		t.Fatal(err)
	}
	testlib.WriteTree(t, root, map[string]string{"sops/b.md": sopFile("b") + "More.\n"})
	reloaded, err := Reload(context.Background(), sums, map[string]bool{"sops/b.md": true})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(seen)
	if want := []string{"sops/a.md", "sops/b.md", "sops/b.md"}; !slices.Equal(seen, want) {
		t.Errorf("the hook saw whole Docs %v, want %v (Load, then Reload of the changed file)", seen, want)
	}
	whole, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, lib := range []*Library{sums, reloaded} {
		if !reflect.DeepEqual(docPaths(lib), docPaths(whole)) || !reflect.DeepEqual(lib.Failed, whole.Failed) {
			t.Errorf("summaries: docs %v failed %v; Load: docs %v failed %v", docPaths(lib), lib.Failed, docPaths(whole), whole.Failed)
		}
		for i, d := range lib.Docs {
			if d.Src != nil || d.Front != nil || d.Body != nil {
				t.Errorf("%s: a summary holds Src %v, Front %v, Body %v", d.Path, d.Src != nil, d.Front != nil, d.Body != nil)
			}
			if lib == reloaded && !reflect.DeepEqual(d, whole.Docs[i].Summary()) {
				t.Errorf("%s: %+v, want the Summary of Load's Doc", d.Path, d)
			}
		}
	}
	src, err := reloaded.Source(reloaded.Lookup("b")[0])
	if err != nil || string(src) != sopFile("b")+"More.\n" {
		t.Errorf("Source() = %q, %v; want the file as it is now", src, err)
	}
	if src, err := whole.Source(whole.Lookup("a")[0]); err != nil || string(src) != sopFile("a")+"See [b](b.md#purpose).\n" {
		t.Errorf("Source() of a whole Doc = %q, %v; want its Src", src, err)
	}
}
