package html_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"

	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An incremental render gives the same bundle as a full one, byte for
// byte, whatever changed in between; it reuses the files the change does
// not touch.
func TestIncremental(t *testing.T) {
	rendertest.IncrementalPrint(t, write, ".html", []string{"index.html", "roles/agent.html", "kpis.html", "assets/nav-agent.js", "assets/style.css"}, []string{"roles/agent-handbook.html", "assets/search-index.js"})
}

// The example library, with the next review and its being overdue
// changing with today's date, and a body edited.
func TestIncrementalExample(t *testing.T) {
	rendertest.IncrementalExample(t, write, "sops/complaint-resolution.html", "index.html")
}

// As sopctl render loads for HTML: summaries, each SOP file that has not
// changed taken from the previous render's cache; and whatever happened
// to the cache, the same bundle.
func TestIncrementalCached(t *testing.T) {
	rendertest.IncrementalPrintCached(t, write, ".html", []string{"index.html", "roles/agent.html", "kpis.html", "assets/nav-agent.js", "assets/style.css"}, []string{"roles/agent-handbook.html", "assets/search-index.js"})
}

func TestIncrementalExampleCached(t *testing.T) {
	rendertest.IncrementalExampleCached(t, write, "sops/complaint-resolution.html", "index.html")
}

// An edited body remakes its page, the search index and only the
// printable handbook files and snippet shard that hold it; the search
// index, made from the previous one, is the full render's, and a previous
// index that cannot be used gives a full one (rendertest.Incremental
// compares each render with a full one, byte for byte).
func TestIncrementalBody(t *testing.T) {
	const index, shard = "assets/search-index.js", "assets/search-snippets-000.js"
	pages := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, "sops/"+id+".html")
		}
		return out
	}
	damaged := func(edit func(t testing.TB, site string)) rendertest.Change {
		return rendertest.Change{Edit: rendertest.Replace("sops/c.md", "Do it.", "Do it twice."), Output: edit,
			Kept: pages("a", "b", "d", "e", "f"), Made: append(pages("c"), index, shard)}
	}
	for _, max := range []int{3, 100} {
		// Over 3 SOPs (books), handbook.html prints none; at 100, all
		// but f, which is retired.
		onePage := map[int][]string{3: nil, 100: {"handbook.html"}}[max]
		books := map[int][]string{3: {"handbook.html"}, 100: nil}[max]
		changes := []rendertest.Change{
			{Name: "first SOP", Edit: rendertest.Replace("sops/a.md", "1. See", "1. First, see"),
				Kept: slices.Concat(pages("b", "c", "d", "e", "f"), books, []string{"roles/lead-handbook.html", "index.html"}),
				Made: slices.Concat(pages("a"), onePage, []string{"roles/agent-handbook.html", index, shard})},
			{Name: "last SOP, retired, printed nowhere", Edit: rendertest.Replace("sops/f.md", "Do not.", "Do not ever."),
				Kept: slices.Concat(pages("a", "b", "c", "d", "e"), onePage, books, []string{"roles/agent-handbook.html", "roles/lead-handbook.html"}),
				Made: slices.Concat(pages("f"), []string{index, shard})},
			{Name: "a word only it has", Edit: rendertest.Replace("sops/d.md", "See [b]", "Zyzzyva. See [b]"),
				Kept: slices.Concat(pages("a", "b", "c", "e", "f"), books, []string{"roles/agent-handbook.html"}),
				Made: slices.Concat(pages("d"), onePage, []string{"roles/lead-handbook.html", index})},
			{Name: "a word only it had", Edit: rendertest.Replace("sops/f.md", "Do not.", "Do."),
				Kept: pages("a", "b", "c", "d", "e"), Made: slices.Concat(pages("f"), []string{index})},
		}
		for _, c := range []struct {
			name string
			edit func(t testing.TB, site string)
		}{
			{"truncated index", func(t testing.TB, site string) { truncate(t, filepath.Join(site, index)) }},
			{"junk index", func(t testing.TB, site string) {
				writeFile(t, filepath.Join(site, index), "window.SOPCTL_SEARCH = {\"docs\":[]};\n")
			}},
			{"index of another library", func(t testing.TB, site string) {
				rendertest.Replace(index, `"c","alpha"`, `"c","beta"`)(t, site)
			}},
			{"index a symlink", func(t testing.TB, site string) {
				p := filepath.Join(site, index)
				if err := os.Rename(p, p+".elsewhere"); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Base(p)+".elsewhere", p); err != nil {
					t.Fatal(err)
				}
			}},
			{"index missing", func(t testing.TB, site string) {
				if err := os.Remove(filepath.Join(site, index)); err != nil {
					t.Fatal(err)
				}
			}},
		} {
			change := damaged(c.edit)
			change.Name = c.name
			if c.name == "index missing" {
				change.Made = slices.DeleteFunc(change.Made, func(name string) bool { return name == index })
			}
			changes = append(changes, change)
		}
		t.Run(map[int]string{3: "books", 100: "one-page"}[max], func(t *testing.T) {
			rendertest.Incremental(t, rendertest.PrintLibrary(t, max), gitlog.History{}, write, changes)
		})
	}
}

func truncate(t testing.TB, p string) {
	t.Helper()
	if err := os.Truncate(p, 100); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
