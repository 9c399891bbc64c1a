package html_test

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// parse parses an HTML page of a bundle.
func parse(t testing.TB, name string, b []byte) *xhtml.Node {
	t.Helper()
	doc, err := xhtml.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// walk calls f for every element under n, in document order.
func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	if n.Type == xhtml.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text content of n.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// htmlPages lists the pages of a bundle, sorted.
func htmlPages(files map[string][]byte) []string { return rendertest.Names(files, ".html") }

// idsOf lists the ids of every element of a page.
func idsOf(doc *xhtml.Node) map[string]bool {
	ids := map[string]bool{}
	walk(doc, func(n *xhtml.Node) {
		if id, ok := attr(n, "id"); ok {
			ids[id] = true
		}
	})
	return ids
}

// brokenLinks checks every <a href>, <link href>, <script src> and
// <img src> of every page (rendertest.BrokenLinks says how); an <a> and a
// <script> may go without.
func brokenLinks(t testing.TB, files map[string][]byte) []string {
	t.Helper()
	anchors := map[string]map[string]bool{}
	var links []rendertest.Link
	var problems []string
	for _, name := range htmlPages(files) {
		doc := parse(t, name, files[name])
		anchors[name] = idsOf(doc)
		walk(doc, func(n *xhtml.Node) {
			key := map[string]string{"a": "href", "link": "href", "script": "src", "img": "src"}[n.Data]
			if key == "" {
				return
			}
			ref, ok := attr(n, key)
			if !ok {
				if n.Data != "a" && n.Data != "script" {
					problems = append(problems, fmt.Sprintf("%s: <%s> without %s", name, n.Data, key))
				}
				return
			}
			where := fmt.Sprintf("%s: <%s %s=%q> (%q)", name, n.Data, key, ref, strings.TrimSpace(textOf(n)))
			links = append(links, rendertest.Link{File: name, Ref: ref, Where: where})
		})
	}
	return append(problems, rendertest.BrokenLinks(files, anchors, links)...)
}

// Every link of the HTML bundles of the small and example libraries
// resolves.
func TestLinks(t *testing.T) { rendertest.NoBrokenLinks(t, write, brokenLinks) }

// sectionTitle is the title of the printable handbook's SOP section
// holding n (an h3 under its role on handbook.html, an h2 on a role
// handbook), with its DRAFT mark when it has one.
func sectionTitle(n *xhtml.Node) string {
	for p := n; p != nil; p = p.Parent {
		if class, _ := attr(p, "class"); p.Data == "section" && class == "sop" {
			for c := p.FirstChild; c != nil; c = c.NextSibling {
				if c.Data == "h2" || c.Data == "h3" {
					return strings.TrimSpace(textOf(c))
				}
			}
		}
	}
	return ""
}

// follow finds the first link with the text on the page from of docs (in
// the section of SOP in, on the handbook page) and returns the page and
// element it leads to (nil element without a fragment), and its href.
func follow(docs map[string]*xhtml.Node, from, in, text string) (string, *xhtml.Node, string) {
	var href string
	walk(docs[from], func(n *xhtml.Node) {
		if href == "" && n.Data == "a" && strings.TrimSpace(textOf(n)) == text && (in == "" || sectionTitle(n) == in) {
			href, _ = attr(n, "href")
		}
	})
	if href == "" {
		return "", nil, ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return "", nil, href
	}
	target := from
	if u.Path != "" {
		target = path.Join(path.Dir(from), u.Path)
	}
	var el *xhtml.Node
	if u.Fragment != "" && docs[target] != nil {
		walk(docs[target], func(n *xhtml.Node) {
			if id, _ := attr(n, "id"); id == u.Fragment {
				el = n
			}
		})
	}
	return target, el, href
}

// The small library's links land where they should: each link, found by
// its text, leads to the element (and, on the one-page handbook, the SOP
// section) it names.
func TestLinksSmallTargets(t *testing.T) {
	files, warns := bundle(t, smallDir, rendertest.SmallHistory())
	if len(warns) != 4 {
		t.Errorf("%d warnings, want 4 (missing file, missing anchor, missing local anchor, missing image): %v", len(warns), warns)
	}
	docs := map[string]*xhtml.Node{}
	for _, name := range htmlPages(files) {
		docs[name] = parse(t, name, files[name])
	}
	const ch, rp, es = "Complaint Handling", "Refund Processing", "Escalation Procedure"
	for _, tc := range []struct{ from, in, text, file, heading, section string }{
		{"sops/complaint-handling.html", "", "refund limits", "sops/refund-processing.html", "Approval Limits", ""},
		{"sops/complaint-handling.html", "", "procedure below", "sops/complaint-handling.html", "Procedure", ""},
		{"sops/complaint-handling.html", "", "order intake", "sops/order-intake.html", "", ""},
		{"sops/complaint-handling.html", "", es, "sops/escalation.html", "Triggers", ""},
		{"sops/escalation.html", "", ch, "sops/complaint-handling.html", "Café Stores", ""},
		{"sops/refund-processing.html", "", ch, "sops/complaint-handling.html", "Checklist", ""},
		{"sops/refund-processing.html", "", "approval limits", "sops/refund-processing.html", "Approval Limits", ""},
		{"handbook.html", ch, "refund limits", "handbook.html", "Approval Limits", rp},
		{"handbook.html", ch, "procedure below", "handbook.html", "Procedure", ch},
		{"handbook.html", ch, "order intake", "handbook.html", "Order Intake DRAFT", "Order Intake DRAFT"},
		{"handbook.html", ch, es, "handbook.html", "Triggers", es},
		{"handbook.html", es, ch, "handbook.html", "Café Stores", ch},
		{"handbook.html", rp, ch, "handbook.html", "Checklist", ch},
		{"handbook.html", rp, "approval limits", "handbook.html", "Approval Limits", rp},
	} {
		file, el, href := follow(docs, tc.from, tc.in, tc.text)
		switch {
		case file != tc.file:
			t.Errorf("%s: the link %q leads to %q (href %q), want %s", tc.from, tc.text, file, href, tc.file)
		case tc.heading == "":
			if strings.Contains(href, "#") {
				t.Errorf("%s: the link %q has a fragment: %s", tc.from, tc.text, href)
			}
		case el == nil:
			t.Errorf("%s: the link %q (href %q) leads to no element", tc.from, tc.text, href)
		case strings.TrimSpace(textOf(el)) != tc.heading:
			t.Errorf("%s: the link %q (href %q) leads to %q, want the heading %q", tc.from, tc.text, href, textOf(el), tc.heading)
		case tc.section != "" && sectionTitle(el) != tc.section:
			t.Errorf("%s: the link %q (href %q) leads into the section of %q, want %q", tc.from, tc.text, href, sectionTitle(el), tc.section)
		}
	}
	// The link to the second Checklist heading (checklist-1) goes there,
	// not to the first.
	for from, in := range map[string]string{"sops/refund-processing.html": "", "handbook.html": rp} {
		if _, _, href := follow(docs, from, in, ch); !strings.HasSuffix(href, "checklist-1") {
			t.Errorf("%s: the link to complaint-handling.md#checklist-1 became %s", from, href)
		}
	}
	var page []string
	walk(docs["sops/complaint-handling.html"], func(n *xhtml.Node) {
		if h, ok := attr(n, "href"); ok {
			page = append(page, h)
		}
	})
	for _, want := range []string{"https://example.org/rules?a=1&b=2", "mailto:help@example.com", "https://example.com/auto",
		"https://example.com/logo.png", "../roles/customer-service-representative.html", "../roles/customer-contact-specialist.html"} {
		if !slices.Contains(page, want) {
			t.Errorf("sops/complaint-handling.html has no link to %s; it has %q", want, page)
		}
	}
	for _, h := range page {
		if strings.Contains(h, "missing") || strings.Contains(h, "no-such-heading") || strings.Contains(h, "nowhere") || strings.Contains(h, "images/") {
			t.Errorf("sops/complaint-handling.html keeps a dead link: %s", h)
		}
	}
}

// The link check covers the navigation: previous/next, the table of
// sections' anchors and the pagers of a list over two pages (1001 SOPs of
// one role; with -short, 3 SOPs and no pager) are among the links it
// finds, and none is broken.
func TestLinksCoverNavigation(t *testing.T) {
	n, kinds := render.ListPageSize+1, []string{"sops rel=prev", "sops rel=next", "section anchor", ". rel=prev", ". rel=next", "roles rel=prev", "roles rel=next"}
	if testing.Short() {
		n, kinds = 3, kinds[:3]
	}
	files := map[string]string{"sopctl.yaml": "title: T\nroles:\n  r: R\n"}
	for i := range n {
		id := fmt.Sprintf("s%04d", i)
		files["sops/"+id+".md"] = rendertest.SOPFile(id, "roles: [r]\n", "## Purpose\n\nX.\n\n## Steps\n\n1. Do.\n")
	}
	out, _ := bundle(t, rendertest.LibraryFiles(t, files), gitlog.History{})
	found := map[string]int{}
	for _, name := range htmlPages(out) {
		walk(parse(t, name, out[name]), func(n *xhtml.Node) {
			href, _ := attr(n, "href")
			rel, _ := attr(n, "rel")
			switch {
			case n.Data != "a":
			case rel == "prev" || rel == "next":
				found[path.Dir(name)+" rel="+rel]++
			case href == "#steps":
				found["section anchor"]++
			}
		})
	}
	for _, kind := range kinds {
		if found[kind] == 0 {
			t.Errorf("no link of the kind %q to check; found %v", kind, found)
		}
	}
	for _, p := range brokenLinks(t, out) {
		t.Error(p)
	}
}
