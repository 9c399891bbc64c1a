package scaffold

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/sop"
)

func TestAppendToList(t *testing.T) {
	tests := []struct{ name, front, want string }{
		{"flow", "roles: [a, b] # keep\n", "roles: [a, b, new] # keep\n"},
		{"empty flow", "roles: []\n", "roles: [new]\n"},
		{"flow trailing comma", "roles: [a,]\n", "roles: [a, new]\n"},
		{"multi-line flow", "roles: [\n  a,\n  b\n]\n", "roles: [\n  a,\n  b, new\n]\n"},
		{"quoted flow", "roles: ['a]', \"b\\\"]\"]\n", "roles: ['a]', \"b\\\"]\", new]\n"},
		{"block", "roles:\n  - a\n  - b\n\n# note\ntags: [x]\n", "roles:\n  - a\n  - b\n  - new\n\n# note\ntags: [x]\n"},
		{"block at indent 0", "roles:\n- a\ntags: []\n", "roles:\n- a\n- new\ntags: []\n"},
		{"value on the line after its dash", "roles:\n-\n  a\ntags: []\n", "roles:\n-\n  a\n- new\ntags: []\n"},
		{"null", "roles:\ntags: []\n", "roles: [new]\ntags: []\n"},
		{"null with comment", "roles: # who\ntags: []\n", "roles: [new] # who\ntags: []\n"},
		{"explicit null", "roles: null\n", "roles: [new]\n"},
		{"tilde", "roles: ~ # none\n", "roles: [new] # none\n"},
		{"absent", "id: x\n", "id: x\nroles: [new]\n"},
		{"unicode before", "title: Café ☕\nroles: [é]\n", "title: Café ☕\nroles: [é, new]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, eol := range []string{"\n", "\r\n"} {
				src := fix("---\n"+tt.front+"---\nbody\n", eol)
				doc, err := sop.Parse("x.md", []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				got, err := appendToList(doc.Src, doc.Front, "roles", "new", doc.BodyLine-1)
				if err != nil {
					t.Fatal(err)
				}
				if want := fix("---\n"+tt.want+"---\nbody\n", eol); string(got) != want {
					t.Errorf("eol %q:\n got %q\nwant %q", eol, got, want)
				}
			}
		})
	}
}

func TestAppendToMapping(t *testing.T) {
	add := [][2]string{{"AHT", "Average Handling Time"}, {"X1", "Name: with colon"}}
	tests := []struct{ name, src, want string }{
		{"block", "title: T\nkpis:\n  CSAT: Customer Satisfaction # c\n\nroles: {}\n",
			"title: T\nkpis:\n  CSAT: Customer Satisfaction # c\n  AHT: Average Handling Time\n  X1: 'Name: with colon'\n\nroles: {}\n"},
		{"flow", "kpis: {CSAT: C}\n", "kpis: {CSAT: C, AHT: Average Handling Time, X1: \"Name: with colon\"}\n"},
		{"empty flow", "kpis: {}\n", "kpis: {AHT: Average Handling Time, X1: \"Name: with colon\"}\n"},
		{"null", "kpis:\nroles: {}\n", "kpis:\n  AHT: Average Handling Time\n  X1: 'Name: with colon'\nroles: {}\n"},
		{"absent", "title: T", "title: T\nkpis:\n  AHT: Average Handling Time\n  X1: 'Name: with colon'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := sop.ParseYAML("sopctl.yaml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendToMapping([]byte(tt.src), root, "kpis", add)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("\n got %q\nwant %q", got, tt.want)
			}
			if _, err := sop.ParseYAML("sopctl.yaml", got); err != nil {
				t.Errorf("result does not parse: %v", err)
			}
		})
	}
}

func TestScalar(t *testing.T) {
	tests := []struct {
		in   string
		flow bool
		want string
	}{
		{"plain", true, "plain"},
		{"a, b", true, `"a, b"`},
		{"a, b", false, "a, b"},
		{"1.10", false, `"1.10"`},
		{"yes", false, "yes"},
		{"", false, `""`},
		{"x\nstatus: approved", false, `"x\nstatus: approved"`},
		{"Refunds: fast", false, `'Refunds: fast'`},
	}
	for _, tt := range tests {
		if got := scalar(tt.in, tt.flow); got != tt.want {
			t.Errorf("scalar(%q, %v) = %s, want %s", tt.in, tt.flow, got, tt.want)
		}
	}
}

func fix(s, eol string) string {
	if eol == "\n" {
		return s
	}
	out := ""
	for _, c := range s {
		if c == '\n' {
			out += eol
		} else {
			out += string(c)
		}
	}
	return out
}
