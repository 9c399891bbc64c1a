package render_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// stageKeyed writes files (name -> key) into a Stage for t, each file's
// content its name, reusing what the previous output gives; it returns
// the committed Stage and the names it reused.
func stageKeyed(t *testing.T, target render.Target, files map[string]string) (*render.Stage, []string) {
	t.Helper()
	s, err := render.NewStage(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	var reused []string
	for name, key := range files {
		ok, err := render.Reuse(s, key)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			reused = append(reused, name)
			continue
		}
		if err := render.WriteKeyed(s, name, key, []byte(name+" "+key)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	return s, reused
}

// A Stage reuses a previous file only when the previous output's
// manifest lists it with the same key and can be trusted; otherwise it
// says why in its Note, and the files are made anew.
func TestStageReuse(t *testing.T) {
	v1 := map[string]string{"index.html": "k1", "sops/a.html": "ka", "sops/b.html": "kb"}
	v2 := map[string]string{"index.html": "k2", "sops/a.html": "ka", "sops/b.html": "kb"}
	tests := []struct {
		name   string
		full   bool
		damage func(t *testing.T, site string)
		reused int
		note   string
	}{
		{name: "same keys", reused: 2},
		{name: "full", full: true},
		{name: "no manifest", damage: func(t *testing.T, site string) { os.Remove(filepath.Join(site, render.ManifestFile)) }},
		{name: "not JSON", damage: rewrite(func(string) string { return "{" }), note: "it is not valid JSON"},
		{name: "other version", damage: rewrite(func(m string) string { return strings.Replace(m, `"version":1`, `"version":2`, 1) }),
			note: "it has version 2, not 1"},
		{name: "other build", damage: rewrite(func(m string) string { return strings.Replace(m, `"build":"`, `"build":"x`, 1) }),
			note: "another build of sopctl made it"},
		{name: "hand edit", damage: rewrite(func(m string) string { return strings.Replace(m, `"ka"`, `"kb"`, 1) }),
			note: "it was changed after sopctl wrote it"},
		{name: "file gone", damage: func(t *testing.T, site string) { os.Remove(filepath.Join(site, "sops/a.html")) }, reused: 1},
		{name: "symlink planted", damage: func(t *testing.T, site string) {
			p := filepath.Join(site, "sops/a.html")
			os.Remove(p)
			if err := os.Symlink("/etc/passwd", p); err != nil {
				t.Skip(err)
			}
		}, reused: 1},
		{name: "symlink inside planted", damage: plant(func(p string) error { return os.Symlink("../index.html", p) }), reused: 1},
		{name: "named pipe planted", damage: plant(mkfifo), reused: 1},
		{name: "folder planted", damage: plant(func(p string) error { return os.Mkdir(p, 0o755) }), reused: 1},
		{name: "folder symlinked outside", damage: func(t *testing.T, site string) {
			// site/sops leads to a folder beside site, outside it, with
			// files of the same names: none of them is taken (SPEC 7).
			other := filepath.Join(filepath.Dir(site), "other")
			if err := os.Rename(filepath.Join(site, "sops"), other); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("../other", filepath.Join(site, "sops")); err != nil {
				t.Skip(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, _ := fakeLib(t)
			stageKeyed(t, target, v1)
			if tt.damage != nil {
				tt.damage(t, target.Dir)
			}
			target.Full = tt.full
			s, _ := stageKeyed(t, target, v2)
			if s.Reused() != tt.reused {
				t.Errorf("reused %d files, want %d", s.Reused(), tt.reused)
			}
			if !strings.Contains(s.Note(), tt.note) || (tt.note == "") != (s.Note() == "") {
				t.Errorf("note %q, want one saying %q", s.Note(), tt.note)
			}
			got := tree(t, target.Dir)
			for name, key := range v2 {
				if got[name] != name+" "+key && got[name] != name+" "+v1[name] {
					t.Errorf("%s holds %q", name, got[name])
				}
				if fi, err := os.Lstat(filepath.Join(target.Dir, name)); err != nil || !fi.Mode().IsRegular() {
					t.Errorf("%s is not a regular file (%v)", name, err)
				}
			}
			if _, ok := got[render.ManifestFile]; !ok {
				t.Errorf("no %s", render.ManifestFile)
			}
		})
	}
}

// plant replaces the previous output's sops/a.html with what make makes
// at its path.
func plant(make func(p string) error) func(t *testing.T, site string) {
	return func(t *testing.T, site string) {
		p := filepath.Join(site, "sops/a.html")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		if err := make(p); err != nil {
			t.Skip(err)
		}
	}
}

// rewrite changes the manifest of the output folder site.
func rewrite(f func(string) string) func(t *testing.T, site string) {
	return func(t *testing.T, site string) {
		p := filepath.Join(site, render.ManifestFile)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Two renders of the same files write the same manifest, and a Stage that
// is given no keys writes none.
func TestManifestDeterministic(t *testing.T) {
	files := map[string]string{"index.html": "k1", "sops/a.html": "ka", "sops/b.html": "kb", "x/\"q\".html": "kq"}
	var manifests []string
	for _, full := range []bool{true, false} {
		target, _ := fakeLib(t)
		target.Full = full
		stageKeyed(t, target, files)
		manifests = append(manifests, tree(t, target.Dir)[render.ManifestFile])
	}
	if manifests[0] != manifests[1] || manifests[0] == "" {
		t.Errorf("two manifests of the same files differ:\n%s\n%s", manifests[0], manifests[1])
	}
	target, _ := fakeLib(t)
	if err := render.Write(t.Context(), target, bundleA); err != nil {
		t.Fatal(err)
	}
	if _, ok := tree(t, target.Dir)[render.ManifestFile]; ok {
		t.Errorf("Write of files with no key wrote a manifest")
	}
}

// Reuse puts a previous file in place by a hard link, the same file;
// where the link fails (across file systems, or on one that makes no
// links) by a copy of it, but never a copy of a symlink or of anything
// but a regular file.
func TestReuseWithoutLinks(t *testing.T) {
	files := map[string]string{"index.html": "k1", "sops/a.html": "ka"}
	exdev := &fs.PathError{Op: "linkat", Path: "sops/a.html", Err: syscall.EXDEV}
	tests := []struct {
		name     string
		linkErr  error
		damage   func(t *testing.T, site string)
		reused   int
		sameFile bool
	}{
		{name: "linked", reused: 2, sameFile: true},
		{name: "copied", linkErr: exdev, reused: 2},
		{name: "symlink not copied", linkErr: exdev, reused: 1,
			damage: plant(func(p string) error { return os.Symlink("../index.html", p) })},
		{name: "named pipe not copied", linkErr: exdev, reused: 1, damage: plant(mkfifo)},
		{name: "folder not copied", linkErr: exdev, reused: 1, damage: plant(func(p string) error { return os.Mkdir(p, 0o755) })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, _ := fakeLib(t)
			stageKeyed(t, target, files)
			a := filepath.Join(target.Dir, "sops/a.html")
			before, err := os.Stat(a)
			if err != nil {
				t.Fatal(err)
			}
			if tt.damage != nil {
				tt.damage(t, target.Dir)
			}
			if tt.linkErr != nil {
				render.FailLinks(t, tt.linkErr)
			}
			s, _ := stageKeyed(t, target, files)
			if s.Reused() != tt.reused {
				t.Errorf("reused %d files, want %d", s.Reused(), tt.reused)
			}
			after, err := os.Lstat(a)
			if err != nil || !after.Mode().IsRegular() {
				t.Fatalf("sops/a.html is not a regular file (%v)", err)
			}
			if got := tree(t, target.Dir)["sops/a.html"]; got != "sops/a.html ka" {
				t.Errorf("sops/a.html holds %q", got)
			}
			if os.SameFile(before, after) != tt.sameFile {
				t.Errorf("sops/a.html is the previous file: %v, want %v", !tt.sameFile, tt.sameFile)
			}
		})
	}
}

// A previous file replaced by a symlink while the render runs, after the
// previous folder was listed, is never published: the render fails and
// the previous output stays, or (where each link is checked as it is
// made) the file is made anew.
func TestReuseReplacedWhileRendering(t *testing.T) {
	files := map[string]string{"index.html": "k1", "sops/a.html": "ka", "sops/b.html": "kb"}
	target, _ := fakeLib(t)
	stageKeyed(t, target, files)
	secret := filepath.Join(filepath.Dir(target.Dir), "secret")
	if err := os.WriteFile(secret, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := render.NewStage(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := render.Reuse(s, "ka"); !ok || err != nil { // lists sops/
		t.Fatalf("Reuse(ka) = %t, %v", ok, err)
	}
	b := filepath.Join(target.Dir, "sops", "b.html")
	if err := os.Remove(b); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, b); err != nil {
		t.Skip(err)
	}
	if ok, err := render.Reuse(s, "kb"); err != nil {
		t.Fatal(err)
	} else if !ok {
		if err := render.WriteKeyed(s, "sops/b.html", "kb", []byte("b")); err != nil {
			t.Fatal(err)
		}
	}
	if err := render.WriteKeyed(s, "index.html", "k2", []byte("index")); err != nil {
		t.Fatal(err)
	}
	err = s.Commit()
	if fi, lerr := os.Lstat(b); lerr != nil || fi.Mode()&fs.ModeSymlink != 0 && err == nil {
		t.Fatalf("sops/b.html published as %v (%v), Commit: %v", fi.Mode(), lerr, err)
	}
	if err != nil {
		if !strings.Contains(err.Error(), "sops/b.html") || !strings.Contains(err.Error(), "render again") {
			t.Errorf("Commit: %v, want one naming sops/b.html", err)
		}
		if got := tree(t, target.Dir)["index.html"]; got != "index.html k1" {
			t.Errorf("the previous output's index.html holds %q: it did not stay", got)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(target.Dir), ".*.sopctl-new-*")); len(left) > 0 {
			t.Errorf("left %v", left)
		}
	}
}
