// Command gen writes a generated SOP library (testlib.GenerateSized) to a
// folder, for measuring sopctl by hand or with pkg/internal/floor's
// compare.sh:
//
//	go run ./pkg/internal/testlib/gen -n 100000 -size 4096 -o /tmp/lib100k
//
// It is a tool for the project's own measurements, not part of sopctl.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func main() {
	// A flag set of its own: testlib registers -update on the global one.
	flag := flag.NewFlagSet("gen", flag.ExitOnError)
	n := flag.Int("n", 1000, "number of SOPs")
	out := flag.String("o", "", "folder to write the library to (must not exist, or be empty)")
	size := flag.Int("size", testlib.SOPSize, "grow every SOP to about this many bytes (0: the generator's own size, about 2.6 KB)")
	seed := flag.Int64("seed", 1, "random seed (the same seed gives the same bytes)")
	flag.Parse(os.Args[1:]) // ExitOnError: a bad flag exits 2
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N -o DIR [-size BYTES] [-seed S]")
		os.Exit(2)
	}
	if entries, err := os.ReadDir(*out); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gen: %s is not empty; give a new folder\n", *out)
		os.Exit(2)
	}
	if err := testlib.GenerateSized(*out, *n, *seed, *size); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}
