package lint

import (
	"fmt"
	"strings"
	"testing"
)

// title-mismatch looks at the document's H1 (sop.Body.TitleHeading): a
// level-1 heading inside a block quote or list item is not it.
func TestTitleMismatch(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       string // "line: heading text" of the finding, "" for none
	}{
		{"equal", "# Alpha\n", ""},
		{"differs", "# Beta\n", "6: Beta"},
		{"closing hashes", "# Alpha ##\n", ""},
		{"setext", "Alpha\n===\n", ""},
		{"first H1 differs", "# Beta\n\n# Alpha\n", "6: Beta"},
		{"quoted H1 is not the H1", "> # Beta\n", ""},
		{"H1 in a list item is not the H1", "- # Beta\n", ""},
		{"quoted, then the document's", "> # Alpha\n\n# Beta\n", "8: Beta"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for _, f := range alphaFindings(t, tt.body, "title-mismatch") {
				got += fmt.Sprintf("%d: %s", f.Line, strings.Split(f.Message, `"`)[1])
			}
			if got != tt.want {
				t.Errorf("title-mismatch = %q, want %q", got, tt.want)
			}
		})
	}
}
