// Package report prints lint findings in the formats of SPEC section 5:
// "text" for people, "json" for scripts, "sarif" for GitHub code scanning and
// "github" for GitHub Actions annotations. Each writer takes findings as
// they come (lint has already sorted them) and writes one complete document;
// nothing here decides an exit code. No format lets a value from a file
// reach a terminal raw (see pkg/internal/termsafe).
package report

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/lint"
)

// Formats are the names Write accepts, default first.
var Formats = []string{"text", "json", "sarif", "github"}

// Options tune the output.
type Options struct {
	// Color lets the text format use ANSI colour; other formats ignore it.
	Color bool
	// ToolVersion is sopctl's version, recorded in SARIF.
	ToolVersion string
	// Rules describe every rule, for SARIF's tool.driver.rules.
	Rules []lint.RuleInfo
	// Files is the number of files linted, for the text summary when
	// nothing was found.
	Files int
}

// Write prints findings to w in the named format. Findings whose severity is
// lint.Off (a disabled rule) are not printed. The document is built in
// memory and written with a single Write call.
func Write(w io.Writer, format string, findings []lint.Finding, opts Options) error {
	if slices.ContainsFunc(findings, func(f lint.Finding) bool { return f.Severity == lint.Off }) {
		findings = slices.DeleteFunc(slices.Clone(findings), func(f lint.Finding) bool { return f.Severity == lint.Off })
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "text":
		writeText(&buf, findings, opts)
	case "json":
		err = writeJSON(&buf, findings)
	case "sarif":
		err = writeSARIF(&buf, findings, opts)
	case "github":
		writeGitHub(&buf, findings)
	default:
		return fmt.Errorf("format %q is not one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("writing %s report: %w", format, err)
	}
	out := buf.Bytes()
	if format == "json" || format == "sarif" {
		out = termsafe.JSON(out) // encoding/json leaves DEL, C1 and bidi controls raw
	}
	_, err = w.Write(out)
	return err
}
