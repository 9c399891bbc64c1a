package lint

import "testing"

func TestParseSeverity(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Severity
		err  string
	}{
		{"error", Error, ""},
		{"warning", Warning, ""},
		{"info", Info, ""},
		{"off", Off, ""},
		{"fatal", Off, `severity "fatal" is not one of error, warning, info, off`},
	} {
		got, err := ParseSeverity(tt.in)
		if msg := errString(err); got != tt.want || msg != tt.err {
			t.Errorf("ParseSeverity(%q) = %v, %q; want %v, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
