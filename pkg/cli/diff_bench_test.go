package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// benchRepo makes a git repository holding a generated library of n SOPs
// in hb/, tagged v1; v2 changes every (n/changed)-th SOP's Procedure, and
// the working tree as many others. SOPCTL_BENCH_REPO names a folder to
// keep it in (for timing the binary against git diff --stat by hand);
// it is reused when it holds a repository already.
func benchRepo(b *testing.B, n, changed int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not on PATH")
	}
	dir := os.Getenv("SOPCTL_BENCH_REPO")
	if dir == "" {
		dir = b.TempDir()
	} else if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return dir
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=B", "-c", "user.email=b@example.com"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if err := testlib.Generate(filepath.Join(dir, "hb"), n, 1); err != nil {
		b.Fatal(err)
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "v1")
	git("tag", "v1")
	edit := func(offset int) {
		for i := offset; i < n; i += n / changed {
			matches, _ := filepath.Glob(filepath.Join(dir, "hb", "sops", "*", testlib.ID(i)+".md"))
			if len(matches) != 1 {
				b.Fatalf("%s: %d files", testlib.ID(i), len(matches))
			}
			src, err := os.ReadFile(matches[0])
			if err != nil {
				b.Fatal(err)
			}
			src = bytes.Replace(src, []byte("## Procedure\n"), []byte("## Procedure\n\n1. A step added in "+fmt.Sprint(offset)+".\n"), 1)
			if err := os.WriteFile(matches[0], src, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	edit(0)
	git("commit", "-q", "-a", "-m", "v2")
	git("tag", "v2")
	edit(1)
	return dir
}

// BenchmarkDiff10k: sopctl diff on 10,000 SOPs of which 100 changed, in
// process: between two commits, and from a commit to the working tree.
func BenchmarkDiff10k(b *testing.B) {
	dir := benchRepo(b, 10000, 100)
	for _, args := range [][]string{{"diff", "v1", "v2", "--format", "json"}, {"diff", "v2", "--format", "json"}} {
		b.Run(strings.Join(args[1:len(args)-2], "-"), func(b *testing.B) {
			for b.Loop() {
				ios, _, out, errOut := iostreams.Test()
				env := &Env{IO: ios, Dir: filepath.Join(dir, "hb"), Now: time.Now, Templates: templates.FS}
				if code := Run(context.Background(), args, env); code != 0 {
					b.Fatalf("exit %d: %s", code, errOut)
				}
				if got := strings.Count(out.String(), `"id":`); got != 100 {
					b.Fatalf("%d changes, want 100", got)
				}
			}
		})
	}
}
