package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/sopctl/sopctl/pkg/changes"
	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// openRevs names the git work tree of the library at libDir and resolves
// each rev to a commit. No git, no work tree or an unknown rev stop the
// command (exit 2); an unknown rev suggests a close branch or tag.
func openRevs(ctx context.Context, libDir string, revs ...string) (*gitlog.Repo, []string, error) {
	repo := gitlog.Git{}.Repo(libDir)
	commits, err := repo.ResolveAll(ctx, revs)
	var unknown *gitlog.UnknownRevError
	if errors.As(err, &unknown) {
		fix := "git log --oneline lists the commits, git branch and git tag the names"
		if s := sop.DidYouMean(unknown.Rev, unknown.Refs); s != "" {
			fix = s
		}
		return nil, nil, &hintError{msg: unknown.Error() + "; " + fix, err: err}
	}
	if err != nil {
		return nil, nil, err
	}
	return repo, commits, nil
}

// diffSides reads the two sides of sopctl diff from one git cat-file run:
// sopctl.yaml at each commit, and the changed *.md files by the blob ids
// git diff gave (only *.md files can be SOPs, whatever sops_dir a config
// named); with one commit, the other side is the work tree, read from
// disk meanwhile. cur is today's config.
func diffSides(ctx context.Context, env *Env, repo *gitlog.Repo, revs, commits []string, deltas []gitlog.Delta, libDir string, cur *library.Config) (from, to changes.Side, err error) {
	var names, paths []string
	for _, c := range commits {
		names = append(names, c+":./"+library.ConfigFile)
	}
	for _, d := range deltas {
		if !strings.HasSuffix(d.Path, ".md") {
			continue
		}
		paths = append(paths, d.Path)
		for _, id := range []string{d.From, d.To}[:len(commits)] {
			if id != "" {
				names = append(names, id)
			}
		}
	}
	var work changes.Side
	var workErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if len(commits) == 1 {
			work, workErr = workingSide(libDir, cur, paths)
		}
	}()
	contents, err := repo.Batch(ctx, names)
	<-done
	if err = cmp.Or(err, workErr); err != nil {
		return from, to, err
	}
	blobs := map[string][]byte{}
	for i, name := range names[len(commits):] {
		blobs[name] = contents[len(commits)+i]
	}
	sides := []changes.Side{{}, work}
	for i := range commits {
		sides[i] = changes.Side{Config: configAt(env, revs[i], contents[i], cur), Files: map[string][]byte{}}
		for _, d := range deltas {
			if id := []string{d.From, d.To}[i]; id != "" && blobs[id] != nil {
				sides[i].Files[d.Path] = blobs[id]
			}
		}
	}
	return sides[0], sides[1], nil
}

// configAt reads sopctl.yaml as it was at rev: nil (no library, so no
// SOPs) when it did not exist; today's (cur) when it cannot be read, which
// stderr says.
func configAt(env *Env, rev string, src []byte, cur *library.Config) *library.Config {
	if src == nil {
		return nil
	}
	cfg, err := library.ParseConfig(library.ConfigFile, src)
	if err != nil {
		fmt.Fprintf(env.IO.ErrOut, "sopctl: warning: %s at %s cannot be read, so today's is used for it: %s\n",
			library.ConfigFile, termsafe.Line(rev), termsafe.Line(err.Error()))
		return cur
	}
	return cfg
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
