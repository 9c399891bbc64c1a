package report

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
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
// and a summary line. Values from files go through termsafe.Line: nothing
// in them can reach the terminal raw or start a line of its own.
func writeText(b *bytes.Buffer, findings []lint.Finding, opts Options) {
	var errs, warns, infos int
	files := map[string]bool{}
	for _, f := range findings {
		files[f.Path] = true
		sev := f.Severity.String()
		path := termsafe.Line(f.Path)
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
		fmt.Fprintf(b, "%s:%d:%d: %s %s: %s\n", path, f.Line, f.Column, sev, termsafe.Line(f.Rule), termsafe.Line(f.Message))
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
