package schema

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// property returns the schema at a path of property names in a printed
// schema.
func property(t *testing.T, src []byte, path ...string) map[string]any {
	t.Helper()
	var n map[string]any
	if err := json.Unmarshal(src, &n); err != nil {
		t.Fatal(err)
	}
	for _, p := range path {
		next, ok := n["properties"].(map[string]any)[p].(map[string]any)
		if !ok {
			t.Fatalf("no property %s in %v", strings.Join(path, "."), n)
		}
		n = next
	}
	return n
}

// matches runs a printed schema's pattern, and maxLength when it has one,
// as an editor would.
func matches(t *testing.T, n map[string]any, s string) bool {
	t.Helper()
	re := regexp.MustCompile(n["pattern"].(string))
	if max, ok := n["maxLength"].(float64); ok && len([]rune(s)) > int(max) {
		return false
	}
	return re.MatchString(s)
}

// The patterns the schemas print accept what sopctl's Go checks accept,
// input by input: each schema carries the very rule its check runs.
func TestSchemaPatternsAgreeWithGoChecks(t *testing.T) {
	fm, cfg, role := FrontMatter(DefaultOptions()), Config(), Role()
	ids := []string{"a", "complaint-resolution", "a-1-b", "101", "a--b", "-a", "a-", "A", "a_b", "a b", "", "é",
		"a\n", strings.Repeat("x", sop.MaxIDLength), strings.Repeat("x", sop.MaxIDLength+1)}
	for _, n := range []map[string]any{property(t, fm, "id"), property(t, role, "id")} {
		for _, id := range ids {
			if got, want := matches(t, n, id), sop.ValidID(id); got != want {
				t.Errorf("id %q: schema accepts %v, sop.ValidID %v", id, got, want)
			}
		}
	}
	names := property(t, cfg, "roles")["propertyNames"].(map[string]any)
	for _, id := range ids {
		if got, want := matches(t, names, id), sop.ValidID(id); got != want {
			t.Errorf("roles id %q: schema accepts %v, sop.ValidID %v", id, got, want)
		}
	}
	version := property(t, fm, "version")
	for _, v := range []string{"1", "1.2", "1.2.3", "01.10", "1.2.3.4", "1.", ".1", "v1", "1..2", "", "1 "} {
		if got, want := matches(t, version, v), sop.ValidVersion(v); got != want {
			t.Errorf("version %q: schema accepts %v, sop.ValidVersion %v", v, got, want)
		}
	}
	for _, f := range []string{"effective", "reviewed"} {
		date := property(t, fm, f)
		for _, d := range []string{"1899-12-31", "1900-01-01", "2026-11-25", "2999-12-31", "3000-01-01", "9999-12-31",
			"0001-01-01", "26-1-1", "2026-02-30", "2026-13-01", "2026-1-01", "2026-01-15T00:00:00Z", ""} {
			// format "date" is RFC 3339's full-date, which rules out 2026-02-30.
			_, formatErr := time.Parse(time.DateOnly, d)
			_, err := sop.ParseDate(d)
			if got := matches(t, date, d) && formatErr == nil; got != (err == nil) {
				t.Errorf("%s %q: schema accepts %v, sop.ParseDate error %v", f, d, got, err)
			}
		}
	}
	var statuses []string
	for _, v := range property(t, fm, "status")["enum"].([]any) {
		if v != nil {
			statuses = append(statuses, v.(string))
		}
	}
	if !slices.Equal(statuses, sop.Statuses()) {
		t.Errorf("status enum %v, sop.Statuses %v", statuses, sop.Statuses())
	}
}

// sopctl.yaml's severities are lint's: every one lint.ParseSeverity reads
// and no other, and the config schema offers the same.
func TestSeveritiesAreLints(t *testing.T) {
	for _, s := range library.Severities() {
		if v, err := lint.ParseSeverity(s); err != nil || v.String() != s {
			t.Errorf("severity %q: lint reads %v, %v", s, v, err)
		}
	}
	for _, s := range []lint.Severity{lint.Off, lint.Info, lint.Warning, lint.Error} {
		if !slices.Contains(library.Severities(), s.String()) {
			t.Errorf("lint severity %s is not in library.Severities %v", s, library.Severities())
		}
	}
	rule := property(t, Config(), "lint", "rules", "broken-ref")
	var enum []string
	for _, v := range rule["enum"].([]any) {
		enum = append(enum, v.(string))
	}
	if !slices.Equal(enum, library.Severities()) {
		t.Errorf("schema's severities %v, library.Severities %v", enum, library.Severities())
	}
}
