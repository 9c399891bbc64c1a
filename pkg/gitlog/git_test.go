package gitlog

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// requireGit skips the test when git is not installed.
func requireGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH: skipping a test that runs git")
	}
}

// isolated is the environment of every git the tests run: no system or
// user configuration (no signing, hooks or aliases of the machine's owner),
// and no repository discovery above the test's temporary folder.
func isolated(t testing.TB, root string) []string {
	return []string{
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + os.DevNull,
		"HOME=" + t.TempDir(),
		"XDG_CONFIG_HOME=" + t.TempDir(),
		"GIT_CEILING_DIRECTORIES=" + filepath.Dir(root),
	}
}

// testRepo is a git repository in a temporary folder.
type testRepo struct {
	t   testing.TB
	dir string
	env []string
}

func newRepo(t testing.TB) *testRepo {
	requireGit(t)
	dir := t.TempDir()
	r := &testRepo{t: t, dir: dir, env: isolated(t, dir)}
	r.git(nil, "init", "-q")
	return r
}

// git runs git in the repository with extra environment entries and
// returns its trimmed output.
func (r *testRepo) git(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = Git{Env: append(slices.Clone(r.env), env...)}.environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// mv moves a file with git mv, making the target's folder first.
func (r *testRepo) mv(from, to string) {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Join(r.dir, filepath.FromSlash(path.Dir(to))), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.git(nil, "mv", from, to)
}

func (r *testRepo) write(name, content string) {
	r.t.Helper()
	testlib.WriteTree(r.t, r.dir, map[string]string{name: content})
}

// commit stages everything and commits it with a fixed author, committer
// and date, and returns the commit's 12-digit hash.
func (r *testRepo) commit(author, date, message string) string {
	r.t.Helper()
	r.git(nil, "add", "-A")
	r.git([]string{
		"GIT_AUTHOR_NAME=" + author, "GIT_AUTHOR_EMAIL=author@example.com", "GIT_AUTHOR_DATE=" + date,
		"GIT_COMMITTER_NAME=Committer", "GIT_COMMITTER_EMAIL=committer@example.com", "GIT_COMMITTER_DATE=" + date,
	}, "commit", "-q", "--no-verify", "-m", message)
	return r.git(nil, "rev-parse", "HEAD")[:12]
}

// history reads the history of the library in sub-folder lib of the repo.
func (r *testRepo) history(lib string) History {
	r.t.Helper()
	h, err := Git{Env: r.env}.History(context.Background(), filepath.Join(r.dir, lib))
	if err != nil {
		r.t.Fatalf("History: %v", err)
	}
	return h
}

// dump writes h one revision a line, so that tests compare text and a
// failure shows what differs.
func dump(h History) string {
	var b strings.Builder
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\n", k)
		for _, r := range h[k] {
			fmt.Fprintf(&b, "  %s %s %s %q\n", r.Commit, r.Date.Format(time.RFC3339), r.Author, r.Subject)
		}
	}
	return b.String()
}

func TestGitHistory(t *testing.T) {
	r := newRepo(t)

	r.write("handbook/sopctl.yaml", "title: Handbook\n")
	r.write("handbook/sops/a.md", "# A\n\nThe first SOP, long enough to be recognised when moved.\n")
	r.write("handbook/sops/b.md", "# B\n")
	r.write("handbook/sops/café menu.md", "# Café\n")
	r.write("handbook2/x.md", "# X\n\nA file outside the library, in a folder whose name starts the same.\n")
	r.write("outside.md", "outside\n")
	c1 := r.commit("Zoë Ångström", "2024-01-01T10:00:00+01:00",
		`Init: “smart” 'single' "double" 100% done %s %n %x00 <tag> & \ back`)

	r.write("handbook/sops/a.md", "# A\n\nThe first SOP, long enough to be recognised when moved.\n\nMore.\n")
	r.write("handbook/sops/b.md", "# B\n\nEdited.\n")
	r.write("outside.md", "outside, edited\n")
	c2 := r.commit("Bob", "2024-02-01T09:00:00Z", "Edit a and b")

	r.mv("handbook/sops/a.md", "handbook/sops/orders/a-renamed.md")
	r.write("handbook/sops/café menu.md", "# Café\n\nEdited.\n")
	c3 := r.commit("Zoë Ångström", "2024-03-01T12:00:00-05:00", "Move a\nto orders\n\nThe body is not part of the subject.")

	r.write("handbook/sops/orders/a-renamed.md", "# A\n\nThe first SOP, long enough to be recognised when moved.\n\nMore.\n\nAgain.\n")
	c4 := r.commit("李雷", "2024-03-01T12:00:00-05:00", "Same date as the move")

	r.mv("handbook2/x.md", "handbook/sops/x.md")
	r.write("outside.md", "outside, edited again\n")
	c5 := r.commit("Bob", "2024-04-01T00:00:00Z", "Move x into the library")

	r.write("outside.md", "only outside\n")
	r.commit("Bob", "2024-04-15T00:00:00Z", "Outside only")

	r.git(nil, "rm", "-q", "handbook/sops/b.md")
	c6 := r.commit("Bob", "2024-05-01T00:00:00Z", "Retire b")

	// c3 and c4 share an author date: the smaller hash comes first.
	same := []string{
		fmt.Sprintf("  %s 2024-03-01T12:00:00-05:00 Zoë Ångström %q\n", c3, "Move a to orders"),
		fmt.Sprintf("  %s 2024-03-01T12:00:00-05:00 李雷 %q\n", c4, "Same date as the move"),
	}
	if c4 < c3 {
		same[0], same[1] = same[1], same[0]
	}
	first := fmt.Sprintf("  %s 2024-01-01T10:00:00+01:00 Zoë Ångström %q\n", c1,
		`Init: “smart” 'single' "double" 100% done %s %n %x00 <tag> & \ back`)
	edit := fmt.Sprintf("  %s 2024-02-01T09:00:00Z Bob %q\n", c2, "Edit a and b")
	want := "sopctl.yaml\n" + first +
		"sops/b.md\n" +
		fmt.Sprintf("  %s 2024-05-01T00:00:00Z Bob %q\n", c6, "Retire b") + edit + first +
		"sops/café menu.md\n" +
		fmt.Sprintf("  %s 2024-03-01T12:00:00-05:00 Zoë Ångström %q\n", c3, "Move a to orders") + first +
		"sops/orders/a-renamed.md\n" + same[0] + same[1] + edit + first +
		"sops/x.md\n" +
		fmt.Sprintf("  %s 2024-04-01T00:00:00Z Bob %q\n", c5, "Move x into the library")

	h := r.history("handbook")
	if got := dump(h); got != want {
		t.Errorf("History of handbook/:\n%s\nwant:\n%s", got, want)
	}
	if rev, ok := h.Latest("sops/b.md"); !ok || rev.Commit != c6 {
		t.Errorf("Latest(sops/b.md) = %v, %v; want %s", rev, ok, c6)
	}
	if _, ok := h.Latest("sops/a.md"); ok {
		t.Errorf("Latest(sops/a.md): the renamed file's old path has a history")
	}

	// From the repository's root, every file is there, with its full path.
	root := r.history("")
	if n := len(root["handbook/sops/orders/a-renamed.md"]); n != 4 {
		t.Errorf("from the root, handbook/sops/orders/a-renamed.md has %d revisions, want 4", n)
	}
	if n := len(root["outside.md"]); n != 4 {
		t.Errorf("from the root, outside.md has %d revisions, want 4", n)
	}
	// Moved from handbook2/ inside the same run: followed.
	if n := len(root["handbook/sops/x.md"]); n != 2 {
		t.Errorf("from the root, handbook/sops/x.md has %d revisions, want 2", n)
	}

	// The same repository gives the same History.
	if again := dump(r.history("handbook")); again != want {
		t.Errorf("second run differs:\n%s", again)
	}
}

// TestGitHistoryHookEnv: sopctl run from a git hook inherits GIT_DIR and
// GIT_INDEX_FILE; git must still find the library's own repository.
func TestGitHistoryHookEnv(t *testing.T) {
	r := newRepo(t)
	r.write("lib/sops/a.md", "# A\n")
	c := r.commit("Ann", "2024-01-01T00:00:00Z", "Add a")
	t.Setenv("GIT_DIR", ".git")
	t.Setenv("GIT_INDEX_FILE", ".git/index")
	h := r.history("lib")
	if rev, ok := h.Latest("sops/a.md"); !ok || rev.Commit != c {
		t.Errorf("Latest(sops/a.md) = %v, %v; want %s\n%s", rev, ok, c, dump(h))
	}
}

func TestGitHistoryNotARepository(t *testing.T) {
	requireGit(t)
	dir := t.TempDir()
	h, err := Git{Env: isolated(t, dir)}.History(context.Background(), dir)
	if err != nil || h == nil || len(h) != 0 {
		t.Errorf("History outside a repository = %v, %v; want an empty History and nil", h, err)
	}
}

func TestGitHistoryNoCommits(t *testing.T) {
	r := newRepo(t)
	r.write("lib/sops/a.md", "# A\n")
	h, err := Git{Env: r.env}.History(context.Background(), filepath.Join(r.dir, "lib"))
	if err != nil || h == nil || len(h) != 0 {
		t.Errorf("History of a repository without commits = %v, %v; want an empty History and nil", h, err)
	}
}

func TestGitHistoryGitMissing(t *testing.T) {
	for _, bin := range []string{"/nonexistent/git", "sopctl-no-such-git"} {
		h, err := Git{Binary: bin}.History(context.Background(), t.TempDir())
		if err != nil || h == nil || len(h) != 0 {
			t.Errorf("Binary %q: History = %v, %v; want an empty History and nil", bin, h, err)
		}
	}
}

func TestGitHistoryFailure(t *testing.T) {
	requireGit(t)
	dir := filepath.Join(t.TempDir(), "missing")
	_, err := Git{Env: isolated(t, dir)}.History(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), "fatal: cannot change to") {
		t.Errorf("History of a missing folder: err = %v; want git's message", err)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Errorf("err = %v; want it to wrap *exec.ExitError", err)
	}
}

func TestGitHistoryCanceled(t *testing.T) {
	r := newRepo(t)
	r.write("lib/a.md", "# A\n")
	r.commit("Ann", "2024-01-01T00:00:00Z", "Add a")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Git{Env: r.env}.History(ctx, filepath.Join(r.dir, "lib"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("History with a canceled context: err = %v; want context.Canceled", err)
	}
}

// TestGitHistoryManyFiles: 1000 files changed by 3 commits, one git run.
func TestGitHistoryManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("1000 files x 3 commits: skipped with -short")
	}
	r := newRepo(t)
	const files, commits = 1000, 3
	for c := range commits {
		for i := range files {
			r.write(fmt.Sprintf("lib/sops/area-%02d/sop %04d.md", i%10, i), fmt.Sprintf("# SOP %d\n\nversion %d\n", i, c))
		}
		r.commit("Ann", fmt.Sprintf("2024-01-0%dT00:00:00Z", c+1), fmt.Sprintf("Revision %d", c))
	}
	start := time.Now()
	h := r.history("lib")
	t.Logf("git log and parse: %v", time.Since(start))
	if len(h) != files {
		t.Fatalf("History has %d files, want %d", len(h), files)
	}
	for path, revs := range h {
		if len(revs) != commits || revs[0].Subject != "Revision 2" || revs[2].Subject != "Revision 0" {
			t.Fatalf("%s: %d revisions, newest %q; want %d, newest first", path, len(revs), revs[0].Subject, commits)
		}
	}
}

func TestLatestAndNone(t *testing.T) {
	h, err := None{}.History(context.Background(), "anywhere")
	if err != nil || h == nil || len(h) != 0 {
		t.Fatalf("None.History = %v, %v; want an empty History and nil", h, err)
	}
	if _, ok := h.Latest("sops/a.md"); ok {
		t.Error("Latest on an empty History: ok")
	}
	var nilHistory History
	if _, ok := nilHistory.Latest("sops/a.md"); ok {
		t.Error("Latest on a nil History: ok")
	}
	newest := Revision{Commit: "bbbbbbbbbbbb", Date: time.Unix(2, 0)}
	h = History{"sops/a.md": {newest, {Commit: "aaaaaaaaaaaa", Date: time.Unix(1, 0)}}}
	if rev, ok := h.Latest("sops/a.md"); !ok || rev != newest {
		t.Errorf("Latest = %v, %v; want %v", rev, ok, newest)
	}
}

// TestGitHistoryFailureEscapes: git quotes the folder it cannot enter in
// its message; a folder name with control characters must not bring them
// into the error, which commands print.
func TestGitHistoryFailureEscapes(t *testing.T) {
	requireGit(t)
	dir := filepath.Join(t.TempDir(), "missing\x1b]0;X\a\u009b2J")
	_, err := Git{Env: isolated(t, dir)}.History(context.Background(), dir)
	if err == nil {
		t.Fatal("no error for a missing folder")
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\a\u009b") {
		t.Errorf("error holds control characters: %q", msg)
	}
	if !strings.Contains(msg, `missing\x1b]0;X\a\u009b2J`) {
		t.Errorf("error does not show the folder's name with escapes: %q", msg)
	}
}
