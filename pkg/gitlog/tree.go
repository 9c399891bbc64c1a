package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Tree maps each regular file of the library at a commit (its slash path
// from the library's folder) to its blob's object id. Symlinks and
// submodules are left out: sopctl reads neither from a revision.
type Tree map[string]string

// Tree lists the library's files at commit (a hash from Resolve) with one
// `git ls-tree` run: only the paths given (slash paths from the library's
// folder, taken literally), or every file when none is given, so that a
// caller that needs a few files of a large library lists only those. A
// library that did not exist then has an empty Tree.
func (r *Repo) Tree(ctx context.Context, commit string, paths ...string) (Tree, error) {
	if len(paths) == 0 || len(paths) > maxPathArgs {
		paths = []string{"."}
	}
	args := append([]string{"--literal-pathspecs", "ls-tree", "-r", "-z", "--end-of-options", commit, "--"}, paths...)
	out, stderr, err := r.run(ctx, nil, args...)
	if err != nil {
		return nil, r.failed("ls-tree", stderr, err)
	}
	return parseTree(out)
}

// maxPathArgs is the most paths Tree passes to git as arguments, far
// below the system's limit on their length; with more, it lists the whole
// tree, which costs little more than so many paths.
const maxPathArgs = 2000

// parseTree reads ls-tree -z output: "MODE TYPE OID\tPATH\x00" entries.
func parseTree(out []byte) (Tree, error) {
	t := Tree{}
	for _, entry := range bytes.Split(out, []byte{0}) {
		if len(entry) == 0 {
			continue
		}
		info, p, ok := bytes.Cut(entry, []byte{'\t'})
		fields := strings.Fields(string(info))
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("git ls-tree printed %q, which sopctl cannot read", entry)
		}
		if fields[1] == "blob" && (fields[0] == "100644" || fields[0] == "100755") {
			t[string(p)] = fields[2]
		}
	}
	return t, nil
}

// Read returns the content of each blob, by object id, from one
// `git cat-file --batch` run however many there are.
func (r *Repo) Read(ctx context.Context, oids []string) (map[string][]byte, error) {
	if len(oids) == 0 {
		return map[string][]byte{}, nil
	}
	var in bytes.Buffer
	for _, id := range oids {
		in.WriteString(id + "\n")
	}
	out, stderr, err := r.run(ctx, in.Bytes(), "cat-file", "--batch")
	if err != nil {
		return nil, r.failed("cat-file", stderr, err)
	}
	return parseBatch(out)
}

// parseBatch reads cat-file --batch output: for each object a line
// "OID TYPE SIZE", SIZE bytes and a newline; "NAME missing" for none.
func parseBatch(out []byte) (map[string][]byte, error) {
	blobs := map[string][]byte{}
	br := bufio.NewReader(bytes.NewReader(out))
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF && line == "" {
			return blobs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("git cat-file output ends early")
		}
		f := strings.Fields(line)
		if len(f) == 2 && f[1] == "missing" {
			return nil, fmt.Errorf("git cat-file: object %s is missing", f[0])
		}
		size := -1
		if len(f) == 3 {
			size, _ = strconv.Atoi(f[2])
		}
		if size < 0 {
			return nil, fmt.Errorf("git cat-file printed %q, which sopctl cannot read", strings.TrimSpace(line))
		}
		content := make([]byte, size+1)
		if _, err := io.ReadFull(br, content); err != nil || content[size] != '\n' {
			return nil, fmt.Errorf("git cat-file output for %s ends early", f[0])
		}
		blobs[f[0]] = content[:size]
	}
}

// Files returns the content of the named files (slash paths from the
// library's folder) at the commit whose Tree is t; a path t lacks is left
// out of the result.
func (r *Repo) Files(ctx context.Context, t Tree, paths []string) (map[string][]byte, error) {
	var oids []string
	for _, p := range paths {
		if id, ok := t[p]; ok {
			oids = append(oids, id)
		}
	}
	blobs, err := r.Read(ctx, oids)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range paths {
		if id, ok := t[p]; ok {
			files[p] = blobs[id]
		}
	}
	return files, nil
}

// Changed lists the library's files (slash paths from its folder) that
// differ between the commits from and to, or, when to is "", between from
// and the work tree, untracked files included (ignored ones are not).
// It asks git, which compares trees and stat data, so that a caller reads
// only the files that changed.
func (r *Repo) Changed(ctx context.Context, from, to string) ([]string, error) {
	args := []string{"diff", "--name-only", "-z", "--no-renames", "--relative", "--no-ext-diff", "--end-of-options", from}
	if to != "" {
		args = append(args, to)
	}
	out, stderr, err := r.run(ctx, nil, append(args, "--", ".")...)
	if err != nil {
		return nil, r.failed("diff", stderr, err)
	}
	paths := splitZ(out)
	if to != "" {
		return paths, nil
	}
	out, stderr, err = r.run(ctx, nil, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
	if err != nil {
		return nil, r.failed("ls-files", stderr, err)
	}
	return append(paths, splitZ(out)...), nil
}

func splitZ(out []byte) []string {
	var list []string
	for _, p := range bytes.Split(out, []byte{0}) {
		if len(p) > 0 {
			list = append(list, string(p))
		}
	}
	return list
}
