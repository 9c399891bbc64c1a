package ack

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Columns are the columns an acknowledgements file must have, in the
// order the header is documented; a file may list them in any order and
// add columns of its own, which are ignored.
var Columns = []string{"person", "role", "id", "version"}

// maxProblems is how many bad rows Read describes; it counts the rest.
const maxProblems = 50

// Problem is what is wrong at a line and column (1-based, in characters)
// of an acknowledgements file.
type Problem struct {
	Line, Col int
	Msg       string
}

// InputError is an acknowledgements file that cannot be used: its
// Problems, in file order, and how many more were found but not described.
type InputError struct {
	Problems []Problem
	More     int
}

func (e *InputError) Error() string {
	n := len(e.Problems) + e.More
	return fmt.Sprintf("%d problem(s) in the acknowledgements file", n)
}

// reader reads an acknowledgements file row by row.
type reader struct {
	c    *Catalog
	keep *lineKeeper
	csv  *csv.Reader
	at   map[string]int // column -> field index
	acks *Acks
	bad  InputError
}

// Read reads an acknowledgements file: CSV (a UTF-8 byte order mark and
// CRLF line ends accepted) whose first row is a header naming the columns
// person, role, id and version, in any order, besides columns of its own.
// Each row says a person holds a role and acknowledged a version of an
// SOP; a row with neither id nor version says only that the person holds
// the role. Values are trimmed of surrounding spaces. Rows for SOPs that
// are not approved are checked and ignored. A file with a bad row (a
// field count unlike the header's, no person, an unknown role or SOP id,
// a version that is not N.N) is an *InputError naming every bad row;
// other errors are r's. r is read once, as a stream.
func Read(r io.Reader, c *Catalog) (*Acks, error) {
	rd := &reader{c: c, keep: newLineKeeper(r), acks: newAcks(c)}
	rd.csv = csv.NewReader(rd.keep)
	rd.csv.FieldsPerRecord = -1 // reader.row says which row is short, and goes on
	rd.csv.ReuseRecord = true
	for {
		rec, err := rd.csv.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if perr := rd.parseError(err); perr != nil {
				return nil, perr
			}
			break // a quote error: csv cannot tell where the next row starts
		}
		if rd.at == nil {
			rd.header(rec)
		} else {
			rd.row(rec)
		}
		last, _ := rd.csv.FieldPos(len(rec) - 1)
		rd.keep.forget(last + 1) // the row is read to its line's end
		if rd.at == nil {
			break // no usable header: the rows cannot be read
		}
	}
	if rd.at == nil && len(rd.bad.Problems) == 0 {
		rd.problem(1, 1, "the file is empty: its first row must be the header "+strings.Join(Columns, ","))
	}
	if len(rd.bad.Problems) > 0 {
		return nil, &rd.bad
	}
	return rd.acks, nil
}

// parseError records csv's error as a problem, or returns an error that is
// no problem of the file's rows.
func (rd *reader) parseError(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRowTooLong):
		rd.problem(rd.keep.first, 1, fmt.Sprintf("a row of over %d bytes starts here, where rows hold a few short values: is a quoted value left open?", maxRow))
	case errors.As(err, &pe):
		what := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			what = `a quote (") inside a value that is not quoted: quote the whole value and double each quote in it, like "say ""yes"""`
		case errors.Is(pe.Err, csv.ErrQuote):
			what = `a quoted value left open, or a quote (") out of place: end a quoted value with a quote, and double each quote in it, like "say ""yes"""`
		}
		line, col := pe.Line, pe.Column
		if !rd.keep.within(line, col) { // csv stopped at the end of the stream
			line, col = pe.StartLine, 1
		}
		rd.problem(line, rd.keep.col(line, col), what)
	default:
		return err
	}
	return nil
}

// full reports whether every further problem is only counted.
func (rd *reader) full() bool { return len(rd.bad.Problems) == maxProblems }

func (rd *reader) problem(line, col int, msg string) {
	if rd.full() {
		rd.bad.More++
		return
	}
	rd.bad.Problems = append(rd.bad.Problems, Problem{Line: line, Col: col, Msg: msg})
}

// problemAt records a problem at field i of the current row.
func (rd *reader) problemAt(i int, format string, args ...any) {
	line, col := rd.csv.FieldPos(i)
	rd.problem(line, rd.keep.col(line, col), fmt.Sprintf(format, args...))
}

// header reads the header row into rd.at; it leaves rd.at nil when the row
// is no usable header.
func (rd *reader) header(rec []string) {
	at := map[string]int{}
	var others []string // the columns of the file's own, which may be typos
	for i, name := range rec {
		name = strings.TrimSpace(name)
		_, dup := at[name]
		switch {
		case dup && slices.Contains(Columns, name):
			rd.problemAt(i, "the column %q is named twice in the header: keep one", name)
			return
		case dup:
		case !slices.Contains(Columns, name):
			others = append(others, name)
			fallthrough
		default:
			at[name] = i
		}
	}
	ok := true
	for _, col := range Columns {
		if _, found := at[col]; found {
			continue
		}
		ok = false
		if s := sop.Closest(col, others); s != "" {
			rd.problemAt(at[s], "the header names a column %q: did you mean %q? The header names the columns %s, in any order", s, col, strings.Join(Columns, ","))
			continue
		}
		rd.problemAt(0, "the header has no column %q: the first row must be the header %s (in any order)", col, strings.Join(Columns, ","))
		break // one message says what the header must be
	}
	if ok {
		rd.at = at
	}
}

// row checks one row and records what it says.
func (rd *reader) row(rec []string) {
	if len(rec) != len(rd.at) {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return // a line of spaces
		}
		rd.problemAt(0, "%d field(s), but the header has %d: write %s on each row", len(rec), len(rd.at), strings.Join(Columns, ","))
		return
	}
	get := func(col string) (string, int) {
		i := rd.at[col]
		return strings.TrimSpace(rec[i]), i
	}
	person, pi := get("person")
	role, ri := get("role")
	id, ii := get("id")
	version, vi := get("version")
	n := len(rd.bad.Problems) + rd.bad.More
	if person == "" {
		rd.problemAt(pi, "the person is empty: name who acknowledged the SOP")
	}
	if err := rd.c.checkRole(role); err != nil {
		rd.problemAt(ri, "%v", err)
	}
	switch {
	case id == "" && version != "":
		rd.problemAt(ii, "the id is empty but the version is %s: name the SOP acknowledged, or leave both empty to say only that the person holds the role", strconv.Quote(version))
	case id == "":
	case rd.c.sopIndex(id) < 0 && rd.full():
		rd.bad.More++ // no suggestion sought: it is not shown
	case rd.c.sopIndex(id) < 0:
		rd.problemAt(ii, "unknown SOP id %q%s", id, suffix(sop.DidYouMean(id, rd.c.ids)))
	case version == "":
		rd.problemAt(vi, "the version is empty: write the version acknowledged, like \"1.2\"")
	case !sop.ValidVersion(version):
		rd.problemAt(vi, "the version %q is not one to three numbers joined by dots, like \"1.2\"", version)
	}
	if len(rd.bad.Problems)+rd.bad.More == n {
		rd.acks.add(person, role, id, version)
	}
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ": " + s
}
