package sop

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// The shapes of Markdown tried against goldmark when looking for those
// whose time grows faster than their size (issue 8): each family makes a
// body of about n bytes. TestMarkdownFamilies times them; it is off unless
// asked for, since no test asserts timing.

type family struct {
	name string
	gen  func(n int) []byte
}

// rep repeats frag to about n bytes.
func rep(frag string) func(int) []byte {
	return func(n int) []byte { return bytes.Repeat([]byte(frag), max(n/len(frag), 1)) }
}

// halves is a repeated to n/2 bytes, then b.
func halves(a, b string) func(int) []byte {
	return func(n int) []byte {
		return append(bytes.Repeat([]byte(a), n/2/len(a)), bytes.Repeat([]byte(b), n/2/len(b))...)
	}
}

var markdownFamilies = []family{
	{"link-open-paren [a](", rep("[a](")},
	{"link-open-paren-nl [a](\\n", rep("[a](\n")},
	{"brackets [^n ]^n", halves("[", "]")},
	{"brackets [a^n ]^n", halves("[a", "]")},
	{"images ![^n ]^n", halves("![", "]")},
	{"image-open ![a](", rep("![a](")},
	{"link openers [a", rep("[a")},
	{"link closers a]", rep("a]")},
	{"link closers ]", rep("]")},
	{"link openers [", rep("[")},
	{"[ (](", rep("[ (](")},
	{"unclosed [a](<b", rep("[a](<b")},
	{"unclosed [a](b", rep("[a](b")},
	{"unclosed [a](b \"", rep("[a](b \"")},
	{"unclosed [a](b '", rep("[a](b '")},
	{"unclosed [a](b (", rep("[a](b (")},
	{"[a][", rep("[a][")},
	{"[a][b", rep("[a][b")},
	{"[]( ", rep("[](")},
	{"](", rep("](")},
	{"lt <", rep("<")},
	{"lt <a", rep("<a")},
	{"lt <a ", rep("<a ")},
	{"lt <a b=", rep("<a b=")},
	{"lt <http://a", rep("<http://a")},
	{"lt <a@b", rep("<a@b")},
	{"html comment <!--", rep("<!--")},
	{"html comment <!-- nl", rep("<!--\n")},
	{"html comment a <!--", rep("a <!--")},
	{"html <? ", rep("a <?")},
	{"html <![CDATA[", rep("a <![CDATA[")},
	{"html <!X", rep("a <!X")},
	{"backticks increasing", func(n int) []byte {
		var b bytes.Buffer
		for i := 1; b.Len() < n; i++ {
			b.WriteString("e")
			b.WriteString(strings.Repeat("`", i))
		}
		return b.Bytes()
	}},
	{"backticks `a", rep("`a")},
	{"backticks ``a`", rep("``a`")},
	{"emph *", rep("*")},
	{"emph * a", rep("*a ")},
	{"emph _a ", rep("_a ")},
	{"emph a_ ", rep("a_ ")},
	{"emph a* ", rep("a* ")},
	{"emph *a_ ", rep("*a_ ")},
	{"emph *_", rep("*_")},
	{"emph a**b c* ", func(n int) []byte { return append([]byte("a**b"), rep("c* ")(n)...) }},
	{"emph [ a_", rep("[ a_")},
	{"emph **x [a*b**c*](d)", rep("**x [a*b**c*](d)")},
	{"emph nested *a **b ", halves("*a **b ", "c** d* ")},
	{"emph ***", rep("***a ")},
	{"strike ~", rep("~")},
	{"strike ~a ", rep("~a ")},
	{"strike ~~a ", rep("~~a ")},
	{"strike a~~ ", rep("a~~ ")},
	{"refdefs many", func(n int) []byte {
		var b bytes.Buffer
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		return b.Bytes()
	}},
	{"refdefs + uses", func(n int) []byte {
		var b bytes.Buffer
		k := n / 40
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "[r%d]: /u%d\n", i, i)
		}
		b.WriteString("\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[r%d] ", i%max(k, 1))
		}
		return b.Bytes()
	}},
	{"same ref used [x]", func(n int) []byte { return append([]byte("[x]: /u\n\n"), rep("[x] ")(n)...) }},
	{"same ref [x][x]", func(n int) []byte { return append([]byte("[x]: /u\n\n"), rep("[x][x]")(n)...) }},
	{"refdef unclosed [a]: <", rep("[a]: <\n")},
	{"refdef title unclosed", rep("[a]: /u \"\n")},
	{"refdef continued [a]:", func(n int) []byte { return append([]byte("[a]:\n"), rep("b\n")(n)...) }},
	{"refdef title multiline", func(n int) []byte { return append([]byte("[a]: /u \"\n"), rep("b\n")(n)...) }},
	{"refdef label multiline", func(n int) []byte { return append([]byte("[a\n"), rep("b\n")(n)...) }},
	{"nested brackets link text [[[[a]]]](b)", func(n int) []byte {
		return append(append(bytes.Repeat([]byte("["), n/3), []byte("a")...), append(bytes.Repeat([]byte("]"), n/3), []byte("(b)")...)...)
	}},
	{"nested links [a [b](c)](d)", rep("[a [b](c) ")},
	{"table many columns", func(n int) []byte {
		c := n / 4
		return []byte(strings.Repeat("|a", c) + "\n" + strings.Repeat("|-", c) + "\n")
	}},
	{"table wide header + many rows", func(n int) []byte {
		c := n / 8
		return []byte(strings.Repeat("|a", c) + "\n" + strings.Repeat("|-", c) + "\n" + strings.Repeat("a\n", n/4))
	}},
	{"table many rows", func(n int) []byte {
		return []byte("|a|b|\n|-|-|\n" + strings.Repeat("|c|d|\n", n/6))
	}},
	{"table escaped pipes in code", func(n int) []byte {
		return []byte("|a|\n|-|\n" + strings.Repeat("|`\\|`|\n", n/7))
	}},
	{"table escaped pipes one row", func(n int) []byte {
		return []byte("|a|\n|-|\n|" + strings.Repeat("`\\|`", n/4) + "|\n")
	}},
	{"table delimiter-ish lines", rep("|-|\n")},
	{"pipes only", rep("|")},
	{"entity &amp;", rep("&amp;")},
	{"entity &", rep("&")},
	{"entity &#", rep("&#")},
	{"entity &#x1234567;", rep("&#x1234567;")},
	{"entity &aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", rep("&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")},
	{"linkify www.", rep("www.")},
	{"linkify www.a", rep("www.a")},
	{"linkify http://", rep("http://")},
	{"linkify http://a", rep("http://a")},
	{"linkify http://a(", rep("http://a(")},
	{"linkify a@b.", rep("a@b.")},
	{"linkify a@", rep("a@")},
	{"linkify @", rep("@")},
	{"linkify :", rep(":")},
	{"linkify www.a.b_ ", rep("www.a.b_ ")},
	{"linkify www.a.(", rep("www.a(")},
	{"linkify www.a&b;", rep("www.a&b;")},
	{"linkify mailto:", rep("mailto:")},
	{"task lists", rep("- [ ] a\n")},
	{"task list no space", rep("- [x]")},
	{"long word", rep("a")},
	{"long line words", rep("a ")},
	{"headings", rep("# a\n")},
	{"heading long", func(n int) []byte { return append([]byte("# "), rep("a ")(n)...) }},
	{"heading ###", rep("#")},
	{"setext", rep("a\n=\n")},
	{"setext long para", func(n int) []byte { return append(rep("a\n")(n), "=\n"...) }},
	{"indented code", rep("    a\n")},
	{"deep indentation", func(n int) []byte { return append(bytes.Repeat([]byte(" "), n), 'a') }},
	{"tabs", rep("\t")},
	{"fence unclosed", func(n int) []byte { return append([]byte("```\n"), rep("a\n")(n)...) }},
	{"fences many", rep("```\n")},
	{"fence long", rep("`")},
	{"tilde fences", rep("~~~\n")},
	{"list items", rep("- a\n")},
	{"ordered items", rep("1. a\n")},
	{"list items nested 2", rep("- a\n  - b\n")},
	{"list lazy", func(n int) []byte { return append([]byte("- a\n"), rep("b\n")(n)...) }},
	{"blockquote lines", rep("> a\n")},
	{"blockquote lazy", func(n int) []byte { return append([]byte("> a\n"), rep("b\n")(n)...) }},
	{"quote list alt", rep("> - a\n")},
	{"backslash", rep("\\")},
	{"backslash escapes", rep("\\*")},
	{"hard breaks", rep("a\\\n")},
	{"hard breaks spaces", rep("a  \n")},
	{"empty lines", rep("\n")},
	{"blank lines spaces", rep(" \n")},
	{"nul", rep("\x00")},
	{"thematic", rep("***\n")},
	{"html block div", rep("<div>\n")},
	{"html block unclosed div", func(n int) []byte { return append([]byte("<div>\n"), rep("a\n")(n)...) }},
	{"html inline tags", rep("<a>")},
	{"html closing", rep("</a>")},
	{"html attr", func(n int) []byte { return append([]byte("<a "), rep("b=c ")(n)...) }},
	{"html attr unclosed quote", rep("<a b=\"")},
	{"image open with alt", rep("![a")},
	{"link in link text", rep("[[a](b)")},
	{"link dest balanced parens", func(n int) []byte {
		return append(append([]byte("[a]("), bytes.Repeat([]byte("("), n/2)...), bytes.Repeat([]byte(")"), n/2)...)
	}},
	{"link dest ( run", func(n int) []byte { return append([]byte("[a]("), rep("(")(n)...) }},
	{"footnote-like [^a]", rep("[^a]")},
	{"emph+link [*a](", rep("[*a](")},
	{"code span + link [`a](", rep("[`a](")},
	{"a*[b", rep("a*[b")},
	{"_[", rep("_[")},
	{"*[a](", rep("*[a](")},
	{"![[", rep("![[")},
	{"[![a](", rep("[![a](")},
	{"<[", rep("<[")},
	{"[<", rep("[<")},
	{"[a]( <", rep("[a]( <")},
	{"[a](\\(", rep("[a](\\(")},
	{"[a](b\\ ", rep("[a](b\\")},
	{"spaced stars then closers", func(n int) []byte {
		return append(bytes.Repeat([]byte(" * "), n/4), bytes.Repeat([]byte("a* "), n/12)...)
	}},
	{"link bottom walk", func(n int) []byte {
		k := n / 10 / 8
		e := (n - k*8) / 6
		return append(append([]byte("x * "), bytes.Repeat([]byte("&amp; "), e)...), bytes.Repeat([]byte("[*a](b) "), k)...)
	}},
	{"link bottom walk within limits", func(n int) []byte {
		return append(append([]byte("x * "), bytes.Repeat([]byte("&amp; "), 80000)...), bytes.Repeat([]byte("[*a](b) "), 8000)...)
	}},
	{"linkify spaced www.a.com ", rep("www.a.com ")},
	{"linkify spaced http://a.b ", rep("http://a.b ")},
	{"autolinks <http://a.b> ", rep("<http://a.b> ")},
	{"dl a : b", rep("a\n: b\n")},
	{"dl colons", rep(": ")},
	{"dl colon lines", rep(":\n")},
	{"dl term then many defs", func(n int) []byte { return append([]byte("a\n"), rep(": b\n")(n)...) }},
	{"dl nested", rep(": : : : a\n")},
	{"nested list markers per line", rep("- - - - - - - - a\n")},
	{"quote markers per line", rep("> > > > > > > > a\n")},
	{"max blocks then inline", func(n int) []byte {
		return append(bytes.Repeat([]byte("- a\n"), 49000), bytes.Repeat([]byte("<a> "), 24000)...)
	}},
	{"labels budget edge", func(n int) []byte { return bytes.Repeat([]byte("[a]\n"), 5700) }},
	{"emphasis budget edge", func(n int) []byte { return append(bytes.Repeat([]byte("*a_ "), 4095), '\n') }},
	{"headings under limit", func(n int) []byte { return bytes.Repeat([]byte("# a\n"), 49000) }},
	{"setext under limit", func(n int) []byte { return bytes.Repeat([]byte("a\n=\n"), 24500) }},
	{"html tags under limit", func(n int) []byte { return bytes.Repeat([]byte("<a>"), 99000) }},
	{"prose 1MB", rep("The operator checks the [form](form.md) and signs **here** before `noon`. ")},
}

// TestMarkdownFamilies prints, for each family at each size in
// SOPCTL_FAMILIES (KiB, comma-separated, e.g. 80,240,1024), how long Parse
// takes (limits on) and how long goldmark takes on the body alone, which it
// stops trying for a family once one size takes over 2 s. With
// SOPCTL_FAMILIES_DIR set, it also writes a one-SOP library for each
// family and size there (DIR/SIZE/NNN), to time the real binary on.
//
//	SOPCTL_FAMILIES=80,240,1024 go test ./pkg/sop -run TestMarkdownFamilies -v
func TestMarkdownFamilies(t *testing.T) {
	spec := os.Getenv("SOPCTL_FAMILIES")
	if spec == "" {
		t.Skip("set SOPCTL_FAMILIES=80,240,1024 (KiB) to time the Markdown families")
	}
	var sizes []int
	for _, s := range strings.Split(spec, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || k < 1 {
			t.Fatalf("SOPCTL_FAMILIES: %q is not a size in KiB", s)
		}
		sizes = append(sizes, k<<10)
	}
	dir := os.Getenv("SOPCTL_FAMILIES_DIR")
	const front = "---\nid: x\ntitle: X\n---\n"
	for i, f := range markdownFamilies {
		line := fmt.Sprintf("%03d %-40s", i, f.name)
		raw := true
		for _, n := range sizes {
			body := f.gen(n - len(front) - 1)
			body = body[:min(len(body), n-len(front)-1)]
			src := append([]byte(front), body...)
			if dir != "" {
				lib := filepath.Join(dir, strconv.Itoa(n>>10), fmt.Sprintf("%03d", i))
				writeOneSOPLibrary(t, lib, src, f.name)
			}
			start := time.Now()
			_, err := Parse("x.md", src)
			took := time.Since(start)
			verdict := "ok"
			if err != nil {
				verdict = "refused"
			}
			line += fmt.Sprintf(" | %dK parse %.3fs %s", n>>10, took.Seconds(), verdict)
			if raw {
				start = time.Now()
				parseBody(body, 5)
				took = time.Since(start)
				line += fmt.Sprintf(", goldmark %.3fs", took.Seconds())
				raw = took < 2*time.Second
			}
		}
		t.Log(line)
	}
}

// writeOneSOPLibrary writes a library of one SOP.
func writeOneSOPLibrary(t *testing.T, lib string, src []byte, name string) {
	t.Helper()
	testlib.WriteTree(t, lib, map[string]string{"sopctl.yaml": "title: T\n", "sops/x.md": string(src), "family": name + "\n"})
}
