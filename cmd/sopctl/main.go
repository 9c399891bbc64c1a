// Command sopctl authors, checks and publishes Standard Operating
// Procedures kept as files in git.
package main

import (
	"context"
	"os"

	"github.com/sopctl/sopctl/pkg/cli"
	"github.com/sopctl/sopctl/pkg/iostreams"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], iostreams.System()))
}
