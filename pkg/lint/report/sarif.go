package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/lint"
)

// SARIF 2.1.0, limited to what GitHub code scanning reads. Paths are
// relative to %SRCROOT%, which GitHub resolves to the checkout; columns
// count Unicode code points, as lint's do.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	HelpURI              string         `json:"helpUri,omitempty"`
	Help                 sarifHelp      `json:"help"`
	DefaultConfiguration sarifRuleLevel `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleLevel struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

func writeSARIF(b *bytes.Buffer, findings []lint.Finding, opts Options) error {
	driver := sarifDriver{
		Name:           "sopctl",
		InformationURI: "https://github.com/sopctl/sopctl",
		Version:        opts.ToolVersion,
		Rules:          make([]sarifRule, 0, len(opts.Rules)),
	}
	index := map[string]int{}
	for _, r := range opts.Rules {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(driver.Rules)
		sr := sarifRuleOf(r)
		sr.HelpURI = r.HelpURI()
		driver.Rules = append(driver.Rules, sr)
	}
	results := make([]sarifResult, 0, len(findings))
	for _, f := range findings {
		i, ok := index[f.Rule]
		if !ok {
			// Every ruleId must name a rule in tool.driver.rules; a rule
			// the caller did not describe gets a bare entry, with no help
			// page to lead to.
			i = len(driver.Rules)
			index[f.Rule] = i
			driver.Rules = append(driver.Rules, sarifRuleOf(lint.RuleInfo{ID: f.Rule, Default: f.Severity, Summary: f.Rule}))
		}
		results = append(results, sarifResult{
			RuleID:    f.Rule,
			RuleIndex: i,
			Level:     sarifLevel(f.Severity),
			Message:   sarifText{f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uriPath(f.Path), URIBaseID: "%SRCROOT%"},
				// SARIF counts from 1; a position lint left at 0 becomes 1.
				Region: sarifRegion{StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)},
			}}},
		})
	}
	return encodeIndented(b, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints"}},
	})
}

func sarifRuleOf(r lint.RuleInfo) sarifRule {
	return sarifRule{
		ID:                   r.ID,
		Name:                 pascalCase(r.ID),
		ShortDescription:     sarifText{r.Summary},
		FullDescription:      sarifText{r.Summary},
		Help:                 ruleHelp(r),
		DefaultConfiguration: sarifRuleLevel{sarifLevel(r.Default)},
	}
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Info:
		return "note"
	}
	return "none"
}

// ruleHelp is the rule's fix followed by its bad and good examples, as plain
// text and as Markdown with fenced code blocks. A rule with neither gets its
// summary, so every rule carries help.
func ruleHelp(r lint.RuleInfo) sarifHelp {
	var text, md []string
	if fix := strings.TrimSpace(r.Fix); fix != "" {
		text = append(text, fix)
		md = append(md, fix)
	}
	for _, ex := range []struct{ label, body string }{{"Bad", r.Bad}, {"Good", r.Good}} {
		body := strings.TrimRight(ex.body, "\n")
		if strings.TrimSpace(body) == "" {
			continue
		}
		text = append(text, ex.label+":\n"+body)
		fence := codeFence(body)
		md = append(md, ex.label+":\n\n"+fence+"markdown\n"+body+"\n"+fence)
	}
	if len(text) == 0 {
		return sarifHelp{Text: r.Summary, Markdown: r.Summary}
	}
	return sarifHelp{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
}

// codeFence returns a backtick fence longer than any run of backticks in
// body, so an example holding its own code block cannot close the fence.
func codeFence(body string) string {
	longest, run := 0, 0
	for _, c := range body {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// pascalCase turns a rule id such as "missing-field" into "MissingField".
func pascalCase(id string) string {
	var b strings.Builder
	for part := range strings.FieldsFuncSeq(id, func(r rune) bool { return r == '-' || r == '_' }) {
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[size:])
	}
	return b.String()
}

// uriPath percent-encodes a slash-separated relative path for use as a URI
// reference: unreserved characters, sub-delimiters, '@' and '/' stay, every
// other byte (non-ASCII, space, '%', ':', '?', '#', ...) becomes %XX.
// Encoding ':' keeps a first segment like "a:b.md" from reading as a scheme.
func uriPath(p string) string {
	const keep = "-._~!$&'()*+,;=@/"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
