package cli

import (
	"context"
	"path"

	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// attachSince gives each unit its library as it was at rev (lint --since
// REV), which turns on version-not-bumped: the bytes at rev of each
// approved SOP whose file changed since. Each library is read at rev in
// its own path, from its own work tree.
func attachSince(ctx context.Context, units []*lintUnit, rev string) error {
	for _, u := range units {
		since, err := sinceOf(ctx, u, rev)
		if err != nil {
			return err
		}
		u.opts.Since = since
	}
	return nil
}

func sinceOf(ctx context.Context, u *lintUnit, rev string) (*lint.Since, error) {
	repo, commits, err := openRevs(ctx, u.lib.Dir, rev)
	if err != nil {
		return nil, err
	}
	changed, err := repo.Changed(ctx, commits[0], "")
	if err != nil {
		return nil, err
	}
	since := &lint.Since{Rev: rev, Before: map[string][]byte{}}
	if len(changed) == 0 {
		return since, nil // and Tree with no path would list them all
	}
	tree, err := repo.Tree(ctx, commits[0], changed...)
	if err != nil {
		return nil, err
	}
	now := map[string]*sop.Doc{}
	for _, d := range u.lib.Docs {
		now[d.Path] = d
	}
	// A file moved since rev, keeping its name (its id), was the deleted
	// file of that name.
	gone := map[string]string{}
	for _, p := range changed {
		if _, was := tree[p]; was && now[p] == nil {
			gone[path.Base(p)] = p
		}
	}
	then := map[string]string{} // path now -> path at rev
	for _, p := range changed {
		d := now[p]
		if d == nil || d.Meta.Status.Text != sop.StatusApproved {
			continue
		}
		if _, was := tree[p]; was {
			then[p] = p
		} else if old, ok := gone[path.Base(p)]; ok {
			then[p] = old
		}
	}
	olds := make([]string, 0, len(then))
	for _, old := range then {
		olds = append(olds, old)
	}
	files, err := repo.Files(ctx, tree, olds)
	if err != nil {
		return nil, err
	}
	for p, old := range then {
		since.Before[p] = files[old]
	}
	return since, nil
}
