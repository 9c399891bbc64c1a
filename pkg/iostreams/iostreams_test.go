package iostreams

import (
	"fmt"
	"io"
	"os"
	"testing"
)

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		tty, noColor, want bool
	}{
		{true, false, true},
		{true, true, false},
		{false, false, false},
		{false, true, false},
	}
	for _, tt := range tests {
		s := &IOStreams{StdoutTTY: tt.tty, NoColor: tt.noColor}
		if got := s.ColorEnabled(); got != tt.want {
			t.Errorf("tty=%v NO_COLOR=%v: ColorEnabled() = %v", tt.tty, tt.noColor, got)
		}
	}
}

func TestGlamourStyle(t *testing.T) {
	tests := []struct {
		tty, noColor, light bool
		want                string
	}{
		{true, false, false, "dark"},
		{true, false, true, "light"},
		{true, true, true, "notty"},
		{false, false, true, "notty"},
		{false, false, false, "notty"},
	}
	for _, tt := range tests {
		s := &IOStreams{StdoutTTY: tt.tty, NoColor: tt.noColor, LightBackground: tt.light}
		if got := s.GlamourStyle(); got != tt.want {
			t.Errorf("tty=%v NO_COLOR=%v light=%v: GlamourStyle() = %q, want %q", tt.tty, tt.noColor, tt.light, got, tt.want)
		}
	}
}

func TestLightBackground(t *testing.T) {
	tests := []struct {
		colorfgbg string
		want      bool
	}{
		{"", false},
		{"15;0", false},
		{"0;15", true},
		{"0;7", true},
		{"7;8", false},
		{"0;default;15", true},
		{"15;default;0", false},
		{"0;12", true},
		{"default", false},
		{"0;", false},
		{"0;x", false},
		{"0;16", false},
	}
	for _, tt := range tests {
		if got := lightBackground(tt.colorfgbg); got != tt.want {
			t.Errorf("lightBackground(%q) = %v, want %v", tt.colorfgbg, got, tt.want)
		}
	}
}

// TestSystemStreams: stderr shows control characters as escapes; stdout,
// when it is not a terminal, is left byte for byte as written.
func TestSystemStreams(t *testing.T) {
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outW, errW
	s := System()
	os.Stdout, os.Stderr = stdout, stderr

	const hostile = "x\x1b]0;X\a\x1b[1m\u009b2J\u202e\n"
	fmt.Fprint(s.Out, hostile)
	fmt.Fprint(s.ErrOut, hostile)
	outW.Close()
	errW.Close()
	gotOut, _ := io.ReadAll(outR)
	gotErr, _ := io.ReadAll(errR)
	if s.StdoutTTY || string(gotOut) != hostile {
		t.Errorf("piped stdout: TTY %v, got %q; want %q as written", s.StdoutTTY, gotOut, hostile)
	}
	if want := `x\x1b]0;X\a\x1b[1m\u009b2J\u202e` + "\n"; string(gotErr) != want {
		t.Errorf("stderr got %q, want %q", gotErr, want)
	}
}
