package roles

import (
	"slices"
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
			titles := got.Titles()
			for i, id := range got.IDs() {
				if id != tt.want[i].ID || titles[id] != tt.want[i].Title {
					t.Errorf("IDs()[%d] = %q titled %q, want %+v", i, id, titles[id], tt.want[i])
				}
			}
		})
	}
}
