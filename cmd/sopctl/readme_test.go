package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/cli"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

// TestReadmeRuleTable keeps the README's rule table equal to what
// sopctl lint --list-rules prints.
func TestReadmeRuleTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var table []string
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| `") && strings.Count(line, " | ") == 2 {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			if id := strings.Trim(cells[0], "`"); cells[1] == "error" || cells[1] == "warning" || cells[1] == "info" {
				table = append(table, id+" "+cells[1]+" "+cells[2])
			}
		}
	}
	ios, _, out, _ := iostreams.Test()
	env := &cli.Env{IO: ios, Dir: t.TempDir(), Now: time.Now, Templates: templates.FS}
	if code := cli.Run(context.Background(), []string{"lint", "--list-rules"}, env); code != 0 {
		t.Fatalf("--list-rules exited %d", code)
	}
	var listed []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
		f := strings.Fields(line)
		listed = append(listed, f[0]+" "+f[1]+" "+strings.Join(f[2:], " "))
	}
	if strings.Join(table, "\n") != strings.Join(listed, "\n") {
		t.Errorf("README rule table differs from --list-rules:\nREADME:\n%s\n\n--list-rules:\n%s", strings.Join(table, "\n"), strings.Join(listed, "\n"))
	}
}
