package fix

import (
	"bytes"
	"fmt"
)

// contextLines is the number of unchanged lines a hunk shows around a change.
const contextLines = 3

// Diff returns the unified diff (as diff -u and git apply read it) that
// turns a into b, both named name; "" when they are equal. Line breaks are
// kept as they are, so a CRLF file's diff has CRLF lines.
func Diff(name string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	ops := lineOps(x, y)
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-contextLines, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*contextLines {
				end = min(end+contextLines, len(ops))
				break
			}
			end = run
		}
		writeHunk(&out, ops[start:end])
		i = end
	}
	return out.String()
}

// op is one line of a diff: ' ' kept, '-' removed, '+' added; ai and bi
// are the line's 0-based numbers in a and b (before it, for the side that
// lacks it).
type op struct {
	kind   byte
	line   []byte
	ai, bi int
}

func writeHunk(out *bytes.Buffer, ops []op) {
	na, nb := 0, 0
	for _, o := range ops {
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(ops[0].ai, na), hunkRange(ops[0].bi, nb))
	for _, o := range ops {
		out.WriteByte(o.kind)
		out.Write(o.line)
		if !bytes.HasSuffix(o.line, []byte("\n")) && !bytes.HasSuffix(o.line, []byte("\r")) {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange writes a hunk's start and length as diff -u does: an empty
// range starts at the line before it.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// splitLines splits s after each line break (LF, CRLF or a lone CR).
func splitLines(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		i := bytes.IndexAny(s, "\r\n")
		if i < 0 {
			out = append(out, s)
			break
		}
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		out, s = append(out, s[:i+1]), s[i+1:]
	}
	return out
}

// maxTable bounds the longest-common-subsequence table; past it, the
// lines between the common start and end are shown replaced whole, which
// is still a correct diff.
const maxTable = 4 << 20

// lineOps aligns x and y: their common first and last lines, and between
// them a longest common subsequence.
func lineOps(x, y [][]byte) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && bytes.Equal(x[pre], y[pre]) {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && bytes.Equal(x[len(x)-1-suf], y[len(y)-1-suf]) {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', x[i], i, i})
	}
	ops = append(ops, middle(x[pre:len(x)-suf], y[pre:len(y)-suf], pre, pre)...)
	for k := suf; k > 0; k-- {
		i, j := len(x)-k, len(y)-k
		ops = append(ops, op{' ', x[i], i, j})
	}
	return ops
}

// middle diffs x and y, which start at lines ai and bi.
func middle(x, y [][]byte, ai, bi int) []op {
	n, m := len(x), len(y)
	var ops []op
	if n*m > maxTable {
		for i := range x {
			ops = append(ops, op{'-', x[i], ai + i, bi})
		}
		for j := range y {
			ops = append(ops, op{'+', y[j], ai + n, bi + j})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of x[i:]
	// and y[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if bytes.Equal(x[i], y[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && bytes.Equal(x[i], y[j]):
			ops = append(ops, op{' ', x[i], ai + i, bi + j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', x[i], ai + i, bi + j})
			i++
		default:
			ops = append(ops, op{'+', y[j], ai + i, bi + j})
			j++
		}
	}
	return ops
}
