package ack

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// SafeCell protects a CSV cell from spreadsheet formula injection (OWASP
// "CSV Injection"): a cell that starts with =, +, -, @, a tab or a
// carriage return would be read by Excel, LibreOffice or Google Sheets as
// a formula, so it gets a leading apostrophe, which they show as text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// csvWriter writes rows of cells through encoding/csv (which quotes commas,
// quotes and line breaks), each cell through termsafe.Text (no command
// prints a control character from a file raw: they show as Go escapes)
// and SafeCell.
type csvWriter struct {
	w   *csv.Writer
	row []string
}

func newCSVWriter(w io.Writer, header []string) (*csvWriter, error) {
	c := &csvWriter{w: csv.NewWriter(w)}
	return c, c.write(header)
}

func (c *csvWriter) write(cells []string) error {
	c.row = c.row[:0]
	for _, s := range cells {
		c.row = append(c.row, SafeCell(termsafe.Text(s)))
	}
	return c.w.Write(c.row)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// WriteManifestCSV writes rows as CSV with the header
// role,id,title,version,effective,sha256.
func WriteManifestCSV(w io.Writer, rows []Row) error {
	c, err := newCSVWriter(w, manifestHeader)
	for _, r := range rows {
		if err != nil {
			return err
		}
		err = c.write(r.cells())
	}
	if err != nil {
		return err
	}
	return c.flush()
}

// WriteManifestJSON writes rows as {"version":1,"rows":[...]}, each row
// with the keys of the CSV header.
func WriteManifestJSON(w io.Writer, rows []Row) error {
	if rows == nil {
		rows = []Row{}
	}
	return writeJSON(w, struct {
		Version int   `json:"version"`
		Rows    []Row `json:"rows"`
	}{1, rows})
}

// writeJSON writes v indented, with what a terminal could act on escaped
// (termsafe.JSON): titles come from files.
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(termsafe.JSON(b), '\n'))
	return err
}

// jsonList writes a JSON document whose last member is a list, one item at
// a time, so that a long list is never held whole: head is the document's
// start up to the list's "[".
type jsonList struct {
	w     *bufio.Writer
	count int
	err   error
}

func newJSONList(w io.Writer, head string) *jsonList {
	l := &jsonList{w: bufio.NewWriter(w)}
	_, l.err = l.w.WriteString(head)
	return l
}

func (l *jsonList) add(v any) {
	if l.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, "    ", "  ")
	if err != nil {
		l.err = err
		return
	}
	sep := "\n    "
	if l.count > 0 {
		sep = ",\n    "
	}
	l.count++
	l.w.WriteString(sep)
	_, l.err = l.w.Write(termsafe.JSON(b))
}

func (l *jsonList) close() error {
	if l.err != nil {
		return l.err
	}
	end := "]\n}\n"
	if l.count > 0 {
		end = "\n  ]\n}\n"
	}
	l.w.WriteString(end)
	return l.w.Flush()
}
