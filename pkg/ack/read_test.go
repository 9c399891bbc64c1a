package ack

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// problems reads src with library() and returns its problems as
// "line:col: message", or nil when it reads.
func problems(t *testing.T, src string) []string {
	t.Helper()
	_, err := Read(strings.NewReader(src), library())
	var bad *InputError
	if err == nil {
		return nil
	}
	if !errors.As(err, &bad) {
		t.Fatalf("Read: %v, want an *InputError", err)
	}
	var out []string
	for _, p := range bad.Problems {
		out = append(out, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg))
	}
	return out
}

func TestReadProblems(t *testing.T) {
	const head = "person,role,id,version\n"
	tests := []struct {
		name, src string
		want      []string // prefixes of the problems, in order
	}{
		{"empty", "", []string{"1:1: the file is empty"}},
		{"only a BOM", "\uFEFF", []string{"1:1: the file is empty"}},
		{"no header", "ann,agent,calls,2\n", []string{`1:1: the header has no column "person"`}},
		{"a misspelt column", "person,role,id,verison\n", []string{`1:16: the header names a column "verison": did you mean "version"?`}},
		{"a column twice", "person,role,id,version,id\n", []string{`1:24: the column "id" is named twice`}},
		{"too few fields", head + "ann,agent,calls\n", []string{"2:1: 3 field(s), but the header has 4"}},
		{"too many fields", head + "ann,agent,calls,2,x\n", []string{"2:1: 5 field(s), but the header has 4"}},
		{"empty person", head + "  ,agent,calls,2\n", []string{"2:1: the person is empty"}},
		{"unknown role", head + "ann,agnet,calls,2\n", []string{`2:5: unknown role "agnet": did you mean "agent"?`}},
		{"unknown id", head + "ann,agent,refund,2\n", []string{`2:11: unknown SOP id "refund": did you mean "refunds"?`}},
		{"unknown id, nothing close", head + "ann,agent,zzzzzz,2\n", []string{`2:11: unknown SOP id "zzzzzz"`}},
		{"bad version", head + "ann,agent,calls,v2\n", []string{`2:17: the version "v2" is not one to three numbers`}},
		{"unquoted 1.10 is fine, four numbers are not", head + "ann,agent,calls,1.10\nann,agent,calls,1.2.3.4\n", []string{`3:17: the version "1.2.3.4"`}},
		{"empty version", head + "ann,agent,calls,\n", []string{"2:17: the version is empty"}},
		{"version without id", head + "ann,agent,,2\n", []string{"2:11: the id is empty but the version is"}},
		{"columns counted in characters", head + "Zoë Ångström,agnet,calls,2\n", []string{`2:14: unknown role "agnet"`}},
		{"after a BOM and CRLF", "\uFEFFperson,role,id,version\r\nann,agent,calls,2\r\nann,agent,nope,2\r\n", []string{`3:11: unknown SOP id "nope"`}},
		{"any order, own columns", "version,date,id,person,role\n2,2026-01-01,calls,ann,agnet\n", []string{`2:24: unknown role "agnet"`}},
		{"after a value over two lines", head + "\"Ann\nLee\",agent,calls,2\nann,agent,calls,x\n", []string{`4:17: the version "x"`}},
		{"on the second line of a row", head + "\"Ann\nLee\",agnet,calls,2\n", []string{`3:6: unknown role "agnet"`}},
		{"a bare quote", head + "Zoë,ag\"ent,calls,2\n", []string{`2:7: a quote (") inside a value that is not quoted`}},
		{"a quote left open", head + "ann,agent,calls,\"2\n", []string{`2:1: a quoted value left open`}},
		{"a quote out of place", head + "ann,agent,\"calls\"x,2\n", []string{`2:17: a quoted value left open, or a quote (") out of place`}},
		{"every bad row, in order", head + "ann,agnet,calls,2\n,agent,calls,2\n", []string{"2:5: unknown role", "3:1: the person is empty"}},
		{"two problems in one row", head + ",agnet,calls,2\n", []string{"2:1: the person is empty", "2:2: unknown role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problems(t, tt.src)
			if len(got) != len(tt.want) {
				t.Fatalf("problems:\n%s\nwant %d starting:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want it to start %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestReadGood(t *testing.T) {
	tests := []struct{ name, src string }{
		{"header only", "person,role,id,version\n"},
		{"header without line end", "person,role,id,version"},
		{"rows for drafts and retired SOPs", "person,role,id,version\nann,agent,draft,0.1\nann,agent,old,9\n"},
		{"a role only", "person,role,id,version\nann,agent,,\n"},
		{"spaces around values and blank lines", "person, role ,id,version\n\n ann , agent , calls , 2 \n\r\n"},
		{"a line of spaces", "person,role,id,version\n   \nann,agent,calls,2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := problems(t, tt.src); got != nil {
				t.Errorf("problems: %v, want none", got)
			}
		})
	}
}

func TestReadManyProblems(t *testing.T) {
	src := "person,role,id,version\n" + strings.Repeat("ann,agent,nope,1\n", maxProblems+7)
	_, err := Read(strings.NewReader(src), library())
	var bad *InputError
	if !errors.As(err, &bad) || len(bad.Problems) != maxProblems || bad.More != 7 {
		t.Fatalf("err = %#v, want %d problems and 7 more", err, maxProblems)
	}
	if !strings.Contains(err.Error(), "57 problem(s)") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestReadLongRow(t *testing.T) {
	src := "person,role,id,version\nann,agent,calls,\"" + strings.Repeat("x", 2*maxRow)
	got := problems(t, src)
	if len(got) != 1 || !strings.HasPrefix(got[0], "2:1: a row of over") {
		t.Errorf("problems = %v, want one for the long row at line 2", got)
	}
}

// outstanding reads src and returns its outstanding entries as
// "person role id acknowledged->current".
func outstanding(t *testing.T, src string) []string {
	t.Helper()
	acks, err := Read(strings.NewReader(src), library())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	var out []string
	for o := range acks.Outstanding() {
		out = append(out, fmt.Sprintf("%s %s %s %s->%s", o.Person, o.Role, o.ID, o.Acknowledged, o.Current))
	}
	return out
}

func TestOutstanding(t *testing.T) {
	const head = "person,role,id,version\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"all current", head + "ann,agent,calls,2\nann,agent,refunds,1.1\n", nil},
		{"outdated and missing", head + "ann,agent,refunds,1.0\n", []string{"ann agent calls ->2", "ann agent refunds 1.0->1.1"}},
		{"a role only: everything", head + "bob,lead,,\n", []string{"bob lead audit ->1.0", "bob lead refunds ->1.1"}},
		{"sorted by person, then id", head + "zed,lead,,\nann,lead,,\n", []string{"ann lead audit ->1.0", "ann lead refunds ->1.1", "zed lead audit ->1.0", "zed lead refunds ->1.1"}},
		{"an SOP of two roles once, under the first by id", head + "ann,lead,,\nann,agent,,\n", []string{"ann lead audit ->1.0", "ann agent calls ->2", "ann agent refunds ->1.1"}},
		{"an acknowledgement under another role counts", head + "ann,agent,calls,2\nann,lead,refunds,1.1\nann,lead,audit,1\n", nil},
		{"2.0 and 02 acknowledge 2", head + "ann,agent,calls,2.0\nbob,agent,calls,02\n", []string{"ann agent refunds ->1.1", "bob agent refunds ->1.1"}},
		{"the latest version acknowledged", head + "ann,agent,refunds,0.9\nann,agent,refunds,0.10\nann,agent,refunds,0.2\nann,agent,calls,2\n", []string{"ann agent refunds 0.10->1.1"}},
		{"current once is enough", head + "ann,agent,refunds,1.1\nann,agent,refunds,1.0\nann,agent,calls,2\n", nil},
		{"drafts and retired SOPs are never due", head + "ann,agent,draft,0.1\nann,agent,calls,2\nann,agent,refunds,1.1\n", nil},
		{"a known role with no SOPs", head + "cy,trainee,,\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outstanding(t, tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("outstanding:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestOutstandingInvalidCurrentVersion(t *testing.T) {
	c := New([]SOP{{ID: "odd", Title: "Odd", Version: "v2", Status: "approved", Roles: []string{"agent"}}}, []string{"agent"})
	acks, err := Read(strings.NewReader("person,role,id,version\nann,agent,odd,2\n"), c)
	if err != nil {
		t.Fatal(err)
	}
	var got []Outstanding
	for o := range acks.Outstanding() {
		got = append(got, o)
	}
	if len(got) != 1 || got[0].Acknowledged != "2" || got[0].Current != "v2" {
		t.Errorf("outstanding = %+v, want odd acknowledged 2, current v2: no version acknowledges an invalid one", got)
	}
}
