package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/sopctl/sopctl/pkg/changes"
	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// openRevs opens the git work tree of the library at libDir and resolves
// each rev to a commit. No git, no work tree or an unknown rev stop the
// command (exit 2); an unknown rev suggests a close branch or tag.
func openRevs(ctx context.Context, libDir string, revs ...string) (*gitlog.Repo, []string, error) {
	repo, err := gitlog.Git{}.Open(ctx, libDir)
	if err != nil {
		return nil, nil, err
	}
	commits := make([]string, len(revs))
	for i, rev := range revs {
		c, err := repo.Resolve(ctx, rev)
		var unknown *gitlog.UnknownRevError
		if errors.As(err, &unknown) {
			fix := "git log --oneline lists the commits, git branch and git tag the names"
			if s := sop.DidYouMean(rev, unknown.Refs); s != "" {
				fix = s
			}
			return nil, nil, &hintError{msg: unknown.Error() + "; " + fix, err: err}
		}
		if err != nil {
			return nil, nil, err
		}
		commits[i] = c
	}
	return repo, commits, nil
}

// sideAt reads the library's config and the files at paths as they were
// at commit. A library without sopctl.yaml then has no SOPs; one whose
// sopctl.yaml cannot be read then is read with today's (cur), and stderr
// says so.
func sideAt(ctx context.Context, env *Env, repo *gitlog.Repo, commit, rev string, paths []string, cur *library.Config) (changes.Side, error) {
	paths = append(slices.Clip(paths), library.ConfigFile)
	tree, err := repo.Tree(ctx, commit, paths...)
	if err != nil {
		return changes.Side{}, err
	}
	files, err := repo.Files(ctx, tree, paths)
	if err != nil {
		return changes.Side{}, err
	}
	src, ok := files[library.ConfigFile]
	delete(files, library.ConfigFile)
	if !ok {
		return changes.Side{Files: files}, nil
	}
	cfg, err := library.ParseConfig(library.ConfigFile, src)
	if err != nil {
		fmt.Fprintf(env.IO.ErrOut, "sopctl: warning: %s at %s cannot be read, so today's is used for it: %s\n",
			library.ConfigFile, termsafe.Line(rev), termsafe.Line(err.Error()))
		cfg = cur
	}
	return changes.Side{Config: cfg, Files: files}, nil
}

// workingSide reads the files at paths from the library's folder; a path
// that no longer exists was deleted and is left out.
func workingSide(libDir string, cfg *library.Config, paths []string) (changes.Side, error) {
	root, err := os.OpenRoot(libDir)
	if err != nil {
		return changes.Side{}, err
	}
	defer root.Close()
	side := changes.Side{Config: cfg, Files: map[string][]byte{}}
	for _, p := range paths {
		if !side.IsSOP(p) {
			continue
		}
		src, err := root.ReadFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return changes.Side{}, fmt.Errorf("%s: cannot be read: %v", termsafe.Line(p), library.WithoutPath(err))
		}
		side.Files[p] = src
	}
	return side, nil
}
