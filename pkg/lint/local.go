package lint

import (
	"sync"
	"time"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Local runs the rules that read one SOP alone (RuleInfo's check) on each
// SOP while the library loader's worker holds it whole, and keeps their
// findings, so that the library need keep only each SOP's Brief
// (library.LoadBriefs with Check as its hook) and Run only the rules
// across SOPs on those. Findings are kept whatever the severities, which
// Run applies.
type Local struct {
	now   time.Time
	once  sync.Once
	c     *checker // made on the first SOP, from the library's config
	mu    sync.Mutex
	found map[string][]Finding // by library path
}

// NewLocal starts a Local for a library linted on the day now.
func NewLocal(now time.Time) *Local { return &Local{now: now, found: map[string][]Finding{}} }

// Check runs the per-file rules on one whole SOP of the library whose
// config is cfg. It is safe for concurrent use.
func (l *Local) Check(cfg *library.Config, d *sop.Doc) {
	l.once.Do(func() {
		every := make(map[string]Severity, len(registry))
		for _, r := range registry {
			every[r.ID] = Error // Run applies the real ones
		}
		// These rules read the config, never other SOPs: the library
		// here has none.
		l.c = &checker{lib: &library.Library{Config: cfg}, opts: Options{Now: l.now, Severities: every}, fields: sop.Fields()}
	})
	dc := &docCheck{checker: l.c, path: d.Path, d: d, i: -1}
	dc.run(func(r RuleInfo) func(*docCheck) { return r.check })
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(dc.out) == 0 {
		delete(l.found, d.Path) // most SOPs: no entry to hold (a Reload may drop one)
		return
	}
	l.found[d.Path] = dc.out
}

// findings returns what Check found in the SOP at p, with the rules'
// severities; none of a rule that is off.
func (l *Local) findings(p string, sev map[string]Severity) []Finding {
	l.mu.Lock()
	found := l.found[p]
	l.mu.Unlock()
	var out []Finding
	for _, f := range found {
		if s := sev[f.Rule]; s != Off {
			f.Severity = s
			out = append(out, f)
		}
	}
	return out
}
