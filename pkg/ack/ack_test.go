package ack

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// library is a small catalogue: two known roles, approved SOPs of one,
// both or no known role, a draft and a retired SOP.
func library() *Catalog {
	return New([]SOP{
		{ID: "refunds", Title: "Refunds, \"fast\"", Version: "1.1", Status: "approved", Effective: "2026-01-01", Roles: []string{"agent", "lead"}, Src: []byte("r")},
		{ID: "calls", Title: "=HYPERLINK(\"x\")", Version: "2", Status: "approved", Effective: "2026-02-01", Roles: []string{"agent"}, Src: []byte("c")},
		{ID: "audit", Title: "Audit", Version: "1.0", Status: "approved", Roles: []string{"lead"}, Src: []byte("a")},
		{ID: "orphan", Title: "Orphan", Version: "1.0", Status: "approved", Src: []byte("o")},
		{ID: "draft", Title: "Draft", Version: "0.1", Status: "draft", Roles: []string{"agent"}},
		{ID: "old", Title: "Old", Version: "3.0", Status: "retired", Roles: []string{"agent"}},
	}, []string{"lead", "agent", "trainee"})
}

func TestManifest(t *testing.T) {
	tests := []struct {
		name, role string
		want       []string // role/id
		err        string
	}{
		{"every role, sorted by role then id", "", []string{"agent/calls", "agent/refunds", "lead/audit", "lead/refunds"}, ""},
		{"one role", "lead", []string{"lead/audit", "lead/refunds"}, ""},
		{"a known role without SOPs", "trainee", nil, ""},
		{"an unknown role", "agnet", nil, `unknown role "agnet": did you mean "agent"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := library().Manifest(tt.role)
			if tt.err != "" {
				var u *UnknownRoleError
				if !errors.As(err, &u) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want an *UnknownRoleError with %q", err, tt.err)
				}
				return
			}
			var got []string
			for _, r := range rows {
				got = append(got, r.Role+"/"+r.ID)
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("rows = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestManifestRow(t *testing.T) {
	rows, _ := library().Manifest("lead")
	want := Row{Role: "lead", ID: "refunds", Title: "Refunds, \"fast\"", Version: "1.1", Effective: "2026-01-01",
		SHA256: "454349e422f05297191ead13e21d3db520e5abef52055e4964b82fb213f593a1"} // sha256 of "r"
	if rows[1] != want {
		t.Errorf("row = %+v, want %+v", rows[1], want)
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Refunds", "Refunds"},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"},
		{"'quoted", "'quoted"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteManifestCSV(t *testing.T) {
	rows := []Row{{Role: "agent", ID: "a", Title: "Comma, \"quote\"\nnew line", Version: "1.0", SHA256: "ab"},
		{Role: "agent", ID: "b", Title: "-2+3", Version: "1"},
		{Role: "agent", ID: "c", Title: "\x1b[31mred\r", Version: "1"}}
	var b bytes.Buffer
	if err := WriteManifestCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	want := "role,id,title,version,effective,sha256\n" +
		"agent,a,\"Comma, \"\"quote\"\"\nnew line\",1.0,,ab\n" +
		"agent,b,'-2+3,1,,\n" +
		"agent,c,\\x1b[31mred\\r,1,,\n"
	if b.String() != want {
		t.Errorf("csv:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWriteManifestJSONEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteManifestJSON(&b, nil); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"rows\": []\n}\n"; b.String() != want {
		t.Errorf("json = %q, want %q", b.String(), want)
	}
}
