package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/lint"
)

// writeGitHub prints one GitHub Actions workflow command per finding:
//
//	::error file=P,line=L,col=C,title=RULE::message
//
// (::warning for warnings, ::notice for info) and nothing else. The runner
// reads one command per line, so escaping CR and LF keeps a finding on its
// line; escaping ':' and ',' in the properties keeps a path from adding or
// ending properties. Then termsafe.Text shows every other control
// character as its escape, so that no escape sequence reaches the log or
// the terminal of someone who runs lint --format github by hand.
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
			cmd, property(f.Path), f.Line, f.Column, property(f.Rule), termsafe.Text(ghData.Replace(f.Message)))
	}
}

func property(s string) string { return termsafe.Text(ghProperty.Replace(s)) }

// The escapes of the Actions toolkit (@actions/core, command.ts).
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
