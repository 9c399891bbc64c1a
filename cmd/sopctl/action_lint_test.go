package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeSopctl records its arguments, one per line, in $ARGS_LOG, prints
// "report" and exits with $FAKE_EXIT.
const fakeSopctl = `#!/bin/sh
for a in "$@"; do echo "$a"; done >> "$ARGS_LOG"
echo report
exit "${FAKE_EXIT:-0}"
`

// TestActionLint runs the action's lint.sh with a fake sopctl first on
// PATH: inputs become arguments as written (no splitting of paths, no
// globbing, no shell), the exit code is lint's, and SARIF is kept only
// when lint could run.
func TestActionLint(t *testing.T) {
	needTools(t, "bash")
	script := actionScript(t, "lint.sh")
	tests := []struct {
		name      string
		env       map[string]string
		exit      string
		args      string // every argument lint.sh passed, each followed by "|"
		sarif     bool
		wantFails bool
	}{
		{"defaults", nil, "0", "lint|--format|github|--|.|", false, false},
		{"paths one per line, spaces kept", map[string]string{"SOPCTL_PATH": "my handbook\n\nother/x.md\n"}, "0",
			"lint|--format|github|--|my handbook|other/x.md|", false, false},
		{"args split on spaces, not globbed", map[string]string{"SOPCTL_ARGS": "--strict  --max-warnings 0 *", "SOPCTL_FORMAT": "text"}, "0",
			"lint|--format|text|--strict|--max-warnings|0|*|--|.|", false, false},
		{"input that looks like shell", map[string]string{"SOPCTL_PATH": "$(touch pwned); `id`"}, "0",
			"lint|--format|github|--|$(touch pwned); `id`|", false, false},
		{"findings fail the step", nil, "1", "lint|--format|github|--|.|", false, true},
		{"sarif written too", map[string]string{"SOPCTL_SARIF": "out.sarif", "SOPCTL_PATH": "handbook"}, "1",
			"lint|--format|sarif|--|handbook|lint|--format|github|--|handbook|", true, true},
		{"no sarif when lint could not start", map[string]string{"SOPCTL_SARIF": "out.sarif"}, "2",
			"lint|--format|sarif|--|.|", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			if err := os.Mkdir(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(bin, "sopctl"), []byte(fakeSopctl), 0o755); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"ARGS_LOG": filepath.Join(dir, "args"), "FAKE_EXIT": tt.exit, "GITHUB_OUTPUT": filepath.Join(dir, "output")}
			for k, v := range tt.env {
				env[k] = v
			}
			cmd := exec.Command("bash", script)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
			for k, v := range env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			out, err := cmd.CombinedOutput()
			if (err != nil) != tt.wantFails {
				t.Errorf("lint.sh: %v, want failure %v\n%s", err, tt.wantFails, out)
			}
			logged, _ := os.ReadFile(env["ARGS_LOG"])
			if got := strings.ReplaceAll(string(logged), "\n", "|"); got != tt.args {
				t.Errorf("sopctl got arguments\n%s\nwant\n%s", got, tt.args)
			}
			sarif, _ := os.ReadFile(filepath.Join(dir, "out.sarif"))
			output, _ := os.ReadFile(env["GITHUB_OUTPUT"])
			if got := string(sarif) == "report\n" && string(output) == "sarif=true\n"; got != tt.sarif {
				t.Errorf("SARIF %q, GITHUB_OUTPUT %q; want SARIF written: %v", sarif, output, tt.sarif)
			}
			if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
				t.Error("an input ran as shell text")
			}
		})
	}
}
