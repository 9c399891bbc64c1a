package html_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// prototypeWords are names of Object.prototype's members: as words of a
// body or a query, a lookup on a plain object finds the member instead.
var prototypeWords = []string{"constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString"}

// prototypeLibrary has one SOP whose body holds every prototype word and
// one that holds none of them.
func prototypeLibrary(t *testing.T) map[string][]byte {
	t.Helper()
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   rendertest.SOPFile("a", "", "## Procedure\n\n1. The constructor signs. "+strings.Join(prototypeWords, " ")+"\n"),
		"sops/b.md":   rendertest.SOPFile("b", "", "## Procedure\n\n1. Nothing special here.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	return files
}

// The index never holds words as keys of an object literal ("__proto__"
// there sets the prototype), and search.js looks words and SOP numbers up
// only in Maps and Sets.
func TestSearchIndexContract(t *testing.T) {
	files := prototypeLibrary(t)
	idx := decodeIndex(t, files["assets/search-index.js"])
	for _, w := range []string{"constructor", "tostring", "hasownproperty", "valueof", "proto"} {
		if got := idx.search(t, w); !slices.Equal(got, []string{"a"}) {
			t.Errorf("index: search %q finds %v, want [a]", w, got)
		}
	}
	// Only fixed keys are object keys in the index: every other value is
	// an array, a string or a number.
	var top map[string]json.RawMessage
	js := files["assets/search-index.js"]
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimSpace(js[len(indexPrefix):]), []byte(";")), &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"base", "docs", "outlines", "per_shard", "postings", "shards", "words"}; !slices.Equal(keys, want) {
		t.Errorf("search-index.js keys are %v, want %v (user words must not be object keys)", keys, want)
	}
	if bytes.Count(js, []byte("{")) != 1 {
		t.Errorf("search-index.js has an object literal besides the top one: %.200s", js)
	}

	src := string(files["assets/search.js"])
	for _, want := range []string{"new Map()", "index.get(term)", "decoded.has(term)", "new Set("} {
		if !strings.Contains(src, want) {
			t.Errorf("search.js does not contain %q", want)
		}
	}
	// No plain object may be made to look things up in, and no property
	// is read by a computed name except from arrays indexed by number.
	if m := regexp.MustCompile(`=\s*\{\s*\}|Object\.keys|\.terms\b|\[(term|word|w|k|d)\]`).FindAllString(src, -1); len(m) > 0 {
		t.Errorf("search.js looks words up on a plain object: %q", m)
	}
	// User text reaches the page as text only.
	if m := regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function`).FindAllString(src, -1); len(m) > 0 {
		t.Errorf("search.js writes HTML or runs text: %q", m)
	}
}

// searchHarness runs search.js in node with a minimal DOM: index.html
// opened with ?q=QUERY, or (MODE "type") QUERY typed into the box and the
// form submitted. A <script> element search.js adds is loaded from the
// bundle after a turn of the event loop, as a browser does. It prints the
// status and each result as HTML.
const searchHarness = `
const fs = require("fs"), path = require("path"), vm = require("vm");
const [,, dir, query, mode] = process.argv;
function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
let loading = 0;
function el(tag) {
  const e = { tag, children: [], className: "", href: "", value: "", src: "", form: null, listeners: [],
    get firstChild() { return this.children[0] || null; },
    get textContent() { return this.children.map((c) => c.text !== undefined ? c.text : c.textContent).join(""); },
    set textContent(s) { this.children = s ? [{ text: String(s) }] : []; },
    appendChild(c) {
      this.children.push(c);
      if (c.tag === "script") {
        loading++;
        setTimeout(() => { vm.runInContext(fs.readFileSync(path.join(dir, c.src), "utf8"), ctx); loading--; c.onload && c.onload(); }, 1);
      }
      return c;
    },
    removeChild(c) { this.children.splice(this.children.indexOf(c), 1); return c; },
    addEventListener(type, fn) { this.listeners.push([type, fn]); } };
  return e;
}
function html(n) {
  if (n.text !== undefined) { return esc(n.text); }
  const attrs = (n.className ? ' class="' + esc(n.className) + '"' : "") + (n.href ? ' href="' + esc(n.href) + '"' : "");
  return "<" + n.tag + attrs + ">" + n.children.map(html).join("") + "</" + n.tag + ">";
}
const input = el("input"), form = el("form");
input.form = form;
const byId = { "Search-q": input, "search-results": el("ul"), "search-status": el("p") };
const window = { location: { search: mode === "type" ? "" : "?q=" + encodeURIComponent(query) } };
const document = { getElementById: (id) => byId[id] || null, createElement: el, createTextNode: (text) => ({ text: String(text) }), head: el("head") };
const ctx = { window, document, URLSearchParams, atob, Blob, Response, DecompressionStream };
window.document = document;
vm.createContext(ctx);
ctx.window = ctx;
Object.assign(ctx, { location: window.location });
vm.runInContext(fs.readFileSync(dir + "/assets/search-index.js", "utf8"), ctx);
vm.runInContext(fs.readFileSync(dir + "/assets/search.js", "utf8"), ctx);
if (mode === "type") {
  input.value = query;
  let prevented = false;
  form.listeners.filter(([t]) => t === "submit").forEach(([, fn]) => fn({ preventDefault() { prevented = true; } }));
  if (!prevented) { throw new Error("submit was not prevented"); }
}
(async () => {
  for (let i = 0; i < 200 && (loading > 0 || i < 20); i++) { await new Promise((r) => setTimeout(r, 5)); }
  const results = byId["search-results"].children.map((li) => ({ href: li.children[0].href, html: html(li) }));
  console.log(JSON.stringify({ status: byId["search-status"].textContent, results }));
})();
`

// searchResult is what the harness prints.
type searchResult struct {
	Status  string `json:"status"`
	Results []struct {
		Href string `json:"href"`
		HTML string `json:"html"`
	} `json:"results"`
}

// ids lists the SOPs the results link to.
func (r searchResult) ids() []string {
	out := []string{}
	for _, res := range r.Results {
		id := strings.TrimPrefix(res.Href, "sops/")
		id, _, _ = strings.Cut(id, "#")
		out = append(out, strings.TrimSuffix(id, ".html"))
	}
	return out
}

// runSearchJS writes the bundle's files to a folder and returns a
// function that runs search.js there under node; it skips the test when
// node is not installed.
func runSearchJS(t *testing.T, files map[string][]byte) func(query, mode string) searchResult {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: search.js is checked by TestSearchIndexContract only")
	}
	dir := writeBundle(t, files)
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(harness, []byte(searchHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	return func(query, mode string) searchResult {
		t.Helper()
		out, err := exec.Command(node, harness, dir, query, mode).CombinedOutput()
		if err != nil {
			t.Fatalf("search.js with %q: %v\n%s", query, err, out)
		}
		var got searchResult
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("search.js with %q: %v: %s", query, err, out)
		}
		return got
	}
}

// writeBundle writes a bundle's files to a new folder.
func writeBundle(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSearchJSPrototypeWords runs search.js itself under node, when node
// is installed, with words of Object.prototype in a body and as queries.
func TestSearchJSPrototypeWords(t *testing.T) {
	run := runSearchJS(t, prototypeLibrary(t))
	tests := []struct {
		query, status string
		ids           []string
	}{
		{"c", "1 SOP found", []string{"a"}},
		{"constructor", "1 SOP found", []string{"a"}},
		{"__proto__", "1 SOP found", []string{"a"}},
		{"toString", "1 SOP found", []string{"a"}},
		{"hasOwnProperty", "1 SOP found", []string{"a"}},
		{"valueOf", "1 SOP found", []string{"a"}},
		{"propertyIsEnumerable constructor", "1 SOP found", []string{"a"}},
		{"special", "1 SOP found", []string{"b"}},
		{"special constructor", "No SOP matches “special constructor”: no SOP has all these words. Search for fewer words.", []string{}},
		{"procedure", "2 SOPs found", []string{"a", "b"}},
		{"length", "No SOP matches “length”: no SOP has a word like “length”. Check the spelling, or search for fewer words.", []string{}},
		{"constructorr", "1 SOP found", []string{"a"}}, // a typo
	}
	for _, tt := range tests {
		got := run(tt.query, "")
		if got.Status != tt.status || !slices.Equal(got.ids(), tt.ids) {
			t.Errorf("search.js with ?q=%s: %q %v, want %q %v", tt.query, got.Status, got.ids(), tt.status, tt.ids)
		}
	}
}

// sopFile is an SOP file with its own title.
func sopFile(id, title, body string) string {
	return "---\nid: " + id + "\ntitle: " + strconv.Quote(title) + "\nversion: \"1\"\nstatus: draft\nowner: O\n---\n\n" + body
}

// rankingLibrary has "refund" in a title (refund-processing), a heading
// (returns-desk) and a body only (order-intake): alphabetical order would
// list them the other way round.
func rankingLibrary(t *testing.T) map[string][]byte {
	t.Helper()
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/refund-processing.md": sopFile("refund-processing", "Refund Processing",
			"## Purpose\n\nPay money back once.\n\n## Procedure\n\n1. Check the amount.\n"),
		"sops/returns-desk.md": sopFile("returns-desk", "Returns Desk",
			"## Purpose\n\nTake goods back on form 12346.\n\n## Refund rules\n\nAsk the desk lead.\n"),
		"sops/order-intake.md": sopFile("order-intake", "Order Intake",
			"## Purpose\n\nTake an order on form 12345.\n\n## Procedure\n\n1. Enter the order.\n2. When the customer asks for a **refund**, say when it will be paid.\n"),
		"sops/hostile.md": sopFile("hostile", "<img src=x onerror=alert(1)> </script><!-- x\u2028y",
			"## <b>Onerror</b> & \u2028 </script>\n\nThe onerror <script>alert(2)</script> text & more \u2029 words.\n"),
	})
	files, _ := bundle(t, dir, gitlog.History{})
	return files
}

// search.js ranks title > heading > body, forgives a typo, matches
// prefixes, links the section a match is in and shows a snippet with the
// words marked; user text stays text.
func TestSearchJSRanking(t *testing.T) {
	run := runSearchJS(t, rankingLibrary(t))
	tests := []struct {
		query, mode string
		ids         []string
		hrefs       []string // of the first results
		html        []string // in the first result's HTML
	}{
		{"refund", "", []string{"refund-processing", "returns-desk", "order-intake"},
			[]string{"sops/refund-processing.html", "sops/returns-desk.html#refund-rules", "sops/order-intake.html#procedure"}, nil},
		{"refnd", "", []string{"refund-processing", "returns-desk", "order-intake"}, nil, nil},
		{"refu", "", []string{"refund-processing", "returns-desk", "order-intake"}, nil, nil},
		{"Refund", "type", []string{"refund-processing", "returns-desk", "order-intake"}, nil, nil},
		{"order refund", "", []string{"order-intake"}, []string{"sops/order-intake.html#procedure"},
			[]string{`<span class="search-section"> › Procedure</span>`, `a <mark>refund</mark>, say`, `<mark>order</mark>`}},
		{"refunds", "", []string{"refund-processing", "returns-desk", "order-intake"}, nil, nil},                       // one letter too many
		{"desk", "", []string{"returns-desk"}, []string{"sops/returns-desk.html"}, []string{`<mark>desk</mark> lead`}}, // title first, snippet from the body
		{"onerror", "", []string{"hostile"}, []string{"sops/hostile.html"}, // in the title: the page
			[]string{"&lt;img src=x onerror=alert(1)&gt; &lt;/script&gt;&lt;!-- x\u2028y</a>", `The <mark>onerror</mark> alert(2) text &amp; more`}},
		{"more", "", []string{"hostile"}, []string{"sops/hostile.html#onerror-"},
			[]string{`<span class="search-section"> › Onerror &amp;</span>`, `text &amp; <mark>more</mark>`}},
		{"script alert", "", []string{"hostile"}, nil, nil},
		{"12345", "", []string{"order-intake"}, nil, nil}, // a number has no typos
		{"processing", "", []string{"refund-processing"}, []string{"sops/refund-processing.html"},
			[]string{`<p class="search-snippet">Pay money back once.</p>`}}, // the title only: the first text
	}
	for _, tt := range tests {
		got := run(tt.query, tt.mode)
		if !slices.Equal(got.ids(), tt.ids) {
			t.Errorf("search %q: %v, want %v (%s)", tt.query, got.ids(), tt.ids, got.Status)
			continue
		}
		for i, href := range tt.hrefs {
			if got.Results[i].Href != href {
				t.Errorf("search %q: result %d links to %q, want %q", tt.query, i, got.Results[i].Href, href)
			}
		}
		for _, want := range tt.html {
			if !strings.Contains(got.Results[0].HTML, want) {
				t.Errorf("search %q: the first result has no %q: %s", tt.query, want, got.Results[0].HTML)
			}
		}
		for _, r := range got.Results {
			// Only the elements search.js makes: every < of user text is &lt;.
			for _, tag := range regexp.MustCompile(`<(/?)(\w+)`).FindAllStringSubmatch(r.HTML, -1) {
				if !slices.Contains([]string{"li", "a", "span", "p", "mark"}, tag[2]) {
					t.Errorf("search %q: element <%s> in a result: %s", tt.query, tag[2], r.HTML)
				}
			}
		}
	}
}

// More results than a page shows: the best 50, and the status says how many.
func TestSearchJSLimit(t *testing.T) {
	lib := map[string]string{"sopctl.yaml": "title: T\n"}
	for i := range 60 {
		id := fmt.Sprintf("s%02d", i)
		lib["sops/"+id+".md"] = rendertest.SOPFile(id, "", "## Procedure\n\n1. Check the ledger.\n")
	}
	files, _ := bundle(t, rendertest.LibraryFiles(t, lib), gitlog.History{})
	got := runSearchJS(t, files)("ledger", "")
	if want := "60 SOPs found, showing the best 50. Add a word to narrow the search."; got.Status != want || len(got.Results) != 50 {
		t.Errorf("search ledger: %q with %d results, want %q with 50", got.Status, len(got.Results), want)
	}
	// 60 SOPs are one shard; the snippets of its SOPs are all shown.
	if !strings.Contains(got.Results[49].HTML, "<mark>ledger</mark>") {
		t.Errorf("the 50th result has no snippet: %s", got.Results[49].HTML)
	}
}

// User text in the index and the shards cannot end the script or a line
// of it: no raw <, no U+2028 or U+2029, whatever the titles and headings
// hold (</script>, <!--, line separators).
func TestSearchFilesEscapes(t *testing.T) {
	files := rankingLibrary(t)
	idx := files["assets/search-index.js"]
	if !bytes.Contains(idx, []byte(`\u003c/script\u003e\u003c!-- x\u2028y`)) {
		t.Fatalf("the hostile title is not in the index as expected: %.300s", idx)
	}
	for name, data := range files {
		if !strings.HasPrefix(name, "assets/search-") {
			continue
		}
		for _, bad := range []string{"<", "\u2028", "\u2029"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds a raw %q", name, bad)
			}
		}
	}
}

// A library with no SOP yet gets a search that finds nothing, not a
// script error (the index's arrays were null).
func TestSearchJSEmptyLibrary(t *testing.T) {
	files, _ := bundle(t, rendertest.LibraryFiles(t, map[string]string{"sopctl.yaml": "title: T\n", "sops/.keep": ""}), gitlog.History{})
	got := runSearchJS(t, files)("refund", "")
	if want := "No SOP matches “refund”: no SOP has a word like “refund”. Check the spelling, or search for fewer words."; got.Status != want || len(got.Results) != 0 {
		t.Errorf("empty library: %q %v, want %q and no results", got.Status, got.ids(), want)
	}
}
