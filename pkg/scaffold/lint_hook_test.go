package scaffold_test

import (
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/scaffold"
)

// The convergence test checks that new --role leaves no broken reference,
// which takes lint; pkg/lint imports (through pkg/fix) this package, so
// only an external test package can give it.
func init() {
	scaffold.SetBrokenRefs(func(lib *library.Library, roleIDs []string) []string {
		var out []string
		for _, f := range lint.Run(lib, lint.Options{Roles: roleIDs}) {
			if f.Rule == lint.RuleBrokenRef {
				out = append(out, f.Path+": "+f.Message)
			}
		}
		return out
	})
}
