package gitlog

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// Repo is the git work tree a library lies in, for reading the library's
// files as they were at a revision (lint --since, sopctl diff) without
// checking anything out. Unlike History, a missing git or a library
// outside any work tree is an error here: the user asked for a revision.
type Repo struct {
	git Git
	// Dir is the library's folder, as given to Git.Repo. Every git command
	// runs in it, and paths are relative to it (git's --relative and
	// ./PATH names), so the library's place in the work tree never needs
	// asking for.
	Dir string
}

// NoRepoError means that a revision cannot be read: git is missing, or
// the library is in no git work tree.
type NoRepoError struct{ Msg string }

func (e *NoRepoError) Error() string { return e.Msg }

// UnknownRevError means git knows no commit by the name the user gave.
type UnknownRevError struct {
	Rev    string
	Reason string // git's message
	// Refs are the repository's branch and tag names, from which the
	// caller may suggest one (gitlog knows no spelling rules).
	Refs []string
}

func (e *UnknownRevError) Error() string {
	return fmt.Sprintf("REV %q is not a revision git knows: %s", termsafe.Text(e.Rev), e.Reason)
}

// Repo returns the repository for the library at libDir. It runs no git
// command: the first one says whether git is there and libDir is in a
// work tree (a *NoRepoError), which spares every command that reads a
// revision one process start.
func (g Git) Repo(libDir string) *Repo { return &Repo{git: g, Dir: libDir} }

// noRepo turns the failure of the first git command into a *NoRepoError
// when git is missing or libDir is in no work tree, and returns nil when
// the failure is something else.
func (r *Repo) noRepo(stderr string, err error) error {
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return &NoRepoError{Msg: "git is not installed (or not on PATH): reading a revision needs git"}
	}
	if strings.Contains(stderr, "not a git repository") {
		return &NoRepoError{Msg: fmt.Sprintf("%s is not inside a git repository: commit the library to git to compare revisions", termsafe.Text(r.Dir))}
	}
	return nil
}

// ResolveAll returns the full hash of the commit each rev names, from one
// `git cat-file --batch-check` run (the revs go on its input, so none can
// be read as an option). A rev it cannot resolve is asked again alone
// with Resolve, whose *UnknownRevError carries git's reason.
func (r *Repo) ResolveAll(ctx context.Context, revs []string) ([]string, error) {
	var in bytes.Buffer
	for _, rev := range revs {
		if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsAny(rev, "\r\n") {
			return nil, &UnknownRevError{Rev: rev, Reason: "a revision cannot be empty, hold a line break or start with -"}
		}
		in.WriteString(rev + "^{commit}\n")
	}
	out, stderr, err := r.run(ctx, in.Bytes(), "cat-file", "--batch-check")
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if nr := r.noRepo(stderr, err); nr != nil {
			return nil, nr
		}
		return nil, r.failed("cat-file", stderr, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	commits := make([]string, len(revs))
	for i, rev := range revs {
		f := []string{}
		if i < len(lines) {
			f = strings.Fields(lines[i])
		}
		if len(f) == 3 && f[1] == "commit" {
			commits[i] = f[0]
			continue
		}
		// Missing, ambiguous, or not a commit: Resolve says which.
		c, err := r.Resolve(ctx, rev)
		if err != nil {
			return nil, err
		}
		commits[i] = c
	}
	return commits, nil
}

// Resolve returns the full hash of the commit rev names: a hash, branch,
// tag or any commit-ish git knows. An unknown rev is an *UnknownRevError.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", &UnknownRevError{Rev: rev, Reason: "a revision cannot be empty, hold a line break or start with -"}
	}
	out, stderr, err := r.run(ctx, nil, "rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if nr := r.noRepo(stderr, err); nr != nil {
			return "", nr
		}
		reason := firstLine(stderr)
		if reason == "fatal: Needed a single revision" || reason == "no message" {
			reason = "no commit, branch or tag has that name"
		}
		return "", &UnknownRevError{Rev: rev, Reason: strings.TrimPrefix(reason, "fatal: "), Refs: r.refs(ctx)}
	}
	return strings.TrimSpace(string(out)), nil
}

// refs lists the repository's branch and tag names, for a suggestion.
func (r *Repo) refs(ctx context.Context) []string {
	out, _, err := r.run(ctx, nil, "for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags")
	if err != nil {
		return nil
	}
	return strings.Fields(string(out))
}

// run runs one git command in the library's folder with stdin as its
// input and returns its output and its error output.
func (r *Repo) run(ctx context.Context, stdin []byte, args ...string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, cmp.Or(r.git.Binary, "git"), append([]string{
		"--no-pager", "-C", r.Dir, "-c", "core.quotePath=false",
	}, args...)...)
	cmd.Env = r.git.environ()
	cmd.WaitDelay = 5 * time.Second
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout bytes.Buffer
	var stderr capped
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.Bytes(), stderr.String(), err
}

// failed wraps the error of a git command that should not fail.
func (r *Repo) failed(what, stderr string, err error) error {
	return fmt.Errorf("git %s in %s failed: %s (%w)", what, termsafe.Text(r.Dir), firstLine(stderr), err)
}
