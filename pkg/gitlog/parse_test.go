package gitlog

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// out builds git log output as logFormat, -z and --name-status write it.
// A commit is "HASHCHAR DAY SUBJECT" followed by its files, each "STATUS
// PATH" or "R100 OLD NEW" (with | instead of spaces for paths with spaces); the hash is HASHCHAR repeated, the author Ann and
// the date 2024-01-DAY.
type commit struct {
	head  string
	files []string
}

func out(commits ...commit) string {
	var b strings.Builder
	for _, c := range commits {
		h, day, subject := splitHead(c.head)
		t := time.Date(2024, 1, day, 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(&b, "\x1e%s\x00%d\x00%s\x00Ann\x00%s\x00\x00", strings.Repeat(h, 40), t.Unix(), t.Format(time.RFC3339), subject)
		if len(c.files) > 0 {
			b.WriteString("\n")
		}
		for _, f := range c.files {
			toks := strings.Fields(f)
			if strings.Contains(f, "|") {
				toks = strings.Split(f, "|")
			}
			for _, tok := range toks {
				b.WriteString(tok + "\x00")
			}
		}
	}
	return b.String()
}

func splitHead(s string) (hash string, day int, subject string) {
	hash, rest, _ := strings.Cut(s, " ")
	d, subject, _ := strings.Cut(rest, " ")
	fmt.Sscan(d, &day)
	return hash, day, subject
}

// short dumps h as "path: subjects newest first" lines.
func short(h History) string {
	var lines []string
	for k, revs := range h {
		var s []string
		for _, r := range revs {
			s = append(s, r.Subject)
		}
		lines = append(lines, k+": "+strings.Join(s, " "))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"one commit, several files", out(
			commit{"a 1 c1", []string{"A sops/x.md", "A|sops/y z.md", "A sopctl.yaml"}},
		), "sopctl.yaml: c1\nsops/x.md: c1\nsops/y z.md: c1"},
		{"newest first", out(
			commit{"b 2 c2", []string{"M x"}},
			commit{"a 1 c1", []string{"A x"}},
		), "x: c2 c1"},
		{"sorted by author date, not by git's order", out(
			commit{"b 1 c1", []string{"M x"}},
			commit{"a 2 c2", []string{"A x"}},
		), "x: c2 c1"},
		{"equal dates: by hash", out(
			commit{"c 1 cc", []string{"M x"}},
			commit{"a 1 aa", []string{"M x"}},
			commit{"b 1 bb", []string{"A x"}},
		), "x: aa bb cc"},
		{"rename followed", out(
			commit{"c 3 c3", []string{"M new"}},
			commit{"b 2 c2", []string{"R100 old new"}},
			commit{"a 1 c1", []string{"A old"}},
		), "new: c3 c2 c1"},
		{"renames chained", out(
			commit{"c 3 c3", []string{"R090 b c"}},
			commit{"b 2 c2", []string{"R100 a b"}},
			commit{"a 1 c1", []string{"A a"}},
		), "c: c3 c2 c1"},
		{"renamed away and back", out(
			commit{"c 3 c3", []string{"R100 b a"}},
			commit{"b 2 c2", []string{"R100 a b"}},
			commit{"a 1 c1", []string{"A a"}},
		), "a: c3 c2 c1"},
		{"old path re-used after the rename", out(
			commit{"d 4 c4", []string{"M old"}},
			commit{"c 3 c3", []string{"A old"}},
			commit{"b 2 c2", []string{"R100 old new"}},
			commit{"a 1 c1", []string{"A old"}},
		), "new: c2 c1\nold: c4 c3"},
		{"new path held another file before the rename", out(
			commit{"d 4 c4", []string{"R100 old new"}},
			commit{"c 3 c3", []string{"D new"}},
			commit{"b 2 c2", []string{"A new"}},
			commit{"a 1 c1", []string{"A old"}},
		), "new: c4 c3 c2 c1"}, // as git log -- new would, the older file at new is listed too
		{"re-added after a rename: the older file stays under its path", out(
			commit{"d 4 c4", []string{"R100 p q"}},
			commit{"c 3 c3", []string{"A p"}},
			commit{"b 2 c2", []string{"D p"}},
			commit{"a 1 c1", []string{"A p"}},
		), "p: c2 c1\nq: c4 c3"},
		{"swap in one commit", out(
			commit{"c 3 c2", []string{"R100 x y", "R100 y x"}},
			commit{"b 2 c1", []string{"A x"}},
			commit{"a 1 c0", []string{"A y"}},
		), "x: c2 c0\ny: c2 c1"},
		{"two old paths merged into one: listed once", out(
			commit{"c 3 c3", []string{"R100 a n"}},
			commit{"b 2 c2", []string{"D n", "R100 b n"}},
			commit{"a 1 c1", []string{"A a", "A b"}},
		), "n: c3 c2 c1"},
		{"copy: the source keeps its history", out(
			commit{"b 2 c2", []string{"C100 x y"}},
			commit{"a 1 c1", []string{"A x"}},
		), "x: c1\ny: c2"},
		{"deleted file kept", out(
			commit{"b 2 c2", []string{"D x"}},
			commit{"a 1 c1", []string{"A x"}},
		), "x: c2 c1"},
		{"commit without files (a merge)", out(
			commit{"b 2 merge", nil},
			commit{"a 1 c1", []string{"A x"}},
		), "x: c1"},
		{"type change and unknown statuses", out(
			commit{"a 1 c1", []string{"T x", "U y", "X z", "B w", "M080 v"}},
		), "v: c1\nw: c1\nx: c1\ny: c1\nz: c1"},
		{"missing final NUL", strings.TrimSuffix(out(commit{"a 1 c1", []string{"A x"}}), "\x00"), "x: c1"},
		{"format= separators (no terminator)", "\x1e" + strings.Repeat("a", 40) + "\x001\x00\x00Ann\x00c1\x00\nA\x00x\x00", "x: c1"},
		{"paths are verbatim", out(
			commit{"a 1 c1", nil},
		) + "\nA\x00\"q\"\nline\\tab\x00A\x00\x1e-not-a-commit\x00", "\x1e-not-a-commit: c1\n\"q\"\nline\\tab: c1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got := short(h); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	hash := "0123456789abcdef0123456789abcdef01234567"
	in := "\x1e" + hash + "\x001704103200\x002024-01-01T11:00:00+01:00\x00Zo\xeb\x00S\xffubject \"q\" 100%\x00\x00\nM\x00x\x00"
	h, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	got := h["x"][0]
	want := Revision{Commit: "0123456789ab", Author: "Zo\uFFFD", Subject: "S\uFFFDubject \"q\" 100%"}
	if got.Commit != want.Commit || got.Author != want.Author || got.Subject != want.Subject {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if d := got.Date.Format(time.RFC3339); d != "2024-01-01T11:00:00+01:00" {
		t.Errorf("Date = %s; want the author's time zone kept", d)
	}

	// A SHA-256 repository.
	h, err = parse(strings.NewReader("\x1e" + strings.Repeat("e", 64) + "\x001\x00x\x00A\x00S\x00\x00\nA\x00x\x00"))
	if err != nil || h["x"][0].Commit != "eeeeeeeeeeee" {
		t.Errorf("SHA-256: %v, %v", h, err)
	}
}

func TestAuthorDate(t *testing.T) {
	tests := []struct{ unix, iso, want string }{
		{"1704103200", "2024-01-01T11:00:00+01:00", "2024-01-01T11:00:00+01:00"},
		{"1704103200", "2024-01-01T11:00:00+99:00", "2024-01-01T10:00:00Z"}, // bad zone: UTC
		{"1704103200", "garbage", "2024-01-01T10:00:00Z"},
		{"", "2024-01-01T11:00:00+01:00", "2024-01-01T11:00:00+01:00"},
		{"x", "y", "0001-01-01T00:00:00Z"},
	}
	for _, tt := range tests {
		if got := authorDate(tt.unix, tt.iso).Format(time.RFC3339); got != tt.want {
			t.Errorf("authorDate(%q, %q) = %s; want %s", tt.unix, tt.iso, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	hash := strings.Repeat("a", 40)
	tests := []struct{ name, in, want string }{
		{"not a commit", "gpg: Signature made\n\x1e" + hash, `expected a commit, found "gpg: Signature made\n\x1eaaaaaaaaaaaaaaaaaaa..."`},
		{"short hash", "\x1eabc\x00", `expected a commit hash, found "abc"`},
		{"upper-case hash", "\x1e" + strings.Repeat("A", 40) + "\x00", "expected a commit hash"},
		{"truncated header", "\x1e" + hash + "\x001\x00", "output ends before the author date of commit"},
		{"bad status", out(commit{"a 1 c1", nil}) + "\nQ\x00x\x00", `expected a file status, found "Q"`},
		{"status with letters", out(commit{"a 1 c1", nil}) + "\nR1a\x00x\x00y\x00", `expected a file status, found "R1a"`},
		{"missing path", out(commit{"a 1 c1", nil}) + "\nM\x00", "output ends before the path after status M"},
		{"missing rename target", out(commit{"a 1 c1", nil}) + "\nR100\x00x\x00", "output ends before the path after status R100"},
		{"empty path", out(commit{"a 1 c1", nil}) + "\nM\x00\x00", "empty path after status M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want %q", err, tt.want)
			}
		})
	}
	_, err := parse(iotest.ErrReader(fmt.Errorf("disk on fire")))
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read error: err = %v", err)
	}
}

func TestFirstLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "no message"},
		{"\n\n", "no message"},
		{"warning: inexact rename detection was skipped\nfatal: bad object HEAD\n", "fatal: bad object HEAD"},
		{"  something odd  \r\nmore\n", "something odd"},
		{"error: one\nfatal: two\n", "error: one"},
	}
	for _, tt := range tests {
		if got := firstLine(tt.in); got != tt.want {
			t.Errorf("firstLine(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCapped(t *testing.T) {
	var c capped
	big := bytes.Repeat([]byte("x"), 50<<10)
	for range 3 {
		if n, err := c.Write(big); n != len(big) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	if c.Len() != 64<<10 {
		t.Errorf("kept %d bytes, want %d", c.Len(), 64<<10)
	}
}

// manyFiles is the output of git log for files files each changed by
// commits commits, every commit touching every file.
func manyFiles(files, commits int) []byte {
	var b bytes.Buffer
	for c := commits - 1; c >= 0; c-- {
		t := time.Date(2024, 1, 1+c, 0, 0, 0, 0, time.UTC)
		fmt.Fprintf(&b, "\x1e%040x\x00%d\x00%s\x00Zoë Ångström\x00Revision %d\x00\x00\n", c+1, t.Unix(), t.Format(time.RFC3339), c)
		status := "M"
		if c == 0 {
			status = "A"
		}
		for i := range files {
			fmt.Fprintf(&b, "%s\x00sops/area-%02d/sop %06d.md\x00", status, i%10, i)
		}
	}
	return b.Bytes()
}

func TestParseManyFiles(t *testing.T) {
	const files, commits = 1000, 3
	start := time.Now()
	h, err := parse(bytes.NewReader(manyFiles(files, commits)))
	t.Logf("parsed %d files x %d commits in %v", files, commits, time.Since(start))
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != files {
		t.Fatalf("%d files, want %d", len(h), files)
	}
	for path, revs := range h {
		if len(revs) != commits || revs[0].Subject != "Revision 2" {
			t.Fatalf("%s: %d revisions, newest %q; want %d, newest first", path, len(revs), revs[0].Subject, commits)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		in := manyFiles(n, 3)
		b.Run(fmt.Sprintf("%dk-files-3-commits", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := parse(bytes.NewReader(in)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzParse: any output gives a History or an error, never a panic, and a
// History is sorted newest first.
func FuzzParse(f *testing.F) {
	f.Add([]byte(out(
		commit{"c 3 c3", []string{"R090 b c", "M d"}},
		commit{"b 2 c2", []string{"R100 a b", "C050 d e"}},
		commit{"a 1 c1", []string{"A a", "A d"}},
	)))
	f.Add(manyFiles(3, 2))
	f.Add([]byte("\x1e" + strings.Repeat("a", 40) + "\x00x\x00y\x00\x00\x00\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		defer testlib.Budget(t, len(in))()
		h, err := parse(bytes.NewReader(in))
		if err != nil {
			return
		}
		for path, revs := range h {
			if len(revs) == 0 {
				t.Fatalf("%q: no revisions", path)
			}
			for i, r := range revs {
				if i > 0 && r.Date.After(revs[i-1].Date) {
					t.Fatalf("%q: not newest first", path)
				}
			}
		}
	})
}
