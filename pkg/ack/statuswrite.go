package ack

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"text/tabwriter"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// statusHeader is the status CSV's header, the JSON entries' keys in order.
var statusHeader = []string{"person", "role", "id", "title", "acknowledged", "current"}

// WriteStatusCSV writes the outstanding entries as CSV under statusHeader
// and returns how many it wrote.
func WriteStatusCSV(w io.Writer, out iter.Seq[Outstanding]) (int, error) {
	c, err := newCSVWriter(w, statusHeader)
	n := 0
	for o := range out {
		if err != nil {
			break
		}
		n++
		err = c.write([]string{o.Person, o.Role, o.ID, o.Title, o.Acknowledged, o.Current})
	}
	if err != nil {
		return n, err
	}
	return n, c.flush()
}

// WriteStatusJSON writes {"version":1,"outstanding":[...]} one entry at a
// time and returns how many it wrote.
func WriteStatusJSON(w io.Writer, out iter.Seq[Outstanding]) (int, error) {
	l := newJSONList(w, "{\n  \"version\": 1,\n  \"outstanding\": [")
	for o := range out {
		if l.err != nil {
			break
		}
		l.add(o)
	}
	return l.count, l.close()
}

// WriteStatusText writes the outstanding entries for reading, grouped by
// person, then a summary line, and returns how many it wrote. people is
// how many people the acknowledgements name.
func WriteStatusText(w io.Writer, out iter.Seq[Outstanding], people int) (int, error) {
	bw := bufio.NewWriter(w)
	var group []Outstanding
	n, persons := 0, 0
	flush := func() {
		if len(group) == 0 {
			return
		}
		persons++
		fmt.Fprintf(bw, "%s: %d to read\n", termsafe.OneLine(group[0].Person), len(group))
		tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
		for _, o := range group {
			state := "acknowledged " + termsafe.OneLine(o.Acknowledged)
			if o.Acknowledged == "" {
				state = "never acknowledged"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s (%s)\t%s\n", termsafe.OneLine(o.ID), termsafe.OneLine(o.Role), termsafe.OneLine(o.Current), state, termsafe.OneLine(o.Title))
		}
		tw.Flush()
		group = group[:0]
	}
	for o := range out {
		n++
		if len(group) > 0 && group[0].Person != o.Person {
			flush()
		}
		group = append(group, o)
	}
	flush()
	if n == 0 {
		fmt.Fprintf(bw, "nothing outstanding: %s acknowledged the current version of every approved SOP of their roles\n", plural(people, "person has", "people have"))
	} else {
		fmt.Fprintf(bw, "%s outstanding for %d of %s\n", plural(n, "acknowledgement", "acknowledgements"), persons, plural(people, "person", "people"))
	}
	return n, bw.Flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
