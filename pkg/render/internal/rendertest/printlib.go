package rendertest

import (
	"strconv"
	"testing"
)

// PrintLibrary writes a library for the tests of the printable handbooks,
// holding at most max SOPs to a handbook file: five SOPs, a (delta),
// b (Alpha, a draft, in both roles), c (alpha), d (Charlie) and e (Echo,
// of no known role), in the roles agent (Agent: b, c, a by title) and
// lead (Team Lead: b, d). a links to b's Steps and to c; b to c's Steps;
// d to b.
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
		"sops/d.md":   sop("d", "Charlie", "approved", "roles: [lead]\n", "See [b](b.md)."),
		"sops/e.md":   sop("e", "Echo", "review", "", "Do it."),
	})
}
