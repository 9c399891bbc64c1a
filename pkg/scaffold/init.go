package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"gopkg.in/yaml.v3"

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

// configFile writes sopctl.yaml with every key of library.ConfigKeys, in
// the table's order and each under its description: title and
// organization as given, kpis the catalog's KPIs, every other key at its
// default. A key added to the table appears here with no change.
func configFile(title, organization string, cat *roles.Catalog) []byte {
	given := map[string]*yaml.Node{
		"title":        strNode(title, false),
		"organization": strNode(organization, false),
		"kpis":         kpisNode(cat.KPIs()),
	}
	var b bytes.Buffer
	b.WriteString("# sopctl library configuration. Every key is described in sopctl's README.\n")
	for _, k := range library.ConfigKeys() {
		v, ok := given[k.Name]
		if !ok {
			v = defaultNode(k.Default)
		}
		b.Write(withHint(encodeKey(k.Name, v), k.Hint, ok))
	}
	return b.Bytes()
}

// hintColumn is where init's comments beside the keys start, so that they
// line up.
const hintColumn = 35

// withHint puts hint, as a comment, beside the key's lines: on the first
// line of a value init is given (the KPI list under kpis:), else on the
// last line (lint's rules: {}, under lint:).
func withHint(key []byte, hint string, given bool) []byte {
	if hint == "" {
		return key
	}
	lines := strings.Split(strings.TrimSuffix(string(key), "\n"), "\n")
	at := len(lines) - 1
	if given {
		at = 0
	}
	lines[at] += strings.Repeat(" ", max(1, hintColumn-len(lines[at]))) + "# " + hint
	return []byte(strings.Join(lines, "\n") + "\n")
}

// defaultNode is a key's default value as the YAML encoder writes it:
// lists and empty mappings in flow style ([a, b], {}), other mappings as
// blocks. A text key without a default is written empty ("").
func defaultNode(v any) *yaml.Node {
	n := &yaml.Node{}
	if v == nil || n.Encode(v) != nil { // defaults are plain values, which encode
		return strNode("", false)
	}
	var flow func(*yaml.Node)
	flow = func(n *yaml.Node) {
		if n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode && len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		for _, c := range n.Content {
			flow(c)
		}
	}
	flow(n)
	return n
}

// kpisNode is the mapping of KPI ids to names (or to a KPI's mapping,
// kpiEntry), in the catalog's order.
func kpisNode(kpis []roles.KPI) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	if len(kpis) == 0 {
		m.Style = yaml.FlowStyle
	}
	for _, k := range kpis {
		v := strNode(k.Name, false)
		if e := kpiEntry(k); len(e.fields) > 0 {
			v = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			for _, f := range e.fields {
				v.Content = append(v.Content, strNode(f[0], true), strNode(f[1], true))
			}
		}
		m.Content = append(m.Content, strNode(k.ID, false), v)
	}
	return m
}

// encodeKey writes one key and its value as a top-level YAML mapping.
func encodeKey(key string, v *yaml.Node) []byte {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: key}, v}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(m) // encoding nodes into a buffer cannot fail
	_ = enc.Close()
	return b.Bytes()
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

// InitPlan is what sopctl init does in a folder.
type InitPlan struct {
	// Library is set when the folder holds a library's sopctl.yaml
	// already: init changes nothing.
	Library bool
	// Changes are the files of InitFiles, in order: Create for a missing
	// one, Keep for one that exists in any form (a file, a link, a
	// folder), which init leaves as it is.
	Changes []Change
}

// BlockedError is something other than a library's configuration file
// where init would write sopctl.yaml.
type BlockedError struct {
	// Path is the file's path: library.ConfigFile, relative to the
	// folder; a caller may set it to the path it shows.
	Path string
	Why  string // what it is and what to do
}

func (e *BlockedError) Error() string { return e.Path + " " + e.Why }

// PlanInit plans sopctl init in a folder, seen through dir (nil when the
// folder does not exist yet, so everything is created). Anything but a
// regular file, or a link to one, named sopctl.yaml blocks init: every
// other command, which looks for that file, would not find the library
// either. Like a sopctl.yaml that cannot be read, it is a
// *library.ConfigError (the command cannot start); it wraps a
// *BlockedError.
func PlanInit(dir fs.FS, cat *roles.Catalog, title, organization string) (*InitPlan, error) {
	files := InitFiles(title, organization, cat)
	if dir == nil {
		return &InitPlan{Changes: files}, nil
	}
	if isLibrary, err := existingConfig(dir); isLibrary || err != nil {
		return &InitPlan{Library: isLibrary}, err
	}
	for i, c := range files {
		// Lstat: a link counts as there, wherever it points.
		if _, err := fs.Lstat(dir, c.Path); err == nil {
			files[i].Action = Keep
		}
	}
	return &InitPlan{Changes: files}, nil
}

// existingConfig says whether dir holds a library's sopctl.yaml already,
// or why what is there blocks init.
func existingConfig(dir fs.FS) (bool, error) {
	if _, err := fs.Lstat(dir, library.ConfigFile); err != nil {
		return false, nil
	}
	fi, err := fs.Stat(dir, library.ConfigFile)
	var why string
	switch {
	case err == nil && fi.Mode().IsRegular():
		return true, nil
	case err == nil && fi.IsDir():
		why = "is a folder, not a file: sopctl.yaml must be the library's configuration file; rename or remove that folder, then run sopctl init again"
	case err == nil:
		why = "is not a regular file: remove it, then run sopctl init again"
	case errors.Is(err, fs.ErrNotExist):
		why = "is a link to a file that does not exist: remove the link or restore its file, then run sopctl init again"
	default:
		why = fmt.Sprintf("exists but cannot be read (%v): remove or fix it, then run sopctl init again", library.WithoutPath(err))
	}
	return false, &library.ConfigError{Err: &BlockedError{Path: library.ConfigFile, Why: why}}
}
