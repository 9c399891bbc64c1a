package cli

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

func run(t *testing.T, dir string, tfs fs.FS, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	env := &Env{IO: ios, Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: tfs}
	code := Run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, dir, templates.FS, "init", "lib"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	lib := filepath.Join(dir, "lib")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"title with newline", []string{"new", "x", "--title", "x\nstatus: approved"}, 2, "--title must be one line of text"},
		{"title with escape", []string{"new", "x", "--title", "x\x1b[2J"}, 2, "without control characters"},
		{"init title with newline", []string{"init", "other", "--title", "a\nb"}, 2, "one line"},
		{"long title", []string{"new", "x", "--title", strings.Repeat("a", 201)}, 2, "longer than 200"},
		{"bad flag", []string{"new", "--rol", "x"}, 2, `unknown flag --rol: did you mean "--role"?`},
		{"too many args", []string{"templates", "show", "a", "b"}, 2, "accepts 1 arg(s)"},
		{"unknown role", []string{"new", "--role", "x"}, 1, `unknown role "x"`},
		{"ok", []string{"new", "x", "--title", "X"}, 0, ""},
		{"exists", []string{"new", "x", "--title", "X"}, 1, "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, lib, templates.FS, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "other")); err == nil {
		t.Error("a refused init created its folder")
	}
}

// panicFS makes loading templates panic, standing in for any bug.
type panicFS struct{}

func (panicFS) Open(string) (fs.File, error) { panic("boom") }

func TestPanicBecomesOneLine(t *testing.T) {
	code, _, stderr := run(t, t.TempDir(), panicFS{}, "templates", "list")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.HasPrefix(stderr, "sopctl: internal error: boom\n") || strings.Contains(stderr, "goroutine") {
		t.Errorf("stderr = %q", stderr)
	}
}

func TestClock(t *testing.T) {
	now, err := Clock("2026-02-03")
	if err != nil || now().Format(time.DateOnly) != "2026-02-03" {
		t.Errorf("Clock() gave %v", err)
	}
	for _, tt := range []struct{ pinned, want string }{
		{"tomorrow", `SOPCTL_NOW="tomorrow" is not a date: write YYYY-MM-DD, like 2026-01-15, or leave it unset`},
		{"9999-12-31", `SOPCTL_NOW="9999-12-31" is outside the years 1900-2999: write a date from 1900-01-01 to 2999-12-31, or leave it unset`},
		{"1899-12-31", `SOPCTL_NOW="1899-12-31" is outside the years 1900-2999`},
		{"2026-02-30", `is not a date`},
	} {
		if _, err := Clock(tt.pinned); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Clock(%s) = %v, want %q", tt.pinned, err, tt.want)
		}
	}
	for _, ok := range []string{"1900-01-01", "2999-12-31"} {
		if now, err := Clock(ok); err != nil || now().Format(time.DateOnly) != ok {
			t.Errorf("Clock(%s) = %v", ok, err)
		}
	}
}

func TestDisplayPath(t *testing.T) {
	env := &Env{Dir: "/repo/handbook/sops"}
	if got := displayPath(env, "/repo/handbook", "sops/a.md"); got != "a.md" {
		t.Errorf("under start dir: %q", got)
	}
	if got := displayPath(env, "/repo/handbook", "sopctl.yaml"); got != "sopctl.yaml" {
		t.Errorf("above start dir: %q", got)
	}
}

// A working directory deleted under the shell: commands that need no
// library still run; the others say what is wrong and exit 2.
func TestDeletedWorkingDirectory(t *testing.T) {
	lib := t.TempDir()
	if code, _, stderr := run(t, lib, templates.FS, "init", "."); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"version"}, 0, "sopctl ", ""},
		{[]string{"templates", "list"}, 0, "customer-service-representative", ""},
		{[]string{"schema", "config"}, 0, "draft-07", ""},
		{[]string{"lint"}, 2, "", "cannot read the current directory (was it deleted?): cd to a folder that exists, or pass -C DIR\n"},
		{[]string{"render"}, 2, "", "cannot read the current directory"},
		{[]string{"init", "x"}, 2, "", "cannot read the current directory"},
		{[]string{"-C", "rel", "lint"}, 2, "", "cannot read the current directory"},
		{[]string{"-C", lib, "lint"}, 0, "empty-library", ""}, // an absolute -C needs no current directory
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, "", templates.FS, tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
			if strings.Contains(stderr, "--help") {
				t.Errorf("stderr suggests --help for a missing directory: %q", stderr)
			}
		})
	}
}

// A command that reads the library stops once its context is done (the
// user pressed Ctrl-C) and says so, instead of finishing the work.
func TestReadingStopsWhenInterrupted(t *testing.T) {
	lib := libraryWithOneSOP(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{{"lint"}, {"show", "x"}, {"review"}, {"graph"}} {
		ios, _, out, errOut := iostreams.Test()
		env := &Env{IO: ios, Dir: lib, Now: time.Now, Templates: templates.FS}
		if code := Run(ctx, args, env); code != ExitProblems || errOut.String() != "interrupted: nothing was changed\n" || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1, nothing, %q", args, code, out, errOut, "interrupted: nothing was changed\n")
		}
	}
}

// fakeHistory is a revision history without git.
type fakeHistory gitlog.History

func (f fakeHistory) History(context.Context, string) (gitlog.History, error) {
	return gitlog.History(f), nil
}

// render takes its revision history from Env.History, so a test (or
// another source than git) can give it.
func TestRenderHistoryFromEnv(t *testing.T) {
	lib := libraryWithOneSOP(t)
	ios, _, _, errOut := iostreams.Test()
	env := &Env{IO: ios, Dir: lib, Now: time.Now, Templates: templates.FS, History: fakeHistory{
		"sops/x.md": {{Commit: "0123456789ab", Author: "Ann", Date: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Subject: "Write the refund steps"}},
	}}
	if code := Run(context.Background(), []string{"render"}, env); code != 0 {
		t.Fatalf("render: %d %s", code, errOut)
	}
	page, err := os.ReadFile(filepath.Join(lib, "site", "sops", "x.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Write the refund steps") {
		t.Error("the SOP page lacks the revision the history source gave")
	}
}

// -C applies to one invocation: the caller's Env keeps its directory.
func TestChdirDoesNotChangeCallersEnv(t *testing.T) {
	dir := t.TempDir()
	ios, _, _, _ := iostreams.Test()
	env := &Env{IO: ios, Dir: dir, Now: time.Now, Templates: templates.FS}
	Run(context.Background(), []string{"-C", filepath.Join(dir, "elsewhere"), "version"}, env)
	if env.Dir != dir {
		t.Errorf("after -C, the caller's Env.Dir = %q, want %q", env.Dir, dir)
	}
}

// libraryWithOneSOP makes a library (sopctl init) holding one blank SOP, x.
func libraryWithOneSOP(t *testing.T) string {
	t.Helper()
	lib := t.TempDir()
	if code, _, stderr := run(t, lib, templates.FS, "init", "."); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, lib, templates.FS, "new", "x", "--title", "X"); code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	return lib
}
