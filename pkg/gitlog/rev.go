package gitlog

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
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
	// Dir is the library's folder, as given to Open.
	Dir string
	// Prefix is the library's slash path from the top of the work tree:
	// "" when the library is the top.
	Prefix string
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

// Open finds the work tree that holds libDir and the library's path in it.
// The top is resolved through symlinks, as git resolves it, and so is
// libDir, so that a library reached through a symlinked folder still has
// its path inside the repository.
func (g Git) Open(ctx context.Context, libDir string) (*Repo, error) {
	r := &Repo{git: g, Dir: libDir}
	out, stderr, err := r.run(ctx, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return nil, &NoRepoError{Msg: "git is not installed (or not on PATH): reading a revision needs git"}
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if strings.Contains(stderr, "not a git repository") {
			return nil, &NoRepoError{Msg: fmt.Sprintf("%s is not inside a git repository: commit the library to git to compare revisions", termsafe.Text(libDir))}
		}
		return nil, fmt.Errorf("git rev-parse in %s failed: %s", termsafe.Text(libDir), firstLine(stderr))
	}
	top, err := filepath.EvalSymlinks(strings.TrimRight(string(out), "\n"))
	if err != nil {
		return nil, err
	}
	lib, err := filepath.EvalSymlinks(libDir)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(top, lib)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return nil, fmt.Errorf("the library %s is not inside its work tree %s", termsafe.Text(libDir), termsafe.Text(top))
	}
	if rel != "." {
		r.Prefix = filepath.ToSlash(rel)
	}
	return r, nil
}

// Resolve returns the full hash of the commit rev names: a hash, branch,
// tag or any commit-ish git knows. An unknown rev is an *UnknownRevError.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", &UnknownRevError{Rev: rev, Reason: "a revision cannot be empty or start with -"}
	}
	out, stderr, err := r.run(ctx, nil, "rev-parse", "--verify", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
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
