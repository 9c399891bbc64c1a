package render

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// TestKeyFields checks that a key hashes its parts each as "LEN:TEXT",
// the form the keys had when fmt wrote them: the same parts give the
// same key, and no two lists of parts the same bytes.
func TestKeyFields(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
	}{
		{"none", nil},
		{"one empty", []string{""}},
		{"two", []string{"html", "sops/a.html"}},
		{"a colon and digits", []string{"1:", "2:ab"}},
		{"long", []string{strings.Repeat("x", 100_000), "é\x00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, p := range tt.parts {
				fmt.Fprintf(&b, "%d:%s", len(p), p)
			}
			sum := sha256.Sum256([]byte(b.String()))
			if got, want := Key(tt.parts...), base64.RawURLEncoding.EncodeToString(sum[:keyLen]); got != want {
				t.Errorf("Key = %s, want %s", got, want)
			}
			d := sha256.New()
			for _, p := range tt.parts {
				field(d, p)
			}
			if got := [sha256.Size]byte(d.Sum(nil)); got != sum {
				t.Errorf("field wrote other bytes than %q", b.String())
			}
		})
	}
	if Key("ab", "c") == Key("a", "bc") {
		t.Error("two lists of parts hash alike")
	}
}
