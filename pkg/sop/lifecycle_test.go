package sop

import "testing"

func TestNextVersion(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"", "1.0", ""},
		{"0.1", "1.0", ""},
		{"0.9.9", "1.0", ""},
		{"0", "1.0", ""},
		{"1.0", "1.1", ""},
		{"1.9", "1.10", ""},
		{"2", "2.1", ""},
		{"1.2.3", "1.3", ""},
		{"01.02", "1.3", ""},
		{"1.x", "", `version "1.x" is not one to three numbers joined by dots`},
		{"99999999999.1", "", `version "99999999999.1" has a number too large to count on from`},
	}
	for _, tt := range tests {
		got, err := NextVersion(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
			t.Errorf("NextVersion(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestValidApprovalVersion(t *testing.T) {
	for v, want := range map[string]bool{"1.0": true, "10.12": true, "1": false, "1.2.3": false, "1.": false, "a.b": false, "": false, " 1.0": false} {
		if got := ValidApprovalVersion(v); got != want {
			t.Errorf("ValidApprovalVersion(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestSamePerson(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Customer Service Manager", "customer service manager", true},
		{"Customer  Service\tManager ", " Customer Service Manager", true},
		{"Customer Service Manager", "Head of Customer Experience", false},
		{"CustomerService Manager", "Customer Service Manager", false},
		{"", "", false},
		{" ", "", false},
	}
	for _, tt := range tests {
		if got := SamePerson(tt.a, tt.b); got != tt.want {
			t.Errorf("SamePerson(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"1.0", "1", 0},
		{"01.0", "1", 0},
		{"1.10", "1.9", 1},
		{"1.9", "1.10", -1},
		{"2", "1.99.99", 1},
		{"1.0.1", "1", 1},
		{"100000000000000000000", "99999999999999999999", 1},
	}
	for _, tt := range tests {
		got := CompareVersions(tt.a, tt.b)
		if sign(got) != tt.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
