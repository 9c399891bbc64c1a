package rendertest

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
)

// Link is a link of a bundle file, as a writer's test reads it from the
// format (HTML elements, Markdown links).
type Link struct {
	File  string // the bundle file it stands in
	Ref   string // its destination
	Where string // how a message names it
}

// BrokenLinks checks the links of a bundle (files: name -> content): a
// relative link must name a file of the bundle and, with a #fragment, an
// anchor of that file (anchors: file -> its anchors; none for a file that
// is not a page); none may be empty or "#". It returns what is wrong with
// each link that does not, and a problem when there are no links at all
// (a checker that finds none checks nothing).
func BrokenLinks(files map[string][]byte, anchors map[string]map[string]bool, links []Link) []string {
	var problems []string
	for _, l := range links {
		if p := linkProblem(files, anchors, l); p != "" {
			problems = append(problems, l.Where+": "+p)
		}
	}
	if len(links) == 0 {
		problems = append(problems, "no links checked at all")
	}
	return problems
}

// linkProblem is what is wrong with the link l, or "".
func linkProblem(files map[string][]byte, anchors map[string]map[string]bool, l Link) string {
	if strings.TrimSpace(l.Ref) == "" || l.Ref == "#" {
		return "empty link"
	}
	u, err := url.Parse(l.Ref)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "" || u.Host != "":
		return "" // external: not part of the bundle
	case strings.HasPrefix(u.Path, "/"):
		return "absolute path, which breaks when the bundle is opened from disk or moved"
	}
	target := l.File
	if u.Path != "" {
		target = path.Join(path.Dir(l.File), u.Path)
	}
	if _, ok := files[target]; !ok {
		return "no file " + target + " in the bundle"
	}
	if u.Fragment == "" && !strings.HasSuffix(l.Ref, "#") {
		return ""
	}
	ids := anchors[target]
	switch {
	case ids == nil && strings.HasPrefix(target, render.FilesDir+"/"):
		return "" // a copied file's viewer reads its fragment (a PDF's #page=2)
	case ids == nil:
		return "fragment into a file that is not a page"
	case !ids[u.Fragment] && !ids[u.EscapedFragment()]:
		return fmt.Sprintf("%s has no anchor %q", target, u.Fragment)
	}
	return ""
}

// SafeURL reports whether a link destination of a bundle (entities
// decoded) is relative or uses a scheme a published link may use, once
// the control characters and spaces a browser skips are gone.
func SafeURL(ref string) bool {
	clean := strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, ref)
	u, err := url.Parse(clean)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto", "tel":
		return !strings.HasPrefix(strings.ToLower(clean), "javascript") // a colon-less oddity
	}
	return false
}

// NoBrokenLinks renders the small, the example and the files library
// with w and fails the test for each link of any bundle that broken (the writer's
// checker, which finds the links in its format) reports, and for each
// warning the example library, which is clean, renders with.
func NoBrokenLinks(t *testing.T, w Writer, broken func(testing.TB, map[string][]byte) []string) {
	for _, lib := range []Lib{{"small", SmallDir, SmallHistory()}, {"example", ExampleDir, gitlog.History{}}, {"files", FilesDir, gitlog.History{}}} {
		t.Run(lib.Name, func(t *testing.T) {
			files, warns := Bundle(t, lib.Dir, lib.History, w)
			for _, w := range warns {
				if lib.Dir == ExampleDir {
					t.Errorf("the example handbook renders with a warning: %s", w)
				}
			}
			for _, p := range broken(t, files) {
				t.Error(p)
			}
		})
	}
}
