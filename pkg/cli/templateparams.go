package cli

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/sopctl/sopctl/pkg/internal/textwrap"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/scaffold"
)

// libraryConfig reads the sopctl.yaml of the library at libDir; nil outside a
// library.
func libraryConfig(libDir string) (*library.Config, error) {
	if libDir == "" {
		return nil, nil
	}
	root, err := os.OpenRoot(libDir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return library.ReadConfig(root)
}

// showParams lists the parameters that defs cite: each one's value (from
// sopctl.yaml, else the default) with its unit, its description and the
// SOPs that cite it.
func showParams(env *Env, cat *roles.Catalog, cfg *library.Config, defs []*roles.SOP) {
	ids := roles.CitedParams(defs)
	if len(ids) == 0 {
		return
	}
	out := env.IO.Out
	fmt.Fprintf(out, "\nParameters (%d): set a value under params: in %s, or with sopctl new --set ID=VALUE:\n", len(ids), library.ConfigFile)
	for _, id := range ids {
		decl, _ := cat.Param(id)
		value, source := scaffold.ParamValue(id, nil, cfg, cat)
		from := "default"
		switch {
		case source == scaffold.FromConfig && value == decl.Default:
			from = "from " + library.ConfigFile + ", the default"
		case source == scaffold.FromConfig:
			from = fmt.Sprintf("from %s; default %s", library.ConfigFile, withUnit(decl.Default, decl.Unit))
		}
		var citing []string
		for _, d := range defs {
			if d.CitesParam(id) {
				citing = append(citing, d.ID)
			}
		}
		fmt.Fprintf(out, "  %s = %s (%s)\n", oneLine(id), oneLine(withUnit(value, decl.Unit)), oneLine(from))
		if decl.Description != "" {
			for _, line := range strings.Split(textwrap.Wrap(oneLine(decl.Description), 74), "\n") {
				fmt.Fprintf(out, "      %s\n", line)
			}
		}
		fmt.Fprintf(out, "      cited by %s\n", oneLine(strings.Join(citing, ", ")))
	}
}

// withUnit writes a value with its unit: "5 business days", "85%".
func withUnit(value, unit string) string {
	if unit == "" {
		return value
	}
	if r := []rune(unit)[0]; unicode.IsLetter(r) {
		return value + " " + unit
	}
	return value + unit
}
