package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/lint"
)

// forged is a message that would start a second workflow command if CR or LF
// went through unescaped.
const forged = "see below\n::error file=x::y"

// sample is sorted as lint.Sort sorts: several files, every severity, the
// characters each format must escape, a non-ASCII path with a column past a
// multi-byte character, and an ESC from a user's file.
var sample = []lint.Finding{
	{Rule: "missing-field", Severity: lint.Error, Path: "sops/a.md", Line: 1, Column: 1,
		Message: `required field "owner" is missing: add owner: <role id> to the front matter`},
	{Rule: "todo-placeholder", Severity: lint.Warning, Path: "sops/a.md", Line: 12, Column: 5,
		Message: "placeholder \"TODO: 100%, done\" is still here:\r\nreplace it"},
	{Rule: "broken-link", Severity: lint.Error, Path: "sops/a.md", Line: 14, Column: 3, Message: forged},
	{Rule: "orphan", Severity: lint.Info, Path: "sops/b.md", Line: 1, Column: 1,
		Message: "no other SOP relates to, supersedes or links to cs-002: link it from a related SOP"},
	{Rule: "title-mismatch", Severity: lint.Warning, Path: "sops/café.md", Line: 7, Column: 9,
		Message: `H1 "Café hours" differs from title "Cafe hours": make them the same`},
	{Rule: "invalid-file", Severity: lint.Error, Path: "sops/evil.md", Line: 3, Column: 2,
		Message: "forbidden control character \x1b[2J\x1b]0;pwned\a here: remove it"},
}

var sampleRules = []lint.RuleInfo{
	{ID: "invalid-file", Default: lint.Error, Fixed: true, Summary: "The file is UTF-8 text with front matter.",
		Bad: "no front matter\n", Good: "---\nid: cs-001\n---\n# Title\n", Fix: "Save the file as UTF-8 and start it with front matter between --- lines."},
	{ID: "missing-field", Default: lint.Error, Summary: "Required front matter fields are present.",
		Bad: "---\nid: cs-001\n---\n", Good: "---\nid: cs-001\nowner: agent\n---\n", Fix: "Add the field named in the message."},
	{ID: "broken-link", Default: lint.Error, Summary: "Relative links name existing files and headings.",
		Bad: "See [x](missing.md).\n\n```md\n[y](z.md)\n```\n", Good: "See [x](cs-002.md).\n", Fix: "Point the link at an existing SOP or heading."},
	{ID: "title-mismatch", Default: lint.Warning, Summary: "The H1 matches the title.",
		Bad: "---\ntitle: A\n---\n# B\n", Good: "---\ntitle: A\n---\n# A\n", Fix: "Make the H1 and title the same."},
	{ID: "todo-placeholder", Default: lint.Warning, Summary: "No scaffolding placeholder is left.", Fix: "Replace the placeholder with real text."},
	{ID: "orphan", Default: lint.Info, Summary: "Some other SOP refers to this one."},
	{ID: "review-overdue", Default: lint.Warning, Summary: "The SOP was reviewed within its review cycle."},
}

var sampleOpts = Options{ToolVersion: "v1.2.3", Rules: sampleRules, Files: 9}

func TestWrite(t *testing.T) {
	colour := sampleOpts
	colour.Color = true
	tests := []struct {
		name     string
		format   string
		findings []lint.Finding
		opts     Options
	}{
		{"text", "text", sample, sampleOpts},
		{"text_color", "text", sample, colour},
		{"text_empty", "text", nil, sampleOpts},
		{"json", "json", sample, sampleOpts},
		{"json_empty", "json", nil, sampleOpts},
		{"sarif", "sarif", sample, sampleOpts},
		{"sarif_empty", "sarif", nil, Options{}},
		{"github", "github", sample, sampleOpts},
		{"github_empty", "github", nil, sampleOpts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tt.format, tt.findings, tt.opts); err != nil {
				t.Fatal(err)
			}
			testlib.Golden(t, b.Bytes())
		})
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	var b bytes.Buffer
	err := Write(&b, "xml", sample, sampleOpts)
	if err == nil || !strings.Contains(err.Error(), "text, json, sarif, github") {
		t.Fatalf("err = %v, want one listing the formats", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for an unknown format", b.String())
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	for _, format := range Formats() {
		if err := Write(failWriter{}, format, sample, sampleOpts); err == nil {
			t.Errorf("%s: no error from a failing writer", format)
		}
	}
}

func TestWriteSkipsOff(t *testing.T) {
	in := []lint.Finding{{Rule: "orphan", Severity: lint.Off, Path: "a.md", Line: 1, Column: 1, Message: "m"}}
	for _, format := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, format, in, Options{Files: 1}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "a.md") {
			t.Errorf("%s printed a finding of a rule that is off:\n%s", format, b.String())
		}
	}
	if in[0].Severity != lint.Off || len(in) != 1 {
		t.Error("Write changed its input")
	}
}

func TestTextSummary(t *testing.T) {
	f := func(path string, s lint.Severity) lint.Finding {
		return lint.Finding{Rule: "r", Severity: s, Path: path, Line: 1, Column: 1, Message: "m"}
	}
	tests := []struct {
		name     string
		findings []lint.Finding
		files    int
		want     string
	}{
		{"none", nil, 12, "no problems in 12 files"},
		{"none one file", nil, 1, "no problems in 1 file"},
		{"none no files", nil, 0, "no problems in 0 files"},
		{"one error", []lint.Finding{f("a.md", lint.Error)}, 3, "1 error, 0 warnings in 1 file"},
		{"one warning", []lint.Finding{f("a.md", lint.Warning)}, 3, "0 errors, 1 warning in 1 file"},
		{"mixed", []lint.Finding{f("a.md", lint.Error), f("a.md", lint.Error), f("b.md", lint.Warning), f("c.md", lint.Warning)}, 3,
			"2 errors, 2 warnings in 3 files"},
		{"info", []lint.Finding{f("a.md", lint.Warning), f("b.md", lint.Info), f("c.md", lint.Info)}, 3,
			"0 errors, 1 warning, 2 info in 3 files"},
		{"one info", []lint.Finding{f("a.md", lint.Info)}, 3, "0 errors, 0 warnings, 1 info in 1 file"},
		{"sample", sample, 9, "3 errors, 2 warnings, 1 info in 4 files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, "text", tt.findings, Options{Files: tt.files}); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if got := lines[len(lines)-1]; got != tt.want {
				t.Errorf("summary = %q, want %q", got, tt.want)
			}
			if len(lines) != len(tt.findings)+1 {
				t.Errorf("%d lines for %d findings:\n%s", len(lines), len(tt.findings), b.String())
			}
		})
	}
}

func TestTextNoTerminalEscapes(t *testing.T) {
	hostile := append(sample[:len(sample):len(sample)],
		lint.Finding{Rule: "invalid-file", Severity: lint.Error, Path: "x\x1b[31m.md", Line: 1, Column: 1,
			Message: "C1 CSI \u009b2J, DEL \x7f, tab \t, NUL \x00, bare byte \x9b[2J, BEL \a, CR \r"},
	)
	sgr := strings.NewReplacer(sgrBold, "", sgrRed, "", sgrYellow, "", sgrCyan, "", sgrReset, "")
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := Write(&b, "text", hostile, Options{Color: color}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if color {
			if !strings.Contains(out, sgrRed+"error"+sgrReset) || !strings.Contains(out, sgrBold+"sops/a.md"+sgrReset) {
				t.Errorf("colour output lacks the expected SGR codes:\n%q", out)
			}
			out = sgr.Replace(out)
		}
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			for _, r := range line {
				if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
					t.Errorf("color=%v line %d holds control character %U: %q", color, i+1, r, line)
				}
			}
			if strings.ContainsRune(line, '\uFFFD') {
				t.Errorf("color=%v line %d holds invalid UTF-8: %q", color, i+1, line)
			}
		}
		if n := strings.Count(out, "\n"); n != len(hostile)+1 {
			t.Errorf("color=%v: %d lines for %d findings", color, n, len(hostile))
		}
		for _, want := range []string{`x\x1b[31m.md`, `\u009b2J`, `\x7f`, `\t`, `\x00`, `\x9b[2J`, `\a`, `\r`} {
			if !strings.Contains(out, want) {
				t.Errorf("color=%v: output lacks %s:\n%s", color, want, out)
			}
		}
	}
}

func TestGitHubOneCommandPerFinding(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "github", sample, sampleOpts); err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(&b)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != len(sample) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(sample), strings.Join(lines, "\n"))
	}
	for i, line := range lines {
		f := sample[i]
		if strings.ContainsRune(line, '\r') {
			t.Errorf("line %d holds a CR: %q", i+1, line)
		}
		cmd := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice"}[f.Severity]
		rest, ok := strings.CutPrefix(line, "::"+cmd+" ")
		if !ok {
			t.Errorf("line %d = %q, want ::%s", i+1, line, cmd)
			continue
		}
		props, msg, ok := strings.Cut(rest, "::")
		if !ok {
			t.Errorf("line %d has no message: %q", i+1, line)
			continue
		}
		got := map[string]string{}
		for _, p := range strings.Split(props, ",") {
			k, v, _ := strings.Cut(p, "=")
			got[k] = unescapeGitHub(v)
		}
		want := map[string]string{"file": f.Path, "line": strconv.Itoa(f.Line), "col": strconv.Itoa(f.Column), "title": f.Rule}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("line %d properties = %v, want %v", i+1, got, want)
		}
		// The runner gets the message back, but for ESC and BEL shown as escapes.
		if m, want := unescapeGitHub(msg), strings.NewReplacer("\x1b", `\x1b`, "\a", `\a`).Replace(f.Message); m != want {
			t.Errorf("line %d message unescapes to %q, want %q", i+1, m, want)
		}
	}
	if !strings.Contains(lines[2], "see below%0A::error file=x::y") {
		t.Errorf("forged command not kept on its line: %q", lines[2])
	}
}

func TestGitHubPropertyEscapes(t *testing.T) {
	in := []lint.Finding{{Rule: "r", Severity: lint.Error, Path: "a,line=9:b%\n::x.md", Line: 2, Column: 3, Message: "m"}}
	var b bytes.Buffer
	if err := Write(&b, "github", in, Options{}); err != nil {
		t.Fatal(err)
	}
	const want = "::error file=a%2Cline=9%3Ab%25%0A%3A%3Ax.md,line=2,col=3,title=r::m\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// unescapeGitHub reverses the runner's escapes, as the runner does.
func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func TestJSONRoundTrip(t *testing.T) {
	type finding struct {
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Rule     string `json:"rule"`
		Message  string `json:"message"`
	}
	type report struct {
		Version  int       `json:"version"`
		Findings []finding `json:"findings"`
	}
	var b bytes.Buffer
	if err := Write(&b, "json", sample, sampleOpts); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields()
	var got report
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := report{Version: 1}
	for _, f := range sample {
		want.Findings = append(want.Findings, finding{f.Path, f.Line, f.Column, f.Severity.String(), f.Rule, f.Message})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestJSONEmpty(t *testing.T) {
	for _, in := range [][]lint.Finding{nil, {}} {
		var b bytes.Buffer
		if err := Write(&b, "json", in, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"findings": []`) {
			t.Errorf("empty report lacks \"findings\": []:\n%s", b.String())
		}
		var m map[string]any
		if err := json.Unmarshal(b.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if fs, ok := m["findings"].([]any); !ok || len(fs) != 0 {
			t.Errorf("findings = %#v, want []", m["findings"])
		}
	}
}

func TestSARIFRuleIndex(t *testing.T) {
	in := append(sample[:len(sample):len(sample)],
		lint.Finding{Rule: "not-described", Severity: lint.Warning, Path: "z.md", Line: 0, Column: 0, Message: "m"})
	var b bytes.Buffer
	if err := Write(&b, "sarif", in, sampleOpts); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(sampleRules)+1 {
		t.Errorf("%d rules, want %d", len(run.Tool.Driver.Rules), len(sampleRules)+1)
	}
	for i, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleIndex %d does not name rule %q", i, r.RuleIndex, r.RuleID)
		}
	}
	last := run.Results[len(run.Results)-1].Locations[0].PhysicalLocation.Region
	if last.StartLine != 1 || last.StartColumn != 1 {
		t.Errorf("region %+v, want line and column clamped to 1", last)
	}
}

func TestURIPath(t *testing.T) {
	tests := map[string]string{
		"sops/cs-001.md":   "sops/cs-001.md",
		"sops/café.md":     "sops/caf%C3%A9.md",
		"a b/c%d#e?f.md":   "a%20b/c%25d%23e%3Ff.md",
		"a:b.md":           "a%3Ab.md",
		"x/(draft)+v1.md":  "x/(draft)+v1.md",
		"dir/sub/file~.md": "dir/sub/file~.md",
	}
	for in, want := range tests {
		if got := uriPath(in); got != want {
			t.Errorf("uriPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPascalCase(t *testing.T) {
	for in, want := range map[string]string{"missing-field": "MissingField", "orphan": "Orphan", "yaml-syntax": "YamlSyntax", "a--b": "AB"} {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFormatsIsACopy: a caller changing the list Formats returns changes
// neither what Formats returns next nor what Write accepts.
func TestFormatsIsACopy(t *testing.T) {
	got := Formats()
	if want := []string{"text", "json", "sarif", "github"}; !slices.Equal(got, want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
	got[0] = "evil"
	if Formats()[0] != "text" {
		t.Errorf("Formats()[0] = %q after a caller changed its copy", Formats()[0])
	}
	if err := Write(io.Discard, "evil", nil, Options{}); err == nil {
		t.Error(`Write accepted "evil"`)
	}
}
