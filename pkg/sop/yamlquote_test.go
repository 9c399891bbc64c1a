package sop

import (
	"errors"
	"strings"
	"testing"
)

func TestUnclosedQuote(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		line, col   int
		msg         string
	}{
		{"runs to the end", "id: x\ntitle: ok\nowner: \"me\nstatus: draft\n", 4, 8, `the value's opening " is never closed on its line: end the value with "`},
		{"on the first line", "id: \"x\ntitle: ok\n", 2, 5, `opening " is never closed`},
		// yaml.v3 blames the start of the mapping (2:1) for this one.
		{"closed by a later quote", "id: x\ntitle: ok\nowner: \"me\nstatus: [4, \"5\"]\n", 4, 8, `opening " is never closed`},
		{"single quote", "id: x\nowner: 'me\nstatus: it''s\n", 3, 8, `opening ' is never closed on its line: end the value with ' (write a ' inside it as '')`},
		{"list item", "id: x\ntags:\n  - \"a\n  - b\n", 4, 5, `opening " is never closed`},
		{"after a quoted value that spans lines", "id: x\ntitle: \"a\n  b\"\nowner: \"me\nstatus: draft\n", 5, 8, `opening " is never closed`},
		// A quoted value may span lines: another fault keeps its message.
		{"quote that rightly spans lines", "id: x\ntitle: \"a\n  b\"\nowner: [\n", 6, 1, "did not find expected node content"},
		{"each value opens one", "id: x\ntitle: \"a\nowner: \"b\nstatus: \"c\n", 3, 8, `opening " is never closed`},
		// After an earlier fault the quote is not blamed: yaml.v3 speaks.
		{"after another fault", "id: x\ntags: [a\nowner: \"me\n", 4, 1, "not valid YAML: found unexpected end of stream"},
		{"escaped quote", "id: x\ntitle: \"a \\\" b\nowner: me\n", 3, 8, `opening " is never closed`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("a.md", []byte("---\n"+tt.front+"---\n# A\n"))
			var e *Error
			if !errors.As(err, &e) || e.Rule != RuleYAMLSyntax || e.Pos != (Pos{tt.line, tt.col}) || !strings.Contains(e.Msg, tt.msg) {
				t.Fatalf("got %v, want yaml-syntax at %d:%d containing %q", err, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestUnclosedQuoteInYAMLFile(t *testing.T) {
	_, err := ParseYAML("sopctl.yaml", []byte("title: A\norganization: B\nsops_dir: \"sops\nreview_cycle_days: 3\n"))
	var e *Error
	if !errors.As(err, &e) || e.Pos != (Pos{3, 11}) || !strings.Contains(e.Msg, `the file is not valid YAML: the value's opening " is never closed`) {
		t.Fatalf("got %v, want 3:11 and the quote", err)
	}
}
