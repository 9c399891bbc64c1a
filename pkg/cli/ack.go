package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/ack"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

func newAckCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ack",
		Short: "Who must read which SOP: the manifest for an LMS, and who has yet to acknowledge",
		Long: `Acknowledgements: who must re-read what. Every approved SOP must be read by the
people of the roles it lists; when its version changes, they must read it again.

  sopctl ack manifest   one row per role and approved SOP, with its version and
                        the SHA-256 of its file, for an LMS or HR system to import
  sopctl ack status     from a CSV of acknowledgements, every approved SOP of a
                        person's roles whose current version they have not
                        acknowledged; exit 1 when there is any`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newAckManifestCmd(env), newAckStatusCmd(env))
	return cmd
}

func newAckManifestCmd(env *Env) *cobra.Command {
	var role, format string
	cmd := &cobra.Command{
		Use:   "manifest [--role ROLE] [--format csv|json]",
		Short: "List every approved SOP each role must read, with its version and SHA-256",
		Long: `Print one row per known role and approved SOP that lists the role, sorted by
role and then id: role, id, title, version, effective and sha256 (of the SOP
file's bytes as on disk, so an LMS can tell which text was read). SOPs that
list no known role are not in it.

csv has the header role,id,title,version,effective,sha256. A cell that starts
with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so that
a spreadsheet shows it as text rather than running it as a formula. json is
{"version":1,"rows":[{"role","id","title","version","effective","sha256"}]}.

An unknown --role is an error (exit 1), as for sopctl new --role.`,
		Example: `  sopctl ack manifest > manifest.csv
  sopctl ack manifest --role customer-service-representative --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("--format", format, "csv", "json"); err != nil {
				return err
			}
			cat, err := ackCatalog(cmd.Context(), env)
			if err != nil {
				return err
			}
			rows, err := cat.Manifest(role)
			var unknown *ack.UnknownRoleError
			if errors.As(err, &unknown) {
				return err // as new --role: exit 1 (SPEC section 7)
			}
			if format == "json" {
				return ack.WriteManifestJSON(env.IO.Out, rows)
			}
			return ack.WriteManifestCSV(env.IO.Out, rows)
		},
	}
	cmd.Flags().StringVar(&role, "role", "", "only the SOPs of this `ROLE` id")
	cmd.Flags().StringVar(&format, "format", "csv", "output `FORMAT`: csv or json")
	return cmd
}

// ackCatalog loads the library (stopping, exit 1, at SOP files that cannot
// be parsed) and indexes its SOPs for the acknowledgements: one per id,
// as the handbook publishes them, with their known roles.
func ackCatalog(ctx context.Context, env *Env) (*ack.Catalog, error) {
	h, lib, err := loadHandbook(ctx, env, false)
	if err != nil {
		return nil, err
	}
	known, err := loadKnownRoles(env, lib)
	if err != nil {
		return nil, err
	}
	sops := make([]ack.SOP, len(h.SOPs))
	for i, p := range h.SOPs {
		m := p.Doc.Meta
		sops[i] = ack.SOP{ID: p.ID, Title: p.Title, Version: m.Version.Text, Status: m.Status.Text,
			Effective: m.Effective.Text, Roles: roleIDs(p.Roles), Src: p.Doc.Src}
	}
	return ack.New(sops, known.IDs()), nil
}

func roleIDs(rs []*render.Role) []string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return ids
}

type ackStatusOptions struct{ from, format string }

func newAckStatusCmd(env *Env) *cobra.Command {
	opts := &ackStatusOptions{}
	cmd := &cobra.Command{
		Use:   "status --from FILE [--format text|csv|json]",
		Short: "List, per person, the approved SOPs whose current version they have not acknowledged",
		Long: `Read a CSV of acknowledgements (- for standard input) and list, for each
person, every approved SOP of each role the person has rows for, whose current
version the person has not acknowledged: no row for the SOP, or only rows with
another version. Exit 1 when anything is outstanding, 0 when nothing is, so a
scheduled job can notify.

The file's first row is the header naming the columns person, role, id and
version (exactly so, in any order); other columns (a date, a comment) are
ignored. Each row says the person holds the role and acknowledged that
version of the SOP, whichever of the person's roles lists it; a row with an
empty id and version says only that the person holds the role. Values are
trimmed of surrounding spaces; a UTF-8 byte order mark and CRLF line ends are
accepted. Versions compare as numbers: 1 acknowledges 1.0. Rows for SOPs that
are not approved (drafts, retired SOPs) are accepted and ignored. The file is
read as a stream, so it may be large.

A file that cannot be used is, like a bad sopctl.yaml, input the command
cannot start from: it stops before printing anything, with exit 2 (not 1, so
a job can tell a broken export from people who are behind). That is a file
without the header, or with a bad row (a field count unlike the header's, an
empty person, an unknown role or SOP id, a version that is not like 1.2),
each shown at FILE:LINE:COLUMN. The command writes no file.

text groups the SOPs by person and ends with a summary line. csv has the header
person,role,id,title,acknowledged,current (cells guarded against spreadsheet
formulas as in ack manifest). json is {"version":1,"outstanding":[{"person",
"role","id","title","acknowledged","current"}]}. Entries are sorted by person,
then id; an SOP that two of a person's roles list appears once, under the
first role by id. acknowledged is the latest version the person acknowledged,
"" when none; current is the SOP's version.`,
		Example: `  sopctl ack status --from acknowledgements.csv
  hr-export | sopctl ack status --from - --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.from == "" {
				return usageErrorf("--from FILE is required: the CSV of acknowledgements (person,role,id,version), or - for standard input")
			}
			if err := oneOf("--format", opts.format, "text", "csv", "json"); err != nil {
				return err
			}
			return runAckStatus(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.from, "from", "", "the CSV of acknowledgements (`FILE`, - for standard input)")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text, csv or json")
	return cmd
}

func runAckStatus(ctx context.Context, env *Env, opts *ackStatusOptions) error {
	cat, err := ackCatalog(ctx, env)
	if err != nil {
		return err
	}
	name, in := "stdin", env.IO.In
	if opts.from != "-" {
		name = opts.from
		path := opts.from
		if !filepath.IsAbs(path) {
			path = filepath.Join(env.Dir, path)
		}
		f, err := os.Open(path)
		if err != nil {
			return unusable(env, fmt.Sprintf("--from %s: cannot be read (%v): name the CSV of acknowledgements", opts.from, library.WithoutPath(err)))
		}
		defer f.Close()
		in = f
	}
	acks, err := readAcks(ctx, in, cat)
	var bad *ack.InputError
	switch {
	case errors.As(err, &bad):
		for _, p := range bad.Problems {
			fmt.Fprintf(env.IO.ErrOut, "%s:%d:%d: %s\n", termsafe.Line(name), p.Line, p.Col, termsafe.Line(p.Msg))
		}
		if bad.More > 0 {
			fmt.Fprintf(env.IO.ErrOut, "%s: and %d more problem(s)\n", termsafe.Line(name), bad.More)
		}
		return unusable(env, name+" cannot be used: fix the rows above and run the command again")
	case errors.Is(err, context.Canceled):
		return context.Canceled // Run says so
	case err != nil:
		return unusable(env, fmt.Sprintf("%s: cannot be read (%v): nothing was listed", name, library.WithoutPath(err)))
	}
	n, err := writeAckStatus(env.IO.Out, acks, opts.format)
	if err != nil {
		return err
	}
	if n > 0 {
		return &SilentError{Code: ExitProblems}
	}
	return nil
}

// readAcks reads the acknowledgements, or stops when ctx is done (the
// first Ctrl-C): standard input may be a terminal or a pipe that never
// ends, and the command has written nothing, so there is nothing to wait
// for; the read is left to end with the process.
func readAcks(ctx context.Context, in io.Reader, cat *ack.Catalog) (*ack.Acks, error) {
	type result struct {
		acks *ack.Acks
		err  error
	}
	done := make(chan result, 1)
	go func() {
		acks, err := ack.Read(in, cat)
		done <- result{acks, err}
	}()
	select {
	case r := <-done:
		return r.acks, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// unusable says that the acknowledgements file cannot be used, which, like
// a bad sopctl.yaml, stops the command from starting (exit 2).
func unusable(env *Env, msg string) error {
	fmt.Fprintln(env.IO.ErrOut, termsafe.Text(msg))
	return &SilentError{Code: ExitUsage}
}

func writeAckStatus(w io.Writer, acks *ack.Acks, format string) (int, error) {
	switch format {
	case "csv":
		return ack.WriteStatusCSV(w, acks.Outstanding())
	case "json":
		return ack.WriteStatusJSON(w, acks.Outstanding())
	}
	return ack.WriteStatusText(w, acks.Outstanding(), acks.People())
}
