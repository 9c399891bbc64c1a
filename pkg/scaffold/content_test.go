package scaffold

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/sop"
)

// A blank SOP holds every required field; dates are written plain (SPEC
// section 8), free text through the encoder, and the file parses with
// each value as given.
func TestBlankFrontMatter(t *testing.T) {
	src := Blank("refund-approval", "yes: 1:20", nil,
		[]string{"id", "title", "version", "status", "owner", "effective", "reviewed", "approver", "tags"},
		[]string{"Purpose"}, "2026-11-25")
	for _, line := range []string{
		"\neffective: 2026-11-25\n", "\nreviewed: 2026-11-25\n", "\nversion: \"0.1\"\n", "\ntitle: 'yes: 1:20'\n", "\ntags: []\n",
	} {
		if !strings.Contains(string(src), line) {
			t.Errorf("blank SOP lacks %q:\n%s", line, src)
		}
	}
	doc, err := sop.Parse("sops/refund-approval.md", src)
	if err != nil {
		t.Fatalf("the blank SOP does not parse: %v\n%s", err, src)
	}
	if doc.Meta.Reviewed.Text != "2026-11-25" || doc.Meta.Effective.Text != "2026-11-25" || doc.Meta.Title.Text != "yes: 1:20" {
		t.Errorf("read back reviewed %q, effective %q, title %q", doc.Meta.Reviewed.Text, doc.Meta.Effective.Text, doc.Meta.Title.Text)
	}
}
