package render

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/library"
)

// The warnings Build finds for its pages while it resolves their links
// are those LinkWarnings finds resolving them again, in the test
// libraries whose links go wrong in every way.
func TestLinkWarningsOfBuild(t *testing.T) {
	for _, dir := range []string{"small", "xss", "files"} {
		t.Run(dir, func(t *testing.T) {
			lib, err := library.Load(filepath.Join("testdata", dir))
			if err != nil {
				t.Fatal(err)
			}
			h := Build(lib, nil, nil, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
			warned := 0
			for _, p := range h.SOPs {
				if !p.linksWarned {
					t.Fatalf("%s: Build found no warnings", p.ID)
				}
				again := *p
				again.linksWarned, again.linkWarnings = false, nil
				if got, want := h.LinkWarnings(p), h.LinkWarnings(&again); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: Build found %v, resolving again %v", p.ID, got, want)
				}
				warned += len(p.linkWarnings)
			}
			if dir != "small" && warned == 0 {
				t.Errorf("no warnings in %s: the test checks nothing", dir)
			}
		})
	}
}
