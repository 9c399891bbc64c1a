package iostreams

import "testing"

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
