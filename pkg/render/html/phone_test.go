package html_test

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// phoneWidth is the CSS width of the phone every page must fit.
const phoneWidth = 390

// chromium finds headless Chromium, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("headless Chromium takes seconds: skipped with -short")
	}
	for _, name := range []string{"chromium", "/usr/bin/chromium"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium on PATH nor /usr/bin/chromium: the 390 px layout test needs headless Chromium")
	return ""
}

// wideTableLibrary is a library whose SOP holds a table of 12 columns,
// a long code line and a long URL, each wider than a phone.
func wideTableLibrary(t *testing.T) string {
	var head, rule, row strings.Builder
	for i := range 12 {
		fmt.Fprintf(&head, "| Column heading %d ", i+1)
		rule.WriteString("|---")
		fmt.Fprintf(&row, "| value-%d-without-spaces-anywhere ", i+1)
	}
	table := head.String() + "|\n" + rule.String() + "|\n" + row.String() + "|\n"
	body := "## Limits\n\n" + table + "\n## Steps\n\n```\n" + strings.Repeat("long_code_line_", 30) + "\n```\n\n" +
		"See https://example.com/" + strings.Repeat("a-very-long-path-segment/", 12) + " for more.\n"
	return rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml":  "title: Wide Tables\nroles:\n  r: Role With A Long Title For A Narrow Screen\n",
		"sops/wide.md": rendertest.SOPFile("wide", "roles: [r]\n", body),
		"sops/next.md": rendertest.SOPFile("next", "roles: [r]\n", "## Purpose\n\nX.\n\n## Scope\n\nY.\n"),
	})
}

// Every page of the example library, of the small one (the goldens', with
// a change log) and of a library with a 12-column table fits a 390 px phone: nothing makes the page scroll sideways. Each
// page is opened in a 390 px frame of one driver page, which writes every
// page's scrollWidth into the DOM that Chromium dumps.
func TestPhoneWidth(t *testing.T) {
	bin := chromium(t)
	for _, lib := range []struct {
		name, dir string
		history   gitlog.History
	}{
		{"example", exampleDir, nil},
		{"small, with a change log", smallDir, rendertest.SmallHistory()},
		{"wide table", wideTableLibrary(t), nil},
	} {
		t.Run(lib.name, func(t *testing.T) {
			files, _ := bundle(t, lib.dir, lib.history)
			dir := writeBundle(t, files)
			pages := htmlPages(files)
			widths := pageWidths(t, bin, dir, pages)
			for _, p := range pages {
				w, ok := widths[p]
				switch {
				case !ok:
					t.Errorf("%s: Chromium reported no width", p)
				case w > phoneWidth:
					t.Errorf("%s is %d px wide at %d px: it scrolls sideways on a phone", p, w, phoneWidth)
				}
			}
		})
	}
}

// pageWidths opens pages (paths under dir) in 390 px frames and returns
// each one's document scrollWidth.
func pageWidths(t *testing.T, bin, dir string, pages []string) map[string]int {
	t.Helper()
	out := runFrames(t, bin, dir, pages, `var w = "none";
    try { w = doc.documentElement.scrollWidth; } catch (e) { w = "error"; }
    out.push("WIDTH " + src + " " + w);`)
	widths := map[string]int{}
	for _, m := range regexp.MustCompile(`WIDTH (\S+) (\w+)`).FindAllStringSubmatch(out, -1) {
		w, err := strconv.Atoi(m[2])
		if err != nil {
			t.Errorf("%s: Chromium could not measure it (%s)", m[1], m[2])
			continue
		}
		widths[m[1]] = w
	}
	return widths
}

// runFrames opens pages (paths under dir) in 390 px frames of one driver
// page; once all have loaded, check (JavaScript with doc, the frame's
// document, and src, its path) runs for each and pushes lines onto out,
// which come back in the DOM that Chromium dumps.
func runFrames(t *testing.T, bin, dir string, pages []string, check string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body>")
	for _, p := range pages {
		fmt.Fprintf(&b, `<iframe src="%s" width="%d" height="844"></iframe>`, p, phoneWidth)
	}
	// On load every frame has laid out and run its scripts; with
	// --allow-file-access-from-files the driver may read them.
	fmt.Fprintf(&b, `<script>addEventListener("load", function () {
  var out = [];
  document.querySelectorAll("iframe").forEach(function (f) {
    var doc = f.contentDocument, src = f.getAttribute("src");
    %s
  });
  var pre = document.createElement("pre");
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
});</script></body></html>`, check)
	driver := filepath.Join(dir, "sopctl-driver.html")
	if err := os.WriteFile(driver, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--disable-gpu", "--no-sandbox", "--allow-file-access-from-files",
		"--user-data-dir="+t.TempDir(), "--window-size=1280,900", "--virtual-time-budget=10000",
		"--dump-dom", "file://"+filepath.ToSlash(driver))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return html.UnescapeString(string(out))
}

// On a phone, nav.js fills the sidebar from the role's shared file, as
// text (the xss library's titles are markup), marks the current SOP, and
// the menu button opens and closes it (Escape too).
func TestSidebarScript(t *testing.T) {
	bin := chromium(t)
	files, _ := bundle(t, xssDir, xssHistory())
	dir := writeBundle(t, files)
	out := runFrames(t, bin, dir, []string{"sops/x-1.html"}, `var side = doc.getElementById("Side"), menu = doc.querySelector("button.menu");
    var shown = function () { return doc.defaultView.getComputedStyle(side).display !== "none"; };
    out.push("SOPS " + doc.querySelectorAll("#Side-sops li").length + " ROLES " + doc.querySelectorAll("#Side-roles li").length);
    out.push("CURRENT " + JSON.stringify((doc.querySelector("#Side-sops [aria-current=page]") || {}).textContent));
    out.push("MARKUP " + side.querySelectorAll("script, img, b").length);
    out.push("CLOSED " + shown() + " " + (menu && menu.getAttribute("aria-expanded")));
    menu.click();
    out.push("OPEN " + shown() + " " + menu.getAttribute("aria-expanded") + " " + (doc.activeElement && doc.activeElement.closest("#Side") !== null));
    doc.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"}));
    out.push("ESCAPE " + shown() + " " + menu.getAttribute("aria-expanded") + " " + (doc.activeElement === menu));`)
	for _, want := range []string{
		"SOPS 2 ROLES 2",
		`CURRENT "<script>alert(1)</script>"`,
		"MARKUP 0",
		"CLOSED false false",
		"OPEN true true true",
		"ESCAPE false false true",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the sidebar script: no %q in\n%s", want, rendertest.Between(out, "<pre>", "</pre>"))
		}
	}
}
