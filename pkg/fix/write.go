package fix

import (
	"context"
	"os"

	"github.com/sopctl/sopctl/pkg/scaffold"
)

// Write puts a fixed SOP in place as scaffold.Apply writes: to a
// temporary file beside it, renamed over it. When the file on disk is no
// longer old (someone saved it since it was read), nothing is written and
// the error says so, naming the file.
func Write(ctx context.Context, root *os.Root, path string, old, fixed []byte) error {
	return scaffold.Apply(ctx, root, []scaffold.Change{{Path: path, Action: scaffold.Update, Data: fixed, Old: old, Note: "lint --fix"}})
}
