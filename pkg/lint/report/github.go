package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/sopctl/sopctl/pkg/lint"
)

// writeGitHub prints one GitHub Actions workflow command per finding:
//
//	::error file=P,line=L,col=C,title=RULE::message
//
// (::warning for warnings, ::notice for info) and nothing else. The runner
// reads one command per line, so escaping CR and LF keeps a finding on its
// line; escaping ':' and ',' in the properties keeps a path from adding or
// ending properties.
func writeGitHub(b *bytes.Buffer, findings []lint.Finding) {
	for _, f := range findings {
		cmd := "notice"
		switch f.Severity {
		case lint.Error:
			cmd = "error"
		case lint.Warning:
			cmd = "warning"
		}
		fmt.Fprintf(b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n",
			cmd, ghProperty.Replace(f.Path), f.Line, f.Column, ghProperty.Replace(f.Rule), ghData.Replace(f.Message))
	}
}

// The escapes of the Actions toolkit (@actions/core, command.ts).
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
