package html_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// printableHandbook says whether a bundle's file is a role handbook.
var printableHandbook = regexp.MustCompile(`^roles/[^/]+-handbook(-[0-9]+)?\.html$`).MatchString

// checkPrintedSize bounds the role handbooks of a large library: each
// prints the SOPs of its role, so together they weigh about the SOP files
// times the roles each SOP has (1.20x at the last measurement, 10k SOPs).
func checkPrintedSize(t *testing.T, dir string, h *render.Handbook, printed int64) {
	t.Helper()
	var source int64
	for _, b := range h.Books() {
		for _, p := range b.SOPs {
			fi, err := os.Stat(filepath.Join(dir, p.Doc.Path))
			if err != nil {
				t.Fatal(err)
			}
			source += fi.Size()
		}
	}
	t.Logf("role handbooks: %d bytes, %.2fx the SOP files they print (%d bytes)", printed, float64(printed)/float64(source), source)
	if printed >= 13*source/10 {
		t.Errorf("the role handbooks are %d bytes, %.2fx the %d bytes of the SOP files they print: over 1.3x", printed, float64(printed)/float64(source), source)
	}
}

// sectionIDs lists the ids of a page's SOP sections' headings in order.
func sectionIDs(doc *xhtml.Node) []string {
	var out []string
	walk(doc, func(n *xhtml.Node) {
		if class, _ := attr(n, "class"); n.Data == "section" && class == "sop" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Data == "h2" || c.Data == "h3" {
					id, _ := attr(c, "id")
					out = append(out, id)
					break
				}
			}
		}
	})
	return out
}

// The printable handbooks of a library of five SOPs in two roles, one of
// them in both, under and over handbook_max_sops: what each file holds,
// in which order, and where its links lead.
func TestPrintableHandbooks(t *testing.T) {
	type file struct {
		sections []string // the SOP sections, in order
		has, not []string // pieces of its HTML
	}
	for _, tt := range []struct {
		name  string
		max   int
		files map[string]file
		none  []string // files not written
	}{
		{"under the limit", 6, map[string]file{
			"handbook.html": {[]string{"b", "c", "a", "d", "e"}, []string{
				`<h2 id="Role-agent">Agent</h2>`, `<h2 id="Role-lead">Team Lead</h2>`, `<h2 id="Role-_other">Other procedures</h2>`,
				`<h3 id="b">Alpha <span class="draft-mark">DRAFT</span></h3>`, `<a href="#b">Alpha</a> (DRAFT)`,
				`printed under another role: <a href="#b">Alpha</a>.`, `<a href="#b--steps">b</a>`, `<a href="#c">c</a>`,
				`<h4 id="b--steps">Steps</h4>`,
				// f is retired: listed, not printed; links to it lead to its page.
				`<a href="sops/f.html#steps">f</a>`, `Retired, not printed: <a href="sops/f.html">Foxtrot</a>.`},
				[]string{"sops/a", "sops/b", "sops/c", "sops/d", "sops/e", `id="f"`, `id="a--steps"`, `rel="next"`, `rel="prev"`}},
			"roles/agent-handbook.html": {[]string{"b", "c", "a"}, []string{`<h1>Agent: printable handbook</h1>`,
				`<h2 id="b">Alpha <span class="draft-mark">DRAFT</span></h2>`, `<a href="#c--steps">c</a>`, `<a href="#b--steps">b</a>`,
				`<a href="agent.html">Agent</a>`, `<h3 id="b--steps">Steps</h3>`}, []string{`rel="next"`, `rel="prev"`, "part 1"}},
			"roles/lead-handbook.html": {[]string{"b", "d"}, []string{`<a href="../sops/c.html#steps">c</a>`, `<a href="#b">b</a>`,
				`<a href="../sops/f.html#steps">f</a>`, `Retired, not printed: <a href="../sops/f.html">Foxtrot</a>.`}, nil},
			"roles/_other-handbook.html": {[]string{"e"}, []string{`<h1>Other procedures: printable handbook</h1>`}, []string{`_other.html`}},
		}, []string{"roles/agent-handbook-2.html", "roles/_other.html"}},
		{"over the limit", 2, map[string]file{
			"handbook.html": {nil, []string{`more than the 2 that one printable page holds (handbook_max_sops in sopctl.yaml)`,
				`<a href="roles/agent-handbook.html">Agent</a> (3 SOPs, in 2 parts)`, `<a href="roles/lead-handbook.html">Team Lead</a> (3 SOPs)`,
				`<a href="roles/_other-handbook.html">Other procedures</a> (1 SOP)`}, []string{`<section`}},
			"roles/agent-handbook.html": {[]string{"b", "c"}, []string{`<h1>Agent: printable handbook, part 1 of 2</h1>`,
				`<a rel="next" href="agent-handbook-2.html">`, `<a href="#c--steps">c</a>`}, []string{`rel="prev"`}},
			"roles/agent-handbook-2.html": {[]string{"a"}, []string{`part 2 of 2`, `<ol start="3">`, `<a rel="prev" href="agent-handbook.html">`,
				`<a href="../sops/b.html#steps">b</a>`, `<a href="../sops/c.html">c</a>`}, []string{`rel="next"`}},
			// Over the limit b is printed once, in its first role's book
			// (agent): lead's lists it as printed elsewhere, linking its page.
			"roles/lead-handbook.html": {[]string{"d"}, []string{`<a href="../sops/b.html">b</a>`,
				`Also for this role, printed in another role's handbook: <a href="../sops/b.html">Alpha</a>.`}, []string{`rel="next"`, `rel="prev"`, `<a href="#b">`}},
		}, []string{"roles/lead-handbook-2.html", "roles/agent-handbook-3.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, lib := rendertest.Load(t, rendertest.PrintLibrary(t, tt.max), gitlog.History{})
			files, _, err := bundleOf(h, options(lib))
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.files {
				page := string(files[name])
				if page == "" {
					t.Errorf("%s not written", name)
					continue
				}
				doc := parse(t, name, files[name])
				if got := sectionIDs(doc); !slices.Equal(got, want.sections) {
					t.Errorf("%s: SOP sections %v, want %v", name, got, want.sections)
				}
				rendertest.Pieces(t, name, page, want.has, want.not)
				if dups := duplicateIDs(doc); len(dups) > 0 {
					t.Errorf("%s: ids used more than once: %v", name, dups)
				}
			}
			rendertest.Absent(t, files, tt.none)
			if broken := brokenLinks(t, files); len(broken) > 0 {
				t.Errorf("broken links:\n%s", strings.Join(broken, "\n"))
			}
		})
	}
}

// duplicateIDs lists the ids that more than one element of a page has.
func duplicateIDs(doc *xhtml.Node) []string {
	seen := map[string]int{}
	var out []string
	walk(doc, func(n *xhtml.Node) {
		if id, ok := attr(n, "id"); ok {
			if seen[id]++; seen[id] == 2 {
				out = append(out, id)
			}
		}
	})
	return out
}

// A Cache filled by a render whose handbooks were cut differently (serve's
// reload after handbook_max_sops or the SOPs changed) gives back no
// section that would link to the wrong place: the SOPs it placed
// differently are rendered again, and the bundle is the full one's.
func TestPrintCacheReplaced(t *testing.T) {
	for _, tt := range []struct {
		name     string
		from, to int
	}{
		{"into parts", 5, 2},
		{"out of parts", 2, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := rendertest.PrintLibrary(t, tt.from)
			before, lib := rendertest.Load(t, dir, gitlog.History{})
			opts := options(lib)
			opts.Cache = &renderhtml.Cache{}
			if _, _, err := bundleOf(before, opts); err != nil {
				t.Fatal(err)
			}
			after, _ := rendertest.Load(t, rendertest.PrintLibrary(t, tt.to), gitlog.History{})
			full, _, err := bundleOf(after, options(lib))
			if err != nil {
				t.Fatal(err)
			}
			opts.Only = func(*render.Page) bool { return false }
			got, _, err := bundleOf(after, opts)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range full {
				if printableHandbook(name) || name == "handbook.html" {
					if !bytes.Equal(got[name], want) {
						t.Errorf("%s differs from the full render's:\n%s", name, testlib.FirstDiff(got[name], want))
					}
				}
			}
		})
	}
}
