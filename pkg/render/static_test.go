package render_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

func TestCopyStatic(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string // under the library, slash paths
		link      string            // static/out, a symlink to this (relative to static)
		generated []string          // already in the bundle
		want      []string          // bundle names after the copy, when no error
		err       string
	}{
		{name: "no static folder", want: nil},
		{name: "copied at the root", files: map[string]string{"static/CNAME": "example.com", "static/img/logo.png": "png", "static/custom.css": "b{}"},
			generated: []string{"index.html", "assets/style.css"},
			want:      []string{"CNAME", "assets/style.css", "custom.css", "img/logo.png", "index.html"}},
		{name: "beside generated assets", files: map[string]string{"static/assets/logo.svg": "<svg/>"},
			generated: []string{"assets/style.css"}, want: []string{"assets/logo.svg", "assets/style.css"}},
		{name: "a generated page", files: map[string]string{"static/index.html": "x"}, generated: []string{"index.html"},
			err: "static/index.html would overwrite the generated index.html: rename or remove it"},
		{name: "a generated asset", files: map[string]string{"static/assets/style.css": "x"}, generated: []string{"assets/style.css"},
			err: "static/assets/style.css would overwrite the generated assets/style.css"},
		{name: "the marker", files: map[string]string{"static/" + render.Marker: "x"},
			err: "static/.sopctl-output would overwrite the file sopctl marks its output with"},
		{name: "the manifest", files: map[string]string{"static/" + render.ManifestFile: "{}"},
			err: "static/.sopctl-manifest.json has the name of a file sopctl makes in its output folder (.sopctl-manifest.json): rename or remove it"},
		{name: "the cache", files: map[string]string{"static/" + render.CacheFile: "x"},
			err: "static/.sopctl-cache has the name of a file sopctl makes in its output folder (.sopctl-cache): rename or remove it"},
		{name: "a cache's name below the root is the user's", files: map[string]string{"static/img/" + render.CacheFile: "x"},
			want: []string{"img/.sopctl-cache"}},
		{name: "link inside the library", files: map[string]string{"static/a.css": "", "notes/b.txt": "b"}, link: "../notes/b.txt",
			want: []string{"a.css", "out"}},
		{name: "link outside the library", files: map[string]string{"static/a.css": ""}, link: "../../outside.txt",
			err: "static/out is a symbolic link leading outside the library or to nothing"},
		{name: "link to nothing", files: map[string]string{"static/a.css": ""}, link: "gone",
			err: "static/out is a symbolic link leading outside the library or to nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top := t.TempDir()
			if err := os.WriteFile(filepath.Join(top, "outside.txt"), []byte("secret"), 0o644); err != nil {
				t.Fatal(err)
			}
			lib := filepath.Join(top, "lib")
			for name, body := range tt.files {
				p := filepath.Join(lib, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(lib, 0o755); err != nil {
				t.Fatal(err)
			}
			if tt.link != "" {
				if err := os.Symlink(tt.link, filepath.Join(lib, "static", "out")); err != nil {
					t.Skip("no symlinks:", err)
				}
			}
			root, err := os.OpenRoot(lib)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			var out render.Files
			for _, g := range tt.generated {
				if err := out.WriteFile(g, []byte("generated")); err != nil {
					t.Fatal(err)
				}
			}
			err = render.CopyStatic(root, "static", &out)
			if tt.err != "" {
				var se *render.StaticError
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) || !errors.As(err, &se) {
					t.Fatalf("CopyStatic() = %v, want a *StaticError %s...", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := out.Map()
			if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, tt.want) {
				t.Errorf("bundle = %q, want %q", names, tt.want)
			}
			for name, body := range tt.files {
				if rel, ok := strings.CutPrefix(name, "static/"); ok && string(got[rel]) != body {
					t.Errorf("%s = %q, want %q", rel, got[rel], body)
				}
			}
		})
	}
}
