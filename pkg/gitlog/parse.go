package gitlog

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// logFormat is the --format given to git log. Each commit starts with RS
// (0x1e) followed by the full hash; its fields end with NUL, which no hash,
// date, name or subject can contain. With -z and --name-status, git follows
// it with the terminating NUL, a newline, then "STATUS\0PATH\0" per file, or
// "R100\0OLD\0NEW\0" for a rename: every token ends with NUL, and paths are
// written verbatim (no quoting), whatever bytes they hold.
const logFormat = "%x1e%H%x00%at%x00%aI%x00%aN%x00%s%x00"

// commitMark starts the first token of each commit.
const commitMark = '\x1e'

// parse reads the output of git log (see logFormat) and returns the history
// of every path in it. It expects children before parents, as git log's
// --date-order guarantees: following a rename depends on seeing it before
// the older commits of the file's old name.
func parse(r io.Reader) (History, error) {
	p := parser{
		br:    bufio.NewReaderSize(r, 64<<10),
		h:     History{},
		alias: map[string]string{},
		seen:  map[string]bool{},
	}
	if err := p.run(); err != nil {
		return nil, fmt.Errorf("unexpected output from git log: %w", err)
	}
	p.h.sort()
	return p.h, nil
}

type parser struct {
	br *bufio.Reader
	h  History

	// alias maps a path as older commits name it to the path it has now,
	// after a rename seen in a newer commit.
	alias map[string]string

	cur      Revision        // the commit being read
	inCommit bool            // cur is set
	seen     map[string]bool // keys cur was added to

	// The alias changes of the current commit, made when it ends: its
	// renames are simultaneous (a commit may swap two files).
	unalias []string
	realias [][2]string // path, key
}

// token returns the next NUL-terminated token, without its NUL, and false
// at the end of the output.
func (p *parser) token() (string, bool, error) {
	s, err := p.br.ReadString(0)
	switch {
	case err == nil:
		return s[:len(s)-1], true, nil
	case err == io.EOF:
		return s, s != "", nil // tolerate a missing final NUL
	default:
		return "", false, err
	}
}

// field returns the next token, which must exist.
func (p *parser) field(what string) (string, error) {
	s, ok, err := p.token()
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("output ends before the %s", what)
	}
	return s, nil
}

func (p *parser) run() error {
	for {
		tok, ok, err := p.token()
		if err != nil {
			return err
		}
		if !ok {
			p.endCommit()
			return nil
		}
		// The format's terminator and the newline before the file list
		// come between a commit's fields and its first status.
		tok = strings.TrimLeft(tok, "\n")
		switch {
		case tok == "":
			continue
		case tok[0] == commitMark:
			if err := p.commit(tok[1:]); err != nil {
				return err
			}
		case !p.inCommit:
			return fmt.Errorf("expected a commit, found %q", clip(tok))
		default:
			if err := p.file(tok); err != nil {
				return err
			}
		}
	}
}

// commit reads the fields after the hash and starts a new Revision.
func (p *parser) commit(hash string) error {
	if !isHash(hash) {
		return fmt.Errorf("expected a commit hash, found %q", clip(hash))
	}
	p.endCommit()
	var f [4]string
	for i, what := range []string{"author time", "author date", "author", "subject"} {
		s, err := p.field(what + " of commit " + hash)
		if err != nil {
			return err
		}
		f[i] = s
	}
	p.cur = Revision{
		Commit:  hash[:12],
		Date:    authorDate(f[0], f[1]),
		Author:  strings.ToValidUTF8(f[2], "\uFFFD"),
		Subject: strings.ToValidUTF8(f[3], "\uFFFD"),
	}
	p.inCommit = true
	clear(p.seen)
	return nil
}

// file reads the paths after a status and records the commit for them.
func (p *parser) file(status string) error {
	if !isStatus(status) {
		return fmt.Errorf("expected a file status, found %q", clip(status))
	}
	path, err := p.path(status)
	if err != nil {
		return err
	}
	switch status[0] {
	case 'R', 'C':
		// A rename gives the old path and then the new one: older commits
		// of the old path belong to the file the new path names now. A
		// copy's source lives on, so only the new path gets the commit.
		dst, err := p.path(status)
		if err != nil {
			return err
		}
		key := p.resolve(dst)
		p.add(key)
		p.unalias = append(p.unalias, dst) // before this commit, dst was another file (or none)
		if status[0] == 'R' {
			p.realias = append(p.realias, [2]string{path, key})
		}
	case 'A':
		p.add(p.resolve(path))
		p.unalias = append(p.unalias, path) // before this commit, path was another file (or none)
	default:
		p.add(p.resolve(path))
	}
	return nil
}

func (p *parser) path(status string) (string, error) {
	s, err := p.field("path after status " + status)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", fmt.Errorf("empty path after status %s", status)
	}
	return s, nil
}

// endCommit applies the alias changes of the commit just read.
func (p *parser) endCommit() {
	for _, path := range p.unalias {
		delete(p.alias, path)
	}
	for _, pk := range p.realias {
		p.alias[pk[0]] = pk[1]
	}
	p.unalias, p.realias = p.unalias[:0], p.realias[:0]
}

// resolve returns the path a file named path in older commits has now.
func (p *parser) resolve(path string) string {
	if k, ok := p.alias[path]; ok {
		return k
	}
	return path
}

// add records the current commit for key, once per commit.
func (p *parser) add(key string) {
	if p.seen[key] {
		return
	}
	p.seen[key] = true
	p.h[key] = append(p.h[key], p.cur)
}

// authorDate reads %aI, which keeps the author's time zone, and falls back
// to %at in UTC when git could not write a valid ISO date (a malformed
// time zone in an old commit), and to the zero Time when both fail.
func authorDate(unix, iso string) time.Time {
	sec, err := strconv.ParseInt(unix, 10, 64)
	if t, err2 := time.Parse(time.RFC3339, iso); err2 == nil && (err != nil || t.Unix() == sec) {
		return t
	}
	if err != nil {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}

// isHash reports whether s is a full SHA-1 or SHA-256 hash in hex.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// isStatus reports whether s is a --name-status status: a letter (A, C, D,
// M, R, T, U, X or B), then for C and R (and M with -B) a similarity score.
func isStatus(s string) bool {
	if s == "" || !strings.ContainsRune("ACDMRTUXB", rune(s[0])) {
		return false
	}
	for _, c := range []byte(s[1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	const n = 40
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
