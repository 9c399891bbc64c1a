package cli

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

const showSOP = `---
id: complaint-resolution
title: Complaint Resolution
version: "1.2"
status: draft
owner: Customer Service Manager
---

# Complaint Resolution

## Purpose

Why this procedure exists.
`

// showLibrary writes a library with the files given (path: content) and
// returns its folder.
func showLibrary(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["sopctl.yaml"] = "title: Test\n"
	testlib.WriteTree(t, dir, files)
	return dir
}

// runShowWith runs sopctl with streams set up as a test wants them (a
// terminal or not, NO_COLOR, a width).
func runShowWith(t *testing.T, ios *iostreams.IOStreams, dir string, args ...string) int {
	t.Helper()
	env := &Env{IO: ios, Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
	return Run(context.Background(), args, env)
}

func TestShow(t *testing.T) {
	lib := showLibrary(t, map[string]string{
		"sops/complaint-resolution.md": showSOP,
		"sops/broken.md":               "---\nid: broken\ntitle: Bad \x01 byte\n---\n",
		"sops/a/twin.md":               "---\nid: twin\n---\n",
		"sops/b/twin.md":               "---\nid: twin\n---\n",
		"sops/no-id.md":                "---\ntitle: No id\n---\n",
		"sops/renamed.md":              "---\nid: other-name\n---\n",
		"sops/deep.md":                 "---\nid: deep\n---\n\n" + strings.Repeat(">", 40) + " x\n",
		"sops/deeper.md":               "---\nid: deeper\n---\n\n" + strings.Repeat(">", 5000) + " x\n",
	})
	tests := []struct {
		name   string
		dir    string // under lib; "" for lib itself
		args   []string
		code   int
		stdout string
		stderr string // the whole of stderr, when not ""
	}{
		{"an SOP", "", []string{"show", "complaint-resolution"}, 0, "# Complaint Resolution", ""},
		{"from a sub-folder", "sops/a", []string{"show", "complaint-resolution"}, 0, "• owner: Customer Service Manager", ""},
		{"a typo", "", []string{"show", "complaint-resolutoin"}, 1, "",
			`unknown SOP "complaint-resolutoin": did you mean "complaint-resolution"?` + "\n"},
		{"unknown", "", []string{"show", "xyz"}, 1, "", `unknown SOP "xyz": no SOP under sops/ has that id` + "\n"},
		{"a file that cannot be parsed", "", []string{"show", "broken"}, 1, "",
			"sops/broken.md:3:12: control character U+0001 is not allowed: delete it\n"},
		{"an id used twice", "", []string{"show", "twin"}, 1, "",
			`SOP id "twin" is used by 2 files, sops/a/twin.md and sops/b/twin.md: give each SOP its own id, equal to its file name` + "\n"},
		{"paths are relative to where sopctl started", "sops", []string{"show", "twin"}, 1, "",
			`SOP id "twin" is used by 2 files, a/twin.md and b/twin.md: give each SOP its own id, equal to its file name` + "\n"},
		{"a file without an id", "", []string{"show", "no-id"}, 1, "",
			`unknown SOP "no-id": sops/no-id.md has no id; add id: no-id to its front matter` + "\n"},
		{"a file with another id", "", []string{"show", "renamed"}, 1, "",
			`unknown SOP "renamed": sops/renamed.md has id "other-name"; show it with sopctl show other-name, or make its id equal its file name` + "\n"},
		{"too deeply nested", "", []string{"show", "deep"}, 1, "",
			"sops/deep.md: too large/deeply nested to show in the terminal (block quotes and lists nested 40 deep at line 5; at most 32): open the file or render the handbook instead\n"},
		{"too deeply nested to parse", "", []string{"show", "deeper"}, 1, "",
			"sops/deeper.md:5:1: block quotes and lists nested 5000 deep on one line; at most 100: flatten the structure\n"},
		{"a path instead of an id", "", []string{"show", "sops/complaint-resolution.md"}, 2, "",
			`"sops/complaint-resolution.md" is not an SOP id: did you mean complaint-resolution?` + "\nRun 'sopctl show --help' for usage.\n"},
		{"an invalid id", "", []string{"show", "Complaint Resolution"}, 2, "", ""},
		{"no id", "", []string{"show"}, 2, "", ""},
		{"two ids", "", []string{"show", "a", "b"}, 2, "", ""},
		{"width too small", "", []string{"show", "complaint-resolution", "--width", "5"}, 2, "",
			"--width 5 is out of range: use 20 to 1000 columns\nRun 'sopctl show --help' for usage.\n"},
		{"unknown style", "", []string{"show", "complaint-resolution", "--style", "auto"}, 2, "",
			`--style "auto" is not one of dark, light, notty` + "\nRun 'sopctl show --help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, filepath.Join(lib, filepath.FromSlash(tt.dir)), templates.FS, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) || tt.code != 0 && stdout != "" {
				t.Errorf("stdout %q, want %q", stdout, tt.stdout)
			}
			if tt.stderr != "" && stderr != tt.stderr || tt.code == 0 && stderr != "" {
				t.Errorf("stderr\n%q, want\n%q", stderr, tt.stderr)
			}
		})
	}
}

func TestShowOutsideLibrary(t *testing.T) {
	code, _, stderr := run(t, t.TempDir(), templates.FS, "show", "complaint-resolution")
	if code != 2 || !strings.Contains(stderr, "no sopctl.yaml") {
		t.Errorf("exit %d, stderr %q; want 2 and no sopctl.yaml", code, stderr)
	}
}

var sgrSeq = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestShowStyleAndWidth(t *testing.T) {
	lib := showLibrary(t, map[string]string{
		"sops/complaint-resolution.md": showSOP + "\n" + strings.Repeat("Many words to wrap. ", 40) + "\n",
	})
	tests := []struct {
		name      string
		tty       bool
		noColor   bool
		termWidth int
		flags     []string
		color     bool
		width     int // the widest line, in columns
	}{
		{"piped", false, false, 0, nil, false, 80},
		{"terminal", true, false, 100, nil, true, 100},
		{"wide terminal", true, false, 300, nil, true, 120},
		{"terminal of unknown width", true, false, 0, nil, true, 80},
		{"NO_COLOR", true, true, 100, nil, false, 100},
		{"--style notty", true, false, 100, []string{"--style", "notty"}, false, 100},
		{"--style dark, piped", false, false, 0, []string{"--style", "dark"}, true, 80},
		{"--style light", false, false, 0, []string{"--style", "light"}, true, 80},
		{"--width", true, false, 100, []string{"--width", "40"}, true, 40},
		{"--width beyond 120", false, false, 0, []string{"--width", "200"}, false, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, out, errOut := iostreams.Test()
			ios.StdoutTTY, ios.NoColor, ios.TermWidth = tt.tty, tt.noColor, tt.termWidth
			args := append([]string{"show", "complaint-resolution"}, tt.flags...)
			if code := runShowWith(t, ios, lib, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			got := out.String()
			if color := strings.Contains(got, "\x1b["); color != tt.color {
				t.Errorf("color %v, want %v", color, tt.color)
			}
			plain := sgrSeq.ReplaceAllString(got, "")
			if strings.ContainsRune(plain, 0x1b) {
				t.Errorf("output holds an escape sequence other than SGR")
			}
			widest := 0
			for _, l := range strings.Split(plain, "\n") {
				widest = max(widest, utf8.RuneCountInString(l))
			}
			// glamour pads lines to the width in color; plain text is
			// trimmed, so its widest line is a few columns short.
			if widest > tt.width || widest < tt.width-8 {
				t.Errorf("widest line %d columns, want %d", widest, tt.width)
			}
		})
	}
}
