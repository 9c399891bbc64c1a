package html

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

// roleOf is a role with n SOPs, for paginate.
func roleOf(id string, n int) *render.Role {
	r := &render.Role{ID: id, Title: strings.ToUpper(id)}
	for i := range n {
		r.SOPs = append(r.SOPs, &render.Page{ID: fmt.Sprintf("%s-%d", id, i)})
	}
	return r
}

func TestPaginate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		sizes []int // SOPs of each role, roles named a, b, c, ...
		// want describes each page: its groups as id:rows, "+" marking a
		// continued one.
		want  []string
		names []string
	}{
		{"empty", nil, []string{""}, []string{"index.html"}},
		{"one page", []int{3, 2}, []string{"a:3 b:2"}, []string{"index.html"}},
		{"exactly full", []int{600, 400}, []string{"a:600 b:400"}, []string{"index.html"}},
		{"one over", []int{600, 401}, []string{"a:600 b:400", "+b:1"}, []string{"index.html", "index-2.html"}},
		{"a group over three pages", []int{10, 2500, 5}, []string{"a:10 b:990", "+b:1000", "+b:510 c:5"},
			[]string{"index.html", "index-2.html", "index-3.html"}},
		{"a group starting a page", []int{1000, 1}, []string{"a:1000", "b:1"}, []string{"index.html", "index-2.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var roles []*render.Role
			for i, n := range tt.sizes {
				roles = append(roles, roleOf(string(rune('a'+i)), n))
			}
			pages := paginate(roles, "index")
			var got []string
			for i, lp := range pages {
				var groups []string
				for _, g := range lp.Groups {
					mark := ""
					if g.Continued {
						mark = "+"
					}
					groups = append(groups, fmt.Sprintf("%s%s:%d", mark, g.Role.ID, len(g.SOPs)))
				}
				got = append(got, strings.Join(groups, " "))
				if lp.Index != i || !slices.Equal(lp.Pages, tt.names) {
					t.Errorf("page %d: index %d, pages %v; want %d, %v", i, lp.Index, lp.Pages, i, tt.names)
				}
				if lp.rows() > render.ListPageSize {
					t.Errorf("page %d lists %d SOPs, more than %d", i, lp.rows(), render.ListPageSize)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("pages %q, want %q", got, tt.want)
			}
			first, last := pages[0], pages[len(pages)-1]
			if first.Prev() != "" || last.Next() != "" {
				t.Errorf("first page's prev %q, last page's next %q; want none", first.Prev(), last.Next())
			}
			for i := 1; i < len(pages); i++ {
				if pages[i].Prev() != tt.names[i-1] || pages[i-1].Next() != tt.names[i] {
					t.Errorf("pages %d and %d: next %q, prev %q", i-1, i, pages[i-1].Next(), pages[i].Prev())
				}
			}
		})
	}
}

func TestRolePages(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want []string
	}{
		{1, []string{"roles/r.html"}},
		{1000, []string{"roles/r.html"}},
		{1001, []string{"roles/r.html", "roles/r-2.html"}},
		{2001, []string{"roles/r.html", "roles/r-2.html", "roles/r-3.html"}},
	} {
		if got := RolePages(roleOf("r", tt.n)); !slices.Equal(got, tt.want) {
			t.Errorf("RolePages(%d SOPs) = %v, want %v", tt.n, got, tt.want)
		}
	}
}
