package html_test

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	xhtml "golang.org/x/net/html"
)

// TestSearchChromium opens index.html?q=refnd from disk in headless
// Chromium, as a reader would: the typo finds Refund Processing, listed
// first in #search-results with a snippet that marks the word (the shard
// loaded by a <script> element and inflated by the browser).
func TestSearchChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starting Chromium takes seconds: skipped with -short")
	}
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no chromium, chromium-browser or google-chrome on PATH: search.js in a browser is not checked")
	}
	dir := writeBundle(t, rankingLibrary(t))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, chromium, "--headless", "--disable-gpu", "--no-sandbox",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=3000", "--dump-dom",
		"file://"+filepath.ToSlash(filepath.Join(dir, "index.html"))+"?q=refnd").Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	doc, err := xhtml.Parse(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var results *xhtml.Node
	walk(doc, func(n *xhtml.Node) {
		if id, _ := attr(n, "id"); id == "search-results" {
			results = n
		}
	})
	if results == nil {
		t.Fatalf("no #search-results in the page Chromium shows: %.300s", out)
	}
	var hrefs, marks []string
	walk(results, func(n *xhtml.Node) {
		if href, ok := attr(n, "href"); ok && n.Data == "a" {
			hrefs = append(hrefs, href)
		}
		if n.Data == "mark" {
			marks = append(marks, textOf(n))
		}
	})
	if len(hrefs) == 0 || hrefs[0] != "sops/refund-processing.html" {
		t.Errorf("?q=refnd lists %v, want sops/refund-processing.html first", hrefs)
	}
	if len(marks) == 0 || !strings.EqualFold(marks[0], "refund") {
		t.Errorf("?q=refnd marks %q in the snippets, want refund first", marks)
	}
}
