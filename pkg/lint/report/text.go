package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/lint"
)

// ANSI SGR sequences; the only escape sequences the text format emits.
const (
	sgrBold   = "\x1b[1m"
	sgrRed    = "\x1b[31m"
	sgrYellow = "\x1b[33m"
	sgrCyan   = "\x1b[36m"
	sgrReset  = "\x1b[0m"
)

// writeText prints "path:line:col: severity rule-id: message" per finding
// and a summary line.
func writeText(b *bytes.Buffer, findings []lint.Finding, opts Options) {
	var errs, warns, infos int
	files := map[string]bool{}
	for _, f := range findings {
		files[f.Path] = true
		sev := f.Severity.String()
		path := visible(f.Path)
		switch f.Severity {
		case lint.Error:
			errs++
		case lint.Warning:
			warns++
		case lint.Info:
			infos++
		}
		if opts.Color {
			path = sgrBold + path + sgrReset
			sev = severityColor(f.Severity) + sev + sgrReset
		}
		fmt.Fprintf(b, "%s:%d:%d: %s %s: %s\n", path, f.Line, f.Column, sev, visible(f.Rule), visible(f.Message))
	}
	if len(findings) == 0 {
		fmt.Fprintf(b, "no problems in %s\n", count(opts.Files, "file", "files"))
		return
	}
	fmt.Fprintf(b, "%s, %s", count(errs, "error", "errors"), count(warns, "warning", "warnings"))
	if infos > 0 {
		fmt.Fprintf(b, ", %s", count(infos, "info", "info"))
	}
	fmt.Fprintf(b, " in %s\n", count(len(files), "file", "files"))
}

func severityColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return sgrRed
	case lint.Warning:
		return sgrYellow
	}
	return sgrCyan
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// visible replaces C0 and C1 control characters and DEL with Go escapes
// (\n, \x1b, \u009b) and bytes that are not UTF-8 with \xNN, so text taken
// from user files cannot move the cursor or start a terminal escape
// sequence. Everything else, backslashes included, is kept as it is.
func visible(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == utf8.RuneError || unicode.IsControl(r) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
