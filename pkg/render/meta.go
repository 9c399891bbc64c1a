package render

import (
	"cmp"
	"slices"

	"github.com/sopctl/sopctl/pkg/sop"
)

// MetaField is one entry of an SOP's metadata block: a front-matter field
// as the file has it, or the next review date the model computes.
type MetaField struct {
	// Name is the field's name in the front matter, or NextReview.
	Name string
	// Label names the entry for readers.
	Label string
	// IsList says the field is a list: List holds its items, else Value
	// its value. Both are as the front matter has them, empty ones
	// included: each writer decides what it shows.
	IsList bool
	Value  sop.Value
	List   sop.List
}

// NextReview names the MetaField of Page.NextReview.
const NextReview = "next review"

// metaLabels are the labels the handbook gives fields more briefly than
// the field table's titles.
var metaLabels = map[string]string{"id": "ID", "effective": "Effective"}

// Meta returns the entries of p's metadata block, in the order every writer
// shows them: the fields of sop.Fields in its order but title (the page's
// heading) and supersedes (which has a section of its own), with the next
// review right after the last. A writer leaves out the entries its page
// shows elsewhere; a field added to the table shows everywhere else.
func (p *Page) Meta() []MetaField {
	out := make([]MetaField, 0, len(metaFields)+1)
	for i := range metaFields {
		f := &metaFields[i]
		e := MetaField{Name: f.Name, Label: cmp.Or(metaLabels[f.Name], f.Title), IsList: f.Shape == sop.ShapeList}
		if e.IsList {
			e.List = f.List(&p.Doc.Meta)
		} else {
			e.Value = f.Value(&p.Doc.Meta)
		}
		out = append(out, e)
		if f.Name == "reviewed" {
			out = append(out, MetaField{Name: NextReview, Label: "Next review", Value: sop.Value{Text: p.NextReview, Set: p.NextReview != ""}})
		}
	}
	return out
}

// metaFields are the fields Meta shows, taken from sop.Fields once: Meta
// is called for every page and section, and a copy of the whole field
// table each time was most of what it allocated.
var metaFields = slices.DeleteFunc(sop.Fields(), func(f sop.Field) bool {
	return f.Name == "title" || f.Name == "supersedes"
})
