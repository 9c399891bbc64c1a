package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/sopctl/sopctl/"

// layers is what each package of the module may import of the module
// (STYLE.md: sop ← library ← {lint, render, scaffold} ← cli ← cmd), besides
// pkg/internal/..., which any package under pkg may use and which itself
// imports nothing else of the module. A package missing here fails the
// test: place it in the layers when you add it.
var layers = map[string][]string{
	"pkg/sop":             {},
	"pkg/iostreams":       {},
	"pkg/gitlog":          {},
	"pkg/library":         {"pkg/sop"},
	"pkg/roles":           {"pkg/sop", "pkg/library"},
	"pkg/lint":            {"pkg/sop", "pkg/library", "pkg/fix"}, // a rule names its fixer
	"pkg/fix":             {"pkg/sop", "pkg/library", "pkg/scaffold"},
	"pkg/lint/report":     {"pkg/sop", "pkg/library", "pkg/lint"},
	"pkg/changes":         {"pkg/sop", "pkg/library"},
	"pkg/render":          {"pkg/sop", "pkg/library", "pkg/gitlog"},
	"pkg/render/html":     {"pkg/sop", "pkg/library", "pkg/gitlog", "pkg/render"},
	"pkg/render/markdown": {"pkg/sop", "pkg/library", "pkg/gitlog", "pkg/render"},
	"pkg/render/term":     {"pkg/sop", "pkg/render"},
	"pkg/scaffold":        {"pkg/sop", "pkg/library", "pkg/roles"},
	"pkg/serve":           {"pkg/library", "pkg/lint", "pkg/render", "pkg/render/html"},
	"pkg/schema":          {"pkg/sop", "pkg/library", "pkg/roles", "pkg/lint"},
	"pkg/ack":             {"pkg/sop"},
	"pkg/cli":             {"*"},
	"cmd/sopctl":          {"pkg/cli", "pkg/iostreams"},
	"templates":           {},

	// The render tests' shared helpers load a library as sopctl render does.
	"pkg/render/internal/rendertest": {"pkg/gitlog", "pkg/library", "pkg/render", "pkg/roles", "templates"},
}

// TestImportDirection fails when a package imports against the layers, or
// when a package other than pkg/cli imports cobra.
func TestImportDirection(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot list the module's imports")
	}
	cmd := exec.Command(goCmd, "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, "./...")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		pkg, imports := strings.TrimPrefix(fields[0], module), fields[1:]
		seen++
		internal := strings.HasPrefix(pkg, "pkg/internal/")
		allowed, known := layers[pkg]
		if !known && !internal {
			t.Errorf("%s is not in the layers of layers_test.go: add it", pkg)
			continue
		}
		for _, imp := range imports {
			if strings.HasPrefix(imp, "github.com/spf13/cobra") && pkg != "pkg/cli" {
				t.Errorf("%s imports cobra: only pkg/cli may", pkg)
			}
			if !strings.HasPrefix(imp, module) {
				continue
			}
			imp = strings.TrimPrefix(imp, module)
			switch {
			case internal && !strings.HasPrefix(imp, "pkg/internal/"):
				t.Errorf("%s imports %s: pkg/internal packages import nothing else of the module", pkg, imp)
			case internal, strings.HasPrefix(imp, "pkg/internal/") && strings.HasPrefix(pkg, "pkg/"):
			case slices.Contains(allowed, "*"), slices.Contains(allowed, imp):
			default:
				t.Errorf("%s imports %s, against the layers (it may import %v)", pkg, imp, allowed)
			}
		}
	}
	if seen < len(layers) {
		t.Errorf("go list gave %d packages, fewer than the %d in layers", seen, len(layers))
	}
}

// TestOnlyCLITouchesTheProcess: below pkg/cli, nothing writes to the
// process's own streams or ends it (pkg/iostreams, which hands the
// streams to the CLI, aside). The measuring programs under pkg/internal
// (package main: the floor, the library generator) own their process.
func TestOnlyCLITouchesTheProcess(t *testing.T) {
	root := filepath.Join("..", "..", "pkg")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "cli/") || strings.HasPrefix(rel, "iostreams/") || strings.Contains(rel, "/testdata/") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		isMain := bytes.HasPrefix(src, []byte("package main\n")) || bytes.Contains(src, []byte("\npackage main\n"))
		if isMain && strings.HasPrefix(rel, "internal/") {
			return nil
		}
		for _, bad := range []string{"os.Stdout", "os.Stderr", "os.Exit("} {
			if bytes.Contains(src, []byte(bad)) {
				t.Errorf("pkg/%s uses %s: only pkg/cli may (take the streams from iostreams)", rel, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
