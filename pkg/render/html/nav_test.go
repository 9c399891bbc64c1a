package html_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// relLinks lists a page's links marked rel (prev, next) as rel -> href.
func relLinks(doc *xhtml.Node) map[string]string {
	out := map[string]string{}
	walk(doc, func(n *xhtml.Node) {
		if rel, ok := attr(n, "rel"); ok && n.Data == "a" {
			out[rel], _ = attr(n, "href")
		}
	})
	return out
}

// listRows counts the rows of a page's SOP tables.
func listRows(doc *xhtml.Node) int {
	rows := 0
	walk(doc, func(n *xhtml.Node) {
		if n.Data == "tbody" && n.Parent != nil && n.Parent.Parent != nil {
			if class, _ := attr(n.Parent.Parent, "class"); strings.Contains(class, "sop-list") {
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Data == "tr" {
						rows++
					}
				}
			}
		}
	})
	return rows
}

// The index and role pages of a library of 2,500 SOPs continue over
// pages of at most 1000 SOPs, linked rel=prev/next, every SOP listed, and
// no link of the bundle broken. (handbook_max_sops is raised so that the
// index lists every SOP: TestIndexOverMaxSOPs tests the other case.)
func TestPagination(t *testing.T) {
	if testing.Short() {
		t.Skip("2,500 SOPs: skipped with -short (TestPaginate tests the split)")
	}
	start := time.Now()
	h, lib := rendertest.Load(t, testlib.Library(t, 2500), gitlog.History{})
	h.MaxSOPs = 5000
	files, _, err := bundleOf(h, options(lib))
	if err != nil {
		t.Fatal(err)
	}
	chains := map[string]int{"index": 0} // list -> SOP rows it should hold
	for _, r := range h.Roles {
		chains[r.ID] = len(r.SOPs)
		chains["index"] += len(r.SOPs)
	}
	for base, want := range chains {
		first, dir := base+".html", ""
		if base != "index" {
			if h.Roles[len(h.Roles)-1].ID == base && h.Roles[len(h.Roles)-1].Other {
				continue
			}
			dir = "roles/"
		}
		got, pages := 0, 0
		prev := ""
		for name := first; name != ""; pages++ {
			doc := parse(t, dir+name, files[dir+name])
			n := listRows(doc)
			if n > render.ListPageSize || n == 0 {
				t.Errorf("%s%s lists %d SOPs, want 1 to %d", dir, name, n, render.ListPageSize)
			}
			got += n
			rel := relLinks(doc)
			if rel["prev"] != prev {
				t.Errorf("%s%s: rel=prev %q, want %q", dir, name, rel["prev"], prev)
			}
			prev, name = name, rel["next"]
			if pages > 10 {
				t.Fatalf("%s: more than 10 pages", base)
			}
		}
		if got != want {
			t.Errorf("%s: its %d pages list %d SOPs, want %d", base, pages, got, want)
		}
		if wantPages := (want + render.ListPageSize - 1) / render.ListPageSize; pages != wantPages {
			t.Errorf("%s: %d pages, want %d", base, pages, wantPages)
		}
	}
	for _, name := range []string{"index-2.html", "index-3.html"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
	if !strings.Contains(string(files["index-2.html"]), "(continued)</h2>") {
		t.Error("index-2.html repeats no group heading with (continued)")
	}
	for _, p := range brokenLinks(t, files) {
		t.Error(p)
	}
	t.Logf("2,500 SOPs: %d files, checked in %v", len(files), time.Since(start).Round(time.Millisecond))
}

// Over handbook_max_sops the index lists the roles with their counts,
// linking their pages, and only the SOPs of no known role.
func TestIndexOverMaxSOPs(t *testing.T) {
	for _, tt := range []struct {
		max        int
		roleCounts bool
	}{{1000, false}, {2, true}} {
		t.Run(fmt.Sprint(tt.max), func(t *testing.T) {
			h, lib := loadSmall(t)
			h.MaxSOPs = tt.max
			files, _, err := bundleOf(h, options(lib))
			if err != nil {
				t.Fatal(err)
			}
			index := string(files["index.html"])
			hasCounts := strings.Contains(index, `<h2 id="Roles">`)
			if hasCounts != tt.roleCounts {
				t.Errorf("max %d: the index lists the roles with counts: %v, want %v", tt.max, hasCounts, tt.roleCounts)
			}
			for _, r := range h.Roles {
				listed := strings.Contains(index, `id="Role-`+r.ID+`"`)
				if want := r.Other || !tt.roleCounts; listed != want {
					t.Errorf("max %d: role %s's SOPs listed on the index: %v, want %v", tt.max, r.ID, listed, want)
				}
				if tt.roleCounts && !r.Other && !strings.Contains(index, fmt.Sprintf(`<a href="roles/%s.html">%s</a></td><td>%d</td>`, r.ID, r.Title, len(r.SOPs))) {
					t.Errorf("max %d: no row linking role %s with its count %d", tt.max, r.ID, len(r.SOPs))
				}
			}
			for _, p := range brokenLinks(t, files) {
				t.Error(p)
			}
		})
	}
}

// Every kind of navigation link is there, and leads somewhere: the link
// check (TestLinks) checks them with the rest.
func TestNavigationLinks(t *testing.T) {
	files, _ := bundle(t, smallDir, rendertest.SmallHistory())
	for _, tt := range []struct{ page, want string }{
		{"sops/complaint-handling.html", `<a rel="next" href="escalation.html">Next: Escalation Procedure →</a>`},
		{"sops/escalation.html", `<a rel="prev" href="complaint-handling.html">← Previous: Complaint Handling</a>`},
		{"sops/complaint-handling.html", `<li><a href="#checklist-1">Checklist</a></li>`},
		{"sops/complaint-handling.html", `<li aria-current="page">Complaint Handling</li>`},
		{"sops/complaint-handling.html", `<a href="../roles/customer-service-representative.html">All SOPs of this role</a>`},
		{"sops/order-intake.html", `<p class="notice draft" role="note"><strong>Draft</strong>`},
		{"sops/complaint-handling.html", `<p class="updated">Last updated 2026-11-01</p>`},
		{"sops/complaint-handling.html", `<h2 id="Change-log">Change log</h2>`},
		{"roles/customer-service-representative.html", `<li aria-current="page">Customer Service Representative</li>`},
		{"index.html", `<a href="sops/order-intake.html">Order Intake</a> <span class="badge status-draft">Draft</span>`},
	} {
		if !strings.Contains(string(files[tt.page]), tt.want) {
			t.Errorf("%s has no %s", tt.page, tt.want)
		}
	}
	// A retired SOP is on no way through and has none.
	if page := string(files["sops/old-escalation.html"]); strings.Contains(page, `rel="prev"`) || strings.Contains(page, `rel="next"`) {
		t.Errorf("the retired SOP's page links a neighbour: %s", rendertest.Between(page, `<nav class="prevnext"`, "</nav>"))
	}
	for _, p := range brokenLinks(t, files) {
		t.Error(p)
	}
}

// The navigation files hold user text only as JSON strings that cannot
// end the script or its line, and read back as written.
func TestNavFilesEscaped(t *testing.T) {
	hostile := []string{"</script><script>alert(1)</script>", "a\u2028b\u2029c", `&amp; "q" 'a' <!-- x`, "\\u003c"}
	files := map[string]string{"sopctl.yaml": "title: T\nroles:\n  r: \"</script><b>R</b>\"\n"}
	for i, title := range hostile {
		q, _ := json.Marshal(title)
		files[fmt.Sprintf("sops/s%d.md", i)] = fmt.Sprintf("---\nid: s%d\ntitle: %s\nversion: \"1\"\nstatus: draft\nowner: O\nroles: [r]\n---\n\n## A\n\nX.\n", i, q)
	}
	out, _ := bundle(t, rendertest.LibraryFiles(t, files), gitlog.History{})
	// The first line is the data; nav.js's code follows.
	data, _, _ := strings.Cut(string(out["assets/nav-r.js"]), "\n")
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if strings.Contains(data, bad) {
			t.Errorf("assets/nav-r.js holds a raw %q: %s", bad, data)
		}
	}
	const prefix = "window.SOPCTL_NAV = "
	var nav struct {
		Roles [][2]string
		Title string
		SOPs  [][2]string
	}
	body := strings.TrimSuffix(strings.TrimPrefix(data, prefix), ";")
	if err := json.Unmarshal([]byte(body), &nav); err != nil {
		t.Fatalf("assets/nav-r.js is not %sJSON;: %v", prefix, err)
	}
	if nav.Title != "</script><b>R</b>" || len(nav.Roles) != 1 || nav.Roles[0][1] != nav.Title {
		t.Errorf("role title read back as %q, roles %q", nav.Title, nav.Roles)
	}
	got := map[string]bool{}
	for _, s := range nav.SOPs {
		got[s[1]] = true
	}
	for _, title := range hostile {
		if !got[title] {
			t.Errorf("title %q does not read back; got %q", title, nav.SOPs)
		}
	}
}
