package main

import (
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/testscript"
)

// renameEscaped renames a file, both names written as the inside of a Go
// string literal ("sops/bad\x1b]0;X\a.md"): a txtar archive cannot name a
// file with control characters, and a hostile library has them.
func renameEscaped(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: mvesc OLD NEW (with Go escapes)")
	}
	var names [2]string
	for i, a := range args {
		name, err := strconv.Unquote(`"` + a + `"`)
		ts.Check(err)
		names[i] = ts.MkAbs(name)
	}
	ts.Check(os.Rename(names[0], names[1]))
}

// checkTerminalSafe fails when the last command's stdout or stderr holds a
// character a terminal could act on: a C0 control but tab and line feed,
// DEL, a C1 control, a bidi embedding, override or isolate, or a byte that
// is not UTF-8. It is written apart from pkg/internal/termsafe, so that
// the scripts do not trust the code they test.
func checkTerminalSafe(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 0 || neg {
		ts.Fatalf("usage: termsafe")
	}
	for _, stream := range []string{"stdout", "stderr"} {
		out := ts.ReadFile(stream)
		for i, r := range out {
			bad := r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
				r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
				r == utf8.RuneError && !strings.HasPrefix(out[i:], "\ufffd")
			if bad {
				ts.Fatalf("%s holds %q at byte %d: %q", stream, r, i, out[max(0, i-40):min(len(out), i+40)])
			}
		}
	}
}
