package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

type reviewOptions struct {
	within int
	format string
}

func newReviewCmd(env *Env) *cobra.Command {
	opts := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review [--within DAYS]",
		Short: "List the SOPs overdue or due for review, with owner and due date",
		Long: `List the SOPs whose next review (reviewed, else effective, plus
review_cycle_days: the SOP's own when its front matter sets one, else
sopctl.yaml's) has passed or falls within DAYS, soonest first. Retired SOPs
and SOPs with neither date are never due.`,
		Example: `  sopctl review
  sopctl review --within 90
  sopctl review --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.within < 0 {
				return usageErrorf("--within must be 0 or more days")
			}
			if err := oneOf("--format", opts.format, "text", "json"); err != nil {
				return err
			}
			h, lib, err := loadHandbook(cmd.Context(), env, false)
			if err != nil {
				return err
			}
			return writeReview(env, lib, h.Due(opts.within), env.Now(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.within, "within", 30, "also list SOPs due within `DAYS` from today")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

// reviewEntry is one SOP of sopctl review's JSON output.
type reviewEntry struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Owner    string `json:"owner"`
	Path     string `json:"path"`
	Reviewed string `json:"reviewed,omitempty"`
	Due      string `json:"due"`
	Overdue  bool   `json:"overdue"`
	Days     int    `json:"days"` // until due; negative when overdue
}

func writeReview(env *Env, lib *library.Library, due []*render.Page, today time.Time, opts *reviewOptions) error {
	day := today.Format(time.DateOnly)
	entries := make([]reviewEntry, len(due))
	show := library.NewDisplay(env.Dir, lib.Dir) // one Display: it resolves real paths once
	for i, p := range due {
		m := p.Doc.Meta
		entries[i] = reviewEntry{ID: p.ID, Title: p.Title, Owner: m.Owner.Text, Path: show.Path(p.Doc.Path),
			Reviewed: m.Reviewed.Text, Due: p.NextReview, Overdue: p.Overdue, Days: p.DaysToReview}
	}
	if opts.format == "json" {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		err := enc.Encode(struct {
			Version int           `json:"version"`
			Today   string        `json:"today"`
			Within  int           `json:"within"`
			SOPs    []reviewEntry `json:"sops"`
		}{1, day, opts.within, entries})
		if err == nil {
			_, err = env.IO.Out.Write(termsafe.JSON(b.Bytes()))
		}
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintf(env.IO.Out, "no SOP is overdue or due for review within %d days\n", opts.within)
		return nil
	}
	w := tabwriter.NewWriter(env.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "DUE\tSTATE\tID\tOWNER\tTITLE")
	overdue := 0
	for _, e := range entries {
		state := fmt.Sprintf("in %d days", e.Days)
		switch {
		case e.Overdue:
			overdue++
			state = fmt.Sprintf("overdue %d days", -e.Days)
		case e.Days == 0:
			state = "today"
		case e.Days == 1:
			state = "in 1 day"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.Due, state, oneLine(e.ID), oneLine(e.Owner), oneLine(e.Title))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(env.IO.Out, "%d overdue, %d due within %d days\n", overdue, len(entries)-overdue, opts.within)
	return nil
}
