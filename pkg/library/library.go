// Package library finds an SOP library (the folder holding sopctl.yaml),
// reads its configuration and loads every SOP file in it, once and in
// parallel, into an in-memory Library that lint, render and scaffold share:
// whole parsed documents, or each SOP's summary without its text
// (LoadSummaries, for render) or its Brief (LoadBriefs, for lint), so that
// memory grows with the number of SOPs, not their size; LoadKnown keeps
// the summary the caller makes of each SOP, or takes one it kept for a
// file's stat (render's cache) instead of reading the file, or for its
// bytes, instead of parsing it. Its
// indexes (by id, by path) hold the SOPs' places in its order, not
// pointers.
// It also finds the library of each path a user names (Select), and shows
// a library's paths relative to the folder the user started in (Display).
package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/yuin/goldmark/ast"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Library is a loaded SOP library.
type Library struct {
	// Dir is the library root: the folder that holds sopctl.yaml.
	Dir    string
	Config *Config
	// Docs are the SOP files that parsed, sorted by path; none in a
	// library of Briefs (LoadBriefs), whose Briefs are in the same order.
	Docs []*sop.Doc
	// Failed are the SOP files that could not be read or parsed, sorted
	// by path.
	Failed []*sop.Error
	// Excluded counts the *.md files and the folders under sops_dir that
	// exclude globs left out, so that lint can say why it found no SOP.
	Excluded int

	ids   idIndex
	links links
	// mode is how the library was loaded, as Reload loads it again.
	mode   loadMode
	briefs briefs
}

// NotFoundError means no sopctl.yaml was found from a folder upwards.
type NotFoundError struct{ Dir string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no %s in %s or any folder above it: run sopctl init to start a library, or pass -C DIR to name one", ConfigFile, e.Dir)
}

// Find returns the nearest folder at or above dir that holds sopctl.yaml,
// as git finds .git.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		if fi, err := os.Stat(filepath.Join(d, ConfigFile)); err == nil && fi.Mode().IsRegular() {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", &NotFoundError{Dir: abs}
		}
		d = parent
	}
}

// ReadConfig reads and validates the sopctl.yaml of the library at dir.
func ReadConfig(root *os.Root) (*Config, error) {
	src, err := readLimited(root, ConfigFile, 1<<20)
	if err != nil {
		return nil, &ConfigError{Err: &sop.Error{Path: ConfigFile, Pos: sop.Pos{Line: 1, Col: 1}, Rule: "config", Msg: fmt.Sprintf("cannot be read: %v", WithoutPath(err))}}
	}
	return ParseConfig(ConfigFile, src)
}

// Open finds the library at or above dir and loads it, stopping once ctx
// is done (see LoadContext). It is how commands open the library they run
// in.
func Open(ctx context.Context, dir string) (*Library, error) {
	libDir, err := Find(dir)
	if err != nil {
		return nil, err
	}
	return loadLibrary(ctx, libDir, false)
}

// OpenToAdd is Open for a command that adds SOPs (sopctl new): a sops_dir
// that does not exist is an empty library, whose folder the command then
// creates, unless a folder with a close name exists (a typo).
func OpenToAdd(ctx context.Context, dir string) (*Library, error) {
	libDir, err := Find(dir)
	if err != nil {
		return nil, err
	}
	return loadLibrary(ctx, libDir, true)
}

// Load reads the config of the library rooted at dir and every SOP file in
// it. Files that cannot be read or parsed are listed in Failed; the error
// is for a library that cannot be loaded at all (no or bad config, or a
// sops_dir that is not a folder inside the library).
func Load(dir string) (*Library, error) { return LoadContext(context.Background(), dir) }

// LoadContext is Load that stops parsing once ctx is done (the user
// pressed Ctrl-C), returning ctx's error, so that a large library does not
// keep a command running after it was asked to stop.
func LoadContext(ctx context.Context, dir string) (*Library, error) {
	return loadLibrary(ctx, dir, false)
}

// LoadSummaries is LoadContext for a command that reads each SOP's text
// once, as it is parsed, and afterwards only what other SOPs need of it
// (render, through LoadKnown; lint keeps less, LoadBriefs): the worker
// that parsed an SOP calls each with the whole Doc, then keeps only its
// Summary. Memory then grows with the number of SOPs,
// not their size. Source reads an SOP's bytes again when they are needed;
// Reload calls each again on the files it reads.
func LoadSummaries(ctx context.Context, dir string, each func(*Config, *sop.Doc)) (*Library, error) {
	return loadWith(ctx, dir, loadMode{each: each, summaries: true})
}

// LoadBriefs is LoadSummaries that keeps of each SOP only its Brief, what
// the rules across SOPs read (lint): the library has no Docs, and is read
// through Briefs, IndexesOf, ResolveLinkAt and SourceAt.
func LoadBriefs(ctx context.Context, dir string, each func(*Config, *sop.Doc)) (*Library, error) {
	return loadWith(ctx, dir, loadMode{each: each, briefs: true})
}

// LoadBriefsListed is LoadBriefs that calls listed, before the first SOP
// is parsed, with the number of SOP files it is about to read, so that a
// caller can size what it holds for the whole library (lint's memory
// budget) rather than for the SOPs loaded so far.
func LoadBriefsListed(ctx context.Context, dir string, listed func(n int), each func(*Config, *sop.Doc)) (*Library, error) {
	return loadWith(ctx, dir, loadMode{each: each, briefs: true, listed: listed})
}

// FileStat is what a stat of an SOP file says that changes when the file
// does (LoadKnown).
type FileStat = fsdir.Stat

// LoadKnown is LoadSummaries for a caller that makes each SOP's Summary
// itself (render keeps more of an SOP than Doc.Summary, in less memory)
// and may know it from an earlier load: the worker that parsed an SOP
// keeps the Doc summary returns, which must be Summarized, of the whole
// Doc and its body's syntax tree (sop.ParseTree: a caller may convert
// the body without parsing it again).
//
// known (if not nil) is first called with the stat of each SOP file that
// is a plain file, not a symlink, within max_file_kb (where the system
// gives one: Linux), as the walk of sops_dir took it: a Doc it returns, a
// Summary of the file as that stat finds it, is taken as the file's
// without reading it. The stat is taken before the file is read, so a
// file that changes in between is read as changed, and has the stat of
// before. Then cached (if not nil) gets each file's path and bytes as
// read (within max_file_kb), and a Doc it returns, a Summary of exactly
// those bytes, is taken as the file's without parsing it or calling
// summary on it; nil means parse the file.
func LoadKnown(ctx context.Context, dir string, summary func(*Config, *sop.Doc, ast.Node) *sop.Doc, cached func(path string, src []byte) *sop.Doc, known func(path string, st FileStat) *sop.Doc) (*Library, error) {
	return loadWith(ctx, dir, loadMode{summary: summary, summaries: true, cached: cached, known: known})
}

// loadMode says how to load: adding (OpenToAdd) lets sops_dir be
// missing; summaries keeps each SOP's Summary after calling each on it
// (LoadSummaries), briefs its Brief (LoadBriefs); summary makes the
// Summary in its place, cached may give it unparsed and known unread
// (LoadKnown);
// listed is told how many files are to be read (LoadBriefsListed).
type loadMode struct {
	adding, summaries, briefs bool
	listed                    func(n int)
	each                      func(*Config, *sop.Doc)
	summary                   func(*Config, *sop.Doc, ast.Node) *sop.Doc
	cached                    func(path string, src []byte) *sop.Doc
	known                     func(path string, st FileStat) *sop.Doc
}

// loadLibrary is LoadContext; adding (OpenToAdd) lets sops_dir be missing.
func loadLibrary(ctx context.Context, dir string, adding bool) (*Library, error) {
	return loadWith(ctx, dir, loadMode{adding: adding})
}

func loadWith(ctx context.Context, dir string, mode loadMode) (*Library, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	cfg, err := ReadConfig(root)
	if err != nil {
		return nil, err
	}
	return loadSOPs(ctx, root, dir, cfg, mode, nil, nil)
}

// Reload is LoadContext for a library whose SOP files changed since old
// was loaded, when sopctl.yaml did not: old's config is kept, sops_dir is
// checked and walked again (so added, removed and newly unreadable files
// are found as Load finds them), and only the files named in changed
// (library paths, as in Doc.Path) and the files old could not parse are
// read again, and every SOP that is a symlink (the change may be to its
// target); every other SOP keeps old's parsed Doc (or Brief). The result is what
// Load would return, as long as changed names every SOP file that changed.
// Docs are shared with old, which is not to be modified afterwards.
func Reload(ctx context.Context, old *Library, changed map[string]bool) (*Library, error) {
	root, err := os.OpenRoot(old.Dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	keep := make(map[string]int, old.count())
	for i := range old.count() {
		if p := old.pathAt(i); !changed[p] {
			keep[p] = i
		}
	}
	return loadSOPs(ctx, root, old.Dir, old.Config, old.mode, old, keep)
}

// loadSOPs loads the SOPs of the library at root, whose config is cfg;
// the files in keep are not read again but keep their Doc or Brief, at
// that index of old.
func loadSOPs(ctx context.Context, root *os.Root, dir string, cfg *Config, mode loadMode, old *Library, keep map[string]int) (*Library, error) {
	if err := checkSOPsDir(root, cfg, mode.adding); err != nil {
		return nil, err
	}
	found, err := listSOPs(root, cfg)
	if err != nil {
		return nil, err
	}
	// Reload loads it again as it was loaded, but with sops_dir there.
	again := loadMode{summaries: mode.summaries, briefs: mode.briefs, each: mode.each, summary: mode.summary}
	lib := &Library{Dir: dir, Config: cfg, Failed: found.failed, Excluded: found.excluded, mode: again}
	if mode.briefs { // in memory of their number: a Brief is little more than its place in the list
		lib.briefs.list = make([]sop.Brief, 0, len(found.paths))
	}
	for _, p := range found.symlinks {
		delete(keep, p) // its target may be the file that changed
	}
	var toRead []string
	var stats []FileStat // of toRead
	for j, p := range found.paths {
		if i, ok := keep[p]; ok {
			lib.keep(old, i)
		} else {
			toRead = append(toRead, p)
			stats = append(stats, found.stats[j])
		}
	}
	if mode.listed != nil {
		mode.listed(len(toRead))
	}
	dirs := openFolders(root, toRead, found.symlinks)
	read := make([]*sop.Doc, len(toRead))
	briefs := make([]sop.Brief, len(toRead))
	errs := parseAll(ctx, dirs, toRead, stats, int64(cfg.MaxFileKB)*1024, mode, func(i int, d *sop.Doc, tree ast.Node, parsed bool) {
		if !parsed {
			read[i] = d // a Summary already (LoadKnown)
			return
		}
		if mode.each != nil {
			mode.each(cfg, d)
		}
		switch {
		case mode.briefs:
			briefs[i] = d.Brief()
		case mode.summary != nil:
			read[i] = mode.summary(cfg, d, tree)
		case mode.summaries:
			read[i] = d.Summary()
		default:
			read[i] = d
		}
	})
	dirs.close()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, e := range errs {
		switch {
		case e != nil:
			lib.Failed = append(lib.Failed, e)
		case mode.briefs:
			lib.briefs.list = append(lib.briefs.list, briefs[i])
		default:
			lib.Docs = append(lib.Docs, read[i])
		}
	}
	lib.sort()
	lib.index(found.paths)
	return lib, nil
}

// IsSOP reports whether a path (slash-separated, relative to sops_dir)
// names an SOP file under SPEC section 1: a *.md file that is not
// README.md, not hidden or private (starting with . or _), and not
// excluded.
func (c *Config) IsSOP(rel string) bool { return sopName(path.Base(rel)) && !c.excluded(rel) }

// sopName reports whether a file name is an SOP's, exclude globs aside.
func sopName(base string) bool {
	return strings.HasSuffix(base, ".md") && base != "README.md" && !hidden(base)
}

// hidden reports whether a file or folder is hidden or private, so never
// part of the library's SOPs.
func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }

// excluded reports whether rel or one of its parent folders matches an
// exclude glob.
func (c *Config) excluded(rel string) bool {
	for p := rel; p != "." && p != "/" && p != ""; p = path.Dir(p) {
		for _, g := range c.Exclude {
			if ok, _ := path.Match(g, p); ok {
				return true
			}
		}
	}
	return false
}

// listing is what listSOPs finds under sops_dir.
type listing struct {
	paths    []string     // the SOP files, from the library root
	stats    []FileStat   // of paths, as the walk found them (zero for a symlink, or where the system gives none)
	symlinks []string     // those of paths that are symlinks
	failed   []*sop.Error // files and folders that cannot be read
	excluded int          // *.md files and folders that exclude left out
}

// listSOPs walks sops_dir (checkSOPsDir has checked it; a missing one is
// an empty library) inside the root. Symlinks are followed only when they
// stay inside the library; folders that are symlinks are not entered.
func listSOPs(root *os.Root, cfg *Config) (listing, error) {
	var l listing
	if _, err := root.Stat(cfg.SOPsDir); errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	err := fs.WalkDir(root.FS(), cfg.SOPsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.failed = append(l.failed, &sop.Error{Path: p, Pos: sop.Pos{Line: 1, Col: 1}, Rule: sop.RuleInvalidFile,
				Msg: fmt.Sprintf("cannot be read: %v", WithoutPath(err))})
			return nil
		}
		rel := p
		if cfg.SOPsDir != "." {
			rel = strings.TrimPrefix(p, cfg.SOPsDir+"/")
		}
		if d.IsDir() {
			return l.folder(cfg, p, rel, d.Name())
		}
		if !sopName(d.Name()) {
			return nil
		}
		if cfg.excluded(rel) {
			l.excluded++
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := root.Stat(p) // refuses a link that leaves the root
			if err != nil {
				l.failed = append(l.failed, &sop.Error{Path: p, Pos: sop.Pos{Line: 1, Col: 1}, Rule: sop.RuleInvalidFile, Msg: symlinkProblem(root, p, err)})
				return nil
			}
			if !target.Mode().IsRegular() {
				return nil
			}
			l.symlinks = append(l.symlinks, p)
		} else if !d.Type().IsRegular() {
			return nil
		}
		l.paths = append(l.paths, p)
		l.stats = append(l.stats, statOf(d))
		return nil
	})
	return l, err
}

// statOf is the FileStat of a plain file the walk found, not a symlink;
// zero when the system gives none. The walk through the root has the
// lstat of each file already.
func statOf(d fs.DirEntry) FileStat {
	if d.Type()&fs.ModeSymlink != 0 {
		return FileStat{}
	}
	fi, err := d.Info()
	if err != nil {
		return FileStat{}
	}
	st, _ := fsdir.StatOf(fi)
	return st
}

// folder says whether the walk enters a folder: not a hidden one, nor one
// that exclude leaves out.
func (l *listing) folder(cfg *Config, p, rel, name string) error {
	switch {
	case p == cfg.SOPsDir:
		return nil
	case hidden(name):
		return fs.SkipDir
	case cfg.excluded(rel):
		l.excluded++
		return fs.SkipDir
	}
	return nil
}

// symlinkProblem says why a symlink cannot be followed.
func symlinkProblem(root *os.Root, p string, err error) string {
	const fix = "make it a relative link to a file inside the library, or replace it with the file"
	if dest, rerr := root.Readlink(p); rerr == nil && filepath.IsAbs(dest) {
		return "is a symlink by an absolute path, which sopctl does not follow: " + fix
	}
	if errors.Is(err, fs.ErrNotExist) {
		return "is a symlink to nothing: " + fix
	}
	if errors.Is(err, syscall.ELOOP) {
		return "is a symlink in a loop that never reaches a file: " + fix
	}
	return "is a symlink that leads outside the library, which sopctl does not follow: " + fix
}

// parseAll reads and parses the files in parallel, each exactly once;
// the worker that parsed the i-th file hands its Doc and its body's syntax
// tree to keep. A file that mode's known knows by its stat (in stats,
// zero when none) is not read, and one that its cached knows by its bytes
// is not parsed: keep gets that Doc, not parsed (LoadKnown).
// It returns each file's error, nil for those that parsed.
func parseAll(ctx context.Context, dirs *folders, paths []string, stats []FileStat, maxBytes int64, mode loadMode, keep func(i int, d *sop.Doc, tree ast.Node, parsed bool)) []*sop.Error {
	errs := make([]*sop.Error, len(paths))
	parallel.For(len(paths), func(i int) {
		if ctx.Err() != nil {
			return // stopping: the caller discards the results
		}
		if st := stats[i]; mode.known != nil && st != (FileStat{}) && st.Size <= maxBytes {
			if d := mode.known(paths[i], st); d != nil {
				keep(i, d, nil, false)
				return
			}
		}
		src, err := readOne(dirs, paths[i], maxBytes)
		if err != nil {
			errs[i] = err
			return
		}
		if mode.cached != nil {
			if d := mode.cached(paths[i], src); d != nil {
				keep(i, d, nil, false)
				return
			}
		}
		d, tree, err := parseOne(paths[i], src)
		if err != nil {
			errs[i] = err
			return
		}
		keep(i, d, tree, true)
	})
	return errs
}

// readOne reads an SOP file within maxBytes.
func readOne(dirs *folders, p string, maxBytes int64) ([]byte, *sop.Error) {
	src, err := dirs.read(p, maxBytes)
	if errors.Is(err, errTooBig) {
		return nil, &sop.Error{Path: p, Pos: sop.Pos{Line: 1, Col: 1}, Rule: sop.RuleInvalidFile,
			Msg: fmt.Sprintf("the file is larger than max_file_kb (%d KB): split it into smaller SOPs or raise max_file_kb in %s", maxBytes/1024, ConfigFile)}
	}
	if err != nil {
		return nil, &sop.Error{Path: p, Pos: sop.Pos{Line: 1, Col: 1}, Rule: sop.RuleInvalidFile, Msg: fmt.Sprintf("cannot be read: %v", WithoutPath(err))}
	}
	return src, nil
}

func parseOne(p string, src []byte) (*sop.Doc, ast.Node, *sop.Error) {
	doc, tree, err := sop.ParseTree(p, src)
	if err != nil {
		return nil, nil, err.(*sop.Error)
	}
	return doc, tree, nil
}

var errTooBig = errors.New("file too large")

// errNotRegular is a file that is no longer a plain file when it is read
// (the walk, which skips anything else, saw one).
var errNotRegular = errors.New("no longer a plain file (replaced while sopctl ran?): run the command again")

// readLimited reads a file through the root, refusing more than limit
// bytes without reading them all (fsdir.ReadAll).
func readLimited(root *os.Root, name string, limit int64) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, _ := f.Stat()
	src, err := fsdir.ReadAll(f, fi, limit)
	if errors.Is(err, fsdir.ErrTooBig) {
		return nil, errTooBig
	}
	return src, err
}

// WithoutPath drops an *fs.PathError's wrapper from err, for a message
// that already names the path ("sops/a.md: cannot be read: permission
// denied", not "... open sops/a.md: permission denied").
func WithoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
