// Package gitlog reads the revision history of every file of a library from
// a single `git log` run, behind a small interface (Source) so that render
// can be tested without git: Git asks git, None has no history.
//
// A library that is not in a git repository, or a machine without git, has
// an empty history rather than an error: the handbook is then rendered
// without revision tables.
//
// Repo reads a library's files as they were at a revision (lint --since,
// sopctl diff) without checking anything out: the files that changed
// between two revisions, with their blob ids (git diff --raw), and any
// number of blobs' bytes from one git cat-file --batch, so that the cost
// follows what changed, not the library's size. There, no git or no work
// tree is an error.
package gitlog

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Revision is one commit that changed a file.
type Revision struct {
	Commit  string    // abbreviated hash: the first 12 hex digits
	Author  string    // author name (after .mailmap), valid UTF-8
	Date    time.Time // author date, in the author's time zone
	Subject string    // first paragraph of the message on one line, valid UTF-8
}

// History maps a file's slash path relative to the library root (such as
// "sops/complaint-resolution.md") to the commits that changed it, newest
// first. It may also hold files that no longer exist.
type History map[string][]Revision

// Latest returns the newest revision of the file at path (a slash path
// relative to the library root), and false when the history has none.
func (h History) Latest(path string) (Revision, bool) {
	revs := h[path]
	if len(revs) == 0 {
		return Revision{}, false
	}
	return revs[0], true
}

// sort orders each file's revisions newest first by author date, equal
// dates by commit hash, so that the same repository gives the same History.
func (h History) sort() {
	for _, revs := range h {
		slices.SortStableFunc(revs, func(a, b Revision) int {
			if c := b.Date.Compare(a.Date); c != 0 {
				return c
			}
			return strings.Compare(a.Commit, b.Commit)
		})
	}
}

// Source gives the revision history of the files of the library in libDir.
type Source interface {
	History(ctx context.Context, libDir string) (History, error)
}

// None is a Source without history, for libraries outside git and tests.
type None struct{}

// History returns an empty History.
func (None) History(context.Context, string) (History, error) { return History{}, nil }

var (
	_ Source = None{}
	_ Source = Git{}
)
