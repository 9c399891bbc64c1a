package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sopctl/sopctl/pkg/sop"
)

// unknownCommand is the usage error for a subcommand name cmd lacks,
// asking whether a command was meant: the closest by edit distance
// (sop.Closest: "lnt" means lint, not init), else cobra's suggestions
// (commands the name begins, or within two edits).
func unknownCommand(cmd *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q for %s", name, cmd.CommandPath())
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	suggestions := []string{sop.Closest(name, names)}
	if suggestions[0] == "" {
		if cmd.SuggestionsMinimumDistance <= 0 {
			cmd.SuggestionsMinimumDistance = 2 // cobra's own default, set only when it prints
		}
		suggestions = cmd.SuggestionsFor(name)
	}
	if len(suggestions) > 0 {
		for i := range suggestions {
			suggestions[i] = strconv.Quote(suggestions[i])
		}
		msg += ": did you mean " + sop.JoinWords(suggestions, "or") + "?"
	}
	return &UsageError{Err: errors.New(msg)}
}

// flagError turns pflag's parse errors into usage errors that say what to
// do: an unknown flag asks whether a flag of the command was meant, and a
// flag that takes a whole number says so in a sentence instead of
// strconv's.
func flagError(cmd *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() == "":
		name := notExist.GetSpecifiedName()
		if s := sop.Closest(name, flagNames(cmd)); s != "" {
			return usageErrorf("unknown flag --%s: %s", name, sop.Meant("--"+s))
		}
	case errors.As(err, &invalid) && strings.HasPrefix(invalid.GetFlag().Value.Type(), "int"):
		return intFlagError(invalid)
	}
	return &UsageError{Err: err}
}

// intFlagError is the sentence for a value of a whole-number flag that is
// not one, with an example: the flag's default when that is positive.
func intFlagError(e *pflag.InvalidValueError) error {
	f := e.GetFlag()
	what := "a whole number"
	if varname, _ := pflag.UnquoteUsage(f); varname == "DAYS" {
		what = "a number of days"
	}
	example := f.DefValue
	if n, err := strconv.Atoi(example); err != nil || n <= 0 {
		example = "10"
	}
	if errors.Is(e, strconv.ErrRange) {
		return usageErrorf("--%s %s is too large: write a whole number like %s", f.Name, e.GetValue(), example)
	}
	return usageErrorf("--%s %s is not %s: write a whole number like %s", f.Name, e.GetValue(), what, example)
}

// flagNames returns the long names of the flags cmd accepts, its
// parents' persistent flags and help included.
func flagNames(cmd *cobra.Command) []string {
	var names []string
	add := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.LocalFlags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	return names
}
