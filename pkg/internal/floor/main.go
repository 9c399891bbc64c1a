// Command floor is the yardstick of issue 15: it does only the work that
// linting or rendering a library cannot avoid, so that sopctl's own time
// and memory can be given as a ratio to it (compare.sh runs the two in
// turn). It is a measuring tool of the project, not part of sopctl, and
// no product code imports it.
//
//	floor lint DIR        read every *.md under DIR/sops, split its front
//	                      matter, parse the YAML into a yaml.Node and the
//	                      body with goldmark + GFM, walk the tree once
//	floor render DIR OUT  the same, and convert each body to HTML, written
//	                      to OUT/<file stem>.html, one file per SOP
//
// It uses both cores the way sopctl does: one serial walk lists the files,
// then pkg/internal/parallel.For (what library.Load and the HTML writer
// use) reads, parses and writes them, one worker per core. Each file's
// tree is dropped once it is counted, so memory stays flat whatever the
// library's size. It prints the number of files and of Markdown nodes
// (a count the compiler cannot prove unused); it reads DIR/sops, the
// default sops_dir, not sopctl.yaml.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

func main() {
	args := os.Args[1:]
	var out string
	switch {
	case len(args) == 2 && args[0] == "lint":
	case len(args) == 3 && args[0] == "render":
		out = args[2]
	default:
		fmt.Fprintln(os.Stderr, "usage: floor lint DIR | floor render DIR OUT")
		os.Exit(2)
	}
	files, nodes, err := run(filepath.Join(args[1], "sops"), out)
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d files, %d Markdown nodes\n", files, nodes)
}

// run does the floor's work on every *.md under sops; with out set, it
// also writes each body's HTML there.
func run(sops, out string) (files int, nodes int64, err error) {
	var paths []string
	err = filepath.WalkDir(sops, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	if out != "" {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return 0, 0, err
		}
	}
	errs := make([]error, len(paths))
	var total atomic.Int64
	parallel.For(len(paths), func(i int) {
		n, err := one(paths[i], out)
		total.Add(n)
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			return 0, 0, err
		}
	}
	return len(paths), total.Load(), nil
}

// one reads, splits and parses the file at path, and writes its HTML
// under out when out is set. It returns the number of Markdown nodes.
func one(path, out string) (int64, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	front, body := split(src)
	var meta yaml.Node
	if err := yaml.Unmarshal(front, &meta); err != nil {
		return 0, fmt.Errorf("%s: %v", path, err)
	}
	root := markdown.Parser().Parse(text.NewReader(body))
	var nodes int64
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			nodes++
		}
		return ast.WalkContinue, nil
	})
	if out == "" {
		return nodes, nil
	}
	var html bytes.Buffer
	if err := markdown.Renderer().Render(&html, body, root); err != nil {
		return 0, err
	}
	name := strings.TrimSuffix(filepath.Base(path), ".md") + ".html"
	return nodes, os.WriteFile(filepath.Join(out, name), html.Bytes(), 0o644)
}

// split cuts a file into its front matter (between the first two "---"
// lines) and its body; a file without front matter is all body.
func split(src []byte) (front, body []byte) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, src
	}
	front, body, ok = bytes.Cut(rest, []byte("\n---\n"))
	if !ok {
		return nil, src
	}
	return front, body
}
