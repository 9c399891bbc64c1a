package render

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// FailLinks makes every link Reuse tries fail with err until t ends, as
// a link across file systems, or on one that makes none, does.
func FailLinks(t testing.TB, err error) {
	old := linkFile
	linkFile = func(*Stage, *fsdir.Dir, *fsdir.Dir, string) error { return err }
	t.Cleanup(func() { linkFile = old })
}

// PreparedSmall is preparedSmall, for the package's outside tests.
func PreparedSmall(t *testing.T, sources *Sources) (string, *Handbook) {
	return preparedSmall(t, sources)
}
