package cli

import "strings"

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
