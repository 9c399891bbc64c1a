package scaffold

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Where a parameter's value comes from, most important first.
const (
	FromSet     = "--set"
	FromConfig  = library.ConfigFile
	FromDefault = "default"
)

// ParamUse is a parameter that a plan writes into SOPs, or that --set
// names: its value and where that comes from, and what sopctl.yaml has.
type ParamUse struct {
	ID, Value, Source string
	// Old is sopctl.yaml's value before the plan ("" when it has none);
	// the plan writes Value there when the two differ.
	Old string
	// Stale lists the SOPs in the library, not rewritten by the plan,
	// whose template text cites the parameter: they hold Old, or the
	// value of an earlier scaffold, until they are edited.
	Stale []string
}

// UnknownParamError is a --set for a parameter that none of the SOPs
// asked for cites. The CLI reports it as a bad argument.
type UnknownParamError struct {
	// What names the SOPs asked for, with its verb: "SOP x does not".
	ID, What, Suggestion string
	Cited                []string // what the SOPs do cite
}

func (e *UnknownParamError) Error() string {
	msg := fmt.Sprintf("--set %s: %s cite {{%s}}", e.ID, e.What, e.ID)
	switch {
	case e.Suggestion != "":
		msg += ": " + sop.Meant(e.Suggestion)
	case len(e.Cited) > 0:
		msg += "; the parameters cited are " + strings.Join(e.Cited, ", ")
	default:
		msg += "; no parameter is cited"
	}
	return msg + " (sopctl templates show ROLE lists a role's parameters)"
}

// params chooses and records the value of each parameter a plan uses.
type params struct {
	set  map[string]string
	cfg  *library.Config
	cat  *roles.Catalog
	used []ParamUse // in order of first use
}

// value is a parameter's value (ParamValue), recording its use.
func (p *params) value(id string) (string, bool) {
	if i := slices.IndexFunc(p.used, func(u ParamUse) bool { return u.ID == id }); i >= 0 {
		return p.used[i].Value, true
	}
	v, source := ParamValue(id, p.set, p.cfg, p.cat)
	if source == "" {
		return "", false // the catalogue declares every id cited: not reached
	}
	old, _ := p.cfg.Param(id)
	p.used = append(p.used, ParamUse{ID: id, Value: v, Source: source, Old: old})
	return v, true
}

// ParamValue is the value sopctl new writes for a parameter, and where
// it comes from: set (--set), else cfg's params (cfg may be nil, outside
// a library), else the default of the template that declares it. The
// source is "" for a parameter no template declares.
func ParamValue(id string, set map[string]string, cfg *library.Config, cat *roles.Catalog) (value, source string) {
	if v, ok := set[id]; ok {
		return v, FromSet
	}
	if cfg != nil {
		if v, ok := cfg.Param(id); ok {
			return v, FromConfig
		}
	}
	if d, ok := cat.Param(id); ok {
		return d.Default, FromDefault
	}
	return "", ""
}

// checkSet refuses a --set id that defs do not cite; what names defs.
func (p *params) checkSet(defs []*roles.SOP, what string) error {
	cited := roles.CitedParams(defs)
	ids := make([]string, 0, len(p.set))
	for id := range p.set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if !slices.Contains(cited, id) {
			return &UnknownParamError{ID: id, What: what, Suggestion: sop.Closest(id, cited), Cited: cited}
		}
	}
	return nil
}

// substituted returns a copy of d with every {{id}} replaced by its
// value. Text that is Markdown gets the value escaped, so a value reads
// as plain text; front-matter values and the title and responsibility
// role (which FromTemplate escapes itself) get it as it is.
func substituted(d *roles.SOP, value func(string) (string, bool)) *roles.SOP {
	if len(d.Cites) == 0 {
		return d
	}
	raw := func(s string) string { return sop.Substitute(s, value) }
	md := func(s string) string {
		return sop.Substitute(s, func(id string) (string, bool) {
			v, ok := value(id)
			return escapeInline(v), ok
		})
	}
	all := func(list []string, f func(string) string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = f(s)
		}
		return out
	}
	c := *d
	c.Title, c.Owner, c.Purpose, c.Scope = raw(d.Title), raw(d.Owner), md(d.Purpose), md(d.Scope)
	c.Responsibilities = make([]roles.Responsibility, len(d.Responsibilities))
	for i, r := range d.Responsibilities {
		c.Responsibilities[i] = roles.Responsibility{Role: raw(r.Role), Duty: md(r.Duty)}
	}
	sections := func(list []roles.Section) []roles.Section {
		out := make([]roles.Section, len(list))
		for i, s := range list {
			out[i] = roles.Section{Heading: md(s.Heading), Body: md(s.Body)}
		}
		return out
	}
	c.Sections, c.EndSections = sections(d.Sections), sections(d.EndSections)
	c.Steps, c.Checklist = all(d.Steps, md), all(d.Checklist, md)
	c.Channels, c.Tags, c.Responsible = all(d.Channels, raw), all(d.Tags, raw), all(d.Responsible, raw)
	return &c
}

// configParams records in params: of src every parameter value the plan
// used, and every --set value, that src does not already hold: a new id
// is added, a value --set changes is replaced in place.
func (p *planner) configParams(src []byte, root *yaml.Node) ([]byte, string, error) {
	for _, id := range slices.Sorted(maps.Keys(p.params.set)) {
		p.params.value(id) // a --set for SOPs that are in place already
	}
	data := src
	var entries []mapEntry
	var added, changed []string
	for _, u := range p.params.used {
		switch {
		case u.Old == u.Value:
			continue
		case u.Old == "":
			entries = append(entries, mapEntry{key: u.ID, value: u.Value})
			added = append(added, u.ID)
			continue
		}
		out, err := replaceParam(data, u.ID, u.Value)
		if err != nil {
			return nil, "", fmt.Errorf("%s: cannot set params: %s to %q (%v); set it by hand", library.ConfigFile, u.ID, u.Value, err)
		}
		data = out
		changed = append(changed, fmt.Sprintf("%s from %q to %q", u.ID, u.Old, u.Value))
	}
	if len(entries) > 0 {
		c, err := library.ParseConfig(library.ConfigFile, emptyFlowToNull(data, root, "params"))
		if err != nil {
			return nil, "", err
		}
		out, err := appendToMapping(c.Src, c.Root, "params", entries)
		if err != nil {
			return nil, "", fmt.Errorf("%s: cannot add params %s to params: (%v); add them by hand", library.ConfigFile, strings.Join(added, ", "), err)
		}
		data = out
	}
	if err := readsBack(data, p.params.used); err != nil {
		return nil, "", err
	}
	p.plan.Params = p.stale(p.params.used)
	var notes []string
	if len(added) > 0 {
		notes = append(notes, "add params "+abridged(added, 8))
	}
	if len(changed) > 0 {
		notes = append(notes, "set params "+strings.Join(changed, ", "))
	}
	return data, strings.Join(notes, "; "), nil
}

// readsBack checks that sopctl.yaml's bytes data give every parameter
// its value.
func readsBack(data []byte, uses []ParamUse) error {
	c, err := library.ParseConfig(library.ConfigFile, data)
	if err != nil {
		return err
	}
	for _, u := range uses {
		if v, _ := c.Param(u.ID); v != u.Value {
			return fmt.Errorf("%s: params: %s would read %q, not %q: set it by hand", library.ConfigFile, u.ID, v, u.Value)
		}
	}
	return nil
}

// replaceParam writes value over the value of params: id in src.
func replaceParam(src []byte, id, value string) ([]byte, error) {
	c, err := library.ParseConfig(library.ConfigFile, src)
	if err != nil {
		return nil, err
	}
	_, m := find(c.Root, "params")
	k, v := find(m, id)
	from, to, pad, err := valueSpan(newText(src), k, v)
	if err != nil {
		return nil, err
	}
	return replace(src, from, to, pad+scalar(value, m.Style&yaml.FlowStyle != 0)), nil
}

// stale fills in, for each value --set changes, the SOPs in the library
// that cite the parameter and that the plan does not rewrite.
func (p *planner) stale(uses []ParamUse) []ParamUse {
	rewritten := map[string]bool{}
	for _, c := range p.plan.Changes {
		if c.Action == Create || c.Action == Replace {
			rewritten[c.Path] = true
		}
	}
	out := slices.Clone(uses)
	for i, u := range out {
		before := u.Old
		if d, ok := p.cat.Param(u.ID); ok && before == "" {
			before = d.Default
		}
		if u.Source != FromSet || u.Value == before {
			continue
		}
		for _, doc := range p.lib.Docs {
			if d, ok := p.cat.SOP(doc.Meta.ID.Text); ok && !rewritten[doc.Path] && d.CitesParam(u.ID) && !slices.Contains(out[i].Stale, d.ID) {
				out[i].Stale = append(out[i].Stale, d.ID)
			}
		}
	}
	return out
}

// abridged joins ids with commas, the first max of them and how many more
// there are: a role's first scaffold records a hundred parameters or
// more, which one summary line cannot list usefully.
func abridged(ids []string, max int) string {
	if len(ids) <= max {
		return strings.Join(ids, ", ")
	}
	return fmt.Sprintf("%s and %d more (%d in all)", strings.Join(ids[:max], ", "), len(ids)-max, len(ids))
}
