package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/render"
)

func ids(ps []*render.Page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func TestBuildSmall(t *testing.T) {
	h, _ := loadSmall(t)
	if h.Title != "Small Test Handbook" || h.Organization != "Test & Co" {
		t.Errorf("title %q, organization %q", h.Title, h.Organization)
	}
	want := []string{"complaint-handling", "escalation", "old-escalation", "order-intake", "refund-processing", "returns"}
	if got := ids(h.SOPs); !slices.Equal(got, want) {
		t.Fatalf("SOPs %v, want %v", got, want)
	}
	page := func(id string) *render.Page {
		p, ok := h.Page(id)
		if !ok {
			t.Fatalf("no page %s", id)
		}
		return p
	}
	ch := page("complaint-handling")
	if got := ids(ch.Related); !slices.Equal(got, []string{"refund-processing", "escalation"}) {
		t.Errorf("complaint-handling related %v", got)
	}
	// Referenced by: related (escalation, refund-processing) and a body
	// link (escalation links to #café-stores, refund-processing to
	// #checklist-1); sorted by id, each once.
	if got := ids(ch.ReferencedBy); !slices.Equal(got, []string{"escalation", "refund-processing"}) {
		t.Errorf("complaint-handling referenced by %v", got)
	}
	// order-intake is only linked from complaint-handling's body.
	if got := ids(page("order-intake").ReferencedBy); !slices.Equal(got, []string{"complaint-handling"}) {
		t.Errorf("order-intake referenced by %v", got)
	}
	old := page("old-escalation")
	if got := ids(old.SupersededBy); !slices.Equal(got, []string{"escalation"}) {
		t.Errorf("old-escalation superseded by %v", got)
	}
	if got := ids(page("escalation").Supersedes); !slices.Equal(got, []string{"old-escalation"}) {
		t.Errorf("escalation supersedes %v", got)
	}
	if got := ids(old.ReferencedBy); !slices.Equal(got, []string{"escalation"}) {
		t.Errorf("old-escalation referenced by %v", got)
	}
	if old.NextReview != "" || old.Overdue {
		t.Errorf("retired SOP: next review %q overdue %v", old.NextReview, old.Overdue)
	}
	if r := page("returns"); r.NextReview != "2026-01-01" || !r.Overdue {
		t.Errorf("returns: next review %q overdue %v, want 2026-01-01 overdue", r.NextReview, r.Overdue)
	}
	if ch.NextReview != "2027-01-10" || ch.Overdue {
		t.Errorf("complaint-handling: next review %q overdue %v", ch.NextReview, ch.Overdue)
	}
	if p := page("order-intake"); p.NextReview != "" || len(p.Roles) != 0 {
		t.Errorf("order-intake: next review %q, roles %v", p.NextReview, p.Roles)
	}
	if len(ch.History) != 1 || len(page("escalation").History) != 0 {
		t.Errorf("history: %v / %v", ch.History, page("escalation").History)
	}

	var roles []string
	for _, r := range h.Roles {
		roles = append(roles, r.ID+"="+strings.Join(ids(r.SOPs), ","))
	}
	wantRoles := []string{
		"customer-contact-specialist=complaint-handling,refund-processing",
		"customer-service-representative=complaint-handling,escalation,old-escalation,returns",
		render.Unassigned + "=order-intake",
	}
	if !slices.Equal(roles, wantRoles) {
		t.Errorf("roles\n got %v\nwant %v", roles, wantRoles)
	}

	// Exactly the three broken links of complaint-handling are warned
	// about, at their positions.
	var warns []string
	for _, p := range h.SOPs {
		for _, w := range h.LinkWarnings(p) {
			warns = append(warns, w.String())
		}
	}
	wantWarns := []string{
		"sops/service/complaint-handling.md:42:28: warning: link to missing.md names sops/service/missing.md, which does not exist: rendered as plain text",
		"sops/service/complaint-handling.md:42:58: warning: link to ../orders/refund-processing.md#no-such-heading points to #no-such-heading, a heading sops/orders/refund-processing.md lacks: rendered as plain text",
		"sops/service/complaint-handling.md:42:126: warning: link to #nowhere points to #nowhere, a heading this SOP lacks: rendered as plain text",
		"sops/service/complaint-handling.md:61:1: warning: image images/map.png names sops/service/images/map.png, which does not exist: shown as its description",
	}
	if !slices.Equal(warns, wantWarns) {
		t.Errorf("warnings\n got %q\nwant %q", warns, wantWarns)
	}
}

func TestEdgesAndGraphs(t *testing.T) {
	h, _ := loadSmall(t)
	var got []string
	for _, e := range h.Edges() {
		got = append(got, e.From.ID+" "+e.Kind+" "+e.To.ID)
	}
	want := []string{
		"complaint-handling links escalation",
		"complaint-handling related escalation",
		"complaint-handling links order-intake",
		"complaint-handling links refund-processing",
		"complaint-handling related refund-processing",
		"escalation links complaint-handling",
		"escalation related complaint-handling",
		"escalation supersedes old-escalation",
		"refund-processing links complaint-handling",
		"refund-processing related complaint-handling",
		"returns links refund-processing",
		"returns related refund-processing",
	}
	if !slices.Equal(got, want) {
		t.Errorf("edges\n got %q\nwant %q", got, want)
	}
	dot := h.DOT()
	if !strings.Contains(dot, `"old-escalation" [label="Old Escalation Procedure\nold-escalation", color=grey, fontcolor=grey];`) {
		t.Errorf("DOT lacks the retired node:\n%s", dot)
	}
	if m := h.Mermaid(); !strings.Contains(m, "class s2 retired") {
		t.Errorf("Mermaid lacks the retired class:\n%s", m)
	}
}

func TestDue(t *testing.T) {
	h, _ := loadSmall(t)
	if got := ids(h.Due(0)); !slices.Equal(got, []string{"returns"}) {
		t.Errorf("due today: %v", got)
	}
	if got := ids(h.Due(401)); !slices.Equal(got, []string{"returns", "complaint-handling", "refund-processing", "escalation"}) {
		t.Errorf("due by 2027: %v", got)
	}
}
