package scaffold

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

// newLib writes files into a temporary library and loads it as sopctl new
// does (its sops folder may be missing).
func newLib(t *testing.T, files map[string]string) *library.Library {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["sopctl.yaml"]; !ok {
		files["sopctl.yaml"] = "title: T\nkpis: {CSAT: Customer Satisfaction Score}\n"
	}
	testlib.WriteTree(t, dir, files)
	lib, err := library.OpenToAdd(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func catalog(t *testing.T) *roles.Catalog {
	t.Helper()
	c, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPlanRoleAddsMissingKPIs(t *testing.T) {
	lib := newLib(t, map[string]string{})
	plan, err := PlanNew(lib, catalog(t), Request{Role: "customer-contact-specialist"})
	if err != nil {
		t.Fatal(err)
	}
	last := plan.Changes[len(plan.Changes)-1]
	if last.Path != "sopctl.yaml" || last.Action != Update || !strings.HasPrefix(last.Note, "add KPIs ") {
		t.Fatalf("last change = %s %s (%s), want the KPI update of sopctl.yaml", last.Action, last.Path, last.Note)
	}
	cfg, err := library.ParseConfig("sopctl.yaml", last.Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"CSAT", "FCR", "AHT", "CRR", "ESAT"} {
		if _, ok := cfg.KPI(id); !ok {
			t.Errorf("KPI %s missing after the update", id)
		}
	}
	if plan.Own != 7 || plan.Own+plan.Referenced != len(plan.Changes)-1 {
		t.Errorf("own %d, referenced %d, changes %d", plan.Own, plan.Referenced, len(plan.Changes))
	}
	for _, c := range plan.Changes[:len(plan.Changes)-1] {
		doc, err := sop.Parse(c.Path, c.Data)
		if err != nil || len(doc.Problems) > 0 {
			t.Errorf("%s: %v %v", c.Path, err, doc.Problems)
		}
	}
}

func TestPlanForceKeepsRoles(t *testing.T) {
	lib := newLib(t, map[string]string{
		"sops/orders/order-processing.md": "---\nid: order-processing\ntitle: Mine\nroles: [night-shift]\n---\n",
	})
	plan, err := PlanNew(lib, catalog(t), Request{Role: "customer-contact-specialist", Force: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range plan.Changes {
		if c.Path != "sops/orders/order-processing.md" {
			continue
		}
		doc, err := sop.Parse(c.Path, c.Data)
		if err != nil {
			t.Fatal(err)
		}
		if c.Action != Replace || doc.Meta.Title.Text != "Order Processing" || strings.Join(doc.Meta.Roles.Strings(), ",") != "night-shift,customer-contact-specialist" {
			t.Errorf("%s %s: title %q roles %q", c.Action, c.Path, doc.Meta.Title.Text, doc.Meta.Roles.Strings())
		}
		return
	}
	t.Error("the existing SOP in a sub-folder was not replaced in place")
}

func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		req   Request
		want  string
	}{
		{"unparsed file", map[string]string{"sops/bad.md": "no front matter"}, Request{Role: "customer-contact-specialist"}, "sops/bad.md:1:1: no front matter"},
		{"duplicate id", map[string]string{
			"sops/a/order-processing.md": "---\nid: order-processing\n---\n",
			"sops/b/order-processing.md": "---\nid: order-processing\n---\n",
		}, Request{Role: "customer-contact-specialist"}, `SOP id "order-processing" is used by both sops/a/order-processing.md and sops/b/order-processing.md`},
		{"roles not a list", map[string]string{"sops/order-processing.md": "---\nid: order-processing\nroles: night\n---\n"},
			Request{Role: "customer-contact-specialist"}, "sops/order-processing.md:3:1: cannot add role customer-contact-specialist to roles: (roles is not a list); add it by hand"},
		{"exists", map[string]string{"sops/x.md": "---\nid: x\n---\n"}, Request{ID: "x", Title: "X"}, "sops/x.md already exists"},
		{"unknown role", nil, Request{Role: "nope"}, `unknown role "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.files == nil {
				tt.files = map[string]string{}
			}
			_, err := PlanNew(newLib(t, tt.files), catalog(t), tt.req)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("PlanNew() error = %v, want %q", err, tt.want)
			}
		})
	}
	var exists *ExistsError
	_, err := PlanNew(newLib(t, map[string]string{"sops/x.md": "---\nid: x\n---\n"}), catalog(t), Request{ID: "x", Title: "X"})
	if !errors.As(err, &exists) {
		t.Errorf("error %T, want *ExistsError", err)
	}
}
