package markdown_test

import (
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/markdown"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/templates"
)

const (
	smallDir   = "../testdata/small"
	xssDir     = "../testdata/xss"
	exampleDir = "../../../examples/customer-service"
)

// now is the fixed "today" of the render tests.
var now = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// smallHistory is a fabricated git history: one revision of one file.
func smallHistory() gitlog.History {
	return gitlog.History{
		"sops/service/complaint-handling.md": {{
			Commit:  "0123456789ab",
			Author:  "Ann <Tester> & Co",
			Date:    time.Date(2026, 11, 1, 14, 30, 0, 0, time.FixedZone("CET", 3600)),
			Subject: "Tighten the <b>steps</b> | add limits",
		}},
	}
}

// load loads the library at dir and resolves it as sopctl render does.
func load(t testing.TB, dir string, history gitlog.History) (*render.Handbook, *library.Library) {
	t.Helper()
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatalf("library.Load(%s): %v", dir, err)
	}
	for _, f := range lib.Failed {
		t.Fatalf("%s: %v", dir, f)
	}
	cat, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, tp := range cat.Templates() {
		if tp.Role {
			titles[tp.ID] = tp.Title
		}
	}
	for _, r := range lib.Config.Roles {
		titles[r.ID] = r.Name
	}
	return render.Build(lib, titles, history, now), lib
}

func options(lib *library.Library) markdown.Options {
	kpis := map[string]string{}
	for _, k := range lib.Config.KPIs {
		kpis[k.ID] = k.Name
	}
	return markdown.Options{KPINames: kpis}
}

// bundle renders the library at dir as Markdown.
func bundle(t testing.TB, dir string, history gitlog.History) (map[string][]byte, []render.Warning) {
	t.Helper()
	h, lib := load(t, dir, history)
	var files render.Files
	warns, err := markdown.Bundle(h, &files, options(lib))
	if err != nil {
		t.Fatalf("Bundle(%s): %v", dir, err)
	}
	return files.Map(), warns
}

// libraryFiles writes a library to a temporary folder: path -> content.
func libraryFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testlib.WriteTree(t, dir, files)
	return dir
}

// sopFile is a minimal valid SOP with the given id, extra front matter
// and body.
func sopFile(id, extra, body string) string {
	return "---\nid: " + id + "\ntitle: " + id + "\nversion: \"1\"\nstatus: draft\nowner: O\n" + extra + "---\n\n" + body
}
