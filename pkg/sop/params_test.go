package sop

import (
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestCitations(t *testing.T) {
	tests := []struct {
		in   string
		want string // id@start-end, space-separated
	}{
		{"no braces", ""},
		{"{{a}}", "a@0-5"},
		{"wait {{ follow_up_days\t}} days", "follow_up_days@5-25"},
		{"{{a}}{{b2}}", "a@0-5 b2@5-11"},
		{"{{A}} {{1a}} {{a-b}} {{_a}} {a} {{a} {{}}", ""}, // not ids
		{"{{{a}}}", "a@1-6"},
		{`\{\{a\}\}`, ""},
		{"{{ a b }}", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range Citations(tt.in) {
			got = append(got, c.ID+"@"+itoa(c.Start)+"-"+itoa(c.End))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Citations(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestSubstitute(t *testing.T) {
	values := map[string]string{"days": "5", "who": "{{days}}"}
	value := func(id string) (string, bool) { v, ok := values[id]; return v, ok }
	tests := []struct{ in, want string }{
		{"within {{days}} days", "within 5 days"},
		{"{{ days }}/{{days}}", "5/5"},
		{"{{unknown}} stays, {{days}} not", "{{unknown}} stays, 5 not"},
		{"{{who}}", "{{days}}"}, // a value is not read again
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := Substitute(tt.in, value); got != tt.want {
			t.Errorf("Substitute(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidParamID(t *testing.T) {
	for id, want := range map[string]bool{"a": true, "follow_up_days": true, "a1_": true, "": false, "A": false, "1a": false, "a-b": false, "_a": false, "a b": false, strings.Repeat("a", MaxIDLength+1): false} {
		if got := ValidParamID(id); got != want {
			t.Errorf("ValidParamID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestNodeCitations(t *testing.T) {
	var root yaml.Node
	src := "id: \"{{a}}\"\ntitle: T {{b}}\nlist: [x, \"{{c}} {{d}}\"]\nmap: {\"{{key}}\": \"{{e}}\"}\n"
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range NodeCitations(root.Content[0], func(k string) bool { return k == "id" }) {
		got = append(got, c.ID+"@"+strconv.Itoa(c.Pos.Line)+":"+strconv.Itoa(c.Pos.Col))
	}
	if want := "b@2:8 c@3:11 d@3:11 e@4:18"; strings.Join(got, " ") != want {
		t.Errorf("NodeCitations = %v, want %s", got, want)
	}
	if n := len(NodeCitations(root.Content[0], nil)); n != 5 {
		t.Errorf("without skip: %d citations, want 5", n)
	}
}
