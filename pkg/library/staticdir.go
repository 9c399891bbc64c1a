package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/sopctl/sopctl/pkg/sop"
)

// CheckStaticDir makes sure that static_dir names a folder inside the
// library: a config error at its value otherwise. The default, static,
// may be missing (a library with no static files), also when written out,
// as sopctl init writes it.
func (c *Config) CheckStaticDir(root *os.Root) error {
	pos := c.StaticDirPos
	if pos == (sop.Pos{}) {
		pos = sop.Pos{Line: 1, Col: 1}
	}
	fail := func(format string, args ...any) error {
		return &ConfigError{Err: &sop.Error{Path: ConfigFile, Pos: pos, Rule: "config", Msg: fmt.Sprintf(format, args...)}}
	}
	fi, err := root.Stat(c.StaticDir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fail("static_dir %q is not a folder: name the folder whose files the HTML bundle gets", c.StaticDir)
	case errors.Is(err, fs.ErrNotExist) && c.StaticDir == DefaultStaticDir:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return fail("static_dir %q does not exist: create the folder, or remove static_dir", c.StaticDir)
	}
	return fail("static_dir %q cannot be read (%v): it must be a folder inside the library", c.StaticDir, WithoutPath(err))
}
