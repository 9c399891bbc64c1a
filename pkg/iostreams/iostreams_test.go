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
