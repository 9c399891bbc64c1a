package library

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"sync"
	"syscall"

	"github.com/yuin/goldmark/util"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The link resolver lives here, not in pkg/sop, because resolving a link
// needs the library: its root folder (for the file a link names) and its
// SOPs by path. Lint's broken-link and render's link rewriting both call
// ResolveLink, so they cannot disagree (SPEC section 5, broken-link).

// LinkKind says what a link destination is.
type LinkKind int

const (
	// LinkLocal is a file of the library, or a heading of the same SOP.
	LinkLocal LinkKind = iota
	// LinkExternal has a scheme or a host: https:, mailto:, javascript:,
	// data:, //host/... Whether it is safe to publish is render's call.
	LinkExternal
	// LinkInvalid cannot be read as a URL.
	LinkInvalid
)

// LinkProblem says why a local link is broken.
type LinkProblem int

const (
	LinkOK        LinkProblem = iota
	LinkEmpty                 // [x]() names nothing
	LinkOutside               // ../ past the library root, or a symlink out of it
	LinkMissing               // no such file
	LinkNoHeading             // the .md target has no heading with the anchor
)

// Link is a link destination resolved against the library.
type Link struct {
	Kind LinkKind
	// Dest is the destination as a browser reads it: backslash escapes
	// and character references decoded, control characters dropped.
	Dest string
	// Scheme is a LinkExternal's scheme, lower-case, without the colon
	// ("" for //host).
	Scheme string
	// Path is a LinkLocal's file, relative to the library root, with /.
	Path string
	// Doc is the SOP at Path when that file parsed as one (for "#anchor",
	// the SOP the link is in); nil in a library of Briefs.
	Doc *sop.Doc
	// SOP is that SOP's index in the library's order (Docs, Briefs); -1
	// when Path is no SOP that parsed.
	SOP int
	// Anchor is the heading anchor, percent-decoded ("" for none).
	Anchor string
	// AnchorOnly marks a link to a heading of the same SOP ("#anchor").
	AnchorOnly bool
	Problem    LinkProblem
}

// Reason says what is wrong with a broken local link, to follow "link to
// DEST" in a message; "" when nothing is.
func (l Link) Reason() string {
	switch l.Problem {
	case LinkEmpty:
		return "has no destination"
	case LinkOutside:
		return "leads outside the library"
	case LinkMissing:
		return "names " + l.Path + ", which does not exist"
	case LinkNoHeading:
		if l.AnchorOnly {
			return "points to #" + l.Anchor + ", a heading this SOP lacks"
		}
		return "points to #" + l.Anchor + ", a heading " + l.Path + " lacks"
	}
	return ""
}

// DecodeDest reads a Markdown link destination as CommonMark renderers
// and browsers do: backslash escapes and character references (&#110;,
// &amp;) decoded, and the control characters browsers ignore ("java\tscript:")
// dropped. Percent-encoding is left to url.Parse.
func DecodeDest(dest string) string {
	if plainDest(dest) {
		return dest // the usual case: nothing to decode
	}
	b := util.UnescapePunctuations([]byte(dest))
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(string(b)))
}

// plainDest reports whether DecodeDest would return dest unchanged: no
// escape, reference, control character or surrounding space.
func plainDest(dest string) bool {
	for i := 0; i < len(dest); i++ {
		if c := dest[i]; c <= ' ' || c == 0x7f || c == '\\' || c == '&' {
			return false
		}
	}
	return true
}

// ResolveLink resolves a link or image destination of the SOP from. A
// path starting with / is from the library root, any other from from's
// folder; a path is percent-decoded. Files are looked up through the
// library's os.Root, so a symlink that leads outside counts as outside,
// and each path is looked up once; an SOP of the library by its path in
// the library's order. Safe for concurrent use.
func (l *Library) ResolveLink(from *sop.Doc, dest string) Link {
	out := l.resolve(from.Path, &from.Markdown, dest)
	if out.AnchorOnly {
		out.Doc = from
	} else if out.SOP >= 0 && !l.mode.briefs {
		out.Doc = l.Docs[out.SOP]
	}
	return out
}

// ResolveLinkAt is ResolveLink for the i-th SOP (in Docs, or Briefs),
// without Link.Doc.
func (l *Library) ResolveLinkAt(i int, dest string) Link {
	return l.resolve(l.pathAt(i), l.anchorsAt(i), dest)
}

// resolve is ResolveLink from the SOP at from, whose headings are own.
func (l *Library) resolve(from string, own anchors, dest string) Link {
	clean := DecodeDest(dest)
	out := Link{Dest: clean, SOP: -1}
	u, err := url.Parse(clean)
	if err != nil {
		out.Kind = LinkInvalid
		return out
	}
	if u.Scheme != "" || u.Host != "" || strings.HasPrefix(clean, "//") {
		out.Kind, out.Scheme = LinkExternal, strings.ToLower(u.Scheme)
		return out
	}
	out.Anchor = u.Fragment
	switch {
	case u.Path == "" && u.Fragment == "" && u.RawQuery == "":
		out.Problem = LinkEmpty
		return out
	case u.Path == "":
		out.Path, out.AnchorOnly = from, true
	case strings.HasPrefix(u.Path, "/"):
		out.Path = strings.TrimPrefix(path.Clean(u.Path), "/")
	default:
		out.Path = path.Join(path.Dir(from), u.Path)
	}
	if out.Path == ".." || strings.HasPrefix(out.Path, "../") {
		out.Problem = LinkOutside
		return out
	}
	if out.Path == "" {
		out.Path = "."
	}
	i, isSOP := l.find(out.Path)
	if isSOP {
		out.SOP = i
	} else if !out.AnchorOnly {
		out.Problem = l.fileProblem(out.Path)
	}
	if out.AnchorOnly {
		// The SOP's own headings, which may be an edit's (fix) rather
		// than the library's.
		isSOP = true
	} else if isSOP {
		own = l.anchorsAt(i)
	}
	if out.Problem == LinkOK && isSOP && out.Anchor != "" && !own.HasAnchor(out.Anchor) {
		out.Problem = LinkNoHeading
	}
	return out
}

// links is what ResolveLink opens once per library.
type links struct {
	once  sync.Once
	root  *os.Root // nil when the folder cannot be opened; closed by its finalizer
	files sync.Map // path -> LinkProblem
	// dir is the folder root holds, for Lstat, opened on first use
	// (dirOnce); nil when it cannot be; closed by its file's finalizer.
	dirOnce sync.Once
	dir     *fsdir.Dir
}

func (l *Library) resolver() *links {
	l.links.once.Do(func() {
		if l.Dir != "" {
			l.links.root, _ = os.OpenRoot(l.Dir)
		}
	})
	return &l.links
}

// fileProblem says whether a library path that is not an SOP that parsed
// (a README, a PDF, a file that failed to parse) exists inside the library.
func (l *Library) fileProblem(p string) LinkProblem {
	r := l.resolver()
	if v, ok := r.files.Load(p); ok {
		return v.(LinkProblem)
	}
	problem := LinkMissing
	if r.root != nil {
		problem = statProblem(r.root, p)
	}
	// Two links to p resolved at the same time both look: the first
	// answer stored is every link's.
	v, _ := r.files.LoadOrStore(p, problem)
	return v.(LinkProblem)
}

func statProblem(root *os.Root, p string) LinkProblem {
	_, err := root.Stat(p)
	switch {
	case err == nil:
		return LinkOK
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.ELOOP),
		errors.Is(err, syscall.ENAMETOOLONG), errors.Is(err, syscall.EINVAL):
		return LinkMissing
	case errors.Is(err, fs.ErrPermission):
		return LinkOK // there, though sopctl may not read it
	}
	// What is left is os.Root refusing a symlink that leads out of it.
	return LinkOutside
}

// StatFile describes a file of the library (p is a slash path from its
// root) as ResolveLink sees it: through the library's os.Root, so that a
// symlink leading outside the library is an error, not the file it names.
func (l *Library) StatFile(p string) (fs.FileInfo, error) {
	r := l.resolver()
	if r.root == nil {
		return nil, &fs.PathError{Op: "stat", Path: p, Err: fs.ErrNotExist}
	}
	return r.root.Stat(p)
}
