package roles

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/templates"
)

// bodyTexts returns every piece of an SOP definition's text that sopctl new
// writes into the SOP's body.
func (d *SOP) bodyTexts() []string {
	out := []string{d.Purpose, d.Scope}
	for _, r := range d.Responsibilities {
		out = append(out, r.Role, r.Duty)
	}
	for _, s := range d.Sections {
		out = append(out, s.Heading, s.Body)
	}
	return append(append(out, d.Steps...), d.Checklist...)
}

var (
	citation = regexp.MustCompile(`\{\{([^{}]*)\}\}`)
	// The templates' convention: no article before a parameter, so that
	// a value like 8 or 11 reads as well as the default.
	articleBefore = regexp.MustCompile(`\b(?i:an?)\s+\{\{`)
)

// TestBuiltinParams checks the built-in templates' parameters: each is
// declared once in the whole catalogue and cited somewhere, and every
// citation names a declared one.
func TestBuiltinParams(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]string{}
	for _, tpl := range c.Templates() {
		for _, p := range tpl.Params {
			if first, dup := declared[p.ID]; dup {
				t.Errorf("parameter %s is declared in %s and in %s", p.ID, first, tpl.ID)
			}
			declared[p.ID] = tpl.ID
		}
	}
	cited := map[string]bool{}
	for _, tpl := range c.Templates() {
		for _, d := range c.Definitions(tpl) {
			for _, s := range d.bodyTexts() {
				for _, m := range citation.FindAllStringSubmatch(s, -1) {
					cited[m[1]] = true
					if _, ok := declared[m[1]]; !ok {
						t.Errorf("%s cites {{%s}}, which no template declares", d.ID, m[1])
					}
				}
				if m := articleBefore.FindString(s); m != "" {
					t.Errorf("%s: %q puts an article before a parameter", d.ID, m)
				}
			}
		}
	}
	for id, tpl := range declared {
		if !cited[id] {
			t.Errorf("parameter %s (declared in %s) is cited by no SOP", id, tpl)
		}
	}
}

// labelNumbers are the digits the built-in SOP text may hold because they
// are names or scales, not values a team sets: escalation tiers, request
// priorities, the 1-to-5 survey scale and a numbered list's markers.
var labelNumbers = regexp.MustCompile(`Tier [1-3]|\| [1-3] \||P[1-4]\b|1-to-5|4 (or|and) 5( on a 5-point scale)?|(?m)^\s*[1-9]\. |\{\{[a-z0-9_]+\}\}`)

// TestBuiltinNumbersAreParams checks that the built-in SOP text holds no
// number a team would set for itself: each is a parameter.
func TestBuiltinNumbersAreParams(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	digits := regexp.MustCompile(`[0-9]+`)
	for _, tpl := range c.Templates() {
		for _, d := range c.Definitions(tpl) {
			for _, s := range d.bodyTexts() {
				rest := labelNumbers.ReplaceAllString(s, "")
				if loc := digits.FindStringIndex(rest); loc != nil {
					t.Errorf("%s: %q holds a number: make it a parameter", d.ID, rest[max(0, loc[0]-30):min(len(rest), loc[1]+30)])
				}
			}
		}
	}
}

// TestSharedSOPsNameEveryRole checks that each SOP a role lists gives
// that role, or its manager for the operations role, a responsibility.
func TestSharedSOPsNameEveryRole(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tpl := range c.Templates() {
		if !tpl.Role {
			continue
		}
		for _, e := range tpl.SOPs {
			d, _ := c.SOP(e.ID)
			if !slices.ContainsFunc(d.Responsibilities, func(r Responsibility) bool { return strings.HasPrefix(r.Role, tpl.Title) }) {
				t.Errorf("role %s lists %s, whose responsibilities do not name %s", tpl.ID, e.ID, tpl.Title)
			}
		}
	}
}

// TestBuiltinResponsible pins responsible: to the seeds' "Person
// Responsible" for each SOP, every seed that lists the SOP counted (seed
// 002, for the operations role, names none).
func TestBuiltinResponsible(t *testing.T) {
	c, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	csm := "Customer Service Manager"
	want := map[string][]string{
		"customer-inquiry-handling":    {"Customer Contact Specialist", csm},
		"order-processing":             {"Customer Contact Specialist", "Order Processing Team Lead", csm},
		"complaint-resolution":         {"Customer Contact Specialist", csm},
		"escalation-procedure":         {"Customer Contact Specialist", csm},
		"quality-assurance-monitoring": {"Quality Assurance Team"},
		"knowledge-base-management":    {"Knowledge Management Specialist", "Knowledge Base Administrator", csm},
		"performance-evaluation":       {"Human Resources Department", csm, "Human Resources Manager"},
		"upselling-and-cross-selling":  {"Sales Team Lead"},
		"customer-data-management":     {"Data Management Coordinator"},
		"communication-etiquette":      {csm},
		"customer-service-training":    {"Training and Development Manager"},
		"email-response-protocol":      {csm},
		"phone-call-handling":          {csm},
		"live-chat-support":            {csm},
		"social-media-engagement":      {csm},
		"returns-and-refunds":          {csm},
	}
	for _, tpl := range c.Templates() {
		for _, d := range c.Definitions(tpl) {
			if got := d.Responsible; !slices.Equal(got, want[d.ID]) {
				t.Errorf("%s: responsible %q, want %q", d.ID, got, want[d.ID])
			}
		}
	}
}
