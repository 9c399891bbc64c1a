package sop

import (
	"reflect"
	"testing"
)

func TestBodyComments(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Comment
	}{
		{"block", "<!-- a b -->\n\ntext\n", []Comment{{"a b", Pos{1, 1}, 3}}},
		{"block then text at once", "<!-- a -->\ntext\n", []Comment{{"a", Pos{1, 1}, 2}}},
		{"inline", "Some *text* <!-- x --> more\n\nnext\n", []Comment{{"x", Pos{1, 13}, 3}}},
		{"two in a block", "<!-- a --> <!-- b -->\nt\n", []Comment{{"a", Pos{1, 1}, 2}, {"b", Pos{1, 12}, 2}}},
		{"multi-line", "<!--\n a\n-->\n\n\nt\n", []Comment{{"a", Pos{1, 1}, 6}}},
		{"last line", "t\n\n<!-- z -->", []Comment{{"z", Pos{3, 1}, 0}}},
		{"in a list item", "- item <!-- y -->\n- next\n", []Comment{{"y", Pos{1, 8}, 2}}},
		{"in a block quote", "> <!-- q -->\n> t\n", []Comment{{"q", Pos{1, 3}, 2}}},
		{"fenced code", "```\n<!-- no -->\n```\n", nil},
		{"indented code", "    <!-- no -->\n", nil},
		{"code span", "`<!-- no -->`\n", nil},
		{"unclosed", "<!-- no\n\ntext\n", nil},
		{"escaped", "\\<!-- no -->\n", nil},
		{"other html", "<div>\n</div>\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseBody([]byte(tt.body), 1).Comments
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("comments = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestBodyCommentsFileLines: positions are file lines, the body starting
// below the front matter.
func TestBodyCommentsFileLines(t *testing.T) {
	got := parseBody([]byte("# T\n<!-- a -->\n\n[x](y.md)\n"), 7).Comments
	if want := []Comment{{"a", Pos{8, 1}, 10}}; !reflect.DeepEqual(got, want) {
		t.Errorf("comments = %+v, want %+v", got, want)
	}
}
