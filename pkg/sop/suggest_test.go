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

func TestJoinWords(t *testing.T) {
	for _, tt := range []struct {
		words []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	} {
		if got := JoinWords(tt.words, "or"); got != tt.want {
			t.Errorf("JoinWords(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}
