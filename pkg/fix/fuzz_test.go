package fix

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// findingsOf lists the findings of the fixable rules in doc as lint
// reports them (with the default configuration; no links, which need a
// library on disk).
func findingsOf(d *sop.Doc) []Finding {
	var out []Finding
	for _, p := range d.Problems {
		out = append(out, Finding{Rule: p.Rule, Pos: p.Pos, Message: p.Msg})
	}
	for _, f := range library.DefaultRequiredFields() {
		if !d.Meta.Has(f) {
			out = append(out, Finding{Rule: "missing-field", Pos: sop.Pos{Line: 1, Col: 1}, Message: fmt.Sprintf("required field %s is missing or empty", f)})
		}
	}
	if h, repeats := d.Markdown.TitleHeading(d.Meta.Title.Text); h != nil && d.Meta.Title.Set && !repeats {
		out = append(out, Finding{Rule: "title-mismatch", Pos: h.Pos})
	}
	for _, s := range library.DefaultRequiredSections() {
		if _, ok := d.Markdown.Section(s); !ok {
			out = append(out, Finding{Rule: "missing-section", Pos: sop.Pos{Line: 1, Col: 1}, Message: fmt.Sprintf("required section %q is missing", s)})
		}
	}
	return out
}

// FuzzFile checks that fixing never panics, that a file that parsed still
// parses, and that fixing twice changes nothing the second time.
func FuzzFile(f *testing.F) {
	f.Add([]byte("---\nid: a\nownr: x\nversion: 1.10\n---\n\n# T ##\n\n## Purpose\n\nx\n"))
	f.Add([]byte("\ufeff---\r\ntitle: A\r\nstatus: draft\r\n---\r\nB\r\n==\r\n"))
	f.Add([]byte("---\n{id: a}\n---\n```\n"))
	f.Add([]byte("---\ntitle: \"a  b\"\nroles:\n- x\n---\n#\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := sop.Parse("sops/a.md", src)
		if err != nil {
			return
		}
		once := File(&Context{Doc: d, Today: "2026-01-02"}, findingsOf(d))
		d2, err := sop.Parse("sops/a.md", once.Data)
		if err != nil {
			t.Fatalf("the fixed file no longer parses: %v\n%q", err, once.Data)
		}
		twice := File(&Context{Doc: d2, Today: "2026-01-02"}, findingsOf(d2))
		if !bytes.Equal(twice.Data, once.Data) || len(twice.Fixed) > 0 {
			t.Fatalf("a second fix changed the file (%v):\n%q\n%q", twice.Fixed, once.Data, twice.Data)
		}
	})
}

// FuzzLifecycle checks that the lifecycle edits never panic, that an edit
// either fails or gives a file that parses with the keys set to their
// values and the rest as it was, and that a second identical edit
// changes nothing.
func FuzzLifecycle(f *testing.F) {
	f.Add([]byte("---\nid: a\nversion: \"0.3\" # c\nstatus: draft\n---\n\n# A\n"), "Head of CX")
	f.Add([]byte("\ufeff---\r\nid: a\r\nstatus: 'review'\r\napprover: \"x\"\r\nsupersedes:\r\n  - b\r\n---\r\n"), "x: y")
	f.Add([]byte("---\nstatus:\napprover: ~\nreviewed: # c\nsupersedes: [b, 'c']\n---\n"), "a\nstatus: draft")
	f.Add([]byte("---\n{id: a}\n---\n"), "#x")
	f.Fuzz(func(t *testing.T, src []byte, by string) {
		d, err := sop.Parse("sops/a.md", src)
		if err != nil {
			return
		}
		edits := []func(*sop.Doc) ([]byte, error){
			func(d *sop.Doc) ([]byte, error) {
				return Approve(d, Approval{By: by, On: "2026-11-02", Version: "1.1"})
			},
			func(d *sop.Doc) ([]byte, error) { return Supersede(d, "old-id") },
		}
		for i, edit := range edits {
			once, err := edit(d)
			if err != nil {
				continue
			}
			d2, err := sop.Parse("sops/a.md", once)
			if err != nil {
				t.Fatalf("edit %d: the file no longer parses: %v\n%q", i, err, once)
			}
			twice, err := edit(d2)
			if err != nil || !bytes.Equal(once, twice) {
				t.Fatalf("edit %d: a second edit changed the file (%v):\n%q\n%q", i, err, once, twice)
			}
		}
	})
}
