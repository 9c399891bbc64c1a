package fix

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/sop"
)

// body is what follows the front matter of every case: it never changes.
const body = "\n# A\n\n## Purpose\n\nWhy.\n"

func parseFM(t *testing.T, front string) *sop.Doc {
	t.Helper()
	d, err := sop.Parse("sops/a.md", []byte(front+body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestApprove(t *testing.T) {
	a := Approval{By: "Head of CX", On: "2026-11-02", Version: "1.1"}
	tests := []struct {
		name, in, want string
		a              Approval
	}{
		{"every key present", "---\nid: a\nversion: \"1.0\" # was\nstatus: draft\nowner: O\napprover: Old\neffective: 2025-01-01\nreviewed: '2025-02-01'\n---\n",
			"---\nid: a\nversion: \"1.1\" # was\nstatus: approved\nowner: O\napprover: Head of CX\neffective: 2026-11-02\nreviewed: 2026-11-02\n---\n", a},
		{"missing keys go after status in table order", "---\nid: a\nversion: \"0.3\"\nstatus: draft\n# the owner\nowner: O\n---\n",
			"---\nid: a\nversion: \"1.1\"\nstatus: approved\napprover: Head of CX\neffective: 2026-11-02\nreviewed: 2026-11-02\n# the owner\nowner: O\n---\n", a},
		{"no status: before the fence", "---\nid: a\nowner: O\n---\n",
			"---\nid: a\nowner: O\nversion: \"1.1\"\nstatus: approved\napprover: Head of CX\neffective: 2026-11-02\nreviewed: 2026-11-02\n---\n", a},
		{"empty values are filled", "---\nid: a\nversion: \"1.0\"\nstatus: review\napprover: # who?\neffective: ~\nreviewed: 2026-01-01\n---\n",
			"---\nid: a\nversion: \"1.1\"\nstatus: approved\napprover: Head of CX # who?\neffective: 2026-11-02\nreviewed: 2026-11-02\n---\n", a},
		{"a name that would inject a field is quoted", "---\nid: a\nversion: \"1.0\"\nstatus: draft\napprover: X\neffective: 2025-01-01\nreviewed: 2025-01-01\n---\n",
			"---\nid: a\nversion: \"1.1\"\nstatus: approved\napprover: \"x\\nstatus: draft\"\neffective: 2026-11-02\nreviewed: 2026-11-02\n---\n",
			Approval{By: "x\nstatus: draft", On: "2026-11-02", Version: "1.1"}},
		{"a name with a colon", "---\nid: a\nversion: \"1.0\"\nstatus: draft\napprover: X\neffective: 2025-01-01\nreviewed: 2025-01-01\n---\n",
			"---\nid: a\nversion: \"1.1\"\nstatus: approved\napprover: 'x: y'\neffective: 2026-11-02\nreviewed: 2026-11-02\n---\n",
			Approval{By: "x: y", On: "2026-11-02", Version: "1.1"}},
		{"BOM and CRLF kept", "\ufeff---\r\nid: a\r\nversion: \"1.0\"\r\nstatus: draft\r\nowner: O\r\n---\r\n",
			"\ufeff---\r\nid: a\r\nversion: \"1.1\"\r\nstatus: approved\r\napprover: Head of CX\r\neffective: 2026-11-02\r\nreviewed: 2026-11-02\r\nowner: O\r\n---\r\n", a},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Approve(parseFM(t, tt.in), tt.a)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want+body {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want+body)
			}
		})
	}
}

func TestSetFieldsRefuses(t *testing.T) {
	tests := []struct{ name, in, err string }{
		{"flow front matter", "---\n{id: a, status: draft}\n---\n", "not a block of key: value lines"},
		{"a list where a value goes", "---\nid: a\nstatus: [draft]\n---\n", "line 3: status holds a value sopctl cannot replace"},
		{"a block scalar", "---\nid: a\nstatus: |\n  draft\n---\n", "line 3: status holds a value"},
		{"a value on the next line", "---\nid: a\nstatus:\n  draft\n---\n", "line 3: status holds a value"},
		{"a quoted value over two lines", "---\nid: a\nstatus: \"dr\n  aft\"\n---\n", "line 3: status holds a value"},
		{"an escaped quote ends the line", "---\nid: a\nstatus: \"dr\\\"\n  aft\"\n---\n", "status would read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Retire(parseFM(t, tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestReviewedAndRetire(t *testing.T) {
	in := "---\nid: a\nstatus: 'approved'\nreviewed: \"2025-01-01\" # last\n---\n"
	got, err := Reviewed(parseFM(t, in), "2026-03-04")
	if want := "---\nid: a\nstatus: 'approved'\nreviewed: 2026-03-04 # last\n---\n" + body; err != nil || string(got) != want {
		t.Errorf("Reviewed = %q, %v; want %q", got, err, want)
	}
	got, err = Retire(parseFM(t, in))
	if want := "---\nid: a\nstatus: retired\nreviewed: \"2025-01-01\" # last\n---\n" + body; err != nil || string(got) != want {
		t.Errorf("Retire = %q, %v; want %q", got, err, want)
	}
}

func TestSupersede(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"new key in flow style after status", "---\nid: a\nstatus: draft\nowner: O\n---\n", "---\nid: a\nstatus: draft\nsupersedes: [old]\nowner: O\n---\n"},
		{"flow list kept", "---\nid: a\nsupersedes: [x] # c\n---\n", "---\nid: a\nsupersedes: [x, old] # c\n---\n"},
		{"empty flow list", "---\nid: a\nsupersedes: []\n---\n", "---\nid: a\nsupersedes: [old]\n---\n"},
		{"block list kept", "---\nid: a\nsupersedes:\n  - x\ntags: [t]\n---\n", "---\nid: a\nsupersedes:\n  - x\n  - old\ntags: [t]\n---\n"},
		{"empty key", "---\nid: a\nsupersedes:\nstatus: draft\n---\n", "---\nid: a\nsupersedes: [old]\nstatus: draft\n---\n"},
		{"no duplicate", "---\nid: a\nsupersedes: [old]\n---\n", "---\nid: a\nsupersedes: [old]\n---\n"},
		{"CRLF", "---\r\nid: a\r\nstatus: draft\r\n---\r\n", "---\r\nid: a\r\nstatus: draft\r\nsupersedes: [old]\r\n---\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Supersede(parseFM(t, tt.in), "old")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want+body {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want+body)
			}
		})
	}
}

func TestSupersedeRefuses(t *testing.T) {
	tests := []struct{ name, in, err string }{
		{"a value, not a list", "---\nid: a\nstatus: draft\nsupersedes: b\n---\n", "line 4: cannot add old to supersedes (supersedes is not a list): add it by hand"},
		{"flow front matter", "---\n{id: a}\n---\n", "not a block of key: value lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Supersede(parseFM(t, tt.in), "old")
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
}
