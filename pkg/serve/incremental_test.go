package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
)

// incrSOP is an SOP file with the given id, title, roles, related ids and
// body links.
func incrSOP(id, title, roles, related, body string) string {
	return fmt.Sprintf(`---
id: %s
title: %s
version: "1.0"
status: draft
owner: Ops Manager
roles: [%s]
related: [%s]
---

# %[2]s

## Purpose
Why.

## Scope
Who.

## Procedure
1. Do it. %[5]s
`, id, title, roles, related, body)
}

var incrLibrary = map[string]string{
	"sopctl.yaml":        "title: H\n",
	"sops/a.md":          incrSOP("a", "Alpha", "agent", "b", "See [B](b.md#procedure)."),
	"sops/b.md":          incrSOP("b", "Beta", "agent, lead", "", ""),
	"sops/c.md":          incrSOP("c", "Gamma", "lead", "", "See [D](sub/d.md)."),
	"sops/sub/d.md":      incrSOP("d", "Delta", "", "a", ""),
	"sops/e.md":          incrSOP("e", "Epsilon", "agent", "", "See [new](new.md) and ![Flow](flow.png)."),
	"sops/flow.png":      "PNG",
	"sops/f.md":          incrSOP("f", "Phi", "lead", "", ""),
	"sops/bad.md":        "---\nid: [\n---\n",
	"sops/_private.md":   "# not an SOP\n",
	"sops/sub/README.md": "# Folder\n",
}

// loadIncr makes the Input from a library as serve's caller does.
func loadIncr(lib *library.Library) *Input {
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	roles := map[string]string{"agent": "Agent", "lead": "Lead"}
	return &Input{Lib: lib, Handbook: render.Build(lib, roles, gitlog.History{}, now),
		Findings: lint.Run(lib, lint.Options{Now: now, Roles: []string{"agent", "lead"}})}
}

// TestIncrementalEqualsFull checks the reload that renders only what a
// change touches: after each edit, every served file is byte for byte what
// a full load and render of the edited library serves.
func TestIncrementalEqualsFull(t *testing.T) {
	tests := []struct {
		name    string
		write   map[string]string
		remove  []string
		partial bool // fewer SOP pages than all are rendered again
	}{
		{name: "body", write: map[string]string{"sops/f.md": incrSOP("f", "Phi", "lead", "", "More.")}, partial: true},
		{name: "title", write: map[string]string{"sops/b.md": incrSOP("b", "Bravo", "agent, lead", "", "")}, partial: true},
		{name: "id", write: map[string]string{"sops/b.md": incrSOP("bb", "Beta", "agent, lead", "", "")}},
		{name: "heading removed", write: map[string]string{"sops/b.md": "---\nid: b\ntitle: Beta\nversion: \"1.0\"\nstatus: draft\nowner: X\n---\n\n# Beta\n\nNo sections.\n"}},
		{name: "link added", write: map[string]string{"sops/f.md": incrSOP("f", "Phi", "lead", "", "See [A](a.md).")}, partial: true},
		{name: "link removed", write: map[string]string{"sops/c.md": incrSOP("c", "Gamma", "lead", "", "")}, partial: true},
		{name: "related added", write: map[string]string{"sops/f.md": incrSOP("f", "Phi", "lead", "e", "")}, partial: true},
		{name: "file added", write: map[string]string{"sops/new.md": incrSOP("new", "New", "agent", "", "")}, partial: true},
		{name: "file removed", remove: []string{"sops/b.md"}, partial: true},
		{name: "last unassigned removed", remove: []string{"sops/sub/d.md"}},
		{name: "role changed", write: map[string]string{"sops/f.md": incrSOP("f", "Phi", "agent", "", "")}, partial: true},
		{name: "two roles changed", write: map[string]string{"sops/c.md": incrSOP("c", "Gamma", "agent", "", "See [D](sub/d.md)."), "sops/f.md": incrSOP("f", "Phi", "agent", "", "")}},
		{name: "breaks", write: map[string]string{"sops/a.md": "---\nid: [\n---\n"}},
		{name: "fixed", write: map[string]string{"sops/bad.md": incrSOP("bad", "Bad", "", "", "")}},
		{name: "duplicate id after", write: map[string]string{"sops/z.md": incrSOP("f", "Zed", "lead", "", "")}, partial: true},
		{name: "duplicate id", write: map[string]string{"sops/0.md": incrSOP("f", "Zero", "lead", "", "")}},
		{name: "retired", write: map[string]string{"sops/b.md": "---\nid: b\ntitle: Beta\nversion: \"1.0\"\nstatus: retired\nowner: X\n---\n\n# Beta\n"}},
		// A file an SOP links to that became a folder is plain text on its
		// page (lint, which finds it still there, says nothing new), even
		// when only another SOP changed.
		{name: "linked file became a folder", remove: []string{"sops/flow.png"},
			write: map[string]string{"sops/flow.png/x.txt": "x", "sops/f.md": incrSOP("f", "Phi", "lead", "", "More.")}},
		{name: "supersedes", write: map[string]string{"sops/f.md": "---\nid: f\ntitle: Phi\nversion: \"1.0\"\nstatus: draft\nowner: X\nsupersedes: [b]\n---\n\n# Phi\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testlib.WriteTree(t, dir, incrLibrary)
			lib, err := library.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			prev, err := buildSite(loadIncr(lib), nil)
			if err != nil {
				t.Fatal(err)
			}
			changed := map[string]bool{}
			for _, p := range tt.remove {
				changed[p] = true
				if err := os.Remove(filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			testlib.WriteTree(t, dir, tt.write)
			for p := range tt.write {
				changed[p] = true
			}
			newLib, err := library.Reload(context.Background(), lib, changed)
			if err != nil {
				t.Fatal(err)
			}
			in := loadIncr(newLib)
			stale := stalePages(prev, in, findingsByPath(in.Findings))
			got, err := buildSite(in, prev)
			if err != nil {
				t.Fatal(err)
			}
			fullLib, err := library.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			want, err := buildSite(loadIncr(fullLib), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range sortedKeys(want.files, got.files) {
				if g, w := got.files[name], want.files[name]; string(g) != string(w) {
					t.Errorf("%s differs from a full render: %s", name, testlib.FirstDiff(g, w))
				}
			}
			if tt.partial && (stale == nil || len(stale) >= len(in.Handbook.SOPs)) {
				t.Errorf("rendered again %v of %d SOPs: want fewer than all", stale, len(in.Handbook.SOPs))
			}
		})
	}
}

func sortedKeys(ms ...map[string][]byte) []string {
	var keys []string
	for _, m := range ms {
		for k := range m {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// A reload calls Reload with what changed after a good load, and Load
// after a failed one, whose changes the last good site lacks.
func TestReloadFallsBackAfterError(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, incrLibrary)
	full := load(dir)
	var calls []string
	fail := false
	cfg := Config{ErrOut: io.Discard,
		Load: func(ctx context.Context) (*Input, error) {
			calls = append(calls, "load")
			return full(ctx)
		},
		Reload: func(ctx context.Context, prev *Input, changed []string) (*Input, error) {
			calls = append(calls, "reload "+strings.Join(changed, ","))
			if fail {
				return nil, errors.New("broken")
			}
			return full(ctx)
		}}
	in, err := full(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	s, err := buildSite(in, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(nil, s)
	s, f := reload(t.Context(), cfg, h, s, []string{"a"}, false)
	fail = true
	s, f = reload(t.Context(), cfg, h, s, []string{"b"}, f)
	fail = false
	s, f = reload(t.Context(), cfg, h, s, []string{"c"}, f)
	_, f = reload(t.Context(), cfg, h, s, []string{"d"}, f)
	if want := []string{"reload a", "reload b", "load", "reload d"}; !slices.Equal(calls, want) || f {
		t.Errorf("calls %q, full %v; want %q, false", calls, f, want)
	}
}

// A role page that continues over pages (roles/lead-2.html, for 1001
// SOPs) is kept whole by a reload that does not touch the role.
func TestIncrementalKeepsRolePages(t *testing.T) {
	if testing.Short() {
		t.Skip("1002 SOPs, rendered three times: skipped with -short")
	}
	files := map[string]string{"sopctl.yaml": "title: H\n", "sops/a.md": incrSOP("a", "Alpha", "agent", "", "")}
	for i := range render.ListPageSize + 1 {
		id := fmt.Sprintf("l%04d", i)
		files["sops/"+id+".md"] = incrSOP(id, "Lead "+id, "lead", "", "")
	}
	dir := t.TempDir()
	testlib.WriteTree(t, dir, files)
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := buildSite(loadIncr(lib), nil)
	if err != nil {
		t.Fatal(err)
	}
	testlib.WriteTree(t, dir, map[string]string{"sops/a.md": incrSOP("a", "Alpha", "agent", "", "More.")})
	newLib, err := library.Reload(context.Background(), lib, map[string]bool{"sops/a.md": true})
	if err != nil {
		t.Fatal(err)
	}
	got, err := buildSite(loadIncr(newLib), prev)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"roles/lead.html", "roles/lead-2.html"} {
		if len(got.files[name]) == 0 || string(got.files[name]) != string(prev.files[name]) {
			t.Errorf("%s is not the page the previous site had (%d bytes, was %d)", name, len(got.files[name]), len(prev.files[name]))
		}
	}
}
