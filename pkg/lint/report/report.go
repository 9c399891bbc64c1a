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

// format is one output format of Write.
type format struct {
	name  string
	write func(*bytes.Buffer, []lint.Finding, Options) error
	// json output has the controls encoding/json leaves raw escaped.
	json bool
}

// formats are the formats Write accepts, default first: a new format is
// one entry here and its writer.
var formats = []format{
	{"text", func(b *bytes.Buffer, f []lint.Finding, o Options) error { writeText(b, f, o); return nil }, false},
	{"json", func(b *bytes.Buffer, f []lint.Finding, _ Options) error { return writeJSON(b, f) }, true},
	{"sarif", writeSARIF, true},
	{"github", func(b *bytes.Buffer, f []lint.Finding, _ Options) error { writeGitHub(b, f); return nil }, false},
}

// Formats returns the names Write accepts, default first.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

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

// Write prints findings to w in the format called name. Findings whose
// severity is lint.Off (a disabled rule) are not printed. The document is
// built in memory and written with a single Write call.
func Write(w io.Writer, name string, findings []lint.Finding, opts Options) error {
	if slices.ContainsFunc(findings, func(f lint.Finding) bool { return f.Severity == lint.Off }) {
		findings = slices.DeleteFunc(slices.Clone(findings), func(f lint.Finding) bool { return f.Severity == lint.Off })
	}
	i := slices.IndexFunc(formats, func(f format) bool { return f.name == name })
	if i < 0 {
		return fmt.Errorf("format %q is not one of %s", name, strings.Join(Formats(), ", "))
	}
	var buf bytes.Buffer
	if err := formats[i].write(&buf, findings, opts); err != nil {
		return fmt.Errorf("writing %s report: %w", name, err)
	}
	out := buf.Bytes()
	if formats[i].json {
		out = termsafe.JSON(out) // encoding/json leaves DEL, C1 and bidi controls raw
	}
	_, err := w.Write(out)
	return err
}
