// Package textwrap breaks text into lines of words for people to read:
// help text in the terminal, comments in the files sopctl writes.
package textwrap

import "strings"

// Wrap joins the words of s with single blanks into lines of at most width
// bytes, breaking lines only between words; a word longer than width
// stands alone on its line.
func Wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		if n > 0 && n+1+len(word) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}
