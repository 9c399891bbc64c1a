package render_test

import (
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/templates"
)

// now is the fixed "today" of the render tests.
var now = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

// smallHistory is a fabricated git history: one revision of one file, to
// exercise the revision table (with characters that need escaping).
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

// load loads the library at dir and resolves it as sopctl render does:
// role titles from the built-in templates and sopctl.yaml.
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

// loadSmall loads testdata/small: six SOPs in two sub-folders.
func loadSmall(t testing.TB) (*render.Handbook, *library.Library) {
	t.Helper()
	return load(t, "testdata/small", smallHistory())
}
