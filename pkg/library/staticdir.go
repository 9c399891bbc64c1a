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

// ReadThemeCSS reads the theme_css file through root, so that a symlink
// leading outside the library is refused; nil when theme_css is empty. A
// file that cannot be read is a config error at the theme_css value.
func (c *Config) ReadThemeCSS(root *os.Root) ([]byte, error) {
	if c.ThemeCSS == "" {
		return nil, nil
	}
	b, err := root.ReadFile(c.ThemeCSS)
	if err == nil {
		return b, nil
	}
	msg := fmt.Sprintf("theme_css %q cannot be read (%v): name a CSS file inside the library", c.ThemeCSS, WithoutPath(err))
	if fi, lerr := root.Lstat(c.ThemeCSS); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		msg = fmt.Sprintf("theme_css %q is a symbolic link leading outside the library or to nothing: copy the file into the library", c.ThemeCSS)
	} else if errors.Is(err, fs.ErrNotExist) {
		msg = fmt.Sprintf("theme_css %q does not exist: create the file, or remove theme_css", c.ThemeCSS)
	}
	return nil, &ConfigError{Err: &sop.Error{Path: ConfigFile, Pos: c.ThemeCSSPos, Rule: "config", Msg: msg}}
}
