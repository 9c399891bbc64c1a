package report

import (
	"bytes"
	"encoding/json"

	"github.com/sopctl/sopctl/pkg/lint"
)

// jsonReport is the json format, version 1:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {
//	      "path": "sops/cs-001.md",   // slash-separated, as in text output
//	      "line": 3,                  // 1-based
//	      "column": 1,                // 1-based, in Unicode code points
//	      "severity": "error",        // "error", "warning" or "info"
//	      "rule": "missing-field",    // a rule id of SPEC section 5
//	      "message": "..."            // says what to do
//	    }
//	  ]
//	}
//
// Keys come in this order, findings in the order lint sorted them, and
// "findings" is [] (never null) when there are none. The document is
// indented by two spaces and ends with a newline. A later sopctl may add
// keys; these keep their meaning while "version" is 1.
type jsonReport struct {
	Version  int           `json:"version"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func writeJSON(b *bytes.Buffer, findings []lint.Finding) error {
	r := jsonReport{Version: 1, Findings: make([]jsonFinding, 0, len(findings))}
	for _, f := range findings {
		r.Findings = append(r.Findings, jsonFinding{
			Path: f.Path, Line: f.Line, Column: f.Column,
			Severity: f.Severity.String(), Rule: f.Rule, Message: f.Message,
		})
	}
	return encodeIndented(b, r)
}

// encodeIndented writes v as JSON indented by two spaces, with a trailing
// newline and without escaping <, > and & (the output is not HTML).
func encodeIndented(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
