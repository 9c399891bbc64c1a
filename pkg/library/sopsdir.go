package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// checkSOPsDir makes sure that sops_dir names a folder inside the library.
// A sops_dir that names nothing (a typo: sops_dir: sop) would otherwise
// load as a library with no SOP, and lint would pass with nothing checked;
// so it is a config error at the sops_dir value, suggesting a folder whose
// name is close.
//
// When adding is set (sopctl new, which writes into sops_dir) a missing
// folder is no error: new creates it, as it creates any folder an SOP goes
// in. Unless a folder with a close name exists: that is a typo, and new
// would start a second SOP folder beside the real one.
func checkSOPsDir(root *os.Root, cfg *Config, adding bool) error {
	fail := func(format string, args ...any) error {
		return &ConfigError{Err: &sop.Error{Path: ConfigFile, Pos: cfg.SOPsDirPos, Rule: "config", Msg: fmt.Sprintf(format, args...)}}
	}
	dir := cfg.SOPsDir
	fi, err := root.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fail("sops_dir %q is not a folder: name the folder that holds the SOP files", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fail("sops_dir %q cannot be read (%v): it must be a folder inside the library", dir, WithoutPath(err))
	}
	if _, lerr := root.Lstat(dir); lerr == nil {
		return fail("sops_dir %q is a symlink to nothing: make it a folder, or set sops_dir to the folder that holds the SOP files", dir)
	}
	meant := sop.Meant(closeFolder(root, dir))
	switch {
	case meant != "":
		return fail("sops_dir %q does not exist: %s", dir, meant)
	case adding:
		return nil
	case cfg.SOPsDirPos == (sop.Pos{Line: 1, Col: 1}): // no sops_dir value: the default applies
		return fail("the SOP folder %q (the default of sops_dir) does not exist: create it, or set sops_dir to the folder that holds the SOP files", dir)
	}
	return fail("sops_dir %q does not exist: create the folder, or set sops_dir to the folder that holds the SOP files", dir)
}

// closeFolder returns the folder beside dir (in dir's parent) whose name
// is closest to dir's, as a path from the library root, or "" when none is
// close enough to be what a typo meant. Hidden folders (.git) are no
// candidates.
func closeFolder(root *os.Root, dir string) string {
	parent := path.Dir(dir)
	entries, err := fs.ReadDir(root.FS(), parent)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	best := sop.Closest(path.Base(dir), names)
	if best == "" {
		return ""
	}
	return path.Join(parent, best)
}
