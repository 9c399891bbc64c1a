package library

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// ConfigFile is the name of a library's configuration file.
const ConfigFile = "sopctl.yaml"

// Defaults of sopctl.yaml (SPEC section 1).
const (
	DefaultSOPsDir         = "sops"
	DefaultStaticDir       = "static"
	DefaultReviewCycleDays = 365
	DefaultMaxFileKB       = 1024
	DefaultHandbookMaxSOPs = 2000
)

// DefaultRequiredFields returns the front-matter fields sopctl.yaml
// requires by default: those sop.Fields marks required.
func DefaultRequiredFields() []string {
	var out []string
	for _, f := range sop.Fields() {
		if f.Required {
			out = append(out, f.Name)
		}
	}
	return out
}

// DefaultRequiredSections returns the sections sopctl.yaml requires by
// default.
func DefaultRequiredSections() []string { return []string{"Purpose", "Scope", "Procedure"} }

// Severities returns the severities a lint rule may be set to in
// sopctl.yaml, most severe first.
func Severities() []string { return []string{"error", "warning", "info", "off"} }

// Entry is one id: name pair of a mapping in sopctl.yaml (kpis, roles).
type Entry = sop.Entry

// RuleSetting is one lint.rules entry.
type RuleSetting struct {
	Rule, Severity string
	Pos            sop.Pos
}

// Config is a parsed sopctl.yaml.
type Config struct {
	// Src is the file as read and Root its top-level mapping, kept so that
	// sopctl can add a KPI without disturbing anything else in the file.
	Src  []byte
	Root *yaml.Node

	Title, Organization string
	SOPsDir             string // slash-separated, relative to the library root
	// SOPsDirPos is where sops_dir is set in the file (line 1 when it is
	// not: the default applies), for messages about the folder.
	SOPsDirPos sop.Pos
	StaticDir  string // slash-separated, relative to the library root
	// StaticDirPos is where static_dir is set in the file; zero when it
	// is not, and a missing default folder is fine.
	StaticDirPos sop.Pos
	// ThemeCSS is the theme_css file, slash-separated, relative to the
	// library root; "" for none. ThemeCSSPos is where it is set.
	ThemeCSS    string
	ThemeCSSPos sop.Pos
	// EditURL is edit_url: an http(s) address holding {path}; "" for none.
	EditURL string
	// HandbookMaxSOPs is the most SOPs one printable handbook page holds.
	HandbookMaxSOPs  int
	ReviewCycleDays  int
	RequiredFields   []string
	RequiredSections []string
	MaxFileKB        int
	Exclude          []string
	KPIs             []Entry // in file order
	Roles            []Entry // in file order
	Params           []Param // in file order
	LintRules        []RuleSetting
}

// Param is one entry of params: a template parameter's value, as text.
type Param struct {
	ID, Value string
	Pos       sop.Pos // of the id
}

// Param returns the value params: gives a parameter id.
func (c *Config) Param(id string) (string, bool) {
	for _, p := range c.Params {
		if p.ID == id {
			return p.Value, true
		}
	}
	return "", false
}

// ConfigError is a sopctl.yaml that cannot be used. Commands cannot start
// with one, so the CLI exits 2.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// KPI returns the name of a KPI id and whether the config defines it.
func (c *Config) KPI(id string) (string, bool) { return lookup(c.KPIs, id) }

// KPINames maps the config's KPI ids to their names: what the writers
// show for the ids an SOP's kpis field lists.
func (c *Config) KPINames() map[string]string {
	names := make(map[string]string, len(c.KPIs))
	for _, k := range c.KPIs {
		names[k.ID] = k.Name
	}
	return names
}

// Role returns the title of a role id defined in the config.
func (c *Config) Role(id string) (string, bool) { return lookup(c.Roles, id) }

func lookup(entries []Entry, id string) (string, bool) {
	for _, e := range entries {
		if e.ID == id {
			return e.Name, true
		}
	}
	return "", false
}

// ParseConfig parses and validates sopctl.yaml. name names the file in
// messages. Every problem is reported with the file's line and column; the
// error is a *ConfigError.
func ParseConfig(name string, src []byte) (*Config, error) {
	root, err := sop.ParseYAML(name, src)
	if err != nil {
		return nil, &ConfigError{Err: err}
	}
	c := &Config{
		Src: src, Root: root, SOPsDir: DefaultSOPsDir, StaticDir: DefaultStaticDir, SOPsDirPos: sop.Pos{Line: 1, Col: 1}, ReviewCycleDays: DefaultReviewCycleDays, HandbookMaxSOPs: DefaultHandbookMaxSOPs,
		MaxFileKB: DefaultMaxFileKB, RequiredFields: DefaultRequiredFields(), RequiredSections: DefaultRequiredSections(),
	}
	r := &sop.NodeReader{Path: name, Rule: "config"}
	sop.ReadKeys(r, root, ConfigFile, ConfigFile, ConfigKeys(), func(key ConfigKey, _, v *yaml.Node) {
		key.read(c, r, key, v)
	})
	if err := r.Err(); err != nil {
		return nil, &ConfigError{Err: err}
	}
	return c, nil
}

// itemNodes returns the non-empty scalar items of a list node; r.Strings
// has already reported any others.
func itemNodes(n *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	if n.Kind == yaml.SequenceNode {
		for _, it := range n.Content {
			if it.Kind == yaml.ScalarNode && !sop.IsNull(it) && strings.TrimSpace(it.Value) != "" {
				out = append(out, it)
			}
		}
	}
	return out
}

func lintRules(r *sop.NodeReader, n *yaml.Node) []RuleSetting {
	var out []RuleSetting
	for _, kv := range r.Mapping(n, "lint") {
		if kv[0].Value != "rules" {
			r.Unknown(kv[0], "lint", []string{"rules"})
			continue
		}
		for _, rule := range r.Mapping(kv[1], "lint.rules") {
			rk, rv := rule[0], rule[1]
			if rv.Kind != yaml.ScalarNode || !slices.Contains(Severities(), rv.Value) {
				r.Fail(rv, "lint.rules.%s: severity must be one of %s", rk.Value, strings.Join(Severities(), ", "))
			}
			out = append(out, RuleSetting{Rule: rk.Value, Severity: rv.Value, Pos: sop.Pos{Line: rk.Line, Col: rk.Column}})
		}
	}
	return out
}
