package fix

import "github.com/sopctl/sopctl/pkg/sop"

// What sopctl approve, reviewed and retire write: each is a few keys set
// by SetFields or an item added by AddToList, so that lint --fix and the
// lifecycle commands share one editor of front matter.

// Approval is what sopctl approve records: who approved the SOP, on which
// day (YYYY-MM-DD: effective and reviewed) and the version approved.
type Approval struct{ By, On, Version string }

// Approve sets status approved, version, approver, effective and reviewed.
func Approve(doc *sop.Doc, a Approval) ([]byte, error) {
	return SetFields(doc, []Set{
		{"status", sop.StatusApproved}, {"version", a.Version}, {"approver", a.By},
		{"effective", a.On}, {"reviewed", a.On},
	})
}

// Reviewed records a review on day on (YYYY-MM-DD): reviewed only.
func Reviewed(doc *sop.Doc, on string) ([]byte, error) {
	return SetFields(doc, []Set{{"reviewed", on}})
}

// Retire sets status retired.
func Retire(doc *sop.Doc) ([]byte, error) {
	return SetFields(doc, []Set{{"status", sop.StatusRetired}})
}

// Supersede adds old to the SOP's supersedes list.
func Supersede(doc *sop.Doc, old string) ([]byte, error) {
	return AddToList(doc, "supersedes", old)
}
