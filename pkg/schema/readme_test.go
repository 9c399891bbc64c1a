package schema

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// readmeTable returns the rows of the README's Markdown table whose header
// row is header.
func readmeTable(t *testing.T, readme, header string) []string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, "\n"+header+"\n")
	if !ok {
		t.Errorf("the README has no table headed %s", header)
		return nil
	}
	var rows []string
	for _, line := range strings.Split(rest, "\n")[1:] { // after |---|
		if !strings.HasPrefix(line, "|") {
			break
		}
		rows = append(rows, line)
	}
	return rows
}

// fieldRow is the README's row of a front-matter field.
func fieldRow(f sop.Field) string {
	value := f.Kind.String()
	if f.Shape == sop.ShapeList {
		value = "list of " + f.Refs.String()
	}
	required := "no"
	switch {
	case f.Required:
		required = "by default"
	case f.Approval:
		required = "when " + sop.StatusApproved
	}
	return fmt.Sprintf("| `%s` | %s | %s | %s |", f.Name, value, required, f.Description)
}

// configRow is the README's row of a key of sopctl.yaml.
func configRow(k library.ConfigKey) string {
	def := "empty"
	switch v := k.Default.(type) {
	case string:
		def = "`" + v + "`"
	case int:
		def = fmt.Sprintf("`%d`", v)
	case []string:
		def = "`[" + strings.Join(v, ", ") + "]`"
	case map[string]string:
		def = "`{}`"
	case map[string]any:
		var keys []string
		for k := range v {
			keys = append(keys, k+": {}")
		}
		def = "`{" + strings.Join(keys, ", ") + "}`"
	}
	shape := k.Shape.String()
	if k.Max > 0 {
		shape += fmt.Sprintf(", 1 to %d", k.Max)
	}
	return fmt.Sprintf("| `%s` | %s | %s | %s |", k.Name, shape, def, k.Description)
}

// The README's tables of front-matter fields and of sopctl.yaml's keys are
// the tables the decoders read, row for row, and its role-template example
// uses every key a template and an SOP entry have.
func TestReadmeFieldTables(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	var fields, keys []string
	for _, f := range sop.Fields() {
		fields = append(fields, fieldRow(f))
	}
	for _, k := range library.ConfigKeys() {
		keys = append(keys, configRow(k))
	}
	for _, tt := range []struct {
		header string
		want   []string
	}{
		{"| field | value | required | meaning |", fields},
		{"| key | value | default | meaning |", keys},
	} {
		if got := readmeTable(t, readme, tt.header); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("the README's table %s differs from the table in the code; it should read:\n%s", tt.header, strings.Join(tt.want, "\n"))
		}
	}

	_, rest, _ := strings.Cut(readme, "### Your own templates")
	root := mappingOf(t, codeBlock(t, rest, "yaml"))
	var top, entry []string
	for i := 0; i+1 < len(root.Content); i += 2 {
		top = append(top, root.Content[i].Value)
		if root.Content[i].Value == "sops" {
			e := root.Content[i+1].Content[0]
			for j := 0; j+1 < len(e.Content); j += 2 {
				entry = append(entry, e.Content[j].Value)
			}
		}
	}
	if got, want := strings.Join(top, " "), strings.Join(sop.KeyNames(roles.TemplateKeys()), " "); got != want {
		t.Errorf("the README's template example has the keys %s, a template has %s", got, want)
	}
	if got, want := strings.Join(entry, " "), strings.Join(sop.KeyNames(roles.EntryKeys()), " "); got != want {
		t.Errorf("the README's SOP entry example has the keys %s, an entry has %s", got, want)
	}
}
