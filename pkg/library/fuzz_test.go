package library

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
)

// FuzzParseConfig checks that no sopctl.yaml makes ParseConfig panic, that
// every error it reports is a positioned *sop.Error inside the file, and
// that a config it accepts holds usable values.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(fullConfig))
	for _, c := range configErrorCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer testlib.Budget(t, len(src))()
		c, err := ParseConfig("sopctl.yaml", src)
		lines := countLines(src)
		if err != nil {
			if c != nil {
				t.Fatalf("a config along with error %v", err)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T) is not a *ConfigError", err, err)
			}
			errs := testlib.LeafErrors(ce.Err)
			if len(errs) == 0 {
				t.Fatalf("a *ConfigError that holds no error")
			}
			for _, e := range errs {
				var se *sop.Error
				if !errors.As(e, &se) || se != e {
					t.Fatalf("error %v (%T) is not a *sop.Error", e, e)
				}
				if se.Path != "sopctl.yaml" || se.Pos.Line < 1 || se.Pos.Col < 1 || se.Pos.Line > lines+1 || se.Msg == "" {
					t.Fatalf("error %q: position %v outside a %d-line file, or no path or message", se, se.Pos, lines)
				}
			}
			return
		}
		if c.ReviewCycleDays < 1 || c.MaxFileKB < 1 {
			t.Fatalf("review_cycle_days %d, max_file_kb %d", c.ReviewCycleDays, c.MaxFileKB)
		}
		if c.SOPsDir == "" || !filepath.IsLocal(filepath.FromSlash(c.SOPsDir)) {
			t.Fatalf("sops_dir %q is not inside the library", c.SOPsDir)
		}
		if c.Root == nil || !bytes.Equal(c.Src, src) {
			t.Fatalf("Root or Src not kept")
		}
		for _, e := range append(c.KPIs, c.Roles...) {
			if e.Name == "" || e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines {
				t.Fatalf("entry %+v: no name or a position outside a %d-line file", e, lines)
			}
		}
		for _, r := range c.LintRules {
			if r.Pos.Line < 1 || r.Pos.Col < 1 || r.Pos.Line > lines {
				t.Fatalf("rule %+v: position outside a %d-line file", r, lines)
			}
		}
	})
}

// countLines counts lines as editors do after sopctl's normalisation: a
// BOM is dropped and CRLF and lone CR are line breaks.
func countLines(src []byte) int {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
}
