package rendertest

import (
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
)

// The libraries the writers' tests render, as paths from a writer's
// package folder (pkg/render/html, pkg/render/markdown).
const (
	SmallDir   = "../testdata/small"
	XSSDir     = "../testdata/xss"
	ExampleDir = "../../../examples/customer-service"
	// FilesDir links to images and a PDF form of its own, and to files
	// that are not copied (missing, a folder, sopctl.yaml, outside).
	FilesDir = "../testdata/files"
)

// XSSHistory is a git history of the xss library (pkg/render/testdata/xss)
// whose author and subject are markup and script. commit is the commit
// id: markup for a writer that must escape it, hex for one that shows it
// verbatim as git does.
func XSSHistory(commit string) gitlog.History {
	return gitlog.History{"sops/evil/x-1.md": {{
		Commit:  commit,
		Author:  "<img src=x onerror=alert(1)>",
		Date:    time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC),
		Subject: "</script><script>alert(1)</script> javascript:alert(1)",
	}}}
}

// Lib is a library a writer's tests render: a name for subtests, its
// folder and its history.
type Lib struct {
	Name, Dir string
	History   gitlog.History
}

// WriterLibs are the small, example and xss libraries, xss with the
// writer's xss history.
func WriterLibs(xss gitlog.History) []Lib {
	return []Lib{{"small", SmallDir, SmallHistory()}, {"example", ExampleDir, gitlog.History{}}, {"xss", XSSDir, xss}}
}

// RendersAlike renders the library at dir twice with w and fails the test
// when the two renders differ, in their files or their warnings. It
// returns the first.
func RendersAlike(t testing.TB, dir string, history gitlog.History, w Writer) (map[string][]byte, []render.Warning) {
	t.Helper()
	a, wa := Bundle(t, dir, history, w)
	b, wb := Bundle(t, dir, history, w)
	SameRenders(t, a, b, wa, wb)
	return a, wa
}

// TitleLibrary writes a library for the tests of the title-H1 rule: SOP
// alpha, titled Alpha, with body after its front matter, and SOP b, which
// links to alpha.md#alpha.
func TitleLibrary(t testing.TB, body string) string {
	t.Helper()
	return LibraryFiles(t, map[string]string{
		"sopctl.yaml":   "title: T\n",
		"sops/alpha.md": "---\nid: alpha\ntitle: Alpha\nversion: \"1\"\nstatus: draft\nowner: O\n---\n" + body,
		"sops/b.md":     SOPFile("b", "", "[to](alpha.md#alpha)\n"),
	})
}

// RoleNamedUnassignedLibrary writes a library whose sopctl.yaml names a
// role "unassigned" (a valid id, once also the id of render's group of
// SOPs with no role), held by SOP a, beside SOP b, which has no role.
func RoleNamedUnassignedLibrary(t testing.TB) string {
	t.Helper()
	return LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\nroles:\n  unassigned: Floating Staff\n",
		"sops/a.md":   SOPFile("a", "roles: [unassigned]\n", "## Procedure\n\n1. Do.\n"),
		"sops/b.md":   SOPFile("b", "", "## Procedure\n\n1. Do.\n"),
	})
}

// ProcedureLibrary writes a library of one SOP, a, whose Procedure is
// the one step given (after "1. ").
func ProcedureLibrary(t testing.TB, step string) string {
	t.Helper()
	return LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   SOPFile("a", "", "## Procedure\n\n1. "+step+"\n"),
	})
}
