package scaffold

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

// folder describes a folder's entries for a test: "dir/" is a folder,
// "-> target" a symlink, anything else a file's content.
type folder map[string]string

func (f folder) mapFS() fstest.MapFS {
	m := fstest.MapFS{}
	for name, v := range f {
		switch {
		case v == "dir/":
			m[name] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
		case strings.HasPrefix(v, "-> "):
			m[name] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(strings.TrimPrefix(v, "-> "))}
		default:
			m[name] = &fstest.MapFile{Data: []byte(v)}
		}
	}
	return m
}

// rootFS writes the folder to disk and returns its view through os.Root,
// as the CLI gives it.
func (f folder) rootFS(t *testing.T) fs.FS {
	dir := t.TempDir()
	for name, v := range f {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case v == "dir/":
			err = os.Mkdir(p, 0o755)
		case strings.HasPrefix(v, "-> "):
			err = os.Symlink(strings.TrimPrefix(v, "-> "), p)
		default:
			err = os.WriteFile(p, []byte(v), 0o644)
		}
		if err != nil {
			t.Skipf("cannot make %s here: %v", name, err) // no symlinks on this system
		}
	}
	return openRoot(t, dir).FS()
}

func TestPlanInit(t *testing.T) {
	allCreated := map[string]Action{"sopctl.yaml": Create, "sops/.gitkeep": Create, "README.md": Create, ".gitignore": Create}
	tests := []struct {
		name    string
		folder  folder // nil: the folder does not exist yet
		want    map[string]Action
		library bool
		err     string // the BlockedError's message
		// diskOnly: fstest.MapFS follows a symlink loop until its stack
		// overflows, so the case runs only on disk.
		diskOnly bool
	}{
		{name: "no folder yet", want: allCreated},
		{name: "empty folder", folder: folder{}, want: allCreated},
		{name: "a library already", folder: folder{"sopctl.yaml": "title: T\n"}, library: true},
		{name: "sopctl.yaml links to a file", folder: folder{"sopctl.yaml": "-> real.yaml", "real.yaml": "title: T\n"}, library: true},
		{name: "some files exist", folder: folder{"README.md": "# Ours\n", "sops/.gitkeep": ""},
			want: map[string]Action{"sopctl.yaml": Create, "sops/.gitkeep": Keep, "README.md": Keep, ".gitignore": Create}},
		{name: "a symlink in place of a file, even to nothing", folder: folder{".gitignore": "-> nowhere"},
			want: map[string]Action{"sopctl.yaml": Create, "sops/.gitkeep": Create, "README.md": Create, ".gitignore": Keep}},
		{name: "a folder in place of a file", folder: folder{"README.md": "dir/"},
			want: map[string]Action{"sopctl.yaml": Create, "sops/.gitkeep": Create, "README.md": Keep, ".gitignore": Create}},
		// Apply then fails, changing nothing: sops is not a folder.
		{name: "a file where a folder is expected", folder: folder{"sops": "not a folder"}, want: allCreated},
		{name: "sopctl.yaml is a folder", folder: folder{"sopctl.yaml": "dir/"},
			err: "sopctl.yaml is a folder, not a file: sopctl.yaml must be the library's configuration file; rename or remove that folder, then run sopctl init again"},
		{name: "sopctl.yaml links to a folder", folder: folder{"sopctl.yaml": "-> sops", "sops": "dir/"},
			err: "sopctl.yaml is a folder, not a file"},
		{name: "sopctl.yaml links to nothing", folder: folder{"sopctl.yaml": "-> nowhere.yaml"},
			err: "sopctl.yaml is a link to a file that does not exist: remove the link or restore its file, then run sopctl init again"},
		{name: "sopctl.yaml is a link in a loop", folder: folder{"sopctl.yaml": "-> loop", "loop": "-> sopctl.yaml"},
			err: "sopctl.yaml exists but cannot be read (", diskOnly: true},
	}
	for _, tt := range tests {
		views := map[string]func(*testing.T) fs.FS{"missing": func(*testing.T) fs.FS { return nil }}
		if tt.folder != nil {
			views = map[string]func(*testing.T) fs.FS{
				"MapFS":   func(*testing.T) fs.FS { return tt.folder.mapFS() },
				"os.Root": tt.folder.rootFS,
			}
			if tt.diskOnly {
				delete(views, "MapFS")
			}
		}
		for view, open := range views {
			t.Run(tt.name+"/"+view, func(t *testing.T) {
				plan, err := PlanInit(open(t), catalog(t), "", "")
				if tt.err != "" {
					var blocked *BlockedError
					var cfg *library.ConfigError
					if !errors.As(err, &cfg) || !errors.As(err, &blocked) || !strings.HasPrefix(err.Error(), tt.err) {
						t.Fatalf("PlanInit() error = %v, want a ConfigError wrapping a BlockedError starting %q", err, tt.err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if plan.Library != tt.library {
					t.Errorf("Library = %v, want %v", plan.Library, tt.library)
				}
				got := map[string]Action{}
				for _, c := range plan.Changes {
					got[c.Path] = c.Action
				}
				if len(got) != len(tt.want) {
					t.Errorf("changes = %v, want %v", got, tt.want)
				}
				for p, a := range tt.want {
					if got[p] != a {
						t.Errorf("%s: %q, want %q", p, got[p], a)
					}
				}
			})
		}
	}
}

// TestApplyInitPlan: Apply leaves the files init keeps as they are, and
// when a file stands where init needs a folder it fails and changes
// nothing.
func TestApplyInitPlan(t *testing.T) {
	tests := []struct {
		name   string
		folder map[string]string
		err    string
		want   []string // files after Apply
	}{
		{"keeps what exists", map[string]string{"README.md": "# Ours\n"}, "", []string{".gitignore", "README.md", "sopctl.yaml", "sops/.gitkeep"}},
		{"a file where a folder is expected", map[string]string{"sops": "not a folder"}, "sops/.gitkeep: cannot create its folder", []string{"sops"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testlib.WriteTree(t, dir, tt.folder)
			root := openRoot(t, dir)
			plan, err := PlanInit(root.FS(), catalog(t), "", "")
			if err != nil {
				t.Fatal(err)
			}
			err = Apply(context.Background(), root, plan.Changes)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("Apply() error = %v, want %q", err, tt.err)
			}
			got := tree(t, dir)
			if !slices.Equal(slices.Sorted(maps.Keys(got)), tt.want) {
				t.Errorf("files = %v, want %v", slices.Sorted(maps.Keys(got)), tt.want)
			}
			for name, data := range tt.folder {
				if got[name] != data {
					t.Errorf("%s = %q, want it kept as %q", name, got[name], data)
				}
			}
		})
	}
}

// init's sopctl.yaml holds every key of library.ConfigKeys, in the table's
// order, each with its hint and at its default (title, organization and
// kpis as given), and sopctl reads it back without a problem.
func TestInitConfigHasEveryKeyAtItsDefault(t *testing.T) {
	for _, tc := range []struct {
		name string
		cat  *roles.Catalog
	}{
		{"built-in templates", catalog(t)},
		{"no KPIs", &roles.Catalog{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := configFile("Acme: yes", "no", tc.cat)
			c, err := library.ParseConfig(library.ConfigFile, src)
			if err != nil {
				t.Fatalf("sopctl reads init's sopctl.yaml with %v:\n%s", err, src)
			}
			if c.Title != "Acme: yes" || c.Organization != "no" {
				t.Errorf("title %q, organization %q read back", c.Title, c.Organization)
			}
			kpis := map[string]string{}
			for _, k := range tc.cat.KPIs() {
				kpis[k.ID] = k.Name
			}
			if got := c.KPINames(); !reflect.DeepEqual(got, kpis) {
				t.Errorf("kpis read back as %v, want the catalog's %v", got, kpis)
			}
			var root yaml.Node
			if err := yaml.Unmarshal(src, &root); err != nil {
				t.Fatal(err)
			}
			m := root.Content[0]
			for i, k := range library.ConfigKeys() {
				if 2*i >= len(m.Content) || m.Content[2*i].Value != k.Name {
					t.Errorf("key %d of init's sopctl.yaml is not %s (the table's order):\n%s", i, k.Name, src)
					continue
				}
				if k.Hint != "" && !bytes.Contains(src, []byte("# "+k.Hint+"\n")) {
					t.Errorf("%s's hint %q is not beside it:\n%s", k.Name, k.Hint, src)
				}
				if k.Name == "title" || k.Name == "organization" || k.Name == "kpis" {
					continue
				}
				var got, want any
				if err := m.Content[2*i+1].Decode(&got); err != nil {
					t.Fatal(err)
				}
				if k.Default != nil {
					b, _ := yaml.Marshal(k.Default)
					_ = yaml.Unmarshal(b, &want)
				} else {
					want = ""
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %v, want its default %v", k.Name, got, want)
				}
			}
			if n := len(library.ConfigKeys()); len(m.Content) != 2*n {
				t.Errorf("init's sopctl.yaml has %d keys, the table %d:\n%s", len(m.Content)/2, n, src)
			}
		})
	}
}
