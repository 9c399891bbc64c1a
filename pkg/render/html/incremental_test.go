package html_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An incremental render gives the same bundle as a full one, byte for
// byte, whatever changed in between; it reuses the files the change does
// not touch.
func TestIncremental(t *testing.T) {
	changes := rendertest.PrintChanges(".html", []string{"index.html", "roles/agent.html", "kpis.html", "assets/nav-agent.js", "assets/style.css"},
		[]string{"roles/agent-handbook.html", "assets/search-index.js"})
	for _, max := range []int{3, 100} {
		t.Run(map[int]string{3: "books", 100: "one-page"}[max], func(t *testing.T) {
			_, written := rendertest.Incremental(t, rendertest.PrintLibrary(t, max), gitlog.History{}, write, changes)
			if written["nothing"] != 0 {
				t.Errorf("with nothing changed, the incremental render wrote %d files", written["nothing"])
			}
		})
	}
}

// The next review and its being overdue change with today's date: the
// pages that show them are made anew.
func TestIncrementalToday(t *testing.T) {
	changes := []rendertest.Change{
		{Name: "a day", Days: 1, Kept: []string{"sops/complaint-resolution.html", "index.html"}},
		{Name: "two years", Days: 800, Made: []string{"sops/complaint-resolution.html", "index.html"}},
	}
	rendertest.Incremental(t, exampleDir, gitlog.History{}, write, changes)
}
