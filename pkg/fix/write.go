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
	return WriteFiles(ctx, root, []Target{{Path: path, Old: old, New: fixed}}, "lint --fix")
}

// Target is one SOP file to write: its path in root, its bytes as read and
// as edited.
type Target struct {
	Path     string
	Old, New []byte
}

// WriteFiles writes several edited SOPs as one change (note says what
// made it): when any of them changed on disk since it was read, nothing is
// written and the error, naming that file's path, wraps ErrChanged; when
// one fails to be put in place, those already placed are restored.
func WriteFiles(ctx context.Context, root *os.Root, files []Target, note string) error {
	changes := make([]scaffold.Change, len(files))
	for i, f := range files {
		now, err := root.ReadFile(f.Path)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, f.Old) {
			return &ChangedError{Path: f.Path}
		}
		changes[i] = scaffold.Change{Path: f.Path, Action: scaffold.Update, Data: f.New, Old: f.Old, Note: note}
	}
	return scaffold.Apply(ctx, root, changes)
}

// ChangedError names a file that is no longer as it was read; it is
// ErrChanged.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string { return e.Path + ": " + ErrChanged.Error() }

// Is makes errors.Is(err, ErrChanged) true.
func (e *ChangedError) Is(target error) bool { return target == ErrChanged }
