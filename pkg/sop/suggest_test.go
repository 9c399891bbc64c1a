package sop

import "testing"

func TestDidYouMean(t *testing.T) {
	known := []string{"owner", "title", "status"}
	for _, tt := range []struct{ word, want string }{
		{"onwer", `did you mean "owner"?`},
		{"titel", `did you mean "title"?`},
		{"colour", ""},
		{"", ""},
	} {
		if got := DidYouMean(tt.word, known); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := Meant(`a"b`); got != `did you mean "a\"b"?` {
		t.Errorf("Meant quotes as %%q does: got %s", got)
	}
}
