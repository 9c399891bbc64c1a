// Package iostreams carries the standard streams and the terminal facts that
// commands need, so that no package below pkg/cli reads os.Stdout or the
// environment directly and tests can run every command with fake streams.
package iostreams

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
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
	// LightBackground is set when the terminal says, through the
	// COLORFGBG convention (rxvt, Konsole, iTerm2 and others set it), that
	// its background is light.
	LightBackground bool
}

// ColorEnabled reports whether output to Out may carry ANSI colour.
func (s *IOStreams) ColorEnabled() bool { return s.StdoutTTY && !s.NoColor }

// GlamourStyle is the glamour standard style for Out: "notty" (plain text)
// when Out is not a terminal or NO_COLOR is set; else "light" when the
// terminal says its background is light, and "dark" otherwise. The
// terminal is never queried (that would mean reading from it): users of
// terminals that do not set COLORFGBG choose with sopctl show --style.
func (s *IOStreams) GlamourStyle() string {
	switch {
	case !s.ColorEnabled():
		return "notty"
	case s.LightBackground:
		return "light"
	}
	return "dark"
}

// lightBackground reports whether a COLORFGBG value ("fg;bg" or
// "fg;default;bg", ANSI colour numbers) names a light background: white
// (7) or one of the bright colours but dark grey (9 to 15).
func lightBackground(colorfgbg string) bool {
	i := strings.LastIndexByte(colorfgbg, ';')
	if i < 0 {
		return false
	}
	bg, err := strconv.Atoi(colorfgbg[i+1:])
	return err == nil && (bg == 7 || bg >= 9 && bg <= 15)
}

// System returns the process's real streams and terminal facts.
//
// Every value from a file or a subprocess goes through termsafe on its way
// out; the streams add a defence in depth, so that a path that forgets it
// still cannot reach the terminal raw. Stderr, where sopctl never writes
// an escape sequence of its own, always shows control characters as
// escapes. Stdout does so only when it is a terminal, keeping SGR colour
// sequences (sopctl's lint colours and show's styling): piped or
// redirected, stdout stays byte for byte what the command wrote, since
// graph, schema and the JSON formats are read by programs and are safe
// already. A stream filter cannot tell sopctl's SGR sequences from one a
// value brought, which is why the per-value escaping is the real defence.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: termsafe.NewWriter(os.Stderr, false)}
	if fd := int(os.Stdout.Fd()); term.IsTerminal(fd) {
		s.StdoutTTY = true
		s.Out = termsafe.NewWriter(os.Stdout, true)
		if w, _, err := term.GetSize(fd); err == nil {
			s.TermWidth = w
		}
	}
	s.NoColor = os.Getenv("NO_COLOR") != ""
	s.LightBackground = lightBackground(os.Getenv("COLORFGBG"))
	return s
}

// Test returns streams backed by buffers: input, output, error output.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}
