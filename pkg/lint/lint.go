package lint

import (
	"errors"
	"fmt"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Options says how to lint.
type Options struct {
	// Now is today, for review-overdue.
	Now time.Time
	// Severities are the rules' severities, from Configure.
	Severities map[string]Severity
	// Roles are the role ids a roles: list may name: all of them, the
	// role templates' and sopctl.yaml's (roles.Known).
	Roles []string
	// Only, when set, limits findings to the files (library paths) it
	// accepts; references still resolve against the whole library.
	Only func(path string) bool
	// Since, when set (lint --since REV), is the library at REV; it turns
	// on version-not-bumped.
	Since *Since
	// Local, when set, found what the rules that read one SOP alone find,
	// as the library was loaded (library.LoadBriefs with Local.Check):
	// Run takes those findings and runs only the rules across SOPs, which
	// read what the SOPs' Briefs keep.
	Local *Local
}

// Configure returns the severity of every rule: its default, unless
// sopctl.yaml's lint.rules sets it. An unknown rule id, or an attempt to
// change a rule that cannot be changed, is a *library.ConfigError at its
// line.
func Configure(cfg *library.Config) (map[string]Severity, error) {
	sev := defaultSeverities()
	var errs []error
	for _, s := range cfg.LintRules {
		fail := func(format string, args ...any) {
			errs = append(errs, &sop.Error{Path: library.ConfigFile, Pos: s.Pos, Rule: "config", Msg: fmt.Sprintf(format, args...)})
		}
		r, ok := Rule(s.Rule)
		switch {
		case !ok:
			msg := fmt.Sprintf("lint.rules: unknown rule %q", s.Rule)
			if q := sop.DidYouMean(s.Rule, RuleIDs()); q != "" {
				msg += ": " + q
			} else {
				msg += "; sopctl lint --list-rules lists them"
			}
			fail("%s", msg)
		case r.Fixed && s.Severity != r.Default.String():
			fail("lint.rules: %s cannot be changed: a file sopctl cannot read is always an error", s.Rule)
		default:
			v, err := ParseSeverity(s.Severity)
			if err != nil {
				fail("lint.rules.%s: %v", s.Rule, err)
			}
			sev[s.Rule] = v
		}
	}
	if len(errs) > 0 {
		return nil, &library.ConfigError{Err: errors.Join(errs...)}
	}
	return sev, nil
}

// defaultSeverities maps every rule to its default severity.
func defaultSeverities() map[string]Severity {
	sev := make(map[string]Severity, len(registry))
	for _, r := range registry {
		sev[r.ID] = r.Default
	}
	return sev
}

// Run checks the library and returns the findings, sorted. Files are
// checked in parallel; each file's findings depend only on the in-memory
// library, so the result is the same whatever the order.
func Run(lib *library.Library, opts Options) []Finding {
	if opts.Severities == nil {
		opts.Severities = defaultSeverities()
	}
	c := newChecker(lib, opts)
	var out []Finding
	for _, e := range lib.Failed {
		if c.want(e.Path) {
			out = c.add(out, e.Rule, e.Path, e.Pos, "%s", e.Msg)
		}
	}
	perDoc := make([][]Finding, len(c.briefs))
	parallel.For(len(c.briefs), func(i int) {
		if c.want(c.briefs[i].Path()) {
			perDoc[i] = c.checkDoc(i)
		}
	})
	for _, f := range perDoc {
		out = append(out, f...)
	}
	out = append(out, c.checkLibrary()...)
	Sort(out)
	return out
}
