package sop

import (
	"bytes"
	"fmt"
)

// MaxNesting is the deepest nesting of block quotes and lists that one line
// of a body may open. goldmark takes time quadratic in it (200,000 ">" on
// one line take ten seconds, a megabyte of them minutes), and no real
// procedure comes near it.
const MaxNesting = 100

// checkNesting returns an error at the first body line that opens more
// than MaxNesting block quotes and lists. bodyLine is the file line of the
// body's first line.
func checkNesting(body []byte, bodyLine int) *Error {
	for n := 0; len(body) > 0; n++ {
		line, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		// Cheap test first: a line that nests deeper has at least
		// MaxNesting+1 marker characters.
		if len(line) <= MaxNesting {
			continue
		}
		if d := ContainerDepth(line); d > MaxNesting && !thematicBreak(line) {
			return &Error{Pos: Pos{Line: bodyLine + n, Col: 1}, Rule: RuleInvalidFile,
				Msg: fmt.Sprintf("block quotes and lists nested %d deep on one line; at most %d: flatten the structure", d, MaxNesting)}
		}
	}
	return nil
}

// thematicBreak reports whether a line is a thematic break (* * *, - - -,
// ___), which CommonMark reads before list markers.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '*' || c == '-' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// ContainerDepth counts the block-quote markers (>) and list markers (-, +,
// * or up to nine digits and . or ), each followed by a space, a tab or
// the end of the line) that open a line. goldmark's time grows with the
// square of this depth, so parse refuses a body whose lines nest deeper
// than MaxNesting before handing it to goldmark. It reads a line of a
// body ([]byte) in place: a conversion to string would copy every line.
func ContainerDepth[T ~string | ~[]byte](s T) int {
	depth := 0
	for i := 0; ; {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i == len(s) {
			return depth
		}
		next := i + 1
		switch c := s[i]; {
		case c == '>':
		case c == '-' || c == '+' || c == '*':
			if next < len(s) && s[next] != ' ' && s[next] != '\t' {
				return depth
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && j-i < 9 && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j == len(s) || s[j] != '.' && s[j] != ')' || j+1 < len(s) && s[j+1] != ' ' && s[j+1] != '\t' {
				return depth
			}
			next = j + 1
		default:
			return depth
		}
		depth++
		i = next
	}
}
