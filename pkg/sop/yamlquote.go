package sop

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// valueStart finds where a line's value begins: after "key:" and spaces,
// or after a list item's "- ".
var valueStart = regexp.MustCompile(`^\s*(?:-\s+|[^\s"'#][^:#]*:\s+)`)

// unclosedQuote finds the fault behind a YAML syntax error that yaml.v3
// reports elsewhere (at the end of the file, or at the start of the
// mapping around it): a value that opens a quote it does not close on its
// line, and whose closing there mends the file or moves the error past
// the line where the quote now closes (a quoted value that rightly spans
// lines keeps its error there). offset is the file line before text's
// first line.
func unclosedQuote(text []byte, offset int) (Pos, byte, bool) {
	lines := strings.Split(string(text), "\n")
	var before error
	tries := 0
	for i, line := range lines {
		m := valueStart.FindStringIndex(line)
		if m == nil || m[1] >= len(line) || (line[m[1]] != '"' && line[m[1]] != '\'') {
			continue
		}
		q := line[m[1]]
		if closes(line[m[1]+1:], q) >= 0 {
			continue
		}
		if tries++; tries > maxQuoteTries {
			break
		}
		if before == nil {
			before = yamlSyntax(text)
		}
		patched := slices.Clone(lines)
		patched[i] = strings.TrimRight(line, " \r") + string(q)
		after := yamlSyntax([]byte(strings.Join(patched, "\n")))
		if after == nil || movedPast(after, before, closeLine(lines[i+1:], q, i+1)) {
			return Pos{offset + i + 1, utf8.RuneCountInString(line[:m[1]]) + 1}, q, true
		}
	}
	return Pos{}, 0, false
}

// maxQuoteTries bounds the quotes unclosedQuote tries, each a parse of
// the whole text, so that a file of many cannot make an error slow.
const maxQuoteTries = 3

// closeLine returns the 1-based line of text on which a value that opened
// quote q on the line before lines[0] closes, or 0 when it never does.
// first is the 1-based line of lines[0].
func closeLine(lines []string, q byte, first int) int {
	rest := strings.Join(lines, "\n")
	at := closes(rest, q)
	if at < 0 {
		return 0
	}
	return first + 1 + strings.Count(rest[:at], "\n")
}

// movedPast reports whether closing a quote changed error before into
// error after at a line past closed, the line where the quote closed
// before (0: it never did, and any change counts).
func movedPast(after, before error, closed int) bool {
	if closed == 0 {
		return after.Error() != before.Error()
	}
	m := yamlLine.FindStringSubmatch(after.Error())
	if m == nil {
		return false
	}
	n, err := strconv.Atoi(m[1])
	return err == nil && n > closed
}

// yamlSyntax is yaml.v3's error for text, or nil.
func yamlSyntax(text []byte) error {
	var n yaml.Node
	return yaml.Unmarshal(text, &n)
}

// closes returns the offset in s of the quote q that closes a value
// opened with it, or -1: `\"` does not close a double-quoted value, and
// two single quotes are one quote inside a single-quoted one.
func closes(s string, q byte) int {
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch {
		case q == '"' && b[i] == '\\':
			i++
		case b[i] == q && q == '\'' && i+1 < len(b) && b[i+1] == '\'':
			i++
		case b[i] == q:
			return i
		}
	}
	return -1
}

// unclosedQuoteMsg is the message for a quote unclosedQuote found.
func unclosedQuoteMsg(what string, q byte) string {
	msg := what + " is not valid YAML: the value's opening " + string(q) + " is never closed on its line: end the value with " + string(q)
	if q == '\'' {
		msg += " (write a ' inside it as '')"
	}
	return msg
}
