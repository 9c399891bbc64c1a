package term

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// set is a front-matter value that is present.
func set(s string) sop.Value { return sop.Value{Text: s, Set: true} }

func list(items ...string) sop.List {
	l := sop.List{Set: true}
	for _, it := range items {
		l.Items = append(l.Items, set(it))
	}
	return l
}

// page is doc's page as show gets it from the handbook model, its body
// read as sop.Parse reads it (when the file it makes parses), so that the
// title rule (sop.Body.TitleHeading) knows its H1.
func page(doc *sop.Doc) *render.Page {
	if parsed, err := sop.Parse(doc.Path, append([]byte("---\nx-test: true\n---\n"), doc.Body...)); err == nil {
		doc.Markdown = parsed.Markdown
	}
	return render.Standalone(doc)
}

// plain renders doc in the notty style, wide enough that no header line
// wraps, and returns its lines without the margin.
func plain(t *testing.T, doc *sop.Doc) []string {
	t.Helper()
	out, err := Render(page(doc), Options{Style: "notty", Width: 1000})
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return lines
}

func TestHeader(t *testing.T) {
	full := sop.Meta{
		ID: set("complaint-resolution"), Title: set("Complaint Resolution"), Version: set("1.2"),
		Status: set("approved"), Owner: set("Customer Service Manager"), Approver: set("Head of CX"),
		Effective: set("2026-01-15"), Reviewed: set("2026-01-10"),
		Roles:    list("customer-service-representative", "customer-contact-specialist"),
		Channels: list("phone"), Related: list("escalation-procedure"), KPIs: list("CSAT", "FCR"),
		Tags: list("complaints"), Supersedes: list("old-complaints"),
	}
	tests := []struct {
		name    string
		doc     sop.Doc
		want    []string // lines, in order
		notWant []string // substrings
	}{
		{
			name: "every field",
			doc:  sop.Doc{Path: "sops/complaint-resolution.md", Meta: full, Body: []byte("## Purpose\n\nWhy.\n")},
			want: []string{
				"# Complaint Resolution",
				"• id: complaint-resolution",
				"• version: 1.2",
				"• status: approved",
				"• owner: Customer Service Manager",
				"• approver: Head of CX",
				"• effective: 2026-01-15",
				"• reviewed: 2026-01-10",
				"• roles: customer-service-representative, customer-contact-specialist",
				"• related: escalation-procedure",
				"• kpis: CSAT, FCR",
				"--------",
				"## Purpose",
				"Why.",
			},
			notWant: []string{"channels", "tags", "supersedes"},
		},
		{
			name:    "only what is set",
			doc:     sop.Doc{Path: "sops/x.md", Meta: sop.Meta{ID: set("x"), Title: set("X"), Roles: sop.List{Set: true}}, Body: []byte("Text.\n")},
			want:    []string{"# X", "• id: x", "--------", "Text."},
			notWant: []string{"version", "status", "owner", "approver", "effective", "reviewed", "roles", "related", "kpis"},
		},
		{
			name: "no title: the id",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{ID: set("refund-approval")}},
			want: []string{"# refund-approval", "• id: refund-approval", "--------"},
		},
		{
			name: "no title or id: the file name",
			doc:  sop.Doc{Path: "sops/orders/refund-approval.md"},
			want: []string{"# refund-approval", "--------"},
		},
		{
			name: "values on one line",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Two\nlines"), Owner: set("  A\t\tB \n C  ")}},
			want: []string{"# Two lines", "• owner: A B C", "--------"},
		},
		{
			name: "the body's H1 repeating the title is not shown twice",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("\n# Refunds\n\n## Purpose\n")},
			want: []string{"# Refunds", "--------", "## Purpose"},
		},
		{
			name: "an H1 with a closing sequence",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("C#")}, Body: []byte("# C# ##\n\nText.\n")},
			want: []string{"# C#", "--------", "Text."},
		},
		{
			name: "a different H1 stays",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("# Returns\n")},
			want: []string{"# Refunds", "--------", "# Returns"},
		},
		{
			name: "a setext H1 repeating the title",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("Refunds\n=======\n\nText.\n")},
			want: []string{"# Refunds", "--------", "Text."},
		},
		{
			name: "a first H1 that differs, then one equal to the title: both stay",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("# Returns\n\n# Refunds\n")},
			want: []string{"# Refunds", "--------", "# Returns", "# Refunds"},
		},
		{
			name: "an H1 in a block quote stays",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("> # Refunds\n\nText.\n")},
			want: []string{"# Refunds", "--------", "| # Refunds", "Text."},
		},
		{
			name: "an H1 in a list item stays",
			doc:  sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("Refunds")}, Body: []byte("- # Refunds\n\nText.\n")},
			want: []string{"# Refunds", "--------", "• # Refunds", "Text."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := plain(t, &tt.doc)
			var got []string
			for _, l := range lines {
				if l != "" {
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			all := strings.Join(lines, "\n")
			for _, s := range tt.notWant {
				if strings.Contains(all, s) {
					t.Errorf("output shows %q:\n%s", s, all)
				}
			}
		})
	}
}

// hostile are values a file could carry to attack the terminal or to be
// read as Markdown. The parser refuses control characters in files, so
// these reach Render only through a Doc built in code (or YAML escapes in
// front matter): Render must not trust its caller either. What a terminal
// could act on shows as its escape (termsafe.Text).
var hostile = []struct {
	in   string
	show string // what the header line must show
	hide string // what must not appear anywhere
}{
	{"\x1b[2Jclear", "clear", "[2J"},
	{"\x1b]0;pwned\x07title", "title", "pwned"},
	{"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click", "evil"},
	{"\x1b]52;c;cGF5bG9hZA==\x1b\\copy", "copy", "cGF5"},
	{"\u009b31mred", "red", "31m"},
	{"\u009d0;pwned\u009ctitle", "title", "pwned"},
	{"\x1bP+q544e\x1b\\dcs", "dcs", "544e"},
	{"bell\x07 del\x7f nul\x00 cr\r c1\u0085", "bell del nul cr c1", ""},
	{"unterminated \x1b]0;pwned", "unterminated", "pwned"},
	{"trojan \u202eevil\u2066", "trojan evil", "\u202e"},
	{"bad \xff\xfe utf8", "bad \ufffd\ufffd utf8", ""},
	{"*x* [a](javascript:1)", "*x* [a](javascript:1)", ""},
	{"<script>alert(1)</script> <b>b</b>", "<script>alert(1)</script> <b>b</b>", ""},
	{"&amp; &lt; &#42; &#27;", "&amp; &lt; &#42; &#27;", ""},
	{"`code` __u__ ~~s~~ ==m== :smile:", "`code` __u__ ~~s~~ ==m== :smile:", ""},
	{`back\slash \*not\* \\ end\`, `back\slash \*not\* \\ end\`, ""},
	{"# h ## > q - l 1. n | a | b |", "# h ## > q - l 1. n | a | b |", ""},
	{"https://example.com www.example.com a@b.example", "https://example.com www.example.com a@b.example", ""},
	{"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ""},
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// unsafe returns what in out is not plain text: with color, anything but
// SGR sequences; without, any escape sequence.
func unsafe(out string, color bool) string {
	if color {
		out = sgr.ReplaceAllString(out, "")
	}
	if !utf8.ValidString(out) {
		return "invalid UTF-8"
	}
	var bad strings.Builder
	for _, r := range out {
		if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069) {
			bad.WriteRune(r)
		}
	}
	return bad.String()
}

func TestHostileValues(t *testing.T) {
	for _, h := range hostile {
		doc := &sop.Doc{
			Path: "sops/x.md",
			Meta: sop.Meta{ID: set("x"), Title: set("T " + h.in), Owner: set(h.in), Roles: list(h.in, "b")},
			Body: []byte("## Body\n\nText " + h.in + "\n\n- " + h.in + "\n"),
		}
		for _, style := range Styles() {
			out, err := Render(page(doc), Options{Style: style, Width: 200})
			if err != nil {
				t.Fatalf("%q %s: %v", h.in, style, err)
			}
			if bad := unsafe(out, style != "notty"); bad != "" {
				t.Errorf("%q %s: output holds %q", h.in, style, bad)
			}
			if style == "notty" && strings.ContainsRune(out, 0x1b) {
				t.Errorf("%q notty: output holds ESC", h.in)
			}
			if h.hide != "" && strings.Contains(out, h.hide) {
				t.Errorf("%q %s: output shows %q", h.in, style, h.hide)
			}
		}
		lines := plain(t, doc)
		for _, want := range []string{"# T " + h.show, "• owner: " + h.show, "• roles: " + h.show + ", b"} {
			if !contains(lines, want) {
				t.Errorf("%q: no line %q in\n%s", h.in, want, strings.Join(lines, "\n"))
			}
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\twith tab\nand line", "plain text\twith tab\nand line"},
		{"crlf\r\nline\r\n", "crlf\nline\n"},
		{"a\x1b[1;31mb\x1b[0mc", "abc"},
		{"a\x1b]0;t\x07b", "ab"},
		{"a\u009b2Jb \u202eevil", "ab evil"},
		{"caf\xc3\xa9 \xff", "café \ufffd"},
		{"`&#x1b;[8m` &#42;", "`\\x1b[8m` &#42;"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFilterOutput(t *testing.T) {
	in := "\x1b[38;5;252mtext\x1b[0m \x1b[2J\x1b]0;x\x07\x1b[1mbold\x1b[0m\x07\n"
	if got, want := filterOutput(in, true), "\x1b[38;5;252mtext\x1b[0m \\x1b[2J\\x1b]0;x\\a\x1b[1mbold\x1b[0m\\a\n"; got != want {
		t.Errorf("color: %q, want %q", got, want)
	}
	if got, want := filterOutput(in, false), `\x1b[38;5;252mtext\x1b[0m \x1b[2J\x1b]0;x\a\x1b[1mbold\x1b[0m\a`+"\n"; got != want {
		t.Errorf("plain: %q, want %q", got, want)
	}
}

func TestOptions(t *testing.T) {
	doc := &sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set("X")},
		Body: []byte(strings.Repeat("word ", 200) + "\n")}
	if _, err := Render(page(doc), Options{Style: "auto"}); err == nil || !strings.Contains(err.Error(), `unknown style "auto"`) {
		t.Errorf("style auto: %v", err)
	}
	for _, tt := range []struct{ width, max int }{{40, 40}, {0, DefaultWidth}, {1, MinWidth}, {120, 120}} {
		out, err := Render(page(doc), Options{Style: "notty", Width: tt.width})
		if err != nil {
			t.Fatal(err)
		}
		widest := 0
		for _, l := range strings.Split(out, "\n") {
			widest = max(widest, utf8.RuneCountInString(l))
		}
		if widest > tt.max || widest < tt.max-10 {
			t.Errorf("width %d: widest line %d, want at most %d", tt.width, widest, tt.max)
		}
	}
	dark, err := Render(page(doc), Options{Style: "dark"})
	if err != nil || !strings.Contains(dark, "\x1b[") {
		t.Errorf("dark: no color (%v)", err)
	}
}

func TestLimits(t *testing.T) {
	nested := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	tests := []struct {
		name string
		body string
		meta sop.Meta
		line int    // file line in the error; the body starts at line 10
		want string // in the reason; "" when Render must succeed
	}{
		{"body too large", strings.Repeat("a\n", MaxBodyBytes/2+1), sop.Meta{}, 0, "the body is 257 KiB; at most 256 KiB"},
		{"5000 nested block quotes", "text\n" + strings.Repeat(">", 5000) + " x\n", sop.Meta{}, 11, "block quotes and lists nested 5000 deep at line 11; at most 32"},
		{"33 nested block quotes", strings.Repeat("> ", 33) + "x\n", sop.Meta{}, 10, "nested 33 deep"},
		{"33 nested lists", strings.Repeat("- ", 33) + "x\n", sop.Meta{}, 10, "nested 33 deep"},
		{"quotes and numbered lists", strings.Repeat("> 1. ", 17) + "x\n", sop.Meta{}, 10, "nested 34 deep"},
		{"lists nested by indentation", nested(40), sop.Meta{}, 42, "block quotes and lists nested 33 deep at line 42; at most 32"},
		{"a run of 1001 *", "a" + strings.Repeat("*", 1001) + "b\n", sop.Meta{}, 10, "a run of more than 1000 * characters at line 10"},
		{"a run of 1001 _", "\n\na" + strings.Repeat("_", 1001) + "b\n", sop.Meta{}, 12, "more than 1000 _ characters"},
		{"emphasis nested 40 deep", strings.Repeat("*a ", 40) + "x" + strings.Repeat(" b*", 40) + "\n", sop.Meta{}, 10, "emphasis, links and strikethrough nested 33 deep at line 10"},
		{"emphasis marks past sop's limit", strings.Repeat("*a ", 4000) + "x" + strings.Repeat(" b*", 4000) + "\n", sop.Meta{}, 10, "8000 emphasis marks"},
		{"links past sop's limit", "text\n" + strings.Repeat("[a](", 40) + "\n", sop.Meta{}, 11, "more than 32 links ]("},
		{"a word of 6,000 characters", "short\n" + strings.Repeat("w", 6000) + "\n", sop.Meta{}, 11, "a word of 6000 characters without a space at line 11"},
		{"many long words", strings.Repeat(strings.Repeat("w", 1000)+" ", 30), sop.Meta{}, 10, "30 words of more than 64 characters"},
		{"100 paragraphs 32 deep", strings.Repeat(strings.Repeat(">", 32)+" x\n\n", 100), sop.Meta{}, 0, "to lay out at 80 columns"},
		{"20,000 list items", strings.Repeat("- x\n", 20000), sop.Meta{}, 0, "list items"},
		{"a code block of 20,000 lines", "```\n" + strings.Repeat("x := 1\n", 20000) + "```\n", sop.Meta{}, 0, "code lines"},
		{"a long title", "", sop.Meta{Title: set(strings.Repeat("word ", 14000))}, 0, "front-matter values"},
		{"a long word in the title", "", sop.Meta{Title: set(strings.Repeat("w", 6000))}, 0, "without a space in the front matter"},

		{"32 nested block quotes", strings.Repeat(">", 32) + " x\n", sop.Meta{}, 0, ""},
		{"32 nested lists", strings.Repeat("- ", 32) + "x\n", sop.Meta{}, 0, ""},
		{"a run of 1000 *", "a" + strings.Repeat("*", 1000) + "b\n", sop.Meta{}, 0, ""},
		{"emphasis nested 32 deep", strings.Repeat("*a ", 32) + "x" + strings.Repeat(" b*", 32) + "\n", sop.Meta{}, 0, ""},
		{"a word of 5,000 characters", strings.Repeat("w", 5000) + "\n", sop.Meta{}, 0, ""},
		{"a thematic break of 5,000 *", strings.Repeat("*", 5000) + "\n", sop.Meta{}, 10, "a run of more than 1000 *"},
		{"1,000 list items", strings.Repeat("- [ ] x\n", 1000), sop.Meta{}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.meta.ID = set("x")
			doc := &sop.Doc{Path: "sops/x.md", Meta: tt.meta, Body: []byte(tt.body), BodyLine: 10}
			_, err := Render(page(doc), Options{Style: "dark", Width: 80})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Render: %v", err)
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("Render gave %v, want a *LimitError", err)
			}
			if !strings.Contains(le.Reason, tt.want) || le.Line != tt.line {
				t.Errorf("Line %d, Reason %q; want line %d and %q", le.Line, le.Reason, tt.line, tt.want)
			}
			if want := "too large/deeply nested to show in the terminal (" + le.Reason + ")"; err.Error() != want {
				t.Errorf("Error() = %q", err.Error())
			}
		})
	}
}

// FuzzRender feeds Render any body and title: it must not panic, and what
// it writes must hold no control character but SGR color sequences.
func FuzzRender(f *testing.F) {
	f.Add("# T\n\n## Purpose\n\n1. **a** [b](c.md#d)\n\n> q\n\n- [ ] x\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nx := 1\n```\n", "T")
	f.Add("\x1b]0;x\x07\u009b2J<b>h</b>&amp;\n\n    code\n\nterm\n: def\n", "*x*")
	f.Add(strings.Repeat("> - ", 20)+"x\n\n"+strings.Repeat("*a ", 30)+"x"+strings.Repeat(" b*", 30), "")
	f.Fuzz(func(t *testing.T, body, title string) {
		defer testlib.Budget(t, len(body)+len(title))()
		doc := &sop.Doc{Path: "sops/x.md", Meta: sop.Meta{Title: set(title), Owner: set(title)}, Body: []byte(body), BodyLine: 4}
		for _, style := range []string{"notty", "dark"} {
			out, err := Render(page(doc), Options{Style: style, Width: 60})
			var le *LimitError
			if err != nil && !errors.As(err, &le) {
				t.Fatalf("%s: %v", style, err)
			}
			if bad := unsafe(out, style != "notty"); bad != "" {
				t.Fatalf("%s: output holds %q", style, bad)
			}
		}
	})
}

// With Options.KPI, a KPI that sopctl.yaml defines shows with its name and
// target, as the bundles show it; one it does not define stays an id, and
// a hostile name stays on its line.
func TestHeaderKPIs(t *testing.T) {
	kpis := map[string]*render.KPI{
		"CSAT": {ID: "CSAT", Name: "Customer Satisfaction Score", Target: ">= 85%"},
		"AHT":  {ID: "AHT", Name: "Average\nHandling \x1b[31mTime"},
	}
	doc := &sop.Doc{Path: "sops/a.md", Meta: sop.Meta{ID: set("a"), Title: set("A"), KPIs: list("CSAT", "XYZ", "AHT")},
		Body: []byte("## Purpose\n\nWhy.\n")}
	for _, tt := range []struct {
		name string
		kpi  func(string) *render.KPI
		want string
	}{
		{"ids alone", nil, "• kpis: CSAT, XYZ, AHT"},
		{"names and targets", func(id string) *render.KPI { return kpis[id] },
			"• kpis: CSAT — Customer Satisfaction Score (target >= 85%), XYZ, AHT — Average Handling Time"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Render(page(doc), Options{Style: "notty", Width: 1000, KPI: tt.kpi})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("output has no %q:\n%s", tt.want, out)
			}
			if bad := unsafe(out, false); bad != "" {
				t.Errorf("output holds control characters %q", bad)
			}
		})
	}
}
