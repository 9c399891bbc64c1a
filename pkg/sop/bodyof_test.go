package sop

import (
	"bytes"
	"testing"
)

// TestBodyOf: the body BodyOf cuts from a file's bytes is the one Parse
// gives, whatever the line breaks, a BOM, or where the body starts.
func TestBodyOf(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"lf", "---\nid: a\ntitle: A\n---\n# A\n\nText.\n"},
		{"crlf", "---\r\nid: a\r\ntitle: A\r\n---\r\n# A\r\n\r\nText.\r\n"},
		{"lone cr", "---\rid: a\rtitle: A\r---\r# A\r\rText.\r"},
		{"bom", "\ufeff---\nid: a\ntitle: A\n---\nBody.\n"},
		{"empty body", "---\nid: a\ntitle: A\n---\n"},
		{"no newline at the end", "---\nid: a\ntitle: A\n---\nBody."},
		{"dashes in the body", "---\nid: a\ntitle: A\n---\nOne\n---\nTwo\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse("a.md", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := BodyOf([]byte(tc.src)); !bytes.Equal(got, d.Body) {
				t.Errorf("BodyOf = %q, want %q (Parse)", got, d.Body)
			}
		})
	}
}
