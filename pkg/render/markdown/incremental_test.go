package markdown_test

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An incremental render gives the same bundle as a full one, byte for
// byte, whatever changed in between; it reuses the files the change does
// not touch.
func TestIncremental(t *testing.T) {
	rendertest.IncrementalPrint(t, write, ".md", []string{"README.md", "SUMMARY.md", "roles/agent.md", "kpis.md"}, []string{"roles/agent-handbook.md", "handbook.md"})
}

// The example library, with the next review and its being overdue
// changing with today's date, and a body edited.
func TestIncrementalExample(t *testing.T) {
	rendertest.IncrementalExample(t, write, "sops/complaint-resolution.md", "README.md")
}

// The same, loading as sopctl render does: summaries, and the SOPs that
// did not change taken from the previous render's cache.
func TestIncrementalCached(t *testing.T) {
	rendertest.IncrementalPrintCached(t, write, ".md", []string{"README.md", "SUMMARY.md", "roles/agent.md", "kpis.md"}, []string{"roles/agent-handbook.md", "handbook.md"})
}

func TestIncrementalExampleCached(t *testing.T) {
	rendertest.IncrementalExampleCached(t, write, "sops/complaint-resolution.md", "README.md")
}
