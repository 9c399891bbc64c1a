package render

import "testing"

// FailLinks makes every link Reuse tries fail with err until t ends, as
// a link across file systems, or on one that makes none, does.
func FailLinks(t testing.TB, err error) {
	old := linkFile
	linkFile = func(*Stage, *dir, *dir, string) error { return err }
	t.Cleanup(func() { linkFile = old })
}
