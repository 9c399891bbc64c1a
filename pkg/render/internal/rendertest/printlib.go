package rendertest

import (
	"strconv"
	"strings"
	"testing"
)

// PrintLibrary writes a library for the tests of the printable handbooks,
// holding at most max SOPs to a handbook file: six SOPs, a (delta),
// b (Alpha, a draft, in both roles), c (alpha), d (Charlie), e (Echo,
// of no known role) and f (Foxtrot, retired), in the roles agent (Agent:
// b, c, a by title) and lead (Team Lead: b, d, and f, which is listed, not
// printed). a links to b's Steps and to c; b to c's Steps; d to b and to
// f's Steps.
func PrintLibrary(t testing.TB, max int) string {
	t.Helper()
	sop := func(id, title, status, roles, body string) string {
		return "---\nid: " + id + "\ntitle: " + title + "\nversion: \"1\"\nstatus: " + status + "\nowner: O\n" + roles +
			"---\n\n## Steps\n\n1. " + body + "\n"
	}
	return LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: Print Test\nhandbook_max_sops: " + strconv.Itoa(max) + "\nroles:\n  agent: Agent\n  lead: Team Lead\n",
		"sops/a.md":   sop("a", "delta", "approved", "roles: [agent]\n", "See [b](b.md#steps) and [c](c.md)."),
		"sops/b.md":   sop("b", "Alpha", "draft", "roles: [agent, lead]\n", "See [c](c.md#steps)."),
		"sops/c.md":   sop("c", "alpha", "approved", "roles: [agent]\n", "Do it."),
		"sops/d.md":   sop("d", "Charlie", "approved", "roles: [lead]\n", "See [b](b.md) and [f](f.md#steps)."),
		"sops/f.md":   sop("f", "Foxtrot", "retired", "roles: [lead]\n", "Do not."),
		"sops/e.md":   sop("e", "Echo", "review", "", "Do it."),
	})
}

// Pieces fails the test for each string of has that a bundle file's text
// lacks, and each of not that it holds.
func Pieces(t testing.TB, name, text string, has, not []string) {
	t.Helper()
	for _, s := range has {
		if !strings.Contains(text, s) {
			t.Errorf("%s has no %q", name, s)
		}
	}
	for _, s := range not {
		if strings.Contains(text, s) {
			t.Errorf("%s has %q", name, s)
		}
	}
}

// Absent fails the test for each of names that the bundle holds.
func Absent(t testing.TB, files map[string][]byte, names []string) {
	t.Helper()
	for _, name := range names {
		if _, ok := files[name]; ok {
			t.Errorf("%s written", name)
		}
	}
}
