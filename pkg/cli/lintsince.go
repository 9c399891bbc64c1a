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
	deltas, err := repo.Changed(ctx, commits[0], "")
	if err != nil {
		return nil, err
	}
	now := map[string]*sop.Brief{}
	briefs := u.lib.Briefs()
	for i := range briefs {
		now[briefs[i].Path()] = &briefs[i]
	}
	// A file moved since rev, keeping its name (its id), was the deleted
	// file of that name.
	gone := map[string]string{}
	for _, d := range deltas {
		if d.From != "" && now[d.Path] == nil {
			gone[path.Base(d.Path)] = d.From
		}
	}
	then := map[string]string{} // path now -> blob id at rev
	for _, d := range deltas {
		doc := now[d.Path]
		if doc == nil || doc.Status() != sop.StatusApproved {
			continue
		}
		if d.From != "" {
			then[d.Path] = d.From
		} else if id, ok := gone[path.Base(d.Path)]; ok {
			then[d.Path] = id
		}
	}
	ids := make([]string, 0, len(then))
	for _, id := range then {
		ids = append(ids, id)
	}
	blobs, err := repo.Read(ctx, ids)
	if err != nil {
		return nil, err
	}
	since := &lint.Since{Rev: rev, Before: map[string][]byte{}}
	for p, id := range then {
		since.Before[p] = blobs[id]
	}
	return since, nil
}
