package main

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestActionInstall runs the GitHub Action's install.sh with bash against
// a fake release served from a local HTTP server: no network.
func TestActionInstall(t *testing.T) {
	needTools(t, "bash", "curl", "tar")
	linux := map[string]string{"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64"}
	tests := []struct {
		name    string
		env     map[string]string
		tweak   func(*testing.T, string)
		exe     string // installed binary; "" when the install must fail
		message string // in stderr
	}{
		{"version with v", map[string]string{"SOPCTL_VERSION": "v1.2.3"}, nil, "sopctl", ""},
		{"version without v", map[string]string{"SOPCTL_VERSION": "1.2.3"}, nil, "sopctl", ""},
		{"version from the action's tag", map[string]string{"SOPCTL_ACTION_REF": "v1.2.3"}, nil, "sopctl", ""},
		{"version input wins over the action's ref", map[string]string{"SOPCTL_VERSION": "v1.2.3", "SOPCTL_ACTION_REF": "main"}, nil, "sopctl", ""},
		{"windows zip", map[string]string{"SOPCTL_VERSION": "v1.2.3", "RUNNER_OS": "Windows"}, nil, "sopctl.exe", ""},
		{"action used at a branch", map[string]string{"SOPCTL_ACTION_REF": "main"}, nil, "",
			"the action is used at 'main', not a release tag; pin it as 'uses: sopctl/sopctl@vX.Y.Z' or set the 'version' input"},
		{"no ref, no version", nil, nil, "", "the action is used at 'an unknown ref'"},
		{"version not a release", map[string]string{"SOPCTL_VERSION": "latest"}, nil, "", "version 'latest' is not a release version"},
		{"version with shell text", map[string]string{"SOPCTL_VERSION": "v1.2.3; rm -rf /"}, nil, "", "is not a release version"},
		{"release that does not exist", map[string]string{"SOPCTL_VERSION": "v9.9.9"}, nil, "", "could not download"},
		{"unknown arch", map[string]string{"SOPCTL_VERSION": "v1.2.3", "RUNNER_ARCH": "X86"}, nil, "",
			"unsupported runner architecture 'X86': sopctl releases exist for X64 and ARM64"},
		{"unknown OS", map[string]string{"SOPCTL_VERSION": "v1.2.3", "RUNNER_OS": "Plan9"}, nil, "", "unsupported runner OS 'Plan9'"},
		{"checksum mismatch", map[string]string{"SOPCTL_VERSION": "v1.2.3"},
			replaceChecksums(func(s string) string {
				return regexp.MustCompile(`(?m)^[0-9a-f]{64}(  sopctl_1.2.3_linux)`).ReplaceAllString(s, strings.Repeat("0", 64)+"$1")
			}),
			"", "checksum mismatch for sopctl_1.2.3_linux_amd64.tar.gz: checksums.txt says 0000"},
		{"no checksum line", map[string]string{"SOPCTL_VERSION": "v1.2.3"},
			replaceChecksums(func(s string) string { return regexp.MustCompile(`(?m)^.*linux.*\n`).ReplaceAllString(s, "") }),
			"", "checksums.txt of v1.2.3 has no SHA-256 line for sopctl_1.2.3_linux_amd64.tar.gz; refusing"},
		{"no checksums.txt", map[string]string{"SOPCTL_VERSION": "v1.2.3"},
			func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "checksums.txt")) },
			"", "could not download http://"},
		{"binary is a symlink", map[string]string{"SOPCTL_VERSION": "v1.2.3"}, symlinkArchive, "",
			"sopctl in sopctl_1.2.3_linux_amd64.tar.gz is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := exec.LookPath("unzip"); err != nil && tt.exe == "sopctl.exe" {
				t.Skip("unzip is not installed; install.sh needs it for Windows archives")
			}
			root := t.TempDir()
			dir := fakeRelease(t, root)
			if tt.tweak != nil {
				tt.tweak(t, dir)
			}
			srv := httptest.NewServer(http.FileServer(http.Dir(root)))
			defer srv.Close()
			temp := t.TempDir()
			env := map[string]string{"SOPCTL_RELEASE_URL": srv.URL, "RUNNER_TEMP": temp, "GITHUB_PATH": filepath.Join(temp, "github_path")}
			for _, m := range []map[string]string{linux, tt.env} {
				for k, v := range m {
					env[k] = v
				}
			}
			stdout, stderr, err := runScript(t, "install.sh", env)
			checkInstall(t, temp, tt.exe, tt.message, stdout, stderr, err)
		})
	}
}

func checkInstall(t *testing.T, temp, exe, message, stdout, stderr string, err error) {
	t.Helper()
	bin := filepath.Join(temp, "sopctl-bin")
	path, _ := os.ReadFile(filepath.Join(temp, "github_path"))
	if exe == "" {
		if err == nil {
			t.Fatalf("install succeeded, want failure %q\nstdout: %s", message, stdout)
		}
		if code := err.(*exec.ExitError).ExitCode(); code != 1 || !strings.Contains(stderr, message) {
			t.Errorf("exit %d, stderr %q; want exit 1 with %q", code, stderr, message)
		}
		if _, err := os.Lstat(bin); err == nil || len(path) != 0 {
			t.Errorf("a failed install left %s (GITHUB_PATH %q)", bin, path)
		}
	} else {
		if err != nil {
			t.Fatalf("install: %v\nstderr: %s", err, stderr)
		}
		out, err := exec.Command(filepath.Join(bin, exe), "version").Output()
		if err != nil || string(out) != "sopctl v1.2.3 (fake)\n" || !strings.Contains(stdout, "installed sopctl v1.2.3 (fake) in "+bin) {
			t.Errorf("installed binary ran with %v: %q; install said %q", err, out, stdout)
		}
		if string(path) != bin+"\n" {
			t.Errorf("GITHUB_PATH holds %q, want %q", path, bin+"\n")
		}
	}
	if left, _ := filepath.Glob(filepath.Join(temp, "sopctl-install.*")); len(left) > 0 {
		t.Errorf("install.sh left its work folder: %v", left)
	}
}

// symlinkArchive replaces the linux archive with one whose sopctl is a
// symlink, with a matching checksum: only the checksum is right.
func symlinkArchive(t *testing.T, dir string) {
	data := tarGz(t, "sopctl", "", "/bin/sh")
	writeFile(t, filepath.Join(dir, "sopctl_1.2.3_linux_amd64.tar.gz"), data)
	replaceChecksums(func(s string) string {
		return regexp.MustCompile(`(?m)^[0-9a-f]{64}(  sopctl_1.2.3_linux)`).ReplaceAllString(s, fmt.Sprintf("%x$1", sha256.Sum256(data)))
	})(t, dir)
}

// runScript runs one of the action's scripts with bash, with env added to
// a minimal environment (PATH, HOME).
func runScript(t *testing.T, script string, env map[string]string) (string, string, error) {
	t.Helper()
	cmd := exec.Command("bash", actionScript(t, script))
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}
