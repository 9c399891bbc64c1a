package sop

import (
	"reflect"
	"testing"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"fields and body", good + "\n## Purpose\nWhy. [b](b.md#x) ![i](i.png)\n\n<!-- sopctl-disable orphan -->\n\n## Procedure\n1. Do it. TODO: more\n"},
		{"bad fields", "---\nid: A b\nversion: 1.0\ncolour: red\nroles: [a, b, c]\n---\n## Scope\n"},
		{"no H1", "---\nid: a\n---\n## Only\n"},
		{"empty body", "---\nid: a\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("sops/a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			s := d.Summary()
			if !s.Summarized() || d.Summarized() {
				t.Fatalf("Summarized() = %v for the summary, %v for the Doc; want true, false", s.Summarized(), d.Summarized())
			}
			// Everything but the text is the same, as lint reads it.
			want := *d
			want.Src, want.Front, want.Body = nil, nil, nil
			if !reflect.DeepEqual(*s, want) {
				t.Errorf("Summary() = %+v\nwant %+v", *s, want)
			}
			if d.Markdown.H1 != nil && s.Markdown.H1 != &s.Markdown.Headings[0] {
				t.Errorf("the summary's H1 is not its own first heading")
			}
		})
	}
}
