package sop

import (
	"strings"
	"testing"
)

func TestContainerDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"", 0}, {"text", 0}, {"> q", 1}, {">>> q", 3}, {"> > - x", 3}, {"- 1. x", 2},
		{"1) x", 1}, {"123456789. x", 1}, {"1234567890. x", 0}, {"-x", 0}, {"2026-01-15", 0},
		{"-", 1}, {"* * *", 3}, {"   >\t- [ ] x", 2},
	}
	for _, tt := range tests {
		if got := ContainerDepth(tt.line); got != tt.want {
			t.Errorf("ContainerDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// TestCheckBodyAllocs: the limits' scan of a body reads its lines in
// place; a copy of each line as a string was 7 % of what parsing a
// library allocates. A body within the limits is checked without
// allocating.
func TestCheckBodyAllocs(t *testing.T) {
	body := []byte(strings.Repeat("## Procedure of a long enough title\n\n1. Do the first thing, with *emphasis* and a [link](other.md#scope).\n   - a nested point that is long enough to be scanned\n> a quote that is also long enough\n\n", 20))
	if n := testing.AllocsPerRun(20, func() {
		if e := CheckBody(body, 5); e != nil {
			t.Fatal(e)
		}
	}); n != 0 {
		t.Errorf("CheckBody allocates %v times, want 0", n)
	}
}

func TestNestingLimit(t *testing.T) {
	front := "---\nid: x\ntitle: X\n---\n\n"
	tests := []struct {
		name, body string
		line       int // 0: parses
	}{
		{"100 block quotes", strings.Repeat(">", 100) + " x\n", 0},
		{"101 block quotes", "text\n\n" + strings.Repeat(">", 101) + " x\n", 8},
		{"200,000 block quotes", strings.Repeat(">", 200000) + " x\n", 6},
		{"101 list markers", strings.Repeat("- ", 101) + "x\n", 6},
		{"101 mixed", strings.Repeat("> 1. ", 51) + "x\n", 6},
		{"a long line of text", strings.Repeat("word ", 10000) + "\n", 0},
		{"a long rule", strings.Repeat("-", 5000) + "\n", 0},
		{"a thematic break of spaced stars", strings.Repeat("* ", 150) + "\n", 0},
		{"stars then text", strings.Repeat("* ", 150) + "x\n", 6},
		{"a thematic break of dashes", "text\n\n" + strings.Repeat("- ", 150) + "\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("sops/x.md", []byte(front+tt.body))
			if tt.line == 0 {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse gave %v, want an *Error", err)
			}
			if e.Pos.Line != tt.line || e.Rule != RuleInvalidFile || !strings.Contains(e.Msg, "at most 100") {
				t.Errorf("got %v, want line %d, invalid-file, at most 100", e, tt.line)
			}
		})
	}
}
