package sop

import (
	"reflect"
	"testing"
)

// TestCompact checks that a compact copy equals what it copies, H1 and
// all, that its texts are one block of memory, and that it shares none
// with the original.
func TestCompact(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"whole", "---\nid: a-b\ntitle: A é\nversion: \"1.0\"\nstatus: approved\nowner: O\nroles: [r1, r2]\nrelated: [c]\ntags: [x]\n---\n\n# Title\n\n## Steps\n\n1. [c](c.md#x) ![i](i.png)\n<!-- note -->\n\n## Steps\n\n{{param}}\n"},
		{"no H1", "---\nid: a\ntitle: T\n---\n\n## Only\n\ntext\n"},
		{"empty", "---\nid: a\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("a.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			m, md := Compact(&d.Meta, &d.Markdown)
			if !reflect.DeepEqual(m, d.Meta) || !reflect.DeepEqual(md, d.Markdown) {
				t.Fatalf("Compact changed what it copies:\n got %+v\n%+v\nwant %+v\n%+v", m, md, d.Meta, d.Markdown)
			}
			if (md.H1 == nil) != (d.Markdown.H1 == nil) {
				t.Fatalf("H1 %v, want %v", md.H1, d.Markdown.H1)
			}
			if md.H1 != nil && md.H1 != &md.Headings[0] {
				t.Error("H1 does not point into the copy's headings")
			}
			if n := textBlocks(&m, &md, nil); n > 1 {
				t.Errorf("the texts are in %d blocks, want 1", n)
			}
			if n := itemBlocks(&m); n > 1 || n < 0 {
				t.Errorf("the lists' items are in %d blocks, want 1", n)
			}
			if len(md.Headings) > 0 {
				d.Markdown.Headings[0].Text = "changed"
				d.Meta.ID.Text = "changed"
				if md.Headings[0].Text == "changed" || m.ID.Text == "changed" {
					t.Error("the copy shares memory with the original")
				}
			}
		})
	}
}
