package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newGraphCmd(env *Env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph [--format dot|mermaid]",
		Short: "Print the cross-reference graph of the SOPs",
		Long: `Print how SOPs refer to each other: related (plain arrows), supersedes (bold)
and links in the body (dotted). dot is Graphviz's language (sopctl graph | dot
-Tsvg > sops.svg); mermaid is a flowchart GitHub renders inside Markdown.`,
		Example: `  sopctl graph | dot -Tsvg > sops.svg
  sopctl graph --format mermaid`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("--format", format, "dot", "mermaid"); err != nil {
				return err
			}
			h, _, err := loadHandbook(cmd.Context(), env, false)
			if err != nil {
				return err
			}
			out := h.DOT()
			if format == "mermaid" {
				out = h.Mermaid()
			}
			_, err = fmt.Fprint(env.IO.Out, out)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "dot", "graph `FORMAT`: dot or mermaid")
	return cmd
}
