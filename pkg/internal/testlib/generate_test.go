package testlib

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

var mdLink = regexp.MustCompile(`\]\(([^)#\s]+\.md)(#[^)\s]*)?\)`)

func TestGenerate(t *testing.T) {
	const n = 50
	dir := t.TempDir()
	if err := Generate(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatalf("Load() error = %v", err)
	}
	if len(lib.Failed) != 0 {
		t.Fatalf("Failed = %v", lib.Failed)
	}
	if len(lib.Docs) != n {
		t.Fatalf("%d docs, want %d", len(lib.Docs), n)
	}
	for _, k := range KPIs {
		if name, ok := lib.Config.KPI(k.ID); !ok || name != k.Name {
			t.Errorf("config KPI %s = %q, %v", k.ID, name, ok)
		}
	}
	cat, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}

	statuses := map[string]int{}
	areas := map[string]bool{}
	links, size := 0, 0
	for _, d := range lib.Docs {
		areas[path.Dir(d.Path)] = true
		size += len(d.Src)
		statuses[d.Meta.Status.Text]++
		checkGeneratedMeta(t, lib, cat, d)
		links += checkGeneratedBody(t, lib, d)
		if strings.Contains(string(d.Src), "TODO") {
			t.Errorf("%s: holds a placeholder", d.Path)
		}
	}
	if statuses["approved"] < n/2 || statuses["approved"] == n {
		t.Errorf("statuses %v: want mostly approved, some others", statuses)
	}
	if len(areas) < 15 {
		t.Errorf("SOPs in %d folders, want about %d", len(areas), Areas)
	}
	if avg := size / n; avg < 2048 || avg > 4096 {
		t.Errorf("average SOP size %d bytes, want 2-4 KB", avg)
	}
	if links < n {
		t.Errorf("only %d links in %d SOPs", links, n)
	}
}

// checkGeneratedMeta checks a generated SOP's path and front matter: the
// id is the file stem in an area folder, the required fields are set, an
// approved SOP is approved, and roles, KPIs and related SOPs resolve.
func checkGeneratedMeta(t *testing.T, lib *library.Library, cat *roles.Catalog, d *sop.Doc) {
	t.Helper()
	m := d.Meta
	stem := strings.TrimSuffix(path.Base(d.Path), ".md")
	if len(d.Problems) != 0 {
		t.Errorf("%s: problems %v", d.Path, d.Problems)
	}
	if m.ID.Text != stem || !regexp.MustCompile(`^sops/area-\d\d$`).MatchString(path.Dir(d.Path)) {
		t.Errorf("%s: id %q, want the file stem, in sops/area-NN/", d.Path, m.ID.Text)
	}
	for f, v := range map[string]bool{"title": m.Title.Set, "version": m.Version.Set, "status": m.Status.Set, "owner": m.Owner.Set} {
		if !v {
			t.Errorf("%s: %s missing", d.Path, f)
		}
	}
	if m.Status.Text == "approved" && (!m.Approver.Set || !m.Effective.Set || !m.Reviewed.Set) {
		t.Errorf("%s: approved without approver, effective and reviewed", d.Path)
	}
	if len(m.Roles.Items) == 0 || len(m.KPIs.Items) == 0 || len(m.Tags.Items) == 0 {
		t.Errorf("%s: roles, kpis or tags empty", d.Path)
	}
	for _, r := range m.Roles.Strings() {
		if _, err := cat.Role(r); err != nil {
			t.Errorf("%s: role %s: %v", d.Path, r, err)
		}
	}
	for _, k := range m.KPIs.Strings() {
		if _, ok := lib.Config.KPI(k); !ok {
			t.Errorf("%s: kpi %s not in the config", d.Path, k)
		}
	}
	if len(m.Related.Items) < 1 || len(m.Related.Items) > 4 {
		t.Errorf("%s: %d related, want 1-4", d.Path, len(m.Related.Items))
	}
	for _, r := range m.Related.Strings() {
		got := lib.Lookup(r)
		if len(got) != 1 || r == m.ID.Text || got[0].Meta.Status.Text == "retired" {
			t.Errorf("%s: related %s resolves to %d docs (or to itself or a retired SOP)", d.Path, r, len(got))
		}
	}
}

// checkGeneratedBody checks a generated SOP's body: the title H1, the
// sections in order, 6-10 steps, and 1 or 2 links each to a related SOP's
// Procedure. It returns the number of links.
func checkGeneratedBody(t *testing.T, lib *library.Library, d *sop.Doc) int {
	t.Helper()
	m := d.Meta
	body := string(d.Body)
	if !strings.HasPrefix(body, "\n# "+m.Title.Text+"\n") {
		t.Errorf("%s: the H1 is not the title %q", d.Path, m.Title.Text)
	}
	last := -1
	for _, sec := range []string{"## Purpose\n", "## Scope\n", "## Responsibilities\n- **", "## Procedure\n1. ", "## Checklist\n- [ ] "} {
		at := strings.Index(body, sec)
		if at <= last {
			t.Errorf("%s: section %q missing or out of order", d.Path, sec)
		}
		last = at
	}
	proc := body[strings.Index(body, "## Procedure"):strings.Index(body, "## Checklist")]
	nSteps := len(regexp.MustCompile(`(?m)^\d+\. `).FindAllString(proc, -1))
	if nSteps < 6 || nSteps > 10 {
		t.Errorf("%s: %d steps, want 6-10", d.Path, nSteps)
	}
	found := mdLink.FindAllStringSubmatch(body, -1)
	if len(found) < 1 || len(found) > 2 {
		t.Errorf("%s: %d links, want 1 or 2", d.Path, len(found))
	}
	for _, l := range found {
		target := path.Join(path.Dir(d.Path), l[1])
		docs := lib.Lookup(strings.TrimSuffix(path.Base(target), ".md"))
		if len(docs) != 1 || docs[0].Path != target || l[2] != "#procedure" {
			t.Errorf("%s: link %s%s does not lead to an SOP's Procedure", d.Path, l[1], l[2])
		}
		if !slices.Contains(m.Related.Strings(), docs[0].Meta.ID.Text) {
			t.Errorf("%s: link %s is not to a related SOP", d.Path, l[1])
		}
	}
	return len(found)
}

func TestGenerateSmall(t *testing.T) {
	for _, n := range []int{0, 1, 2} {
		dir := t.TempDir()
		if err := Generate(dir, n, 7); err != nil {
			t.Fatal(err)
		}
		lib, err := library.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(lib.Docs) != n || len(lib.Failed) != 0 {
			t.Errorf("n=%d: %d docs, failed %v", n, len(lib.Docs), lib.Failed)
		}
		for _, d := range lib.Docs {
			if len(d.Problems) != 0 {
				t.Errorf("n=%d: %s: %v", n, d.Path, d.Problems)
			}
			for _, r := range d.Meta.Related.Strings() {
				if len(lib.Lookup(r)) != 1 || r == d.Meta.ID.Text {
					t.Errorf("n=%d: %s: related %s", n, d.Path, r)
				}
			}
		}
	}
	if err := Generate(t.TempDir(), -1, 1); err == nil {
		t.Error("Generate(n=-1) succeeded")
	}
}

func TestGenerateDeterministic(t *testing.T) {
	gen := func(seed int64) map[string][]byte {
		dir := t.TempDir()
		if err := Generate(dir, 50, seed); err != nil {
			t.Fatal(err)
		}
		return ReadTree(t, dir)
	}
	a, b, c := gen(42), gen(42), gen(43)
	if len(a) != 51 {
		t.Errorf("%d files, want 50 SOPs and sopctl.yaml", len(a))
	}
	if len(a) != len(b) {
		t.Fatalf("same seed: %d files, then %d", len(a), len(b))
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("same seed: %s differs", name)
		}
	}
	differs := false
	for name, content := range a {
		if name != "sopctl.yaml" && !bytes.Equal(content, c[name]) {
			differs = true
		}
	}
	if !differs {
		t.Errorf("seeds 42 and 43 gave the same SOPs")
	}
}

// GenerateSized only appends a Notes section: each SOP's bytes before it
// are Generate's, and the SOPs still load without problems.
func TestGenerateSized(t *testing.T) {
	const n = 200
	plain := t.TempDir()
	if err := Generate(plain, n, 1); err != nil {
		t.Fatal(err)
	}
	want := ReadTree(t, plain)
	for _, tc := range []struct {
		size           int
		minAvg, maxAvg int
		notes          bool
	}{
		{size: 0, minAvg: 2048, maxAvg: 3500},
		{size: 1000, minAvg: 2048, maxAvg: 3500}, // every SOP is longer already
		{size: 4096, minAvg: 4096, maxAvg: 4096 + 150, notes: true},
		{size: 16384, minAvg: 16384, maxAvg: 16384 + 150, notes: true},
	} {
		dir := t.TempDir()
		if err := GenerateSized(dir, n, 1, tc.size); err != nil {
			t.Fatal(err)
		}
		total := 0
		for name, got := range ReadTree(t, dir) {
			if name == "sopctl.yaml" {
				continue
			}
			total += len(got)
			if !bytes.HasPrefix(got, want[name]) {
				t.Errorf("size %d: %s does not begin with Generate's bytes", tc.size, name)
			}
			if hasNotes := bytes.Contains(got, []byte("\n## Notes\n")); hasNotes != tc.notes {
				t.Errorf("size %d: %s has a Notes section: %v, want %v", tc.size, name, hasNotes, tc.notes)
			}
		}
		if avg := total / n; avg < tc.minAvg || avg > tc.maxAvg {
			t.Errorf("size %d: average SOP %d bytes, want %d-%d", tc.size, avg, tc.minAvg, tc.maxAvg)
		}
		lib, err := library.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range lib.Docs {
			if len(d.Problems) != 0 {
				t.Errorf("size %d: %s: problems %v", tc.size, d.Path, d.Problems)
			}
		}
	}
}
