package sop

import (
	"regexp"
	"slices"
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
// line, when the lines up to it read as YAML once it is closed there but
// the lines up to where the quote does close (or all, when it never does)
// do not. A quoted value that rightly spans lines reads well up to its
// end, so an error after it keeps yaml.v3's message. offset is the file
// line before text's first line.
func unclosedQuote(text []byte, offset int) (Pos, byte, bool) {
	lines := strings.Split(string(text), "\n")
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
		closed := slices.Clone(lines[:i+1])
		closed[i] = strings.TrimRight(line, " \r") + string(q)
		if yamlSyntax(closed) == nil && yamlSyntax(lines[:closeLine(lines, i, q)]) != nil {
			return Pos{offset + i + 1, utf8.RuneCountInString(line[:m[1]]) + 1}, q, true
		}
	}
	return Pos{}, 0, false
}

// maxQuoteTries bounds the quotes unclosedQuote tries, each two parses,
// so that a file of many cannot make an error slow.
const maxQuoteTries = 3

// closeLine returns how many lines reach the end of the value that opens
// quote q on lines[open]: up to the line where a closing q is, or all.
func closeLine(lines []string, open int, q byte) int {
	rest := strings.Join(lines[open+1:], "\n")
	at := closes(rest, q)
	if at < 0 {
		return len(lines)
	}
	return open + 2 + strings.Count(rest[:at], "\n")
}

// yamlSyntax is yaml.v3's error for lines, or nil.
func yamlSyntax(lines []string) error {
	var n yaml.Node
	return yaml.Unmarshal([]byte(strings.Join(lines, "\n")), &n)
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
