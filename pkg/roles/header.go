package roles

import (
	"bytes"
	"io/fs"
	"path"

	"github.com/sopctl/sopctl/pkg/library"
)

// LoadKnown is Known of the catalogue Load reads from builtin and local,
// for a command that needs only the roles (lint checks roles: lists
// against their ids): with no local templates, it reads only the header
// of each built-in template (its id, title, department, description and
// role: the keys before the first block of kpis, params or sops), not
// its SOPs. Reading the whole built-in catalogue took a fifth of linting
// 100 SOPs. The built-in templates ship inside sopctl, and the tests read
// them whole (TestLoadKnown checks that both ways agree); a library's own
// templates are read whole, so that their problems are reported as Load
// reports them.
func LoadKnown(builtin, local fs.FS, cfg *library.Config) (KnownRoles, error) {
	if local != nil {
		cat, err := Load(builtin, local)
		if err != nil {
			return nil, err
		}
		return Known(cat, cfg), nil
	}
	c := &Catalog{}
	if builtin == nil {
		return Known(c, cfg), nil // as Load reads a nil fs.FS: no templates
	}
	names, err := fs.Glob(builtin, "*.yaml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		t, err := readHeader(builtin, name)
		if err != nil {
			return nil, err
		}
		c.templates = append(c.templates, t)
	}
	sortTemplates(c.templates)
	return Known(c, cfg), nil
}

// readHeader reads the header of the built-in template name with the keys
// ParseTemplate reads it with.
func readHeader(builtin fs.FS, name string) (*Template, error) {
	display := path.Join("templates", name)
	src, err := fs.ReadFile(builtin, name)
	if err != nil {
		return nil, err
	}
	t, r, _, err := decodeTemplate(display, header(src), true, nil)
	if err != nil {
		return nil, err
	}
	return t, r.Err()
}

// header is a template's text up to its first top-level key whose value
// is a block on the lines below (kpis:, params:, sops:).
func header(src []byte) []byte {
	for off := 0; off < len(src); {
		line, _, _ := bytes.Cut(src[off:], []byte("\n"))
		if len(line) > 0 && line[0] != ' ' && line[0] != '#' && bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), []byte(":")) {
			return src[:off]
		}
		off += len(line) + 1
	}
	return src
}
