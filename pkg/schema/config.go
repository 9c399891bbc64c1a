package schema

import (
	"slices"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Limits of sopctl.yaml's numbers, as library.ParseConfig checks them.
const (
	MaxReviewCycleDays = 100 * 365
	MaxFileKB          = 1 << 20
)

// Config returns the schema of sopctl.yaml (SPEC section 1), as JSON. It is
// the same for every library: lint.rules offers every rule of
// lint.Rules().
func Config() []byte { return encode(config()) }

func config() *node {
	sopsDir := text("SOPs folder", `The folder, relative to the library root and inside it, that holds the SOP files at any depth; empty means "sops".`)
	sopsDir.Default = library.DefaultSOPsDir
	// filepath.IsLocal, as far as a pattern can tell: not absolute, no
	// backslash and no ".." step.
	sopsDir.Not = &node{Type: "string", Pattern: `^/|\\|(^|/)\.\.(/|$)`}

	reviewCycle := &node{Title: "Review cycle in days",
		Description: "How many days after its last review (or else its effective date) an SOP is due for review again.",
		Type:        "integer", Minimum: new(1), Maximum: new(MaxReviewCycleDays), Default: library.DefaultReviewCycleDays}

	requiredFields := list("Required fields", "The front-matter fields every SOP must have, filled in; empty requires none.",
		&node{Enum: enum(sop.Fields)})
	requiredFields.Default = slices.Clone(library.DefaultRequiredFields)

	requiredSections := list("Required sections", "The level-2 headings every SOP must have, with text under them; case does not matter.",
		&node{Type: textTypes, Pattern: nonBlank})
	requiredSections.Default = slices.Clone(library.DefaultRequiredSections)

	maxFileKB := &node{Title: "Largest SOP file in KiB",
		Description: "SOP files larger than this many KiB are refused before they are read.",
		Type:        "integer", Minimum: new(1), Maximum: new(MaxFileKB), Default: library.DefaultMaxFileKB}

	exclude := list("Excluded paths", "Globs, relative to sops_dir, of files and folders that are not SOPs, like drafts/* or _archive.",
		&node{Type: textTypes, Pattern: nonBlank})
	exclude.Default = []string{}

	kpis := mapping("KPIs", "The metrics that SOPs may cite in their kpis field: id, then its full name.")
	kpis.PropertyNames = &node{Pattern: nonBlank}
	kpis.AdditionalProperties = filledText("KPI name", "The KPI's full name, like Customer Satisfaction Score.")
	kpis.Default = map[string]string{}

	roleMap := mapping("Roles", "Roles that SOPs may name in their roles field besides the role templates: id, then its title.")
	roleMap.PropertyNames = &node{Pattern: IDPattern, MaxLength: new(maxIDLength)}
	roleMap.AdditionalProperties = filledText("Role title", "The role's title, like Night Supervisor.")
	roleMap.Default = map[string]string{}

	rules := mapping("Rule severities", "Severities that replace the default of lint rules, by rule id: error, warning, info or off.")
	for _, r := range lint.Rules() {
		n := &node{Title: r.ID, Default: r.Default.String()}
		if r.Fixed {
			n.Enum = []any{r.Default.String()}
			n.Description = "Severity of " + r.ID + ", which fires when " + r.Summary + "; it is always " + r.Default.String() + "."
		} else {
			n.Enum = enum(library.Severities)
			n.Description = "Severity of " + r.ID + ", which fires when " + r.Summary + " (default " + r.Default.String() + ")."
		}
		rules.Properties = append(rules.Properties, prop{r.ID, n})
	}
	rules.AdditionalProperties = false
	rules.Default = map[string]string{}

	lintNode := mapping("Lint settings", "Settings of sopctl lint.")
	lintNode.Properties = props{{"rules", rules}}
	lintNode.AdditionalProperties = false
	lintNode.Default = map[string]any{"rules": map[string]string{}}

	return &node{
		Schema:      Draft,
		Title:       "sopctl.yaml",
		Description: "The configuration of an sopctl library, in sopctl.yaml at the library's root.",
		Type:        "object",
		Properties: props{
			{"title", text("Handbook title", "The library's title, shown on the rendered handbook.")},
			{"organization", text("Organization", "The organization the handbook belongs to.")},
			{"sops_dir", sopsDir},
			{"review_cycle_days", reviewCycle},
			{"required_fields", requiredFields},
			{"required_sections", requiredSections},
			{"max_file_kb", maxFileKB},
			{"exclude", exclude},
			{"kpis", kpis},
			{"roles", roleMap},
			{"lint", lintNode},
		},
		AdditionalProperties: false,
	}
}
