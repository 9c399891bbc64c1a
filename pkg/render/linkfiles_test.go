package render_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// filesLibrary writes a library whose SOP a (in sops/) links to files of
// every kind, and whose SOP b links to one of them too; outside is a file
// beside the library, which a symlink in it names.
func filesLibrary(t *testing.T, links string) (dir string) {
	t.Helper()
	parent := t.TempDir()
	dir = filepath.Join(parent, "lib")
	if err := os.WriteFile(filepath.Join(parent, "outside.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"sopctl.yaml":              "title: T\n",
		"sops/a.md":                rendertest.SOPFile("a", "", "## Purpose\n\n"+links+"\n"),
		"sops/b.md":                rendertest.SOPFile("b", "", "## Purpose\n\n![Flow](img/flow.png) [form](../forms/refund.pdf)\n"),
		"sops/img/flow.png":        "PNG",
		"sops/img/flow chart.png":  "PNG2",
		"sops/img/ünïcode.svg":     "<svg/>",
		"forms/refund.pdf":         "%PDF-1.4",
		"docs/notes.txt":           "notes",
		".git/config":              "[core]",
		"sops/notes.MD.bak":        "old",
		"sops/img/Flow (copy).PNG": "PNG3",
	}
	testlib.WriteTree(t, dir, files)
	if err := os.Symlink("../../../outside.txt", filepath.Join(dir, "sops/img/out.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	big := filepath.Join(dir, "forms/big.zip")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, render.MaxLinkedFileSize+1); err != nil { // sparse: no 50 MB written
		t.Fatal(err)
	}
	return dir
}

// Each local file link resolves once to the file it names, copied under
// files/ at its library path, or is plain text with the reason.
func TestFileLinks(t *testing.T) {
	tests := []struct {
		dest  string
		href  string // "" when not copied
		image bool
		why   string // part of the warning when not copied
	}{
		{"img/flow.png", "files/sops/img/flow.png", true, ""},
		{"./img/../img/flow.png", "files/sops/img/flow.png", true, ""},
		{"../forms/refund.pdf", "files/forms/refund.pdf", false, ""},
		{"/forms/refund.pdf", "files/forms/refund.pdf", false, ""}, // from the library root
		{"../forms/refund.pdf#page=2", "files/forms/refund.pdf#page=2", false, ""},
		{"../forms/refund.pdf?v=2#page=2", "files/forms/refund.pdf?v=2#page=2", false, ""},
		{"img/flow%20chart.png", "files/sops/img/flow%20chart.png", true, ""},
		{"<img/flow chart.png>", "files/sops/img/flow%20chart.png", true, ""},
		{"img/%C3%BCn%C3%AFcode.svg", "files/sops/img/%C3%BCn%C3%AFcode.svg", true, ""},
		{"<img/Flow (copy).PNG>", "files/sops/img/Flow%20%28copy%29.PNG", true, ""},
		{"notes.MD.bak", "files/sops/notes.MD.bak", false, ""},
		{"img/missing.png", "", false, "names sops/img/missing.png, which does not exist"},
		{"../../outside.txt", "", false, "leads outside the library"},
		{"../../../../etc/passwd", "", false, "leads outside the library"},
		{"/etc/passwd", "", false, "names etc/passwd, which does not exist"},
		{"img/out.png", "", false, "leads outside the library"}, // a symlink to ../outside.txt
		{"../docs", "", false, "names docs, which is a folder, not a file"},
		{"../docs/", "", false, "names docs, which is a folder, not a file"},
		{"/", "", false, "names the library's root folder, not a file"},
		{"../.", "", false, "names the library's root folder, not a file"},
		{"../sopctl.yaml", "", false, "names sopctl.yaml, the library's settings, which sopctl never publishes"},
		{"../.git/config", "", false, "names .git/config, a hidden file or one in a hidden folder (such as .git), which sopctl never publishes"},
		{"../forms/big.zip", "", false, "names forms/big.zip, which is larger than 50 MB"},
	}
	var body strings.Builder
	for _, tc := range tests {
		body.WriteString("[x](" + tc.dest + ")\n")
	}
	h, _ := rendertest.Load(t, filesLibrary(t, body.String()), gitlog.History{})
	p, _ := h.Page("a")
	warns := h.LinkWarnings(p)
	for i, tc := range tests {
		dest := strings.Trim(tc.dest, "<>")
		kind, _, _ := h.Classify(p, dest)
		f, ok := h.File(p, dest)
		switch {
		case tc.href != "" && (kind != render.LinkFile || !ok || f.Href != tc.href || f.Image != tc.image):
			t.Errorf("%s: %v, File = %+v %v; want LinkFile to %s (image %v)", tc.dest, kind, f, ok, tc.href, tc.image)
		case tc.href == "" && (kind != render.LinkDrop || ok):
			t.Errorf("%s: %v, File = %+v %v; want plain text", tc.dest, kind, f, ok)
		case tc.href == "" && !slices.ContainsFunc(warns, func(w render.Warning) bool {
			return w.Pos.Line == p.Doc.BodyLine+3+i && strings.Contains(w.Msg, tc.why)
		}):
			t.Errorf("%s: no warning at its line saying %q: %v", tc.dest, tc.why, warns)
		}
	}
	if len(warns) != 12 {
		t.Errorf("%d warnings, want one for each of the 12 links not copied: %v", len(warns), warns)
	}
	var copied []string
	for _, f := range h.Files() {
		copied = append(copied, f.Name)
	}
	want := []string{"files/forms/refund.pdf", "files/sops/img/Flow (copy).PNG", "files/sops/img/flow chart.png",
		"files/sops/img/flow.png", "files/sops/img/ünïcode.svg", "files/sops/notes.MD.bak"}
	if !slices.Equal(copied, want) {
		t.Errorf("Files() = %q, want each file once, sorted by path: %q", copied, want)
	}
}

// CopyFiles writes each linked file once, under files/, read through the
// library's root; a file that changed since Build stops it.
func TestCopyFiles(t *testing.T) {
	dir := filesLibrary(t, "![Flow](img/flow.png) [form](/forms/refund.pdf) [again](../forms/refund.pdf#page=2)")
	h, _ := rendertest.Load(t, dir, gitlog.History{})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	var out render.Files
	if err := render.CopyFiles(h, root.FS(), &out); err != nil {
		t.Fatal(err)
	}
	got := out.Map()
	if len(got) != 2 || string(got["files/sops/img/flow.png"]) != "PNG" || string(got["files/forms/refund.pdf"]) != "%PDF-1.4" {
		t.Errorf("copied %q, want flow.png and refund.pdf with their bytes", slices.Sorted(maps.Keys(got)))
	}
	// A static file of the same name is an error naming it (CopyStatic
	// runs after CopyFiles).
	if err := os.MkdirAll(filepath.Join(dir, "static/files/forms"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static/files/forms/refund.pdf"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	var static *render.StaticError
	if err := render.CopyStatic(root, "static", &out); !errors.As(err, &static) || !strings.Contains(err.Error(), "would overwrite the generated files/forms/refund.pdf") {
		t.Errorf("CopyStatic over a copied file: %v, want a StaticError naming files/forms/refund.pdf", err)
	}
	// Gone since Build: an error, not a bundle with a broken link.
	if err := os.Remove(filepath.Join(dir, "forms/refund.pdf")); err != nil {
		t.Fatal(err)
	}
	err = render.CopyFiles(h, root.FS(), &render.Files{})
	if err == nil || !strings.Contains(err.Error(), "forms/refund.pdf, which an SOP links to, cannot be copied into the bundle") {
		t.Errorf("CopyFiles of a file removed since Build: %v", err)
	}
	if errors.Is(err, fs.ErrNotExist) && strings.Contains(err.Error(), dir) {
		t.Errorf("the error names the absolute path: %v", err)
	}
	// One sopctl may not read says so (tests often run as root, which
	// reads anything: a file system that refuses stands in).
	err = render.CopyFiles(h, deniedFS{}, &render.Files{})
	if err == nil || !strings.Contains(err.Error(), "cannot be copied into the bundle: sopctl may not read it: make it readable, or remove the link") {
		t.Errorf("CopyFiles of a file sopctl may not read: %v", err)
	}
}

// deniedFS refuses to open anything.
type deniedFS struct{}

func (deniedFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}
