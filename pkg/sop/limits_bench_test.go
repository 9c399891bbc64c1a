package sop

import (
	"strings"
	"testing"
)

// BenchmarkCheckBody measures the limit pass alone (CheckBody) on bodies
// near max_file_kb's megabyte that stay within every limit: a procedure's
// prose, links, emphasis, checklist and table repeated (sop), one long
// line per paragraph (prose), and a large data: image (tag).
func BenchmarkCheckBody(b *testing.B) {
	section := "## Procedure\n\n" +
		"1. Greet the customer and confirm their identity; see [Identity](../area-01/sop-000001.md#procedure).\n" +
		"2. Open a case in the **CRM**, choose the _refund_ category and record the `order` number.\n" +
		"3. Explain the options &mdash; see <https://example.com/policy> or www.example.com.\n\n" +
		"| Step | Who | When |\n| :--- | --- | ---: |\n| 1 | Agent | day 1 |\n| 2 | Lead | day 2 |\n\n" +
		"- [ ] Customer identity verified\n- [ ] Written confirmation sent and attached\n\n"
	prose := strings.Repeat("The agent reads the [policy](policy.md) and the *history* before answering. ", 40) + "\n\n"
	tag := "<img src=\"data:image/png;base64," + strings.Repeat("QUJD", 60<<10) + "\">\n"
	for _, bc := range []struct{ name, body string }{
		{"sop", strings.Repeat(section, (1<<20)/len(section))},
		{"prose", strings.Repeat(prose, (1<<20)/len(prose))},
		{"tag", strings.Repeat("text\n\n", 1000) + tag},
	} {
		b.Run(bc.name, func(b *testing.B) {
			body := []byte(bc.body)
			if e := CheckBody(body, 6); e != nil {
				b.Fatalf("the %s body passes a limit: %v", bc.name, e)
			}
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				CheckBody(body, 6)
			}
		})
	}
}
