// Package iostreams carries the standard streams and the terminal facts that
// commands need, so that no package below pkg/cli reads os.Stdout or the
// environment directly and tests can run every command with fake streams.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is the I/O a command may use.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// StdoutTTY reports whether Out is a terminal.
	StdoutTTY bool
	// NoColor is set when the NO_COLOR convention (https://no-color.org) asks
	// for plain output.
	NoColor bool
	// TermWidth is the terminal width in columns; 0 when unknown.
	TermWidth int
}

// ColorEnabled reports whether output to Out may carry ANSI colour.
func (s *IOStreams) ColorEnabled() bool { return s.StdoutTTY && !s.NoColor }

// GlamourStyle is the glamour standard style for Out: "notty" (plain text)
// when Out is not a terminal or NO_COLOR is set, else "dark". A light
// background is not detected (that means querying the terminal): users ask
// for the "light" style themselves.
func (s *IOStreams) GlamourStyle() string {
	if !s.ColorEnabled() {
		return "notty"
	}
	return "dark"
}

// System returns the process's real streams and terminal facts.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		s.StdoutTTY = true
		if w, _, err := term.GetSize(fd); err == nil {
			s.TermWidth = w
		}
	}
	s.NoColor = os.Getenv("NO_COLOR") != ""
	return s
}

// Test returns streams backed by buffers: input, output, error output.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}
