package roles

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/templates"
)

func TestKnown(t *testing.T) {
	builtin := []KnownRole{
		{"customer-contact-specialist", "Customer Contact Specialist"},
		{"customer-service-correspondence-clerk", "Customer Service Correspondence Clerk"},
		{"customer-service-operations", "Customer Service Operations"},
		{"customer-service-representative", "Customer Service Representative"},
	}
	tests := []struct {
		name   string
		local  fstest.MapFS
		config string // sopctl.yaml; "" for no library
		want   []KnownRole
	}{
		{"built-in role templates, no catalogue", nil, "", builtin},
		{"a library without roles:", nil, "title: T\n", builtin},
		{"a local role template", fstest.MapFS{"night-shift.yaml": {Data: []byte("id: night-shift\ntitle: Night Shift\nsops:\n  - id: complaint-resolution\n")}}, "",
			append(slices.Clone(builtin), KnownRole{"night-shift", "Night Shift"})},
		{"roles: after the templates, in file order", nil, "roles: {floor-lead: Floor Lead, auditor: Auditor}\n",
			append(slices.Clone(builtin), KnownRole{"floor-lead", "Floor Lead"}, KnownRole{"auditor", "Auditor"})},
		{"roles: names a template's role", nil, "roles: {customer-service-operations: Care Operations}\n",
			[]KnownRole{builtin[0], builtin[1], {"customer-service-operations", "Care Operations"}, builtin[3]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := Load(templates.FS, tt.local)
			if err != nil {
				t.Fatal(err)
			}
			var cfg *library.Config
			if tt.config != "" {
				if cfg, err = library.ParseConfig(library.ConfigFile, []byte(tt.config)); err != nil {
					t.Fatal(err)
				}
			}
			got := Known(cat, cfg)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Known() =\n%v\nwant\n%v", got, tt.want)
			}
			// LoadKnown reads the built-in templates' headers alone when
			// there are no local templates: the same roles.
			var local fs.FS
			if tt.local != nil {
				local = tt.local
			}
			if fast, err := LoadKnown(templates.FS, local, cfg); err != nil || !slices.Equal(fast, tt.want) {
				t.Errorf("LoadKnown() =\n%v, %v\nwant\n%v", fast, err, tt.want)
			}
			titles := got.Titles()
			for i, id := range got.IDs() {
				if id != tt.want[i].ID || titles[id] != tt.want[i].Title {
					t.Errorf("IDs()[%d] = %q titled %q, want %+v", i, id, titles[id], tt.want[i])
				}
			}
		})
	}
}

// LoadKnown reads a local template whole, and reports its problems as
// Load does; a built-in header that does not read is an error too.
func TestLoadKnownErrors(t *testing.T) {
	for _, tt := range []struct {
		name           string
		builtin, local fstest.MapFS
		want           string
	}{
		{"a local template without SOPs", fstest.MapFS{}, fstest.MapFS{"night-shift.yaml": {Data: []byte("id: night-shift\ntitle: Night Shift\n")}},
			"templates/night-shift.yaml:1:1: role template night-shift lists no SOPs"},
		{"no built-in templates (nil)", nil, fstest.MapFS{"night-shift.yaml": {Data: []byte("id: night-shift\ntitle: Night Shift\n")}},
			"templates/night-shift.yaml:1:1: role template night-shift lists no SOPs"},
		{"a built-in header with a bad key", fstest.MapFS{"x.yaml": {Data: []byte("id: x\ntitel: X\nsops:\n  - id: a\n")}}, nil,
			"templates/x.yaml:2:1: unknown key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var builtin, local fs.FS
			if tt.builtin != nil {
				builtin = tt.builtin
			}
			if tt.local != nil {
				local = tt.local
			}
			_, err := LoadKnown(builtin, local, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadKnown() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
