package serve

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/lint"
)

// The findings panel lists each finding with its rule, line and message,
// escaped, and says so when there is none.
func TestPanel(t *testing.T) {
	for _, tt := range []struct {
		name     string
		findings []lint.Finding
		want     []string
		not      []string
	}{
		{"none", nil, []string{`id="sopctl-findings"`, "No problems."}, []string{"<li"}},
		{"two", []lint.Finding{
			{Rule: "missing-section", Severity: lint.Error, Line: 3, Message: "no Scope"},
			{Rule: "orphan", Severity: lint.Info, Line: 1, Message: "alone"},
		}, []string{`data-rule="missing-section" data-line="3"`, "<code>missing-section</code> line 3: no Scope", `data-rule="orphan"`}, []string{"No problems."}},
		{"escaped", []lint.Finding{{Rule: "x", Line: 1, Message: `<script>alert(1)</script> & "q"`}},
			[]string{"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;"}, []string{"<script>"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := string(panel(tt.findings))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%q in\n%s", n, got)
				}
			}
		})
	}
}

// bundleName maps URL paths to bundle names, and refuses what climbs.
func TestBundleName(t *testing.T) {
	for _, tt := range []struct {
		path, want string
		ok         bool
	}{
		{"/", "index.html", true},
		{"/sops/a.html", "sops/a.html", true},
		{"/roles/", "roles/index.html", true},
		{"/_problems", "_problems", true},
		{"/./sops//a.html", "sops/a.html", true},
		{"/../sopctl.yaml", "", false},
		{"/sops/../../x", "", false},
		{"/sops/../index.html", "", false},
		{"/..", "", false},
		{"/a\\..\\b", "", false},
		{"/a\x00", "", false},
		{"relative", "", false},
	} {
		got, ok := bundleName(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("bundleName(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAffects(t *testing.T) {
	for name, want := range map[string]bool{
		"sops/a.md": true, "sopctl.yaml": true, "templates/r.yml": true, "sops/orders": true,
		"serve.log": false, "sops/.a.md.swp": false, "events.txt": false,
	} {
		if got := affects(name); got != want {
			t.Errorf("affects(%q) = %v, want %v", name, got, want)
		}
	}
}
