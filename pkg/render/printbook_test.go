package render_test

import (
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// The printable handbooks' plan: roles by title, then the SOPs of no
// known role; each book's SOPs by title, case-insensitive, ties by id,
// cut into parts of at most handbook_max_sops; each SOP's home is its
// first role's book.
func TestBooks(t *testing.T) {
	type book struct {
		base      string
		sops      []string
		parts     [][2]int
		elsewhere []string
	}
	for _, tt := range []struct {
		name    string
		max     int
		onePage bool
		books   []book
	}{
		{"under the limit", 6, true, []book{
			{"roles/agent-handbook", []string{"b", "c", "a"}, [][2]int{{0, 3}}, nil},
			{"roles/lead-handbook", []string{"b", "d"}, [][2]int{{0, 2}}, nil},
			{"roles/_other-handbook", []string{"e"}, [][2]int{{0, 1}}, nil},
		}},
		// Over the limit an SOP is printed once, in its first role's book
		// (b's is agent): lead's book lists it under Elsewhere.
		{"over the limit", 2, false, []book{
			{"roles/agent-handbook", []string{"b", "c", "a"}, [][2]int{{0, 2}, {2, 3}}, nil},
			{"roles/lead-handbook", []string{"d"}, [][2]int{{0, 1}}, []string{"b"}},
			{"roles/_other-handbook", []string{"e"}, [][2]int{{0, 1}}, nil},
		}},
		{"one to a file", 1, false, []book{
			{"roles/agent-handbook", []string{"b", "c", "a"}, [][2]int{{0, 1}, {1, 2}, {2, 3}}, nil},
			{"roles/lead-handbook", []string{"d"}, [][2]int{{0, 1}}, []string{"b"}},
			{"roles/_other-handbook", []string{"e"}, [][2]int{{0, 1}}, nil},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := rendertest.Load(t, rendertest.PrintLibrary(t, tt.max), gitlog.History{})
			if h.OnePage() != tt.onePage {
				t.Errorf("OnePage() = %v, want %v", h.OnePage(), tt.onePage)
			}
			var got []book
			for _, b := range h.Books() {
				got = append(got, book{b.Base(), ids(b.SOPs), b.Parts, ids(b.Elsewhere)})
			}
			if !slices.EqualFunc(got, tt.books, func(a, b book) bool {
				return a.base == b.base && slices.Equal(a.sops, b.sops) && slices.Equal(a.parts, b.parts) && slices.Equal(a.elsewhere, b.elsewhere)
			}) {
				t.Errorf("books\n got %v\nwant %v", got, tt.books)
			}
			// f is retired: listed by its role's book, printed by none.
			f, _ := h.Page("f")
			if lead := h.Books()[1]; !slices.Equal(ids(lead.Retired), []string{"f"}) || len(h.BooksOf(f)) != 0 || h.Home(f) != lead {
				t.Errorf("retired f: lead's Retired %v, printed by %d books, home %v; want [f], 0, lead", ids(lead.Retired), len(h.BooksOf(f)), h.Home(f).Role.ID)
			}
			for id, home := range map[string]string{"a": "agent", "b": "agent", "c": "agent", "d": "lead", "e": render.Unassigned} {
				p, _ := h.Page(id)
				if got := h.Home(p).Role.ID; got != home {
					t.Errorf("%s is printed under %s, want %s", id, got, home)
				}
				for _, b := range h.BooksOf(p) {
					if part, ok := b.Part(p); !ok || !slices.Contains(b.PartSOPs(part), p) {
						t.Errorf("%s: its book %s does not hold it", id, b.Base())
					}
				}
			}
		})
	}
}

func TestByTitle(t *testing.T) {
	page := func(id, title string) *render.Page { return &render.Page{ID: id, Title: title} }
	for _, tt := range []struct {
		name string
		in   []*render.Page
		want []string
	}{
		{"empty", nil, []string{}},
		{"case-insensitive", []*render.Page{page("x", "beta"), page("y", "Alpha"), page("z", "Gamma")}, []string{"y", "x", "z"}},
		{"ties by id", []*render.Page{page("c", "alpha"), page("b", "Alpha"), page("a", "ALPHA")}, []string{"a", "b", "c"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			if got := ids(render.ByTitle(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("ByTitle = %v, want %v", got, tt.want)
			}
			if !slices.Equal(in, tt.in) {
				t.Errorf("ByTitle reordered its argument")
			}
		})
	}
}

// Under the limit the one-page handbook prints b under its first role
// (agent) and lists it under lead.
func TestOnePageSplit(t *testing.T) {
	h, _ := rendertest.Load(t, rendertest.PrintLibrary(t, 6), gitlog.History{})
	want := map[string][2][]string{
		"agent":           {{"b", "c", "a"}, nil},
		"lead":            {{"d"}, {"b"}},
		render.Unassigned: {{"e"}, nil},
	}
	for _, b := range h.Books() {
		printed, elsewhere := h.OnePageSplit(b)
		if w := want[b.Role.ID]; !slices.Equal(ids(printed), w[0]) || !slices.Equal(ids(elsewhere), w[1]) {
			t.Errorf("%s: printed %v, elsewhere %v; want %v, %v", b.Role.ID, ids(printed), ids(elsewhere), w[0], w[1])
		}
	}
}
