package render_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// navSOP is an SOP of a test library: its title, status and roles.
type navSOP struct{ title, status, roles string }

// navLibrary writes a library with the roles a (title A) and b (title B)
// and the SOPs given by id, and builds its handbook.
func navLibrary(t *testing.T, sops map[string]navSOP) *render.Handbook {
	t.Helper()
	files := map[string]string{"sopctl.yaml": "title: T\nroles:\n  a: A\n  b: B\n"}
	for id, s := range sops {
		extra := ""
		if s.roles != "" {
			extra = "roles: [" + s.roles + "]\n"
		}
		files["sops/"+id+".md"] = fmt.Sprintf("---\nid: %s\ntitle: %q\nversion: \"1\"\nstatus: %s\nowner: O\n%s---\n\n## Purpose\n\nX.\n",
			id, s.title, s.status, extra)
	}
	h, _ := rendertest.Load(t, rendertest.LibraryFiles(t, files), gitlog.History{})
	return h
}

// neighbours writes each page's prev and next as "prev<id>next", "-" for
// none, in id order.
func neighbours(h *render.Handbook) string {
	var out []string
	name := func(p *render.Page) string {
		if p == nil {
			return "-"
		}
		return p.ID
	}
	for _, p := range h.SOPs {
		out = append(out, name(p.Prev)+"<"+p.ID+">"+name(p.Next))
	}
	return strings.Join(out, " ")
}

func TestPrevNext(t *testing.T) {
	for _, tt := range []struct {
		name string
		sops map[string]navSOP
		want string
		// reading is each role's ReadingOrder, by role id.
		reading map[string]string
	}{{
		name: "by title, case-insensitively",
		sops: map[string]navSOP{
			"x1": {"banana", "approved", "a"}, "x2": {"Apple", "approved", "a"}, "x3": {"cherry", "draft", "a"},
		},
		want:    "x2<x1>x3 -<x2>x1 x1<x3>-",
		reading: map[string]string{"a": "x2 x1 x3"},
	}, {
		name: "equal titles by id",
		sops: map[string]navSOP{
			"c": {"Same", "approved", "a"}, "a1": {"same", "approved", "a"}, "b": {"Same", "approved", "a"},
		},
		want:    "-<a1>b a1<b>c b<c>-",
		reading: map[string]string{"a": "a1 b c"},
	}, {
		name: "retired skipped and without neighbours",
		sops: map[string]navSOP{
			"p": {"P", "approved", "a"}, "q": {"Q", "retired", "a"}, "r": {"R", "approved", "a"},
		},
		want:    "-<p>r -<q>- p<r>-",
		reading: map[string]string{"a": "p r"},
	}, {
		name: "within the first role only",
		sops: map[string]navSOP{
			"m": {"M", "approved", "b, a"}, "n": {"N", "approved", "a"}, "o": {"O", "approved", "b"},
			"k": {"K", "approved", "a"},
		},
		// m's first role is b (M, O), where it comes first; in a it
		// still sits between K and N, for their pages.
		want:    "-<k>m -<m>o m<n>- m<o>-",
		reading: map[string]string{"a": "k m n", "b": "m o"},
	}, {
		name: "unknown roles: the unassigned group",
		sops: map[string]navSOP{
			"u1": {"Two", "approved", "nobody"}, "u2": {"One", "approved", ""}, "k": {"K", "approved", "a"},
		},
		want:    "-<k>- u2<u1>- -<u2>u1",
		reading: map[string]string{"a": "k", render.Unassigned: "u2 u1"},
	}, {
		name: "a lone SOP",
		sops: map[string]navSOP{"s": {"S", "draft", "a"}},
		want: "-<s>-", reading: map[string]string{"a": "s"},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			h := navLibrary(t, tt.sops)
			got := neighbours(h)
			if got != tt.want {
				t.Errorf("prev<id>next:\n got %s\nwant %s", got, tt.want)
			}
			reading := map[string]string{}
			for _, r := range h.Roles {
				reading[r.ID] = strings.Join(ids(r.ReadingOrder()), " ")
			}
			if !maps.Equal(reading, tt.reading) {
				t.Errorf("reading order %v, want %v", reading, tt.reading)
			}
		})
	}
}
