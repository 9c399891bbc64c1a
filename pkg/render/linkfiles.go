package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
)

// FilesDir is the folder of a bundle that holds the library files SOP
// bodies link to (images, PDF forms), each at its path from the library
// root: files/sops/img/flow.png. Mirroring the library's paths gives every
// file one name that cannot clash with another's, stays the same from one
// render to the next, and tells a reader where the file came from.
const FilesDir = "files"

// MaxLinkedFileSize is the largest library file a body may link to and
// have copied into a bundle (50 MB): a bundle is for reading, and a
// bigger file belongs on a file server, linked by its web address.
const MaxLinkedFileSize = 50 << 20

// LinkedFile is a library file that SOP bodies link to, copied into
// every bundle by CopyFiles.
type LinkedFile struct {
	Path string // from the library root, with /
	Name string // in the bundle: FilesDir/Path
}

// linkedFile is what Build found at a library path that a body links to:
// the file to copy, or why it is not copied.
type linkedFile struct {
	file    LinkedFile
	problem string // the reason a link to it is plain text; "" when copied
}

// FileLink is where a link of a body to a library file leads in a bundle.
type FileLink struct {
	// Href is the file's address from the bundle's root, escaped, with the
	// link's ?query and #fragment: prefix it with the way from the page to
	// the root ("../" from sops/).
	Href string
	// Image says that browsers show the file in an <img>.
	Image bool
	// Path is the file's path from the library root, with /.
	Path string
}

// imageTypes are the file name extensions of the pictures a browser shows.
var imageTypes = []string{".apng", ".avif", ".bmp", ".gif", ".ico", ".jpeg", ".jpg", ".png", ".svg", ".webp"}

// isFile reports whether a resolved link names a file of the library that
// exists and is not an SOP that parsed: one the bundles may copy.
func isFile(r library.Link) bool {
	return r.Kind == library.LinkLocal && r.Problem == library.LinkOK && r.Doc == nil
}

// checkFile decides whether a library file that exists goes into the
// bundle: not the library's settings, nothing hidden (.git, .env), no
// folder, nothing over MaxLinkedFileSize.
func (h *Handbook) checkFile(p string) *linkedFile {
	f := &linkedFile{file: LinkedFile{Path: p, Name: FilesDir + "/" + p}}
	hidden := slices.ContainsFunc(strings.Split(p, "/"), func(s string) bool { return strings.HasPrefix(s, ".") && s != "." })
	info, err := h.lib.StatFile(p)
	switch {
	case p == library.ConfigFile:
		f.problem = "names " + p + ", the library's settings, which sopctl never publishes"
	case hidden:
		f.problem = "names " + p + ", a hidden file or one in a hidden folder (such as .git), which sopctl never publishes"
	case err != nil:
		f.problem = "names " + p + ", which cannot be read"
	case p == ".":
		f.problem = "names the library's root folder, not a file"
	case info.IsDir():
		f.problem = "names " + p + ", which is a folder, not a file"
	case !info.Mode().IsRegular():
		f.problem = "names " + p + ", which is not a regular file"
	case info.Size() > MaxLinkedFileSize:
		f.problem = fmt.Sprintf("names %s, which is larger than %d MB, the most sopctl copies into a bundle: link to its web address instead", p, MaxLinkedFileSize>>20)
	}
	return f
}

// Files lists the library files that the bundles copy under FilesDir,
// sorted by path.
func (h *Handbook) Files() []LinkedFile {
	var out []LinkedFile
	for _, f := range h.files {
		if f.problem == "" {
			out = append(out, f.file)
		}
	}
	slices.SortFunc(out, func(a, b LinkedFile) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Copied reports whether the bundle holds a file of that name (as
// LinkedFile.Name: files/sops/img/flow.png) that CopyFiles writes.
func (h *Handbook) Copied(name string) bool {
	p, ok := strings.CutPrefix(name, FilesDir+"/")
	f := h.files[p]
	return ok && f != nil && f.problem == ""
}

// File is where a link of p's body to a library file leads in a bundle;
// false when the link is not one to a file the bundle holds (Classify
// says LinkFile when it is).
func (h *Handbook) File(p *Page, dest string) (FileLink, bool) {
	r := h.lib.ResolveLink(p.Doc, dest)
	if !isFile(r) {
		return FileLink{}, false
	}
	f := h.files[r.Path]
	if f == nil || f.problem != "" {
		return FileLink{}, false
	}
	href := escapeURL(f.file.Name, "/")
	if u, err := url.Parse(r.Dest); err == nil {
		if u.RawQuery != "" {
			href += "?" + escapeURL(u.RawQuery, "%=&+/:,;@")
		}
		if u.Fragment != "" {
			href += "#" + escapeURL(u.Fragment, "=&+/:,;@")
		}
	}
	return FileLink{Href: href, Image: slices.Contains(imageTypes, strings.ToLower(path.Ext(r.Path))), Path: r.Path}, true
}

// escapeURL percent-encodes every byte of s but letters, digits, -._~ and
// the bytes of keep. Parentheses, spaces and brackets are escaped too, so
// the address reads the same as a Markdown link destination and an HTML
// attribute.
func escapeURL(s, keep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~"+keep, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// CopyFiles writes the library files the handbook's bodies link to
// (Handbook.Files) into out, under FilesDir. lib reads the library from
// its root: pass an os.Root's FS, so that a symlink leading outside the
// library is refused. Call it before CopyStatic, so that a static file
// named like a copied one is an error naming it. A file that changed since
// Build (gone, grown past MaxLinkedFileSize, now a folder) is an error:
// the bundle would hold a broken link.
func CopyFiles(h *Handbook, lib fs.FS, out Output) error {
	files := h.Files()
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) {
		data, err := readLinked(lib, files[i].Path)
		if err == nil {
			err = copyKeyed(out, files[i].Name, data)
		} else {
			err = fmt.Errorf("%s, which an SOP links to, cannot be copied into the bundle: %w", files[i].Path, err)
		}
		errs[i] = err
	})
	return errors.Join(errs...)
}

// copyKeyed writes a linked file keyed by its content, so that an
// incremental render links the previous copy in place rather than
// writing a file (up to MaxLinkedFileSize) that did not change.
func copyKeyed(out Output, name string, data []byte) error {
	sum := sha256.Sum256(data)
	key := Key("linked file", name, string(sum[:]))
	if ok, err := Reuse(out, key); ok || err != nil {
		return err
	}
	return WriteKeyed(out, name, key, data)
}

// errChanged is a linked file that is no longer one sopctl copies.
var errChanged = errors.New("it changed while sopctl was rendering: render again")

func readLinked(lib fs.FS, p string) ([]byte, error) {
	f, err := lib.Open(p)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return nil, errors.New("sopctl may not read it: make it readable, or remove the link")
	case err != nil:
		return nil, errChanged
	}
	defer f.Close()
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, errChanged
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxLinkedFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%v: make it readable, or remove the link", library.WithoutPath(err))
	}
	if len(data) > MaxLinkedFileSize {
		return nil, errChanged
	}
	return data, nil
}
