package fix_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/fix"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// b is the body of an SOP that lints clean but for what a test changes.
const b = "\n# A\n\n## Purpose\n\nWhy.\n\n## Scope\n\nWho.\n\n## Procedure\n\n1. Step.\n"

// fm is the front matter of such an SOP.
const fm = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: draft\nowner: Lead\n---\n"

// fixOnce lints sops/a.md (beside other, the library's other files) and
// fixes it, returning the fixed bytes and the rules fixed.
func fixOnce(t *testing.T, src string, other map[string]string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{"sopctl.yaml": "title: T\n", "sops/a.md": src}
	for k, v := range other {
		files[k] = v
	}
	testlib.WriteTree(t, dir, files)
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var doc *sop.Doc
	for _, d := range lib.Docs {
		if d.Path == "sops/a.md" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatalf("sops/a.md does not parse: %v", lib.Failed)
	}
	var fs []fix.Finding
	for _, f := range lint.Run(lib, lint.Options{}) {
		if f.Path == doc.Path {
			r, _ := lint.Rule(f.Rule)
			fs = append(fs, fix.Finding{Rule: f.Rule, Pos: sop.Pos{Line: f.Line, Col: f.Column}, Message: f.Message, Fix: r.Fixer})
		}
	}
	r := fix.File(&fix.Context{Doc: doc, Lib: lib, Today: "2026-01-02"}, fs)
	var rules []string
	for _, f := range r.Fixed {
		rules = append(rules, f.Rule)
	}
	return string(r.Data), rules
}

func TestFile(t *testing.T) {
	link := map[string]string{"sops/b.md": "---\nid: b\ntitle: B\nversion: \"1.0\"\nstatus: draft\nowner: Lead\nrelated: [a]\n---\n\n# B\n\n## Purpose\n\nWhy.\n\n## Step one\n\nx\n\n## Step two\n\ny\n"}
	tests := []struct {
		name, in, want string
		other          map[string]string
		rules          []string
	}{
		{"clean", fm + b, fm + b, nil, nil},
		{"rename", strings.Replace(fm, "owner:", "ownr:", 1) + b, fm + b, nil, []string{"unknown-field"}},
		{"rename, two candidates", strings.Replace(fm, "owner: Lead\n", "owner: Lead\ntole: x\n", 1) + b, strings.Replace(fm, "owner: Lead\n", "owner: Lead\ntole: x\n", 1) + b, nil, nil},
		{"a short key is no typo", strings.Replace(fm, "id: a\n", "to: x\n", 1) + b,
			strings.Replace(strings.Replace(fm, "id: a\n", "to: x\n", 1), "owner: Lead\n", "owner: Lead\nid: a\n", 1) + b, nil, []string{"missing-field"}},
		{"rename onto a present key", strings.Replace(fm, "owner: Lead\n", "owner: Lead\nownr: X\n", 1) + b,
			strings.Replace(fm, "owner: Lead\n", "owner: Lead\nownr: X\n", 1) + b, nil, nil},
		{"two renames to one key", strings.Replace(fm, "owner: Lead\n", "ownr: Lead\nowne: X\n", 1) + b,
			strings.Replace(fm, "owner: Lead\n", "owner: Lead\nowne: X\n", 1) + b, nil, []string{"unknown-field"}},
		{"version", strings.Replace(fm, `"1.0"`, "1.10 # c", 1) + b, strings.Replace(fm, `"1.0"`, `"1.10" # c`, 1) + b, nil, []string{"invalid-field"}},
		{"bad version string is left", strings.Replace(fm, `"1.0"`, "1.x", 1) + b, strings.Replace(fm, `"1.0"`, "1.x", 1) + b, nil, nil},
		{"missing owner", strings.Replace(fm, "owner: Lead\n", "", 1) + b,
			strings.Replace(fm, "owner: Lead\n", "owner: 'TODO: the job title of the person responsible'\n", 1) + b, nil, []string{"missing-field"}},
		{"missing title and version after id", strings.Replace(strings.Replace(fm, "title: A\n", "", 1), "version: \"1.0\"\n", "", 1) + b,
			strings.Replace(fm, `"1.0"`, `"0.1"`, 1) + b, nil, []string{"missing-field", "missing-field"}},
		{"missing id goes at the end", strings.Replace(fm, "id: a\n", "", 1) + b,
			strings.Replace(strings.Replace(fm, "id: a\n", "", 1), "owner: Lead\n", "owner: Lead\nid: a\n", 1) + b, nil, []string{"missing-field"}},
		{"rename supplies the missing key", strings.Replace(fm, "owner:", "onwer:", 1) + b, fm + b, nil, []string{"unknown-field"}},
		{"rename to version quotes it", strings.Replace(fm, `version: "1.0"`, "verson: 1.0", 1) + b, fm + b, nil, []string{"unknown-field"}},
		{"rename to title retitles the H1", strings.Replace(fm, "title: A", "titel: A", 1) + strings.Replace(b, "# A", "# B", 1), fm + b, nil, []string{"unknown-field"}},
		{"title", fm + strings.Replace(b, "# A", "# B ###", 1), fm + strings.Replace(b, "# A", "# A ###", 1), nil, []string{"title-mismatch"}},
		{"setext title", fm + strings.Replace(b, "# A\n", "B\n===\n", 1), fm + strings.Replace(b, "# A\n", "A\n===\n", 1), nil, []string{"title-mismatch"}},
		{"placeholder title is left", strings.Replace(fm, "title: A", "title: \"TODO: x\"", 1) + b, strings.Replace(fm, "title: A", "title: \"TODO: x\"", 1) + b, nil, nil},
		{"section", fm + strings.TrimSuffix(b, "\n\n## Procedure\n\n1. Step.\n"),
			fm + strings.TrimSuffix(b, "\n\n## Procedure\n\n1. Step.\n") + "\n\n## Procedure\n\n1. TODO: write the first step as an instruction.\n2. TODO: write the next step.\n", nil, []string{"missing-section"}},
		{"section in an open code block is left", fm + b + "\n```\n", fm + b + "\n```\n", nil, nil},
		{"anchor", fm + b + "\nSee [b](b.md#step-on).\n", fm + b + "\nSee [b](b.md#step-one).\n", link, []string{"broken-link"}},
		{"anchor, two candidates", fm + b + "\nSee [b](b.md#step-o).\n", fm + b + "\nSee [b](b.md#step-o).\n", link, nil},
		{"own anchor", fm + b + "\nSee [s](#scop).\n", fm + b + "\nSee [s](#scope).\n", nil, []string{"broken-link"}},
		{"BOM and CRLF", "\ufeff" + crlf(strings.Replace(fm, "owner:", "ownr:", 1)+strings.Replace(b, "# A", "# X", 1)),
			"\ufeff" + crlf(fm+b), nil, []string{"unknown-field", "title-mismatch"}},
		{"CRLF section", crlf(fm + strings.TrimSuffix(b, "\n## Procedure\n\n1. Step.\n")),
			crlf(fm + strings.TrimSuffix(b, "\n## Procedure\n\n1. Step.\n") + "\n## Procedure\n\n1. TODO: write the first step as an instruction.\n2. TODO: write the next step.\n"), nil, []string{"missing-section"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rules := fixOnce(t, tt.in, tt.other)
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if strings.Join(rules, " ") != strings.Join(tt.rules, " ") {
				t.Errorf("fixed %v, want %v", rules, tt.rules)
			}
			again, rules := fixOnce(t, got, tt.other)
			if again != got || len(rules) > 0 {
				t.Errorf("a second fix changed it (%v):\n%q", rules, again)
			}
		})
	}
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
