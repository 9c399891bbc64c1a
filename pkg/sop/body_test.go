package sop

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Triggers", "triggers"},
		{"Escalation Levels", "escalation-levels"},
		{"Café Stores", "café-stores"},
		{"What's new? (2026)", "whats-new-2026"},
		{"a -- b_c", "a----b_c"},
		{"  Spaces  ", "--spaces--"},
		{"Ünïcödé Ω", "ünïcödé-ω"},
		{"日本語 見出し", "日本語-見出し"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSlugLowersAsToLower: Slug lowers rune by rune as strings.ToLower
// lowers the whole text, invalid UTF-8 and runes whose lower case is
// longer or shorter included.
func TestSlugLowersAsToLower(t *testing.T) {
	viaToLower := func(text string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			if r == ' ' {
				b.WriteByte('-')
			} else if r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	ascii := make([]byte, 128) // Slug reads ASCII byte by byte: every byte
	for i := range ascii {
		ascii[i] = byte(i)
	}
	for _, in := range []string{"Escalation Levels", "İSTANBUL Ⱥ", "bad \xff\xfe UTF-8", "ΣΑΣ", "ǅ ǈ", "K Å", "",
		string(ascii), "Step 2: Ünïcödé AND ASCII_after-it", "ASCII then \xff"} {
		if got, want := Slug(in), viaToLower(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSlugAllocs: a slug is one allocation (no lowered copy of the text,
// no regrowing buffer), as lint makes one for every heading.
func TestSlugAllocs(t *testing.T) {
	for _, in := range []string{"Escalation Levels", "Responsibilities and Accountabilities (RACI)"} {
		if n := testing.AllocsPerRun(100, func() { Slug(in) }); n > 1 {
			t.Errorf("Slug(%q) allocates %v times, want 1", in, n)
		}
	}
}

const bodyDoc = `---
id: a
---

# Refunds \#1 \[draft\] &amp; ` + "`x\\y`" + `

## Purpose

Why. TODO: finish this, but ` + "`TODO: in code`" + ` is fine.

## Scope
<!-- only a comment -->

## Procedure

- not numbered
  1. nested numbered

## Procedure

Again, with [Escalation](escalation-procedure.md#triggers) and [](empty.md).

> ## Quoted heading

Setext heading
--------------
`

func TestParseBody(t *testing.T) {
	doc, err := Parse("a.md", []byte(bodyDoc))
	if err != nil {
		t.Fatal(err)
	}
	b := doc.Markdown
	if b.H1 == nil || b.H1.Text != "Refunds #1 [draft] & x\\y" || b.H1.Pos != (Pos{5, 1}) {
		t.Errorf("H1 = %+v", b.H1)
	}
	var slugs []string
	for _, h := range b.Headings {
		slugs = append(slugs, h.Slug)
	}
	if got := strings.Join(slugs, " "); got != "refunds-1-draft--xy purpose scope procedure procedure-1 quoted-heading setext-heading" {
		t.Errorf("slugs = %s", got)
	}
	if len(b.Sections) != 5 {
		t.Fatalf("sections = %+v", b.Sections)
	}
	want := []struct {
		text         string
		line         int
		empty, olist bool
	}{
		{"Purpose", 7, false, false}, {"Scope", 11, true, false}, {"Procedure", 14, false, true},
		{"Procedure", 19, false, false}, {"Setext heading", 25, true, false},
	}
	for i, w := range want {
		s := b.Sections[i]
		if s.Text != w.text || s.Pos.Line != w.line || s.Empty != w.empty || s.OrderedList != w.olist {
			t.Errorf("section %d = %+v, want %+v", i, s, w)
		}
	}
	if s, ok := b.Section("procedure"); !ok || !s.OrderedList {
		t.Errorf("Section(procedure) = %+v, %v", s, ok)
	}
	if len(b.Links) != 2 || b.Links[0].Dest != "escalation-procedure.md#triggers" || b.Links[0].Pos != (Pos{21, 13}) ||
		b.Links[1].Dest != "empty.md" || b.Links[1].Pos != (Pos{21, 64}) {
		t.Errorf("links = %+v", b.Links)
	}
	if len(b.Placeholders) != 1 || b.Placeholders[0] != (Pos{9, 6}) {
		t.Errorf("placeholders = %+v", b.Placeholders)
	}
	if !b.HasAnchor("procedure-1") || b.HasAnchor("procedure-2") {
		t.Error("HasAnchor")
	}
}

// Images are links too (broken-link checks them), placed at their "!".
func TestBodyImages(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []Link
	}{
		{"See ![map](img/map.png) and [x](a.md).\n", []Link{{Dest: "img/map.png", Pos: Pos{1, 5}, Image: true}, {Dest: "a.md", Pos: Pos{1, 29}}}},
		{"![](empty-alt.png)\n", []Link{{Dest: "empty-alt.png", Pos: Pos{1, 1}, Image: true}}},
		{"[![logo](logo.png)](https://example.org)\n", []Link{{Dest: "https://example.org", Pos: Pos{1, 1}}, {Dest: "logo.png", Pos: Pos{1, 2}, Image: true}}},
	} {
		b := parseBody([]byte(tt.body), 1)
		if !slices.Equal(b.Links, tt.want) {
			t.Errorf("%q: links = %+v, want %+v", tt.body, b.Links, tt.want)
		}
	}
}

// The H1 is the document's own level-1 heading, never one inside a
// container; TitleHeading says whether it repeats the title, and where its
// lines are.
func TestTitleHeading(t *testing.T) {
	for _, tt := range []struct {
		name, body, title string
		wantText          string // "" for no H1
		repeats           bool
		wantLines         string // the body's bytes Start:End
	}{
		{"atx", "# Alpha\n\nText.\n", "Alpha", "Alpha", true, "# Alpha\n"},
		{"closing hashes", "# Alpha ##\n\nText.\n", "Alpha", "Alpha", true, "# Alpha ##\n"},
		{"setext", "Alpha\n===\n\nText.\n", "Alpha", "Alpha", true, "Alpha\n===\n"},
		{"leading blank lines", "\n\n# Alpha\nText.\n", "Alpha", "Alpha", true, "# Alpha\n"},
		{"title trimmed", "# Alpha\n", "  Alpha ", "Alpha", true, "# Alpha\n"},
		{"after text", "Intro.\n\n# Alpha\n", "Alpha", "Alpha", true, "# Alpha\n"},
		{"differs", "# Beta\n", "Alpha", "Beta", false, "# Beta\n"},
		{"first differs, second equals", "# Beta\n\n# Alpha\n", "Alpha", "Beta", false, "# Beta\n"},
		{"in a block quote", "> # Alpha\n\nText.\n", "Alpha", "", false, ""},
		{"in a list item", "- # Alpha\n\nText.\n", "Alpha", "", false, ""},
		{"quoted, then the document's", "> # Alpha\n\n# Alpha\n", "Alpha", "Alpha", true, "# Alpha\n"},
		{"no H1", "## Alpha\n", "Alpha", "", false, ""},
		{"no final newline", "# Alpha", "Alpha", "Alpha", true, "# Alpha"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := parseBody([]byte(tt.body), 1)
			h, repeats := b.TitleHeading(tt.title)
			if tt.wantText == "" {
				if h != nil || b.H1 != nil || repeats {
					t.Fatalf("TitleHeading = %+v, %v; want none", h, repeats)
				}
				return
			}
			if h == nil || h != b.H1 || h.Text != tt.wantText || repeats != tt.repeats {
				t.Fatalf("TitleHeading = %+v, %v; want %q, %v", h, repeats, tt.wantText, tt.repeats)
			}
			if got := tt.body[h.Start:h.End]; got != tt.wantLines {
				t.Errorf("lines = %q, want %q", got, tt.wantLines)
			}
		})
	}
}

// A heading with no text has no lines in goldmark's tree; its position is
// still its own line, in a block quote or list item too.
func TestEmptyHeadingPosition(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []Pos
	}{
		{"\n\n#\n", []Pos{{3, 1}}},
		{"Text.\n\n## ##\n\n# A\n", []Pos{{3, 1}, {5, 1}}},
		{"# A\n\n#\n", []Pos{{1, 1}, {3, 1}}},
		{"   #\n", []Pos{{1, 4}}},
		{"> quote\n>\n> #\n\n#\n", []Pos{{3, 3}, {5, 1}}},
		{"- item\n- #\n\n1. #\n", []Pos{{2, 3}, {4, 4}}},
		{"```\n#\n```\n\n#\n", []Pos{{5, 1}}},
	} {
		b := parseBody([]byte(tt.body), 1)
		var got []Pos
		for _, h := range b.Headings {
			got = append(got, h.Pos)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: headings at %v, want %v", tt.body, got, tt.want)
		}
	}
}

// A {{id}} left in the body is a citation, at its line and column, except
// in code, where a team may show one.
func TestBodyParamCites(t *testing.T) {
	tests := []struct {
		name, body string
		want       []ParamCite
	}{
		{"none", "# T\n\nWithin 5 days.\n", nil},
		{"text", "# T\n\nWithin {{follow_up_days}} days, or {{ x }}.\n", []ParamCite{{"follow_up_days", Pos{3, 8}}, {"x", Pos{3, 36}}}},
		{"list and heading", "## In {{a}}\n\n1. Wait {{b}}.\n", []ParamCite{{"a", Pos{1, 7}}, {"b", Pos{3, 9}}}},
		{"multi-byte before", "é {{a}}\n", []ParamCite{{"a", Pos{1, 3}}}},
		{"code span", "Write `{{a}}` here, {{b}} there.\n", []ParamCite{{"b", Pos{1, 21}}}},
		{"fenced code", "```\n{{a}}\n```\n\n{{b}}\n", []ParamCite{{"b", Pos{5, 1}}}},
		{"indented code", "Text\n\n    {{a}}\n", nil},
		{"escaped braces", `\{\{a\}\}` + "\n", nil},
		{"not an id", "{{A}} {{a-b}} {{}}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parseBody([]byte(tt.body), 1)
			if !reflect.DeepEqual(b.Params, tt.want) {
				t.Errorf("Params = %+v, want %+v", b.Params, tt.want)
			}
		})
	}
}
