package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/changes"
	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

type diffOptions struct {
	from, to string // as the user named them; to "" is the work tree
	role     string
	format   string
}

// workTree is how diff names the working tree as a revision.
const workTree = "working tree"

func newDiffCmd(env *Env) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff REV [REV2]",
		Short: "List the SOPs added, removed and modified between two revisions",
		Long: `List the SOPs that changed between the git revision REV (a commit, branch
or tag) and REV2, or the working tree (untracked files included) when REV2 is
not given: added, removed and modified, with the version and status on each
side and the ## sections whose text changed (all of them for an added or
removed SOP). Approving and retiring an SOP show as modified, with the
statuses; a file renamed with its id kept is the same SOP; an SOP whose file
did not change is not listed.

--role keeps the SOPs whose roles include ROLE in either revision: what a team
lead's people must re-read. Formats: text (one line per SOP), markdown
(release notes to paste: Added, Changed, Retired, Removed) and json
({"version":1,"from","to","changes":[{"id","title","change","from_version",
"to_version","from_status","to_status","sections","roles"}]}, sorted by id).

Only the files git reports as changed are read, so the cost follows what
changed, not the library's size. Exit status: 0 whether or not anything
changed (as git diff), 2 when a revision is unknown or the library is not in a
git repository.`,
		Example: `  sopctl diff v1.0
  sopctl diff v1.0 v1.1 --format markdown > RELEASE-NOTES.md
  sopctl diff HEAD~5 --role customer-service-representative
  sopctl diff main --format json`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.from = args[0]
			if len(args) == 2 {
				opts.to = args[1]
			}
			if err := oneOf("--format", opts.format, "text", "markdown", "json"); err != nil {
				return err
			}
			return runDiff(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.role, "role", "", "keep the SOPs of `ROLE` (in either revision)")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text, markdown or json")
	return cmd
}

func runDiff(ctx context.Context, env *Env, opts *diffOptions) error {
	libDir, cfg, err := openConfig(ctx, env)
	if err != nil {
		return err
	}
	revs := []string{opts.from}
	if opts.to != "" {
		revs = append(revs, opts.to)
	}
	// git diff runs while the revisions are resolved: it names them the
	// same way, and its result is used only once both are known.
	var deltas []gitlog.Delta
	var changedErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		to := ""
		if opts.to != "" {
			to = opts.to + "^{commit}"
		}
		deltas, changedErr = gitlog.Git{}.Repo(libDir).Changed(ctx, opts.from+"^{commit}", to)
	}()
	repo, commits, err := openRevs(ctx, libDir, revs...)
	<-done
	if err != nil {
		return err
	}
	if changedErr != nil {
		return changedErr
	}
	from, now, err := diffSides(ctx, env, repo, revs, commits, deltas, libDir, cfg)
	if err != nil {
		return err
	}
	list := changes.Compare(from, now)
	if opts.role != "" {
		if list, err = withRole(env, libDir, cfg, list, opts.role); err != nil {
			return err
		}
	}
	return writeDiff(env.IO.Out, opts, list)
}

// openConfig finds the library and reads its sopctl.yaml, without loading
// its SOPs: diff reads only those that changed.
func openConfig(ctx context.Context, env *Env) (string, *library.Config, error) {
	if env.Dir == "" {
		return "", nil, errNoDir
	}
	libDir, err := library.Find(env.Dir)
	if err != nil {
		_, lerr := loadLibrary(ctx, env) // the same error, with its hint
		return "", nil, lerr
	}
	root, err := os.OpenRoot(libDir)
	if err != nil {
		return "", nil, err
	}
	defer root.Close()
	cfg, err := library.ReadConfig(root)
	if err != nil {
		return "", nil, library.NewDisplay(env.Dir, libDir).Error(err)
	}
	return libDir, cfg, nil
}

// withRole keeps the changes to SOPs of role; a role that is neither known
// to the library nor named by a changed SOP is a usage error.
func withRole(env *Env, libDir string, cfg *library.Config, list []changes.Change, role string) ([]changes.Change, error) {
	var kept []changes.Change
	for _, c := range list {
		if c.HasRole(role) {
			kept = append(kept, c)
		}
	}
	if len(kept) > 0 {
		return kept, nil
	}
	cat, err := loadCatalog(env, libDir)
	if err != nil {
		return nil, err
	}
	known := roles.Known(cat, cfg).IDs()
	if !slices.Contains(known, role) {
		msg := fmt.Sprintf("--role %q is not a role of this library", role)
		// An unknown role is exit 1, as for new --role (SPEC section 7).
		if s := sop.DidYouMean(role, known); s != "" {
			return nil, fmt.Errorf("%s: %s", msg, s)
		}
		return nil, fmt.Errorf("%s: sopctl templates list lists the roles", msg)
	}
	return kept, nil
}

// diffEntry is one SOP of diff's JSON output.
type diffEntry struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Change      string   `json:"change"`
	FromVersion string   `json:"from_version"`
	ToVersion   string   `json:"to_version"`
	FromStatus  string   `json:"from_status"`
	ToStatus    string   `json:"to_status"`
	Sections    []string `json:"sections"`
	Roles       []string `json:"roles"`
}

func writeDiff(w io.Writer, opts *diffOptions, list []changes.Change) error {
	to := opts.to
	if to == "" {
		to = workTree
	}
	switch opts.format {
	case "json":
		doc := struct {
			Version int         `json:"version"`
			From    string      `json:"from"`
			To      string      `json:"to"`
			Changes []diffEntry `json:"changes"`
		}{Version: 1, From: opts.from, To: to, Changes: []diffEntry{}}
		for _, c := range list {
			doc.Changes = append(doc.Changes, diffEntry(c))
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
		_, err := w.Write(termsafe.JSON(b.Bytes())) // the same values, terminal controls as escapes
		return err
	case "markdown":
		return writeDiffMarkdown(w, opts.from, to, list)
	}
	return writeDiffText(w, opts, to, list)
}

// writeDiffText writes one line per SOP.
func writeDiffText(w io.Writer, opts *diffOptions, to string, list []changes.Change) error {
	if len(list) == 0 {
		of := ""
		if opts.role != "" {
			of = " of role " + oneLine(opts.role)
		}
		_, err := fmt.Fprintf(w, "no SOP%s changed between %s and %s\n", of, oneLine(opts.from), oneLine(to))
		return err
	}
	for _, c := range list {
		line := fmt.Sprintf("%-8s %s: version %s, status %s", c.Change, oneLine(c.ID),
			oneLine(fromTo(c.FromVersion, c.ToVersion)), oneLine(fromTo(c.FromStatus, c.ToStatus)))
		if len(c.Sections) > 0 {
			names := make([]string, len(c.Sections))
			for i, s := range c.Sections {
				names[i] = oneLine(s)
			}
			line += ", sections " + strings.Join(names, ", ")
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// fromTo shows a value on both sides: "1.0 -> 1.1", or one value when the
// other side lacks it or it did not change.
func fromTo(a, b string) string {
	switch {
	case a == b || a == "":
		return orNone(b)
	case b == "":
		return a
	}
	return a + " -> " + b
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
