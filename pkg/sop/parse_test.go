package sop

import (
	"errors"
	"strings"
	"testing"
)

const good = "---\nid: complaint-resolution\ntitle: Complaint Resolution\nversion: \"1.2\"\nstatus: draft\nowner: Customer Service Manager\nrelated: [escalation-procedure]\n---\n\n# Complaint Resolution\n"

// parseErrorCases are malformed files with the error each must give. The
// fuzz target uses them as seeds too.
var parseErrorCases = []struct {
	name      string
	src       string
	rule      string
	line, col int
	msg       string // a substring of the message
}{
	{"empty", "", RuleInvalidFile, 1, 1, "empty"},
	{"blank lines only", "\n\n  \n", RuleInvalidFile, 1, 1, "empty"},
	{"no front matter", "# Title\n", RuleInvalidFile, 1, 1, "no front matter"},
	{"unclosed", "---\nid: a\ntitle: A\n", RuleInvalidFile, 1, 1, "never closed"},
	{"not a mapping", "---\n- a\n- b\n---\n", RuleYAMLSyntax, 2, 1, "must be a mapping"},
	{"scalar front matter", "---\njust text\n---\n", RuleYAMLSyntax, 2, 1, "must be a mapping"},
	{"empty front matter", "---\n---\nbody\n", RuleYAMLSyntax, 1, 1, "empty"},
	{"duplicate key", "---\nid: a\ntitle: A\nid: b\n---\n", RuleYAMLSyntax, 4, 1, `duplicate key "id" (first at line 2)`},
	{"nested duplicate key", "---\nx-meta:\n  a: 1\n  a: 2\n---\n", RuleYAMLSyntax, 4, 3, "duplicate key"},
	{"anchor", "---\nid: &x a\ntitle: *x\n---\n", RuleYAMLSyntax, 2, 5, "anchor &x"},
	{"alias bomb", "---\nx-a: &a [\"l\",\"l\"]\nx-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nx-c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n", RuleYAMLSyntax, 2, 6, "anchor &a"},
	{"merge key", "---\nx-base: {a: 1}\nx-more:\n  <<: {a: 2}\n---\n", RuleYAMLSyntax, 4, 3, "merge key"},
	{"merge panic input", "---\n{{},<<}\n---\n", RuleYAMLSyntax, 2, 2, ""},
	{"python tag", "---\nid: !!python/object:os.system a\n---\n", RuleYAMLSyntax, 2, 5, "tag"},
	{"local tag", "---\ntitle: !foo bar\n---\n", RuleYAMLSyntax, 2, 8, "tag !foo"},
	{"str tag", "---\nversion: !!str 1.10\n---\n", RuleYAMLSyntax, 2, 10, "tag"},
	{"non-scalar key", "---\n? [a, b]\n: c\n---\n", RuleYAMLSyntax, 2, 3, "plain name"},
	{"tab indent", "---\nroles:\n\t- a\n---\n", RuleYAMLSyntax, 3, 1, "tab in indentation"},
	{"tab after spaces", "---\nroles:\n  \t- a\n---\n", RuleYAMLSyntax, 3, 3, "tab"},
	{"second document", "---\nid: a\n--- {title: b}\n---\n", RuleYAMLSyntax, 3, 1, "second YAML document"},
	{"document end then text", "---\nid: a\n...\ntitle: b\n---\n", RuleYAMLSyntax, 4, 1, "not valid YAML"},
	{"syntax error", "---\nid: a\ntitle: [unclosed\nowner: b\n---\n", RuleYAMLSyntax, 3, 1, "expected ',' or ']'"},
	{"missing colon", "---\nid: a\ntitle\nowner: b\n---\n", RuleYAMLSyntax, 3, 1, "could not find expected ':'"},
	{"unclosed quote", "---\nid: a\ntitle: \"abc\n---\n", RuleYAMLSyntax, 3, 8, `not valid YAML: the value's opening " is never closed`},
	{"bad indentation", "---\nid: a\n  title: b\n---\n", RuleYAMLSyntax, 3, 1, "not valid YAML"},
	{"invalid utf8", "---\nid: a\ntitle: caf\xe9\n---\n", RuleInvalidFile, 3, 11, "invalid UTF-8 byte 0xE9"},
	{"nul", "---\nid: a\n---\nbody\x00\n", RuleInvalidFile, 4, 5, "U+0000"},
	{"escape", "---\nid: a\ntitle: \x1b[31mred\n---\n", RuleInvalidFile, 3, 8, "U+001B"},
	{"del", "---\nid: a\n---\n\x7f\n", RuleInvalidFile, 4, 1, "U+007F"},
	{"c1 control", "---\nid: a\n---\nab\u0085\n", RuleInvalidFile, 4, 3, "U+0085"},
	{"column counts code points", "---\ntitle: Café ☕\x01\n---\n", RuleInvalidFile, 2, 14, "U+0001"},
	{"crlf line numbers", "---\r\nid: a\r\nid: b\r\n---\r\n", RuleYAMLSyntax, 3, 1, "duplicate"},
	{"bom and crlf", "\xef\xbb\xbf---\r\nid: a\r\n\r\nid: b\r\n---\r\n", RuleYAMLSyntax, 4, 1, "duplicate"},
	{"lone cr", "---\rid: a\rid: b\r---\r", RuleYAMLSyntax, 3, 1, "duplicate"},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("sops/x.md", []byte(tt.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse() error = %v, want *Error", err)
			}
			if e.Rule != tt.rule || e.Pos.Line != tt.line || e.Pos.Col != tt.col {
				t.Errorf("got %s at %d:%d (%s), want %s at %d:%d", e.Rule, e.Pos.Line, e.Pos.Col, e.Msg, tt.rule, tt.line, tt.col)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
			if want := "sops/x.md:"; !strings.HasPrefix(e.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", e.Error(), want)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	for name, src := range map[string]string{
		"lf":   good,
		"crlf": strings.ReplaceAll(good, "\n", "\r\n"),
		"bom":  "\xef\xbb\xbf" + strings.ReplaceAll(good, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			m := doc.Meta
			if m.ID.Text != "complaint-resolution" || m.ID.Pos != (Pos{2, 5}) {
				t.Errorf("id = %+v", m.ID)
			}
			if m.Version.Text != "1.2" || m.Version.Pos != (Pos{4, 10}) {
				t.Errorf("version = %+v", m.Version)
			}
			if got := m.Related.Strings(); len(got) != 1 || got[0] != "escalation-procedure" || m.Related.Items[0].Pos != (Pos{7, 11}) {
				t.Errorf("related = %+v", m.Related)
			}
			if doc.BodyLine != 9 || !strings.HasPrefix(string(doc.Body), "\n# Complaint Resolution") {
				t.Errorf("body at line %d = %q", doc.BodyLine, doc.Body)
			}
			if len(doc.Problems) != 0 {
				t.Errorf("problems = %+v", doc.Problems)
			}
		})
	}
}

func TestFieldProblems(t *testing.T) {
	tests := []struct {
		name      string
		fields    string
		rule      string
		line, col int
		msg       string
	}{
		{"unquoted version", "version: 1.10", RuleInvalidField, 2, 10, `write version: "1.10"`},
		{"integer version", "version: 2", RuleInvalidField, 2, 10, "quoted string"},
		{"bad version", "version: \"v1\"", RuleInvalidField, 2, 10, "one to three numbers"},
		{"bad id", "id: Complaint_Resolution", RuleInvalidField, 2, 5, "not valid"},
		{"bad status", "status: published", RuleInvalidField, 2, 9, "not one of draft"},
		{"review_cycle_days zero", "review_cycle_days: 0", RuleInvalidField, 2, 20, `review_cycle_days must be a whole number from 1 to 36500, not "0"`},
		{"review_cycle_days too long", "review_cycle_days: 36501", RuleInvalidField, 2, 20, `not "36501"`},
		{"review_cycle_days quoted", "review_cycle_days: \"90\"", RuleInvalidField, 2, 20, `review_cycle_days must be a number, not text: write review_cycle_days: 90 without quotes`},
		{"review_cycle_days float", "review_cycle_days: 1.5", RuleInvalidField, 2, 20, `not "1.5"`},
		{"review_cycle_days list", "review_cycle_days: [90]", RuleInvalidField, 2, 20, "must be a single value"},
		{"bad date", "effective: 2026-13-01", RuleInvalidField, 2, 12, "YYYY-MM-DD"},
		{"day that does not exist", "effective: 2026-02-30", RuleInvalidField, 2, 12, `effective "2026-02-30" is not a date: February 2026 has 28 days; write a day from 01 to 28`},
		{"alias of approver", "approved_by: Jane", RuleUnknownField, 2, 1, `unknown field "approved_by": did you mean "approver"?`},
		{"reviewer is no date", "reviewer: Jane", RuleUnknownField, 2, 1, `unknown field "reviewer"; known fields are id,`},
		{"short date", "reviewed: 2026-1-1", RuleInvalidField, 2, 11, "YYYY-MM-DD"},
		{"date after 2999", "reviewed: 9999-12-31", RuleInvalidField, 2, 11, `reviewed "9999-12-31" is outside the years 1900-2999: write a date from 1900-01-01 to 2999-12-31`},
		{"date before 1900", "effective: 1899-12-31", RuleInvalidField, 2, 12, "outside the years 1900-2999"},
		{"year 0", "effective: 0000-01-01", RuleInvalidField, 2, 12, "outside the years 1900-2999"},
		{"id over 200", "id: " + strings.Repeat("a", 250), RuleInvalidField, 2, 5, "id is 250 characters long, over the limit of 200: shorten it"},
		{"list as scalar", "related: escalation", RuleInvalidField, 2, 10, "must be a list"},
		{"list as mapping", "tags: {a: b}", RuleInvalidField, 2, 7, "must be a list"},
		{"nested item", "roles: [[a]]", RuleInvalidField, 2, 9, "single value"},
		{"title as list", "title: [a]", RuleInvalidField, 2, 8, "single value"},
		{"responsible as scalar", "responsible: Team Leader", RuleInvalidField, 2, 14, "responsible must be a list, like responsible: [Team Leader]"},
		{"responsible empty item", "responsible: [Team Leader, '']", RuleInvalidField, 2, 28, "each item of responsible must be non-empty text"},
		{"responsible blank item", "responsible:\n  - ' '", RuleInvalidField, 3, 5, "non-empty text"},
		{"responsible nested", "responsible: [{role: a}]", RuleInvalidField, 2, 15, "single value"},
		{"old alias of owner", "responsible_person: Jo", RuleUnknownField, 2, 1, `did you mean "responsible"?`},
		{"typo", "onwer: Jo", RuleUnknownField, 2, 1, `did you mean "owner"?`},
		{"unknown", "colour: red", RuleUnknownField, 2, 1, "known fields are"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte("---\n"+tt.fields+"\n---\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Problems) != 1 {
				t.Fatalf("problems = %+v, want one", doc.Problems)
			}
			p := doc.Problems[0]
			if p.Rule != tt.rule || p.Pos != (Pos{tt.line, tt.col}) || !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("got %s at %v: %s; want %s at %d:%d containing %q", p.Rule, p.Pos, p.Msg, tt.rule, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestUserFieldsAndEmptyValues(t *testing.T) {
	doc, err := Parse("x.md", []byte("---\nid: a\nx-team: blue\nowner:\nroles: []\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems = %+v", doc.Problems)
	}
	if doc.Meta.Owner.Set || doc.Meta.Owner.Pos != (Pos{4, 1}) {
		t.Errorf("empty owner = %+v, want unset at its key", doc.Meta.Owner)
	}
	if !doc.Meta.Roles.Set || len(doc.Meta.Roles.Items) != 0 {
		t.Errorf("roles = %+v", doc.Meta.Roles)
	}
}

func TestClosest(t *testing.T) {
	tests := []struct{ word, want string }{
		{"onwer", "owner"}, {"titel", "title"}, {"relatd", "related"}, {"kpi", "kpis"},
		{"reviwed", "reviewed"}, {"colour", ""}, {"x", ""}, {"id", "id"},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, FieldNames()); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestParseYAML(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"ok", "title: A\nsops_dir: sops\n", 0, 0, ""},
		{"empty", "", 1, 1, "file is empty"},
		{"tab", "kpis:\n\tCSAT: x\n", 2, 1, "tab"},
		{"alias", "a: &x 1\nb: *x\n", 1, 4, "anchor"},
		{"duplicate", "title: a\ntitle: b\n", 2, 1, "duplicate"},
		{"list", "- a\n", 1, 1, "must be a mapping"},
		{"control", "title: \x07\n", 1, 8, "U+0007"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := ParseYAML("sopctl.yaml", []byte(tt.src))
			if tt.msg == "" {
				if err != nil || root == nil {
					t.Fatalf("ParseYAML() = %v, %v", root, err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Pos != (Pos{tt.line, tt.col}) || !strings.Contains(e.Msg, tt.msg) || e.Path != "sopctl.yaml" {
				t.Fatalf("ParseYAML() error = %v, want %d:%d %q", err, tt.line, tt.col, tt.msg)
			}
		})
	}
}
