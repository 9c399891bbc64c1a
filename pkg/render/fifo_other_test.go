//go:build !unix

package render_test

import "errors"

// mkfifo makes a named pipe at p: not here.
func mkfifo(string) error { return errors.New("no named pipes") }
