package scaffold

import (
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

// FuzzAddRole checks the byte-level roles: edit on arbitrary front matter:
// it never panics, and whenever it succeeds the result parses, lists the
// role last and changes no other field (addRole verifies; this checks the
// verification by parsing again).
func FuzzAddRole(f *testing.F) {
	for _, front := range []string{
		"roles: [a, b] # c\n", "roles: []\n", "roles:\n  - a\n", "roles:\n", "roles: ~\n", "id: x\n",
		"roles: [\n  a,\n]\n", "roles: ['a]', \"b\"]\n", "roles:\n- a\n  # c\ntags: [x]\n",
	} {
		f.Add("---\n" + front + "---\nbody\n")
		f.Add("\xef\xbb\xbf---\r\n" + front + "---\r\n")
	}
	f.Fuzz(func(t *testing.T, src string) {
		defer testlib.Budget(t, len(src))()
		doc, err := sop.Parse("x.md", []byte(src))
		if err != nil {
			return
		}
		data, err := addRole(doc, "new-role")
		if err != nil {
			return
		}
		after, err := sop.Parse("x.md", data)
		if err != nil {
			t.Fatalf("edited file does not parse: %v\n%q", err, data)
		}
		if got := after.Meta.Roles.Strings(); !slices.Equal(got, append(doc.Meta.Roles.Strings(), "new-role")) {
			t.Fatalf("roles = %q", got)
		}
		if texts(withoutRoles(doc.Meta)) != texts(withoutRoles(after.Meta)) {
			t.Fatalf("other fields changed:\n%q\n%q", src, data)
		}
	})
}

func withoutRoles(m sop.Meta) sop.Meta {
	m.Roles = sop.List{}
	return m
}
