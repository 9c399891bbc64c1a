package html_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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
	// an array or a string.
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
	if want := []string{"base", "docs", "postings", "words"}; !slices.Equal(keys, want) {
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
}

// searchHarness runs search.js in node with a minimal DOM: the page's
// query is ?q=QUERY, and it prints the status and the listed SOP ids.
const searchHarness = `
const fs = require("fs"), vm = require("vm");
const [,, dir, query] = process.argv;
function el(tag) {
  return { tag, children: [], textContent: "", className: "", href: "", value: "", form: null,
    get firstChild() { return this.children[0] || null; },
    appendChild(c) { this.children.push(c); return c; },
    removeChild(c) { this.children.splice(this.children.indexOf(c), 1); return c; },
    addEventListener() {} };
}
const byId = { "Search-q": el("input"), "search-results": el("ul"), "search-status": el("p") };
const window = { location: { search: "?q=" + encodeURIComponent(query) } };
const ctx = { window, URLSearchParams, document: { getElementById: (id) => byId[id] || null, createElement: el } };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(dir + "/search-index.js", "utf8"), ctx);
vm.runInContext(fs.readFileSync(dir + "/search.js", "utf8"), ctx);
const ids = byId["search-results"].children.map((li) => li.children[0].href.replace(/^sops\/|\.html$/g, ""));
console.log(JSON.stringify({ status: byId["search-status"].textContent, ids }));
`

// TestSearchJSPrototypeWords runs search.js itself under node, when node
// is installed, with words of Object.prototype in a body and as queries.
func TestSearchJSPrototypeWords(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: search.js is checked by TestSearchIndexContract only")
	}
	files := prototypeLibrary(t)
	dir := t.TempDir()
	for _, name := range []string{"search.js", "search-index.js"} {
		if err := os.WriteFile(filepath.Join(dir, name), files["assets/"+name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(harness, []byte(searchHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		Status string   `json:"status"`
		IDs    []string `json:"ids"`
	}
	tests := []struct {
		query string
		want  result
	}{
		{"c", result{"1 SOP found", []string{"a"}}},
		{"constructor", result{"1 SOP found", []string{"a"}}},
		{"__proto__", result{"1 SOP found", []string{"a"}}},
		{"toString", result{"1 SOP found", []string{"a"}}},
		{"hasOwnProperty", result{"1 SOP found", []string{"a"}}},
		{"valueOf", result{"1 SOP found", []string{"a"}}},
		{"propertyIsEnumerable constructor", result{"1 SOP found", []string{"a"}}},
		{"special", result{"1 SOP found", []string{"b"}}},
		{"special constructor", result{"0 SOPs found", []string{}}},
		{"procedure", result{"2 SOPs found", []string{"a", "b"}}},
		{"length", result{"0 SOPs found", []string{}}},
	}
	for _, tt := range tests {
		out, err := exec.Command(node, harness, dir, tt.query).CombinedOutput()
		if err != nil {
			t.Errorf("search.js with ?q=%s: %v\n%s", tt.query, err, out)
			continue
		}
		var got result
		if err := json.Unmarshal(out, &got); err != nil {
			t.Errorf("search.js with ?q=%s: %v: %s", tt.query, err, out)
			continue
		}
		if got.Status != tt.want.Status || !slices.Equal(got.IDs, tt.want.IDs) {
			t.Errorf("search.js with ?q=%s: %+v, want %+v", tt.query, got, tt.want)
		}
	}
}
