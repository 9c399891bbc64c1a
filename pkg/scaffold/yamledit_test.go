package scaffold

import (
	"testing"

	"gopkg.in/yaml.v3"

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
	add := []mapEntry{{key: "AHT", value: "Average Handling Time"}, {key: "X1", value: "Name: with colon"}}
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

// scalar writes every string so that it reads back as that string, to
// YAML 1.2 readers (yaml.v3, checked by decoding) and to YAML 1.1 readers
// (PyYAML, yaml.v2), which load yes, off, y, ~, 017, 1:20 or 2026-1-2 plain
// as booleans, null, numbers and dates: those must come out quoted.
func TestScalar(t *testing.T) {
	tests := []struct {
		in   string
		flow bool
		want string
	}{
		{"plain", true, "plain"},
		{"Customer Service Manager", false, "Customer Service Manager"},
		{"a, b", true, `"a, b"`},
		{"a, b", false, "a, b"},
		{"1.10", false, `"1.10"`},
		{"", false, `""`},
		{"x\nstatus: approved", false, `"x\nstatus: approved"`},
		{"Refunds: fast", false, `'Refunds: fast'`},
		// YAML 1.1 booleans, in every case yaml.v3 writes plain.
		{"yes", false, `"yes"`},
		{"Yes", false, `"Yes"`},
		{"NO", true, `"NO"`},
		{"y", false, `"y"`},
		{"N", true, `"N"`},
		{"on", false, `"on"`},
		{"Off", false, `"Off"`},
		{"true", false, `"true"`},
		{"False", true, `"False"`},
		// null, and the 1.1 value and merge keys.
		{"~", false, `"~"`},
		{"null", false, `"null"`},
		{"Null", true, `"Null"`},
		{"=", false, `"="`},
		{"<<", false, `"<<"`},
		// numbers: 1.1 integers (sexagesimal, octal, binary, hex, with _)
		// and floats.
		{"1:20", false, `"1:20"`},
		{"190:20:30.15", false, `"190:20:30.15"`},
		{"-1:30", true, `"-1:30"`},
		{"017", false, `"017"`},
		{"0b1010", false, `"0b1010"`},
		{"0x1F", false, `"0x1F"`},
		{"1_000", false, `"1_000"`},
		{"+12", false, `"+12"`},
		{"12", true, `"12"`},
		{"1e3", false, `"1e3"`},
		{"6.8523015e+5", false, `"6.8523015e+5"`},
		{".5", false, `".5"`},
		{".inf", false, `".inf"`},
		{"-.Inf", false, `"-.Inf"`},
		{".NaN", true, `".NaN"`},
		// dates and timestamps, with or without a time, T or blanks.
		{"2026-01-02", false, `"2026-01-02"`},
		{"2026-1-2", false, `"2026-1-2"`},
		{"2001-12-14t21:59:43.10-05:00", false, `"2001-12-14t21:59:43.10-05:00"`},
		{"2001-12-14 21:59:43.10 -5", false, `"2001-12-14 21:59:43.10 -5"`},
		// text that merely starts like a word or number stays plain.
		{"yesterday", false, "yesterday"},
		{"Only yes", false, "Only yes"},
		{"3 steps to success", false, "3 steps to success"},
		{"10 a.m. cut-off", false, "10 a.m. cut-off"},
		// found by FuzzScalar: yaml.v3 writes "\n" as "|4+", which reads
		// back empty, and cannot read [0?0].
		{"\n", false, `"\n"`},
		{"\n\n", true, `"\n\n"`},
		{"0?0", true, `"0?0"`},
		{"a?b", true, `"a?b"`},
		{"social media", true, "social media"},
		{"FCR", true, "FCR"},
		{"customer-contact-specialist", true, "customer-contact-specialist"},
	}
	for _, tt := range tests {
		got := scalar(tt.in, tt.flow)
		if got != tt.want {
			t.Errorf("scalar(%q, %v) = %s, want %s", tt.in, tt.flow, got, tt.want)
		}
		var back any
		doc := "v: " + got
		if tt.flow {
			doc = "v: [" + got + "]"
		}
		if err := yaml.Unmarshal([]byte(doc), &back); err != nil {
			t.Errorf("scalar(%q) = %s does not parse: %v", tt.in, got, err)
			continue
		}
		v := back.(map[string]any)["v"]
		if tt.flow {
			v = v.([]any)[0]
		}
		if v != tt.in {
			t.Errorf("scalar(%q) = %s reads back as %#v", tt.in, got, v)
		}
	}
}

// Scaffolded front matter quotes every free-text value a YAML 1.1 reader
// would load as a boolean, null, number or date: titles, owners and list
// items alike.
func TestFrontMatterQuotesForYAML11(t *testing.T) {
	got := string(frontMatter([]field{
		{key: "title", str: "yes"},
		{key: "owner", str: "1:20"},
		{key: "tags", list: []string{"on", "tag", "2026-01-01"}},
	}))
	want := "---\ntitle: \"yes\"\nowner: \"1:20\"\ntags: [\"on\", tag, \"2026-01-01\"]\n---\n"
	if got != want {
		t.Errorf("frontMatter = %q, want %q", got, want)
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
