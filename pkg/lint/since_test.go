package lint

import (
	"strings"
	"testing"
)

// splitBefore takes the "# before: PATH" blocks off the front of a rule's
// example: the files as they were at the revision lint --since compares
// with. The rest is the example as writeExample reads it.
func splitBefore(example string) (now string, since *Since) {
	if !strings.HasPrefix(example, "# before: ") {
		return example, nil
	}
	i := strings.Index(example, "# file: ")
	head, now := example[:i], example[i:]
	since = &Since{Rev: "HEAD", Before: map[string][]byte{}}
	for _, part := range strings.Split(head, "# before: ")[1:] {
		name, body, _ := strings.Cut(part, "\n")
		since.Before[strings.TrimSpace(name)] = []byte(body)
	}
	return now, since
}

// lintExample writes a rule's example into dir and lints it, with
// lint --since when the example says how the files were before.
func lintExample(t *testing.T, dir, example string) []Finding {
	t.Helper()
	now, since := splitBefore(example)
	writeExample(t, dir, now)
	return runBoth(t, dir, Options{Now: today, Roles: builtinRoles, Since: since, Severities: defaultSeverities()})
}

func TestVersionNotBumped(t *testing.T) {
	const before = "---\r\nid: a\r\ntitle: A\r\nversion: \"1.0\"\r\nstatus: approved\r\nowner: O\r\napprover: P\r\neffective: 2026-01-01\r\nreviewed: 2026-01-01\r\n---\r\n\r\n# A\r\n\r\n## Purpose\r\nx\r\n\r\n## Scope\r\ny\r\n\r\n## Procedure\r\n1. z\r\n"
	lf := strings.ReplaceAll(before, "\r\n", "\n")
	tests := []struct {
		name   string
		before string // "" : the file is new
		now    string
		since  bool
		fires  bool
	}{
		{"body changed", before, strings.Replace(before, "1. z", "1. zz", 1), true, true},
		{"owner changed", before, strings.Replace(before, "owner: O", "owner: Q", 1), true, true},
		{"no --since", before, strings.Replace(before, "1. z", "1. zz", 1), false, false},
		{"version bumped", before, strings.Replace(strings.Replace(before, "1. z", "1. zz", 1), `"1.0"`, `"1.1"`, 1), true, false},
		{"only reviewed changed", before, strings.Replace(before, "reviewed: 2026-01-01", "reviewed: 2026-11-01", 1), true, false},
		{"reviewed added", strings.Replace(before, "reviewed: 2026-01-01\r\n", "", 1), before, true, false},
		{"only line ends changed", before, lf, true, false},
		{"reviewed in the body is text", before + "reviewed: x\r\n", before + "reviewed: y\r\n", true, true},
		{"new file", "", before, true, false},
		{"draft", strings.Replace(before, "approved", "draft", 1), strings.Replace(strings.Replace(before, "approved", "draft", 1), "1. z", "1. zz", 1), true, false},
		{"unchanged", before, before, true, false},
		{"was not an SOP then", "not front matter", before, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeExample(t, dir, tt.now)
			opts := Options{Now: today, Roles: builtinRoles, Severities: defaultSeverities()}
			if tt.since {
				opts.Since = &Since{Rev: "v1", Before: map[string][]byte{}}
				if tt.before != "" {
					opts.Since.Before["sops/a.md"] = []byte(tt.before)
				}
			}
			fired := 0
			for _, f := range runBoth(t, dir, opts) {
				if f.Rule == RuleVersionNotBumped {
					fired++
					if f.Line != 4 || f.Column != 10 || !strings.Contains(f.Message, `since v1 but its version is still "1.0"`) {
						t.Errorf("finding %+v, want at 4:10 naming v1", f)
					}
				}
			}
			if (fired > 0) != tt.fires {
				t.Errorf("fired %d times, want fires=%v", fired, tt.fires)
			}
		})
	}
}
