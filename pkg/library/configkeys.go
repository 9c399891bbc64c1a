package library

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// ConfigKey is one top-level key of sopctl.yaml (SPEC section 1): what
// ParseConfig reads, pkg/schema's config schema offers and the README
// documents.
type ConfigKey struct {
	sop.Key
	// Default is the value that applies when the key is absent, as YAML
	// reads it; nil for text that is then empty.
	Default any
	// Max is the largest whole number a sop.ShapeNumber key takes; the
	// least is 1.
	Max int
	// Hint is the short comment sopctl init writes beside the key ("" for
	// none): the Description is for the README and the schema.
	Hint string
	read func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node)
}

// ConfigKeys returns the keys of sopctl.yaml in the order sopctl init
// writes them. Each call builds them anew, defaults included, so no
// caller can change another's.
func ConfigKeys() []ConfigKey {
	return []ConfigKey{
		{Key: sop.Key{Name: "title", Title: "Handbook title", Description: "The library's title, shown on the rendered handbook."},
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) { c.Title = r.Str(v, key.Name) }},
		{Key: sop.Key{Name: "organization", Title: "Organization", Description: "The organization the handbook belongs to.",
			Aliases: []string{"organisation", "org", "company"}},
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) { c.Organization = r.Str(v, key.Name) }},
		{Key: sop.Key{Name: "sops_dir", Title: "SOPs folder", Description: `The folder, relative to the library root and inside it, that holds the SOP files at any depth; empty means "sops".`},
			Hint:    "where the SOP files live, any depth",
			Default: DefaultSOPsDir, read: readSOPsDir},
		{Key: sop.Key{Name: "static_dir", Title: "Static files folder", Description: `The folder, relative to the library root and inside it, whose files sopctl render copies as they are into the HTML bundle's root (CNAME, a logo, custom.css); empty means "static". A missing static folder is fine unless static_dir names one other than static.`},
			Hint:    "copied as is into the HTML bundle's root",
			Default: DefaultStaticDir, read: readStaticDir},
		{Key: sop.Key{Name: "theme_css", Title: "Theme stylesheet", Description: "A CSS file, relative to the library root and inside it, that sopctl render copies into the HTML bundle as assets/theme.css and links after the built-in stylesheet on every page; empty for none."},
			Hint: "your CSS, linked after the built-in one",
			read: readThemeCSS},
		{Key: sop.Key{Name: "edit_url", Title: "Edit link", Description: "A web address with {path} in it, such as https://github.com/acme/handbook/edit/main/{path}: each rendered SOP page links to it as \"Edit this page\", {path} being the SOP file's path relative to the library root; empty for no link."},
			Hint: "e.g. https://github.com/ORG/REPO/edit/main/{path}",
			read: readEditURL},
		{Key: sop.Key{Name: "handbook_max_sops", Shape: sop.ShapeNumber, Title: "Most SOPs in a printable handbook", Description: "The most SOPs one printable handbook page holds: over it, handbook.html links the role handbooks instead of holding every SOP, and a role handbook continues on further pages."},
			Hint:    "over it, handbook.html links the role handbooks",
			Default: DefaultHandbookMaxSOPs, Max: 1 << 20,
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.HandbookMaxSOPs = r.Positive(v, key.Name, key.Max)
			}},
		{Key: sop.Key{Name: "review_cycle_days", Shape: sop.ShapeNumber, Title: "Review cycle in days", Description: "How many days after its last review (or else its effective date) an SOP is due for review again.",
			Aliases: []string{"review_days", "review_interval", "review_period"}},
			Hint:    "an SOP is due for review this long after it was reviewed",
			Default: DefaultReviewCycleDays, Max: sop.MaxReviewCycleDays,
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.ReviewCycleDays = r.Positive(v, key.Name, key.Max)
			}},
		{Key: sop.Key{Name: "required_fields", Shape: sop.ShapeList, Title: "Required fields", Description: "The front-matter fields every SOP must have, filled in; empty requires none."},
			Default: DefaultRequiredFields(), read: readRequiredFields},
		{Key: sop.Key{Name: "required_sections", Shape: sop.ShapeList, Title: "Required sections", Description: "The level-2 headings every SOP must have, with text under them; case does not matter."},
			Default: DefaultRequiredSections(),
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.RequiredSections = r.Strings(v, key.Name)
			}},
		{Key: sop.Key{Name: "max_file_kb", Shape: sop.ShapeNumber, Title: "Largest SOP file in KiB", Description: "SOP files larger than this many KiB are refused before they are read.",
			Aliases: []string{"max_file_size", "max_size"}},
			Hint:    "larger SOP files are refused unread",
			Default: DefaultMaxFileKB, Max: 1 << 20, // 1 GiB
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.MaxFileKB = r.Positive(v, key.Name, key.Max)
			}},
		{Key: sop.Key{Name: "exclude", Shape: sop.ShapeList, Title: "Excluded paths", Description: "Globs, relative to sops_dir, of files and folders that are not SOPs, like drafts/* or _archive; a glob that matches a folder excludes everything in it.",
			Aliases: []string{"ignore", "excludes"}},
			Hint:    "globs, relative to sops_dir, that are not SOPs",
			Default: []string{}, read: readExclude},
		{Key: sop.Key{Name: "kpis", Shape: sop.ShapeMapping, Title: "KPIs", Description: "The metrics that SOPs may cite in their kpis field: id, then its full name or a mapping of name, definition and target."},
			Hint:    "the metrics SOPs may cite: id: name, or id: {name, definition, target}",
			Default: map[string]string{},
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.KPIs = r.KPIEntries(v, key.Name)
			}},
		{Key: sop.Key{Name: "roles", Shape: sop.ShapeMapping, Title: "Roles", Description: "Roles that SOPs may name in their roles field besides the role templates: id, then its title."},
			Hint:    "role ids besides the templates': id: title",
			Default: map[string]string{},
			read: func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
				c.Roles = r.Entries(v, key.Name, true)
			}},
		{Key: sop.Key{Name: "params", Shape: sop.ShapeMapping, Title: "Template parameters", Description: "Values for the parameters that role templates declare (sopctl templates show ROLE lists them): id, then its value as text. sopctl new writes each value in place of {{id}} in the SOPs it scaffolds, and records here every value it used, so later scaffolds agree."},
			Hint:    "values of template parameters: id: value (sopctl new adds those it uses)",
			Default: map[string]string{}, read: readParams},
		{Key: sop.Key{Name: "lint", Shape: sop.ShapeMapping, Title: "Lint settings", Description: "Settings of sopctl lint: under rules, a severity per rule id (error, warning, info or off)."},
			Hint:    "rule id: error | warning | info | off",
			Default: map[string]any{"rules": map[string]string{}},
			read:    func(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) { c.LintRules = lintRules(r, v) }},
	}
}

// readParams reads params: id: value. A value is a scalar read as the
// text it is written as, so that a number written unquoted (3) is the
// text "3".
func readParams(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	for _, kv := range r.Mapping(v, key.Name) {
		k, val := kv[0], kv[1]
		if !sop.ValidParamID(k.Value) {
			r.Fail(k, "params: %q is not a valid parameter id: use %s", k.Value, sop.ParamRule)
			continue
		}
		if val.Kind != yaml.ScalarNode || sop.IsNull(val) || strings.TrimSpace(val.Value) == "" {
			r.Fail(val, "params: %s needs a value, like %s: \"5\"", k.Value, k.Value)
			continue
		}
		c.Params = append(c.Params, Param{ID: k.Value, Value: val.Value, Pos: sop.Pos{Line: k.Line, Col: k.Column}})
	}
}

func readSOPsDir(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	if d, ok := readFolder(r, key, v, "a folder", DefaultSOPsDir); ok {
		c.SOPsDir, c.SOPsDirPos = d, sop.Pos{Line: v.Line, Col: v.Column}
	}
}

func readStaticDir(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	if d, ok := readFolder(r, key, v, "a folder", DefaultStaticDir); ok {
		c.StaticDir, c.StaticDirPos = d, sop.Pos{Line: v.Line, Col: v.Column}
	}
}

func readThemeCSS(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	if f, ok := readFolder(r, key, v, "a file", "theme.css"); ok {
		c.ThemeCSS, c.ThemeCSSPos = f, sop.Pos{Line: v.Line, Col: v.Column}
	}
}

// readEditURL reads edit_url: an http(s) address that holds {path}.
func readEditURL(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	u := r.Str(v, key.Name)
	if u == "" {
		return
	}
	if msg := editURLProblem(u); msg != "" {
		r.Fail(v, "edit_url %q %s: write a web address such as https://github.com/ORG/REPO/edit/main/{path}, where {path} is the SOP file's path in the library", u, msg)
		return
	}
	c.EditURL = u
}

// editURLProblem says what is wrong with an edit_url, "" when nothing.
func editURLProblem(u string) string {
	parsed, err := url.Parse(strings.ReplaceAll(u, "{path}", "x"))
	switch {
	case strings.ContainsFunc(u, unicode.IsControl):
		return "holds a control character"
	case err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "":
		return "is not an http or https address"
	case !strings.Contains(u, "{path}"):
		return "has no {path}"
	}
	return ""
}

// readFolder reads a key that names a folder (or file) inside the
// library; false when it is empty (the default applies).
func readFolder(r *sop.NodeReader, key ConfigKey, v *yaml.Node, what, like string) (string, bool) {
	d := r.Str(v, key.Name)
	if d == "" {
		return "", false
	}
	switch {
	case strings.ContainsFunc(d, unicode.IsControl):
		r.Fail(v, "%s %q holds a control character: name %s inside the library, like %s", key.Name, d, what, like)
	case !filepath.IsLocal(filepath.FromSlash(d)) || strings.Contains(d, `\`):
		r.Fail(v, "%s %q must be %s inside the library, like %s", key.Name, d, what, like)
	}
	return path.Clean(d), true
}

func readRequiredFields(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	c.RequiredFields = r.Strings(v, key.Name)
	names := sop.FieldNames()
	for _, it := range itemNodes(v) {
		if f := it.Value; !slices.Contains(names, f) {
			msg := fmt.Sprintf("required_fields: %q is not an SOP field", f)
			if s := sop.Meant(sop.SuggestKey(f, sop.Fields())); s != "" {
				msg += "; " + s
			}
			r.Fail(it, "%s", msg)
		}
	}
}

func readExclude(c *Config, r *sop.NodeReader, key ConfigKey, v *yaml.Node) {
	c.Exclude = r.Strings(v, key.Name)
	for _, it := range itemNodes(v) {
		if _, err := path.Match(it.Value, ""); err != nil {
			r.Fail(it, "exclude: %q is not a valid glob pattern", it.Value)
		}
	}
}

// EditLink is the edit_url address of a file (slash-separated, relative
// to the library root): {path} replaced by the path with each segment
// escaped; "" when edit_url is not set.
func (c *Config) EditLink(file string) string {
	if c.EditURL == "" {
		return ""
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.ReplaceAll(c.EditURL, "{path}", strings.Join(segs, "/"))
}
