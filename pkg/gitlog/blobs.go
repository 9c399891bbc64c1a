package gitlog

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Read returns the content of each blob, by object id, from one
// `git cat-file --batch` run however many there are.
func (r *Repo) Read(ctx context.Context, oids []string) (map[string][]byte, error) {
	contents, err := r.Batch(ctx, oids)
	if err != nil {
		return nil, err
	}
	blobs := map[string][]byte{}
	for i, id := range oids {
		if contents[i] == nil {
			return nil, fmt.Errorf("git cat-file: object %s is missing", id)
		}
		blobs[id] = contents[i]
	}
	return blobs, nil
}

// Batch runs `git cat-file --batch` on the object names (ids, or any
// name git reads, such as COMMIT:./PATH for a path from the library) and returns their
// contents in the same order, nil for a name git has no blob for.
func (r *Repo) Batch(ctx context.Context, names []string) ([][]byte, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var in bytes.Buffer
	for _, n := range names {
		if strings.ContainsAny(n, "\r\n") {
			return nil, fmt.Errorf("git cat-file cannot be asked for %q: a name holds a line break", n)
		}
		in.WriteString(n + "\n")
	}
	out, stderr, err := r.run(ctx, in.Bytes(), "cat-file", "--batch")
	if err != nil {
		return nil, r.failed("cat-file", stderr, err)
	}
	contents, err := parseBatch(out)
	if err == nil && len(contents) != len(names) {
		err = fmt.Errorf("git cat-file answered %d of %d objects", len(contents), len(names))
	}
	return contents, err
}

// parseBatch reads cat-file --batch output: for each object a line
// "OID TYPE SIZE", SIZE bytes and a newline; "NAME missing" (or
// "ambiguous") for none, which is a nil entry. Only blobs have content:
// another type (a tree) is a nil entry too.
func parseBatch(out []byte) ([][]byte, error) {
	var contents [][]byte
	br := bufio.NewReader(bytes.NewReader(out))
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF && line == "" {
			return contents, nil
		}
		if err != nil {
			return nil, fmt.Errorf("git cat-file output ends early")
		}
		f := strings.Fields(line)
		if len(f) >= 2 && (f[len(f)-1] == "missing" || f[len(f)-1] == "ambiguous") {
			contents = append(contents, nil)
			continue
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
		if f[1] != "blob" {
			contents = append(contents, nil)
			continue
		}
		contents = append(contents, content[:size:size])
	}
}

// Delta is a file of the library that differs between two revisions.
type Delta struct {
	// Path is the file's slash path from the library's folder.
	Path string
	// From and To are the file's blob ids on each side: "" where it is
	// absent or is no regular file (a symlink, a submodule). Against the
	// work tree, To is set only where the file matches the index: read
	// the work tree's files from disk.
	From, To string
}

// Changed lists the library's files that differ between the commits from
// and to, or, when to is "", between from and the work tree, untracked
// files included (ignored ones are not), with their blob ids, from one
// `git diff --raw` (and one `git ls-files` for the work tree): a caller
// then reads only what changed, by id, with Read.
func (r *Repo) Changed(ctx context.Context, from, to string) ([]Delta, error) {
	args := []string{"diff", "--raw", "-z", "--no-renames", "--abbrev=40", "--relative", "--no-ext-diff", "--no-textconv", "--end-of-options", from}
	if to != "" {
		args = append(args, to)
	}
	// Against the work tree, the untracked files are listed meanwhile:
	// two git processes at once rather than one after the other.
	var others []byte
	var othersErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		if to == "" {
			var stderr string
			if others, stderr, othersErr = r.run(ctx, nil, "ls-files", "--others", "--exclude-standard", "-z", "--", "."); othersErr != nil {
				othersErr = r.failed("ls-files", stderr, othersErr)
			}
		}
	}()
	out, stderr, err := r.run(ctx, nil, append(args, "--", ".")...)
	<-done
	if err != nil {
		return nil, r.failed("diff", stderr, err)
	}
	deltas, err := parseRaw(out)
	if err = cmp.Or(err, othersErr); err != nil {
		return nil, err
	}
	for _, p := range bytes.Split(others, []byte{0}) {
		if len(p) > 0 {
			deltas = append(deltas, Delta{Path: string(p)})
		}
	}
	return deltas, nil
}

// parseRaw reads git diff --raw -z output: for each file
// ":OLDMODE NEWMODE OLDID NEWID STATUS\x00PATH\x00".
func parseRaw(out []byte) ([]Delta, error) {
	var deltas []Delta
	fields := bytes.Split(out, []byte{0})
	for i := 0; i+1 < len(fields); i += 2 {
		f := strings.Fields(string(fields[i]))
		if len(f) != 5 || !strings.HasPrefix(f[0], ":") {
			return nil, fmt.Errorf("git diff --raw printed %q, which sopctl cannot read", fields[i])
		}
		deltas = append(deltas, Delta{Path: string(fields[i+1]), From: blobID(f[0][1:], f[2]), To: blobID(f[1], f[3])})
	}
	return deltas, nil
}

// blobID is a side's blob id when the side is a regular file with a
// known id, else "".
func blobID(mode, id string) string {
	if (mode != "100644" && mode != "100755") || strings.Trim(id, "0") == "" {
		return ""
	}
	return id
}
