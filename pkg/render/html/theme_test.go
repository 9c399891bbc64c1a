package html_test

import (
	"strings"
	"testing"
)

// TestThemeCSS: Options.ThemeCSS is written as assets/theme.css and linked
// after the built-in stylesheet on every page; without it, no page links one.
func TestThemeCSS(t *testing.T) {
	h, lib := loadSmall(t)
	tests := []struct {
		name  string
		theme []byte
	}{
		{"none", nil},
		{"a theme", []byte("body { color: teal }\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := options(lib)
			opts.ThemeCSS = tt.theme
			files, _, err := bundleOf(h, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := files["assets/theme.css"]; ok != (tt.theme != nil) || string(got) != string(tt.theme) {
				t.Errorf("assets/theme.css = %q (written %v), want %q", got, ok, tt.theme)
			}
			pages := 0
			for name, data := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				root := strings.Repeat("../", strings.Count(name, "/"))
				builtin := strings.Index(string(data), `<link rel="stylesheet" href="`+root+`assets/style.css">`)
				theme := strings.Index(string(data), `<link rel="stylesheet" href="`+root+`assets/theme.css">`)
				switch {
				case tt.theme == nil && theme >= 0:
					t.Errorf("%s links a theme that is not there", name)
				case tt.theme != nil && (theme < 0 || builtin < 0 || theme < builtin):
					t.Errorf("%s: theme link at %d, built-in at %d; want the theme after the built-in", name, theme, builtin)
				}
			}
			if pages < 4 {
				t.Errorf("%d pages checked, want every page", pages)
			}
		})
	}
}
