package html_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
)

// With Only, the SOP pages it rejects are not written, and the one-page
// handbook and search index are what a full Bundle makes, from Cache.
func TestOnly(t *testing.T) {
	h, lib := loadSmall(t)
	if len(h.SOPs) < 2 {
		t.Fatalf("the small library has %d SOPs; want at least 2", len(h.SOPs))
	}
	keep := h.SOPs[0]
	for _, tt := range []struct {
		name  string
		cache bool
		pages int // SOP pages written
	}{
		{"cached", true, 1},
		{"no cache: every page", false, len(h.SOPs)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := options(lib)
			opts.Cache = &renderhtml.Cache{}
			full, _, err := bundleOf(h, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.cache {
				opts.Cache = &renderhtml.Cache{}
			}
			opts.Cache = opts.Cache.Clone()
			opts.Only = func(p *render.Page) bool { return p == keep }
			part, _, err := bundleOf(h, opts)
			if err != nil {
				t.Fatal(err)
			}
			pages := 0
			for name, data := range part {
				if len(name) > 5 && name[:5] == "sops/" {
					pages++
				}
				if !bytes.Equal(data, full[name]) {
					t.Errorf("%s differs from the full bundle's", name)
				}
			}
			if pages != tt.pages || len(part) != len(full)-len(h.SOPs)+tt.pages {
				t.Errorf("wrote %d SOP pages and %d files; want %d and %d", pages, len(part), tt.pages, len(full)-len(h.SOPs)+tt.pages)
			}
		})
	}
}

// With OnlyRole, the role pages it rejects are not written; the role
// handbooks, made from every SOP's cached sections, always are.
func TestOnlyRole(t *testing.T) {
	h, lib := loadSmall(t)
	opts := options(lib)
	full, _, err := bundleOf(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.OnlyRole = func(*render.Role) bool { return false }
	part, _, err := bundleOf(h, opts)
	if err != nil {
		t.Fatal(err)
	}
	roles := 0
	for name := range full {
		if strings.HasPrefix(name, "roles/") && !strings.Contains(name, "-handbook") {
			roles++
			if _, ok := part[name]; ok {
				t.Errorf("%s written", name)
			}
		} else if !bytes.Equal(part[name], full[name]) {
			t.Errorf("%s differs from the full bundle's", name)
		}
	}
	if roles == 0 {
		t.Fatal("the small library has no role page")
	}
}
