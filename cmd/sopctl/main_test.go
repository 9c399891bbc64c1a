package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sopctl/sopctl/pkg/cli"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/templates"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	// "exec sopctl-exe" runs the real main in a child process, to test the
	// wiring of main itself; scripts use the faster in-process "sopctl".
	testscript.Main(m, map[string]func(){"sopctl-exe": main})
}

// TestScript runs the end-to-end scripts in testdata/script: files in, the
// real command run, output, exit code and files checked. Each script is
// one behaviour; together they are the CLI's living manual.
func TestScript(t *testing.T) {
	// Parallel with TestHostile and TestRenderSignals, which wait on child
	// processes much of the time: side by side they keep both cores busy
	// and this package, the longest of make test, ends 2 to 3 s sooner.
	t.Parallel()
	testscript.Run(t, scriptParams("testdata/script"))
}

// TestHostile runs the catalogue of hostile inputs in testdata/hostile: one
// script per class of fault found by adversarial runs, each asserting the
// exit code, the message, and (with snapshot and unchanged) that nothing
// outside the output folder changed.
func TestHostile(t *testing.T) {
	t.Parallel()
	testscript.Run(t, scriptParams("testdata/hostile"))
}

func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOPCTL_NOW", "2026-11-25")
			env.Setenv("NO_COLOR", "1")
			// Scripts that repeat real-process runs (signals, races) do
			// fewer rounds under -short (make test); make test-long runs all.
			if testing.Short() {
				env.Setenv("ROUNDS", "short")
			} else {
				env.Setenv("ROUNDS", "long")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sopctl":    runSopctl,
			"exitcode":  checkExitCode,
			"snapshot":  takeSnapshot,
			"unchanged": checkUnchanged,
			"mvesc":     renameEscaped,
			"termsafe":  checkTerminalSafe,
		},
	}
}

// runSopctl runs sopctl in-process in the script's directory with the
// script's SOPCTL_NOW, and records the exit code for exitcode.
func runSopctl(ts *testscript.TestScript, neg bool, args []string) {
	now, err := cli.Clock(ts.Getenv("SOPCTL_NOW"))
	ts.Check(err)
	ios, _, _, _ := iostreams.Test()
	ios.Out, ios.ErrOut = ts.Stdout(), ts.Stderr()
	code := cli.Run(context.Background(), args, &cli.Env{IO: ios, Dir: ts.MkAbs("."), Now: now, Templates: templates.FS})
	ts.Setenv("EXIT", strconv.Itoa(code))
	if (code != 0) != neg {
		ts.Fatalf("sopctl exited %d", code)
	}
}

// checkExitCode asserts the exit code of the last sopctl command.
func checkExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: exitcode N")
	}
	if got := ts.Getenv("EXIT"); got != args[0] {
		ts.Fatalf("sopctl exited %s, want %s", got, args[0])
	}
}

func TestMainIsSmall(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(src); n > 600 {
		t.Errorf("main.go is %d bytes: keep it a few lines that call cli.Main", n)
	}
}

// malformed.txtar keeps an SOP with a byte order mark and CRLF line ends.
// Rewriting the script with -update has been seen to turn them into LF,
// after which the script would no longer test them: restore the file with
// git checkout and add new expectations to it by hand.
// fix_crlf.txtar's SOP has them too, as lint --fix must keep them;
// lifecycle.txtar has a CRLF SOP and a BOM SOP, which approve, reviewed and
// retire must keep; ack.txtar's current.csv, as ack status must read them.
func TestMalformedFixtureKeepsCRLF(t *testing.T) {
	for _, tt := range []struct{ file, start string }{
		{"testdata/script/malformed.txtar", "\ufeff---\r\nid: bom-crlf\r\n"},
		{"testdata/script/fix_crlf.txtar", "\ufeff---\r\nid: c\r\n"},
		{"testdata/script/lifecycle.txtar", "-- sops/crlf.md --\n---\r\nid: crlf\r\n"},
		{"testdata/script/lifecycle.txtar", "-- sops/bom.md --\n\ufeff---\nid: bom\n"},
		{"testdata/script/ack.txtar", "\ufeffperson,date,version,role,id\r\nbob,"},
	} {
		file, start := tt.file, tt.start
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(start)) {
			t.Errorf("%s: its SOP lost its BOM or CRLF line ends", file)
		}
	}
}
