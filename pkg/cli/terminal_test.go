package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/templates"
)

// TestErrorsShowEscapes: Run is the one place errors are printed, and no
// error can bring a raw control character to the terminal, whatever it
// quotes: an argument, a file's name, a panic's value.
func TestErrorsShowEscapes(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{"sopctl.yaml": "title: T\n", "sops/.keep": ""})
	outside := t.TempDir()
	if err := os.Mkdir(filepath.Join(outside, "bare\x1b]0;X\a"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		tfs  fs.FS
		args []string
		want string
	}{
		{"lint path", templates.FS, []string{"lint", "nope\x1b[2J\u009b1m"}, `nope\x1b[2J\u009b1m: no such file or folder`},
		{"no library", templates.FS, []string{"-C", filepath.Join(outside, "bare\x1b]0;X\a"), "lint"}, `bare\x1b]0;X\a or any folder above`},
		{"no folder", templates.FS, []string{"-C", filepath.Join(outside, "gone\x1b]0;X\a"), "lint"}, `gone\x1b]0;X\a: no such folder`},
		{"panic", panicValue("boom\x1b[2J"), []string{"templates", "list"}, `internal error: boom\x1b[2J`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stdout, stderr := run(t, dir, tt.tfs, tt.args...)
			if strings.ContainsAny(stdout+stderr, "\x1b\a\u009b") {
				t.Errorf("output holds control characters: %q %q", stdout, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr = %q, want it to hold %s", stderr, tt.want)
			}
		})
	}
}

type panicValue string

func (p panicValue) Open(string) (fs.File, error) { panic(string(p)) }

// TestInitShowsEscapes: init echoes the folder it was given.
func TestInitShowsEscapes(t *testing.T) {
	dir := t.TempDir()
	name := "lib\x1b]0;X\a"
	code, stdout, stderr := run(t, dir, templates.FS, "init", name)
	if code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\a") || !strings.Contains(stdout, `cd lib\x1b]0;X\a`) {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, name, "sopctl.yaml")); err != nil {
		t.Error(err)
	}
}

// TestTablesShowEscapes: review and templates print values from SOP files
// and local templates; control characters in them show as escapes, in
// text and in JSON.
func TestTablesShowEscapes(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   "---\nid: a\ntitle: \"R\\e]0;PWN\\a\\e[31mT\"\nowner: \"\\e[2J\\e]52;c;cHdu\\aBoss\\u202e\"\nstatus: draft\nversion: \"1.0\"\nreviewed: 2020-01-01\n---\n# R\n",
		"templates/night.yaml": "id: night\ntitle: \"Night\\e[2J\\u009b1m\"\ndepartment: \"D\\a\"\ndescription: \"x\\e]52;c;y\\a\"\n" +
			"sops:\n  - id: handover\n    title: \"Hand\\e]0;X\\aover\"\n    owner: \"O\\u2066\"\n    steps: [Read.]\n",
	})
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"review"}, []string{`a   \x1b[2J\x1b]52;c;cHdu\aBoss\u202e  R\x1b]0;PWN\a\x1b[31mT`}},
		{[]string{"review", "--format", "json"}, []string{`"title": "R\u001b]0;PWN\u0007\u001b[31mT"`, `"owner": "\u001b[2J\u001b]52;c;cHdu\u0007Boss\u202e"`}},
		{[]string{"templates", "list"}, []string{` Night\x1b[2J\u009b1m `}},
		{[]string{"templates", "show", "night"}, []string{`Night\x1b[2J\u009b1m (night, role, local templates/night.yaml)`, `Department: D\a`, `x\x1b]52;c;y\a`, `handover  Hand\x1b]0;X\aover  O\u2066  1`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stdout, stderr := run(t, dir, templates.FS, tt.args...)
			if strings.ContainsAny(stdout+stderr, "\x1b\a\u009b\u202e\u2066") {
				t.Errorf("output holds control characters:\n%s%s", stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %s:\n%s%s", w, stdout, stderr)
				}
			}
		})
	}
}
