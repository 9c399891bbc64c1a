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

func TestSuggestKeyFields(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"approved_by", "approver"},           // an alias
		{"Approved-By", "approver"},           // aliases ignore case, - reads as _
		{"approval", "approver"},              // an alias
		{"author", "owner"},                   // an alias
		{"responsible_person", "responsible"}, // an alias of its own field, no longer owner's
		{"maintainer", "owner"},               // an alias
		{"effective_date", "effective"},       // an alias; also a known key extended at _
		{"owner_email", "owner"},              // a known key extended at _
		{"onwer", "owner"},                    // a typo
		{"Owner", "owner"},                    // case
		{"reviewer", ""},                      // a person, not the date reviewed
		{"approvor", "approver"},              // a typo, not another word
		{"reviewd", "reviewed"},               // a typo
		{"colour", ""},
		{"x", ""},
		{"", ""},
	} {
		if got := SuggestKey(tt.word, fields); got != tt.want {
			t.Errorf("SuggestKey(%q, fields) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestSuggestName(t *testing.T) {
	names := []string{"sops_dir", "review_cycle_days", "required_fields", "required_sections", "max_file_kb"}
	for _, tt := range []struct{ word, want string }{
		{"review_cycle", "review_cycle_days"}, // a prefix at _: far by edit distance
		{"review-cycle", "review_cycle_days"}, // - reads as _
		{"max_file", "max_file_kb"},           // a prefix at _
		{"required", ""},                      // a prefix of two: no guess
		{"review", "review_cycle_days"},       // the one key it begins at a _
		{"sops_dir_path", "sops_dir"},         // a known key extended at _
		{"sop_dir", "sops_dir"},               // a typo
		{"required_field", "required_fields"}, // a typo
		{"r", ""},                             // one letter is no prefix
		{"cycle", ""},
	} {
		if got := SuggestName(tt.word, names); got != tt.want {
			t.Errorf("SuggestName(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestOtherEnding(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"reviewer", "reviewed", true},
		{"approved", "approver", true},
		{"reviewing", "reviewed", true},
		{"editor", "edited", true},
		{"owner", "owned", true},
		{"approvor", "approver", false}, // both a person: a typo
		{"reviewd", "reviewed", false},
		{"reviewed", "reviewed", false},
		{"red", "ring", false}, // stems under three letters are no words
	} {
		if got := otherEnding(tt.a, tt.b); got != tt.want {
			t.Errorf("otherEnding(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAliasesAreNoKeys(t *testing.T) {
	seen := map[string]string{}
	for _, f := range fields {
		seen[f.Name] = f.Name
	}
	for _, f := range fields {
		for _, a := range f.Aliases {
			if other, dup := seen[keyForm(a)]; dup {
				t.Errorf("alias %q of %s is also %s", a, f.Name, other)
			}
			seen[keyForm(a)] = f.Name
		}
	}
}
