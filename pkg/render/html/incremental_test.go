package html_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An incremental render gives the same bundle as a full one, byte for
// byte, whatever changed in between; it reuses the files the change does
// not touch.
func TestIncremental(t *testing.T) {
	rendertest.IncrementalPrint(t, write, ".html", []string{"index.html", "roles/agent.html", "kpis.html", "assets/nav-agent.js", "assets/style.css"}, []string{"roles/agent-handbook.html", "assets/search-index.js"})
}

// The example library, with the next review and its being overdue
// changing with today's date, and a body edited.
func TestIncrementalExample(t *testing.T) {
	rendertest.IncrementalExample(t, write, "sops/complaint-resolution.html", "index.html")
}

// As sopctl render loads for HTML: summaries, each SOP file that has not
// changed taken from the previous render's cache; and whatever happened
// to the cache, the same bundle.
func TestIncrementalCached(t *testing.T) {
	rendertest.IncrementalPrintCached(t, write, ".html", []string{"index.html", "roles/agent.html", "kpis.html", "assets/nav-agent.js", "assets/style.css"}, []string{"roles/agent-handbook.html", "assets/search-index.js"})
}

func TestIncrementalExampleCached(t *testing.T) {
	rendertest.IncrementalExampleCached(t, write, "sops/complaint-resolution.html", "index.html")
}
