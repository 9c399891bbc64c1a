package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/lint"
)

// hostileFindings carry, in every field, what a file or its name could
// bring to attack the terminal that shows a report.
var hostileFindings = []lint.Finding{
	{Rule: "invalid-file", Severity: lint.Error, Path: "sops/bad\x1b]0;X\a.md", Line: 1, Column: 1,
		Message: "the front matter opened here is never closed"},
	{Rule: "r\x1b[2J", Severity: lint.Warning, Path: "sops/c1\u009b2J\u009d52;c;x\u009c.md", Line: 2, Column: 3,
		Message: "title \"R\x1b]0;PWN\a\x1b[31mT\" owner \x1b[2J\x1b]52;c;cHdu\aBoss, DEL \x7f, CR \r, bidi \u202eevil\u2066, NUL \x00"},
	{Rule: "orphan", Severity: lint.Info, Path: "sops/not-utf8-\xff.md", Line: 1, Column: 1, Message: "bare byte \x9b[2J"},
}

// terminalRaw returns the characters of out a terminal could act on: C0
// controls but tab and line feed, DEL, C1 controls and bidi controls.
func terminalRaw(out string) string {
	var bad strings.Builder
	for _, r := range out {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
			bad.WriteRune(r)
		}
	}
	if !strings.Contains(out, "\ufffd") && strings.ContainsRune(out, '\ufffd') {
		bad.WriteString("invalid UTF-8")
	}
	return bad.String()
}

func TestNoTerminalEscapesInAnyFormat(t *testing.T) {
	for _, format := range Formats() {
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := Write(&b, format, hostileFindings, Options{Color: color, Rules: sampleRules}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if color {
				out = strings.NewReplacer(sgrBold, "", sgrRed, "", sgrYellow, "", sgrCyan, "", sgrReset, "").Replace(out)
			}
			if bad := terminalRaw(out); bad != "" {
				t.Errorf("%s color=%v: output holds %q:\n%s", format, color, bad, out)
			}
		}
	}
}

func TestGitHubShowsEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "github", hostileFindings, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	want := []string{
		`::error file=sops/bad\x1b]0;X\a.md,line=1,col=1,title=invalid-file::the front matter opened here is never closed`,
		`::warning file=sops/c1\u009b2J\u009d52;c;x\u009c.md,line=2,col=3,title=r\x1b[2J::title "R\x1b]0;PWN\a\x1b[31mT" owner \x1b[2J\x1b]52;c;cHdu\aBoss, DEL \x7f, CR %0D, bidi \u202eevil\u2066, NUL \x00`,
		`::notice file=sops/not-utf8-\xff.md,line=1,col=1,title=orphan::bare byte \x9b[2J`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// JSON and SARIF keep every value as it is: the escapes are JSON's own.
func TestJSONKeepsValues(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "json", hostileFindings, Options{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Findings []struct{ Path, Rule, Message string }
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for i, f := range hostileFindings[:2] {
		g := got.Findings[i]
		if g.Path != f.Path || g.Rule != f.Rule || g.Message != f.Message {
			t.Errorf("finding %d = %q %q %q, want %q %q %q", i, g.Path, g.Rule, g.Message, f.Path, f.Rule, f.Message)
		}
	}
	for _, want := range []string{`\u001b]0;X\u0007`, `\u009b2J`, `\u202eevil\u2066`, `\u007f`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("json lacks %s:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := Write(&b, "sarif", hostileFindings, Options{Rules: sampleRules}); err != nil {
		t.Fatal(err)
	}
	var sarif any
	if err := json.Unmarshal(b.Bytes(), &sarif); err != nil {
		t.Errorf("sarif is not JSON: %v", err)
	}
	if !strings.Contains(b.String(), `\u001b]0;PWN\u0007\u001b[31mT`) || !strings.Contains(b.String(), `\u202eevil\u2066`) {
		t.Errorf("sarif lacks the escaped message:\n%s", b.String())
	}
}
