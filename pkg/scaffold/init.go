package scaffold

import (
	"fmt"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

// DefaultTitle is the handbook title sopctl init uses without --title.
const DefaultTitle = "SOP Handbook"

// InitFiles returns the files of a new library: sopctl.yaml with every key
// at its default and every KPI the templates cite, the SOP folder (kept in
// git by a .gitkeep), a README and a .gitignore for rendered output.
func InitFiles(title, organization string, cat *roles.Catalog) []Change {
	if title == "" {
		title = DefaultTitle
	}
	return []Change{
		{Path: library.ConfigFile, Action: Create, Data: configFile(title, organization, cat), Note: "library configuration"},
		{Path: library.DefaultSOPsDir + "/.gitkeep", Action: Create, Data: nil, Note: "keeps the empty SOP folder in git"},
		{Path: "README.md", Action: Create, Data: readme(title), Note: "how to work on this library"},
		{Path: ".gitignore", Action: Create, Data: []byte(gitignore), Note: "ignores rendered output"},
	}
}

// gitignore keeps out of git the rendered handbooks and the temporary
// files and folders sopctl writes before renaming them into place (render's
// .site.sopctl-new-PID-RAND, the scaffold's .a.md.sopctl-PID-RAND): left by an
// interrupted run, they must not show in git status or be committed.
const gitignore = `# Rendered handbooks (sopctl render)
/site/
/site-md/
# Unfinished writes of an interrupted sopctl run
.*.sopctl-*
`

func configFile(title, organization string, cat *roles.Catalog) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# sopctl library configuration. Every key is described in sopctl's README.\n")
	w("title: %s\n", scalar(title, false))
	w("organization: %s\n", scalar(organization, false))
	w("sops_dir: %s                     # where the SOP files live, any depth\n", library.DefaultSOPsDir)
	w("review_cycle_days: %d             # an SOP is due for review this long after it was reviewed\n", library.DefaultReviewCycleDays)
	w("required_fields: [%s]\n", strings.Join(library.DefaultRequiredFields(), ", "))
	w("required_sections: [%s]\n", strings.Join(library.DefaultRequiredSections(), ", "))
	w("max_file_kb: %d                  # larger SOP files are refused unread\n", library.DefaultMaxFileKB)
	w("exclude: []                        # globs, relative to sops_dir, that are not SOPs\n")
	w("kpis:                              # the metrics SOPs may cite: id: name\n")
	for _, k := range cat.KPIs() {
		w("  %s: %s\n", scalar(k.ID, false), scalar(k.Name, false))
	}
	w("roles: {}                          # role ids besides the templates': id: title\n")
	w("lint:\n  rules: {}                        # rule id: error | warning | info | off\n")
	return []byte(b.String())
}

func readme(title string) []byte {
	return []byte("# " + escapeInline(title) + `

The standard operating procedures of this team, kept as Markdown files in
git and managed with [sopctl](https://github.com/sopctl/sopctl).

- ` + "`sops/`" + ` holds one file per SOP, named after its id.
- ` + "`sopctl.yaml`" + ` configures the library: its title, the KPIs SOPs may
  cite, the fields and sections every SOP needs.

Common commands, run anywhere in this folder:

` + "```" + `
sopctl templates list                     # the role templates
sopctl new --role ROLE                    # scaffold every SOP of a role as drafts
sopctl new ID --title "Title"             # start a blank SOP
` + "```" + `
`)
}
