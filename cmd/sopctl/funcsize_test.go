package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// maxFuncLines is the most lines a function's body may hold outside
// composite literals: STYLE.md asks for no function over ~70 lines, tables
// excepted, and this leaves a little room. Lines inside a multi-line
// composite literal (a table of cases, of rules, of fields) do not count,
// so a table of any length passes, and so does a function that is mostly
// one if what is left is short.
const maxFuncLines = 80

// TestFunctionSize fails when a function (or function literal) in a Go
// file under pkg/ or cmd/, tests included, has more than maxFuncLines
// lines of body outside composite literals.
func TestFunctionSize(t *testing.T) {
	module := os.DirFS(filepath.Join("..", ".."))
	var long []longFunc
	for _, dir := range []string{"pkg", "cmd"} {
		found, err := longFuncs(module, dir, maxFuncLines)
		if err != nil {
			t.Fatal(err)
		}
		long = append(long, found...)
	}
	for _, f := range long {
		t.Errorf("%s: %s has %d lines outside composite literals; at most %d: split it into named steps", f.pos, f.name, f.lines, maxFuncLines)
	}
}

// TestFunctionSizeCounts checks how longFuncs counts: a long function
// fails, a long table does not, a function literal counts for itself and
// for the function around it, tests count like other code, and testdata
// is left alone.
func TestFunctionSizeCounts(t *testing.T) {
	lines := func(n int, line string) string { return strings.Repeat(line+"\n", n) }
	file := func(src string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(src)} }
	module := fstest.MapFS{
		"a/a.go": file("package a\n\nfunc short() {\n" + lines(80, "\tprintln()") + "}\n\n" +
			"func long() {\n" + lines(81, "\tprintln()") + "}\n\n" +
			"type T[P any] struct{}\n\nfunc (*T[P]) table() []int {\n\treturn []int{\n" + lines(500, "\t\t1,") + "\t}\n}\n\n" +
			"func closure() {\n\tf := func() {\n" + lines(81, "\t\tprintln()") + "\t}\n\tf()\n}\n\n" +
			"var v = func() {\n" + lines(81, "\tprintln()") + "}\n"),
		"a/b/b.go": file("package b\n\ntype T struct{}\n\nfunc (T) long() {\n" + lines(81, "\tprintln()") + "}\n"),
		"a/a_test.go": file("package a\n\nfunc TestLong(t *testing.T) {\n" + lines(81, "\tt.Log()") + "}\n\n" +
			"func TestTable(t *testing.T) {\n\tfor range []string{\n" + lines(500, "\t\t\"case\",") + "\t} {\n" + lines(77, "\t\tt.Log()") + "\t}\n}\n"),
		"a/testdata/x/x.go": file("package x\n\nfunc long() {\n" + lines(200, "\tprintln()") + "}\n"),
		"a/_old/x.go":       file("package x\n\nfunc long() {\n" + lines(200, "\tprintln()") + "}\n"),
	}
	long, err := longFuncs(module, "a", maxFuncLines)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range long {
		got = append(got, fmt.Sprintf("%s %s %d", f.pos, f.name, f.lines))
	}
	want := []string{"a/a.go:86:1 a.long 81", "a/a.go:677:1 a.closure 84", "a/a.go:678:7 a.closure.func1 81",
		"a/a.go:764:9 a.v.func1 81", "a/a_test.go:3:1 a.TestLong 81", "a/b/b.go:5:1 a/b.T.long 81"}
	if !slices.Equal(got, want) {
		t.Errorf("long functions\n%q, want\n%q", got, want)
	}
}

// longFunc is a function whose body is over the limit.
type longFunc struct {
	name  string // dir.Func, dir.Type.Method, dir.Func.funcN, dir.var.funcN
	pos   string // file:line:col of the func keyword
	lines int    // lines of body outside composite literals
}

// longFuncs parses every .go file under dir of module, leaving
// out what the go command does (testdata, and folders whose name starts
// with . or _), and returns the functions and function literals whose
// bodies have more than limit lines outside composite literals, in file
// order. A function's lines include those of the literals it holds; each
// literal is also counted alone, named after its function and its place
// among the function's literals, in source order (dir.Func.func1, ...).
func longFuncs(module fs.FS, dir string, limit int) ([]longFunc, error) {
	var out []longFunc
	err := fs.WalkDir(module, dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")):
			return fs.SkipDir
		case d.IsDir() || !strings.HasSuffix(p, ".go"):
			return nil
		}
		src, err := fs.ReadFile(module, p)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, fn := range funcsOf(f, path.Dir(p)) {
			if n := codeLines(fset, fn.body); n > limit {
				out = append(out, longFunc{name: fn.name, pos: fset.Position(fn.at).String(), lines: n})
			}
		}
		return nil
	})
	return out, err
}

type namedFunc struct {
	name string
	at   token.Pos
	body *ast.BlockStmt
}

// funcsOf returns the functions of f and the function literals in them
// and in package-level declarations, named under prefix.
func funcsOf(f *ast.File, prefix string) []namedFunc {
	var out []namedFunc
	literals := func(name string, n ast.Node) {
		i := 0
		ast.Inspect(n, func(n ast.Node) bool {
			if lit, ok := n.(*ast.FuncLit); ok {
				i++
				out = append(out, namedFunc{fmt.Sprintf("%s.func%d", name, i), lit.Pos(), lit.Body})
			}
			return true
		})
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body == nil {
				continue
			}
			name := prefix + "." + d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				name = prefix + "." + recvType(d.Recv.List[0].Type) + "." + d.Name.Name
			}
			out = append(out, namedFunc{name, d.Pos(), d.Body})
			literals(name, d.Body)
		case *ast.GenDecl:
			for _, s := range d.Specs {
				if v, ok := s.(*ast.ValueSpec); ok && len(v.Names) > 0 {
					literals(prefix+"."+v.Names[0].Name, v)
				}
			}
		}
	}
	return out
}

// recvType is the name of a method's receiver type, without * or type
// parameters.
func recvType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return "?"
		}
	}
}

// codeLines is the number of lines strictly between body's braces that
// are not strictly inside the braces of a composite literal.
func codeLines(fset *token.FileSet, body *ast.BlockStmt) int {
	first, last := fset.Position(body.Lbrace).Line+1, fset.Position(body.Rbrace).Line-1
	if last < first {
		return 0
	}
	table := make([]bool, last-first+1)
	ast.Inspect(body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CompositeLit); ok {
			for l := fset.Position(c.Lbrace).Line + 1; l < fset.Position(c.Rbrace).Line; l++ {
				table[l-first] = true
			}
		}
		return true
	})
	code := 0
	for _, t := range table {
		if !t {
			code++
		}
	}
	return code
}
