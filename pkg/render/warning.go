package render

import (
	"fmt"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Warning is a problem found while rendering that does not stop it: a link
// rendered as plain text, say.
type Warning struct {
	Path string
	Pos  sop.Pos
	Msg  string
}

func (w Warning) String() string {
	return fmt.Sprintf("%s:%d:%d: warning: %s", w.Path, w.Pos.Line, w.Pos.Col, w.Msg)
}
