package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ name, src, front, body string }{
		{"front matter", "---\nid: a\n---\n# A\n", "id: a", "# A\n"},
		{"empty front matter", "---\n\n---\nbody", "", "body"},
		{"no front matter", "# A\n---\nx\n", "", "# A\n---\nx\n"},
		{"unclosed", "---\nid: a\n# A\n", "", "---\nid: a\n# A\n"},
		{"empty", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			front, body := split([]byte(tc.src))
			if string(front) != tc.front || string(body) != tc.body {
				t.Errorf("split(%q) = %q, %q; want %q, %q", tc.src, front, body, tc.front, tc.body)
			}
		})
	}
}

// run reads every SOP of a generated library, and with an output folder
// writes one page per SOP; a file whose YAML does not parse is an error
// that names it.
func TestRun(t *testing.T) {
	const n = 30
	lib := t.TempDir()
	if err := testlib.GenerateSized(lib, n, 1, testlib.SOPSize); err != nil {
		t.Fatal(err)
	}
	sops := filepath.Join(lib, "sops")
	files, nodes, err := run(sops, "")
	if err != nil || files != n || nodes < 100*n {
		t.Fatalf("lint: %d files, %d nodes, %v; want %d files, 100+ nodes each", files, nodes, err, n)
	}
	out := filepath.Join(t.TempDir(), "out")
	if files, _, err := run(sops, out); err != nil || files != n {
		t.Fatalf("render: %d files, %v", files, err)
	}
	pages, err := filepath.Glob(filepath.Join(out, "sop-*.html"))
	if err != nil || len(pages) != n {
		t.Fatalf("render wrote %d pages (%v), want %d", len(pages), err, n)
	}
	page, err := os.ReadFile(pages[0])
	if err != nil || !strings.Contains(string(page), "<h2>Procedure</h2>") {
		t.Errorf("%s holds no Procedure heading (%v):\n%s", pages[0], err, page)
	}
	bad := filepath.Join(sops, "bad.md")
	if err := os.WriteFile(bad, []byte("---\nid: [a\n---\n# Bad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := run(sops, ""); err == nil || !strings.Contains(err.Error(), "bad.md") {
		t.Errorf("run over a file with broken YAML: %v, want an error naming bad.md", err)
	}
}
