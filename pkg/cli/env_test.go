package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// TestCommandsUseEnvClock: every command that needs today takes it from
// Env.Now, never the system clock: run at two dates, each reports its own.
func TestCommandsUseEnvClock(t *testing.T) {
	const sop = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: active\nowner: O\nreviewed: 2020-01-01\n---\n# A\n\n## Purpose\n\nP.\n\n## Scope\n\nS.\n\n## Procedure\n\n1. Do.\n"
	tests := []struct {
		name string
		args []string
		want func(day string) string // in stdout, for a run on day
	}{
		{"review", []string{"review", "--format", "json"}, func(day string) string { return `"today": "` + day + `"` }},
		{"new --title", []string{"new", "b", "--title", "B"}, func(day string) string { return "create  sops/b.md" }},
		// Reviewed 2020-01-01, the SOP is overdue from 2021-01-01 on.
		{"lint", []string{"lint", "--format", "github"}, func(day string) string {
			if day < "2021" {
				return "title=orphan::"
			}
			return "title=review-overdue::"
		}},
	}
	for _, day := range []string{"2020-06-01", "2031-02-03"} {
		now, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			t.Run(tt.name+" on "+day, func(t *testing.T) {
				dir := t.TempDir()
				testlib.WriteTree(t, dir, map[string]string{
					"sopctl.yaml": "title: T\nrequired_fields: [id, title, version, status, owner, reviewed]\n",
					"sops/a.md":   sop,
				})
				ios, _, out, errOut := iostreams.Test()
				Run(context.Background(), tt.args, &Env{IO: ios, Dir: dir, Now: func() time.Time { return now }, Templates: templates.FS})
				if !strings.Contains(out.String(), tt.want(day)) || day < "2021" && strings.Contains(out.String(), "review-overdue") {
					t.Errorf("stdout lacks %s:\n%s%s", tt.want(day), out, errOut)
				}
				if tt.name == "new --title" {
					b, err := os.ReadFile(filepath.Join(dir, "sops", "b.md"))
					if err != nil || !strings.Contains(string(b), "reviewed: "+day+"\n") {
						t.Errorf("sops/b.md does not say it was reviewed on %s:\n%s", day, b)
					}
				}
			})
		}
	}
}

// TestDebugFromEnv: whether an internal error shows its stack is Env's
// Debug (Main sets it from SOPCTL_DEBUG), not the process's environment.
func TestDebugFromEnv(t *testing.T) {
	for _, debug := range []bool{false, true} {
		ios, _, _, errOut := iostreams.Test()
		code := Run(context.Background(), []string{"templates", "list"}, &Env{IO: ios, Dir: t.TempDir(), Now: time.Now, Templates: panicFS{}, Debug: debug})
		if code != ExitProblems || !strings.HasPrefix(errOut.String(), "sopctl: internal error: boom\n") {
			t.Errorf("Debug %v: exit %d, stderr %q", debug, code, errOut)
		}
		if stack := strings.Contains(errOut.String(), "goroutine "); stack != debug {
			t.Errorf("Debug %v: stack printed = %v", debug, stack)
		}
	}
}
