package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"
)

// snapshots holds the trees recorded by "snapshot", by script and name.
var snapshots sync.Map // map[snapshotKey]map[string]string

type snapshotKey struct {
	ts   *testscript.TestScript
	name string
}

// takeSnapshot records every file, folder and link under the script's
// work folder (its .tmp aside): "snapshot NAME".
func takeSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: snapshot NAME")
	}
	snapshots.Store(snapshotKey{ts, args[0]}, treeState(ts))
}

// checkUnchanged fails when anything under the work folder differs from
// the snapshot NAME, except below the given paths: "unchanged NAME
// [EXCEPT...]". Each difference is named.
func checkUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: unchanged NAME [EXCEPT...]")
	}
	v, ok := snapshots.Load(snapshotKey{ts, args[0]})
	if !ok {
		ts.Fatalf("no snapshot %q", args[0])
	}
	before, after := v.(map[string]string), treeState(ts)
	excepted := func(p string) bool {
		for _, e := range args[1:] {
			e = filepath.ToSlash(filepath.Clean(e))
			if p == e || strings.HasPrefix(p, e+"/") {
				return true
			}
		}
		return false
	}
	var diffs []string
	for p, s := range before {
		if excepted(p) {
			continue
		}
		if t, ok := after[p]; !ok {
			diffs = append(diffs, "removed "+p)
		} else if t != s {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok && !excepted(p) {
			diffs = append(diffs, "added "+p)
		}
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		ts.Fatalf("changed since snapshot %s:\n%s", args[0], strings.Join(diffs, "\n"))
	}
}

// treeState maps each path under the work folder to its kind, mode and
// content (a hash) or link target.
func treeState(ts *testscript.TestScript) map[string]string {
	root := ts.Getenv("WORK")
	state := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == ".tmp" && d.IsDir() {
			return filepath.SkipDir
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			state[rel] = "link " + target
		case fi.IsDir():
			state[rel] = fmt.Sprintf("dir %v", fi.Mode().Perm())
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			state[rel] = fmt.Sprintf("file %v %x", fi.Mode().Perm(), sha256.Sum256(b))
		}
		return nil
	})
	ts.Check(err)
	return state
}
