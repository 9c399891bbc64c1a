package fix

import (
	"bytes"
	"context"
	"errors"
	"os"

	"github.com/sopctl/sopctl/pkg/scaffold"
)

// ErrChanged is Write's error for a file that is no longer as it was read.
var ErrChanged = errors.New("changed on disk since it was read")

// Write puts a fixed SOP in place as scaffold.Apply writes: to a
// temporary file beside it, renamed over it. When the file on disk is no
// longer old (someone saved it since it was read), nothing is written and
// the error is ErrChanged (scaffold.Apply checks again right before the
// rename, with its own message).
func Write(ctx context.Context, root *os.Root, path string, old, fixed []byte) error {
	now, err := root.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, old) {
		return ErrChanged
	}
	return scaffold.Apply(ctx, root, []scaffold.Change{{Path: path, Action: scaffold.Update, Data: fixed, Old: old, Note: "lint --fix"}})
}
