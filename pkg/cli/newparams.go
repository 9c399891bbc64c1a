package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// parseSets reads the --set ID=VALUE flags of sopctl new.
func parseSets(sets []string) (map[string]string, error) {
	if len(sets) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, s := range sets {
		id, value, ok := strings.Cut(s, "=")
		id = strings.TrimSpace(id)
		switch {
		case !ok:
			return nil, usageErrorf("--set %q needs a value: write --set ID=VALUE, like --set follow_up_days=3", s)
		case !sop.ValidParamID(id):
			return nil, usageErrorf("--set %q: %q is not a parameter id: use %s", s, id, sop.ParamRule)
		case strings.TrimSpace(value) == "":
			return nil, usageErrorf("--set %s= needs a value: write --set %s=VALUE", id, id)
		case strings.ContainsFunc(value, isControl):
			return nil, usageErrorf("--set %s: the value must be one line of text without control characters", id)
		case len(sop.Citations(value)) > 0:
			// A value is written as it is, never read for citations:
			// one would be left in the SOP for lint to report.
			return nil, usageErrorf("--set %s: the value cites a parameter ({{...}}): give the value itself", id)
		}
		if prev, dup := out[id]; dup && prev != value {
			return nil, usageErrorf("--set %s is given twice, as %q and %q: give it once", id, prev, value)
		}
		out[id] = value
	}
	return out, nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) }

// setError makes a --set for a parameter nothing cites a usage error.
func setError(err error) error {
	var up *scaffold.UnknownParamError
	if errors.As(err, &up) {
		return &UsageError{Err: err}
	}
	return err
}

// paramSummary says, after sopctl new's summary, which values --set
// changed in sopctl.yaml and which SOPs in place still hold the old one.
func paramSummary(out io.Writer, uses []scaffold.ParamUse, dryRun bool) {
	for _, u := range uses {
		if u.Source != scaffold.FromSet || u.Old == u.Value && len(u.Stale) == 0 {
			continue
		}
		verb := "is now"
		if dryRun {
			verb = "would be"
		}
		line := fmt.Sprintf("parameter %s %s %q in %s", u.ID, verb, u.Value, scaffold.FromConfig)
		if u.Old != "" && u.Old != u.Value {
			line += fmt.Sprintf(" (was %q)", u.Old)
		}
		if len(u.Stale) > 0 {
			line += fmt.Sprintf("; %d SOPs in place cite it and keep their text: %s (edit them, or scaffold one again with sopctl new ID --force)", len(u.Stale), strings.Join(u.Stale, ", "))
		}
		fmt.Fprintln(out, termsafe.Line(line))
	}
}
