package cli

import (
	"slices"
	"strings"
)

// validTitle checks a title given on the command line: one line of text.
func validTitle(t string) error {
	if strings.TrimSpace(t) == "" {
		return usageErrorf("--title must not be empty")
	}
	if len([]rune(t)) > 200 {
		return usageErrorf("--title is longer than 200 characters: shorten it")
	}
	for _, r := range t {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) {
			return usageErrorf("--title must be one line of text without control characters")
		}
	}
	return nil
}

// oneOf refuses, as a usage error naming them, a flag's value that is
// none of allowed.
func oneOf(flag, value string, allowed ...string) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return usageErrorf("%s %q is not one of %s", flag, value, strings.Join(allowed, ", "))
}
