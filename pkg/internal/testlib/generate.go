// Package testlib holds helpers for the tests and benchmarks under pkg/.
//
// Generate writes a synthetic but realistic SOP library of any size, the
// same bytes every time for the same arguments, so benchmarks (1k, 10k and
// 100k SOPs) and large-library tests need no checked-in fixtures; its SOPs
// are about 2.6 KB, and GenerateSized grows them to a size of choice.
package testlib

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Areas is the number of sub-folders of sops/ that Generate spreads SOPs over.
const Areas = 20

// RoleIDs are the built-in role template ids the generated SOPs cite.
var RoleIDs = []string{
	"customer-contact-specialist",
	"customer-service-representative",
	"customer-service-correspondence-clerk",
	"customer-service-operations",
}

// KPIs are the KPIs the generated config defines and the SOPs cite.
var KPIs = []struct{ ID, Name string }{
	{"CSAT", "Customer Satisfaction Score"},
	{"FCR", "First Contact Resolution"},
	{"AHT", "Average Handling Time"},
}

// ID returns the id of the i-th generated SOP.
func ID(i int) string { return fmt.Sprintf("sop-%06d", i) }

var (
	roleTitles = []string{
		"Customer Contact Specialist",
		"Customer Service Representative",
		"Customer Service Correspondence Clerk",
		"Customer Service Operations",
	}
	topics = []string{
		"Order", "Refund", "Complaint", "Warranty Claim", "Billing Dispute", "Account Closure",
		"Delivery Delay", "Product Return", "Subscription Change", "Password Reset",
		"Address Change", "Payment Failure", "Loyalty Points", "Damaged Item", "Price Match",
		"Service Outage", "Callback Request", "Data Access Request", "Cancellation", "Invoice Correction",
	}
	actions = []string{
		"Handling", "Processing", "Escalation", "Resolution", "Verification",
		"Follow-up", "Intake", "Review", "Documentation", "Approval",
	}
	variants = []string{
		"", "", "", " for Business Customers", " for Priority Accounts", " in Retail Stores",
		" by Email", " by Phone", " by Chat", " for New Customers",
	}
	owners = []string{
		"Customer Service Manager", "Contact Centre Manager", "Head of Customer Experience",
		"Billing Team Lead", "Returns Team Lead", "Quality Assurance Lead", "Operations Manager",
	}
	approvers = []string{
		"Head of Customer Experience", "Director of Operations", "Chief Customer Officer",
		"Head of Quality", "Customer Service Manager",
	}
	channels = []string{"phone", "email", "chat", "social", "letter", "web form"}
	tagWords = []string{
		"complaints", "billing", "returns", "orders", "accounts", "escalation", "quality",
		"compliance", "privacy", "payments", "delivery", "retention", "self-service", "training",
	}
	purposes = []string{
		"This procedure makes sure that every %s case is handled the same way, whichever channel the customer uses and whoever picks it up.",
		"It exists so that customers get a clear answer about their %s quickly, and so that nothing is lost when a case changes hands.",
		"Handled well, every %s contact is a chance to keep a customer; handled badly, it is the most common reason customers leave.",
		"The procedure sets out the checks that protect the customer and the company before any change to an account or an order is made.",
		"It also gives team leads a common standard against which to coach, and gives quality reviewers something concrete to measure against.",
		"Following it keeps us within our published service levels and the consumer protection rules that apply to %s cases.",
	}
	scopes = []string{
		"It covers every %s contact received by phone, email, chat, social media or letter.",
		"It applies to all front-line staff, team leads and the back-office teams who support them.",
		"Contacts from business customers follow the same steps unless their contract says otherwise.",
		"It does not cover suspected fraud, which goes to the Fraud team on first suspicion, nor legal claims, which go to Legal.",
		"Cases opened before this version took effect are finished under the version in force when they were opened.",
	}
	duties = []string{
		"handles the contact from start to finish and keeps the customer informed at each step.",
		"records every action in the case history on the day it is taken.",
		"reviews a sample of closed cases each week and feeds findings back to the team.",
		"approves exceptions above the agent's authority limit and signs off goodwill payments.",
		"keeps this procedure current and reviews it at least once a year.",
		"sends the written confirmation and files a copy against the customer's account.",
	}
	steps = []string{
		"Greet the customer, introduce yourself and confirm their identity using two of the approved security questions.",
		"Open a case in the CRM, choose the %s category and record the channel, the order or account number and the customer's own words.",
		"Listen to the whole story before answering; summarise it back to the customer and ask whether anything is missing.",
		"Check the order, billing and contact history for earlier cases about the same %s and link them to this case.",
		"Explain the options open to the customer in plain language, including timescales and anything they need to send us.",
		"Agree the next step with the customer and set a follow-up date in the case; never promise what policy does not allow.",
		"Carry out the agreed action within your authority limit, or pass the case to your team lead with a short written summary.",
		"Send the written confirmation using the approved template, and attach it to the case.",
		"Update the case status, record the outcome code and note any root cause that the operations team should know about.",
		"Close the case only when the customer has confirmed the outcome or has not replied within five business days.",
		"Offer the satisfaction survey at the end of the contact and note any feedback the customer volunteers.",
		"If the customer is unhappy with the outcome, explain how to escalate and give them the case reference.",
	}
	linkSteps = []string{
		"If the case also involves %s, follow [%s](%s) before going further.",
		"Where the customer asks about %s, hand over using [%s](%s) and note the handover in the case.",
	}
	notes = []string{
		"When a case does not fit the steps above, write down what happened, who decided what and why.",
		"Raise such cases at the next team meeting so that the procedure can be improved.",
		"Keep the customer informed at every stage and never promise an outcome you cannot deliver.",
		"New starters shadow an experienced colleague on at least five cases before handling one alone.",
		"Team leads check that the case history would let a colleague pick the case up without calling the customer again.",
		"Where the customer is vulnerable, slow down, check understanding and offer to send the details in writing.",
		"Quality reviewers score a sample of cases against the checklist and share the results with the team each month.",
		"Any complaint about how this procedure was followed is itself handled under the complaints procedure.",
		"Suggestions for improving this procedure go to its owner, who answers each one within a month.",
	}
	checks = []string{
		"Customer identity verified",
		"Case opened with the right category and channel",
		"Customer's own words recorded",
		"Earlier related cases linked",
		"Outcome agreed with the customer",
		"Written confirmation sent and attached",
		"Outcome code and root cause recorded",
		"Follow-up date set or case closed",
		"Survey offered",
	}
)

type genSOP struct {
	id, title, topic, status string
	area                     int
	related                  []int
}

// Generate writes dir/sopctl.yaml and n SOP files under dir/sops/, spread
// over up to Areas sub-folders (sops/area-07/sop-000123.md). Every SOP is
// valid under SPEC section 2 and loads with no problems: its id is its file
// stem, it cites the built-in roles and the config's KPIs, and its related
// SOPs and body links name other generated SOPs that are not retired.
// Most SOPs are approved; some are draft, in review or retired. Reviewed
// dates fall in 2025-2026, so lint's review-overdue depends on the date it
// runs. The same arguments always give the same bytes.
func Generate(dir string, n int, seed int64) error {
	return GenerateSized(dir, n, seed, 0)
}

// GenerateSized is Generate with every SOP shorter than size bytes grown
// to about size by a last section of prose, "## Notes" (no link, no
// field: only more text to read, parse and render). The notes take no
// random draw, so each SOP's other bytes are those Generate writes, and
// size 0 gives Generate's library byte for byte.
func GenerateSized(dir string, n int, seed int64, size int) error {
	if n < 0 {
		return fmt.Errorf("testlib.Generate: n = %d, want 0 or more", n)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	sops := make([]genSOP, n)
	var live []int // SOPs that are not retired: the targets of references
	for i := range sops {
		s := &sops[i]
		s.id = ID(i)
		s.area = rng.IntN(Areas)
		s.topic = pick(rng, topics)
		s.title = s.topic + " " + pick(rng, actions) + pick(rng, variants)
		switch r := rng.IntN(20); {
		case r < 14:
			s.status = "approved"
		case r < 16:
			s.status = "draft"
		case r < 18:
			s.status = "review"
		default:
			s.status = "retired"
		}
		if s.status != "retired" {
			live = append(live, i)
		}
	}
	for i := range sops {
		want := 1 + rng.IntN(4)
		for try := 0; len(sops[i].related) < want && try < 4*want; try++ {
			if len(live) == 0 {
				break
			}
			j := live[rng.IntN(len(live))]
			if j != i && !slices.Contains(sops[i].related, j) {
				sops[i].related = append(sops[i].related, j)
			}
		}
	}

	if err := os.MkdirAll(filepath.Join(dir, "sops"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "sopctl.yaml"), config(n, seed), 0o644); err != nil {
		return err
	}
	made := make([]bool, Areas)
	var buf bytes.Buffer
	for i := range sops {
		s := &sops[i]
		folder := filepath.Join(dir, "sops", areaName(s.area))
		if !made[s.area] {
			if err := os.MkdirAll(folder, 0o755); err != nil {
				return err
			}
			made[s.area] = true
		}
		buf.Reset()
		writeSOP(&buf, rng, sops, i)
		writeNotes(&buf, i, size)
		if err := os.WriteFile(filepath.Join(folder, s.id+".md"), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func config(n int, seed int64) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Generated by testlib.Generate(dir, %d, %d).\n", n, seed)
	b.WriteString(`title: Generated Customer Service Handbook
organization: Example Ltd
sops_dir: sops
review_cycle_days: 365
required_fields: [id, title, version, status, owner]
required_sections: [Purpose, Scope, Procedure]
max_file_kb: 1024
exclude: []
kpis:
`)
	for _, k := range KPIs {
		fmt.Fprintf(&b, "  %s: %s\n", k.ID, k.Name)
	}
	b.WriteString("roles: {}\nlint:\n  rules: {}\n")
	return b.Bytes()
}

func areaName(a int) string { return fmt.Sprintf("area-%02d", a) }

// relLink is the relative Markdown link from SOP from's file to SOP to's
// Procedure section.
func relLink(sops []genSOP, from, to int) string {
	name := sops[to].id + ".md#procedure"
	if sops[from].area == sops[to].area {
		return name
	}
	return "../" + areaName(sops[to].area) + "/" + name
}

// writeSOP writes SOP i of sops: its front matter, then its body.
func writeSOP(b *bytes.Buffer, rng *rand.Rand, sops []genSOP, i int) {
	roles := writeFrontMatter(b, rng, sops, i)
	writeBody(b, rng, sops, i, roles)
}

// writeFrontMatter writes the front matter of SOP i and returns the
// indexes in RoleIDs of the roles it cites.
func writeFrontMatter(b *bytes.Buffer, rng *rand.Rand, sops []genSOP, i int) []int {
	s := &sops[i]
	fmt.Fprintf(b, "---\nid: %s\ntitle: %s\n", s.id, s.title)
	major := 1 + rng.IntN(3)
	if s.status == "draft" {
		major = 0
	}
	fmt.Fprintf(b, "version: \"%d.%d\"\nstatus: %s\nowner: %s\n", major, rng.IntN(10), s.status, pick(rng, owners))
	if s.status == "approved" || s.status == "retired" {
		effective := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(480))
		reviewed := effective.AddDate(0, 0, rng.IntN(15)) // on or after effective, as review-before-effective expects
		fmt.Fprintf(b, "approver: %s\neffective: %s\nreviewed: %s\n", pick(rng, approvers),
			effective.Format(time.DateOnly), reviewed.Format(time.DateOnly))
	}
	roles := sample(rng, len(RoleIDs), 1+rng.IntN(2))
	writeList(b, "roles", roles, func(r int) string { return RoleIDs[r] })
	writeList(b, "channels", sample(rng, len(channels), 1+rng.IntN(4)), func(c int) string { return channels[c] })
	writeList(b, "related", s.related, func(r int) string { return sops[r].id })
	writeList(b, "kpis", sample(rng, len(KPIs), 1+rng.IntN(3)), func(c int) string { return KPIs[c].ID })
	writeList(b, "tags", sample(rng, len(tagWords), 1+rng.IntN(3)), func(c int) string { return tagWords[c] })
	b.WriteString("---\n\n")
	return roles
}

// writeList writes a front-matter list in flow style: key: [a, b].
func writeList(b *bytes.Buffer, key string, idx []int, name func(int) string) {
	fmt.Fprintf(b, "%s: [", key)
	for k, j := range idx {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(name(j))
	}
	b.WriteString("]\n")
}

// writeBody writes the body of SOP i, whose roles (indexes in RoleIDs)
// have a line each under Responsibilities.
func writeBody(b *bytes.Buffer, rng *rand.Rand, sops []genSOP, i int, roles []int) {
	s := &sops[i]
	topic := strings.ToLower(s.topic)
	fmt.Fprintf(b, "# %s\n\n## Purpose\n", s.title)
	paragraph(b, rng, purposes, 3+rng.IntN(2), topic)
	b.WriteString("\n## Scope\n")
	paragraph(b, rng, scopes, 2+rng.IntN(2), topic)
	b.WriteString("\n## Responsibilities\n")
	for _, r := range roles {
		fmt.Fprintf(b, "- **%s** %s\n", roleTitles[r], pick(rng, duties))
	}
	fmt.Fprintf(b, "- **The owner** %s\n", duties[4])
	writeProcedure(b, rng, sops, i, topic)
	b.WriteString("\n## Checklist\n")
	items := sample(rng, len(checks), 4+rng.IntN(4))
	slices.Sort(items)
	for _, c := range items {
		fmt.Fprintf(b, "- [ ] %s\n", checks[c])
	}
}

// writeProcedure writes the Procedure section of SOP i: steps from the
// pool in the order a contact runs, one or two of them linking to related
// SOPs.
func writeProcedure(b *bytes.Buffer, rng *rand.Rand, sops []genSOP, i int, topic string) {
	s := &sops[i]
	b.WriteString("\n## Procedure\n")
	nSteps := 6 + rng.IntN(5)
	order := sample(rng, len(steps), nSteps)
	slices.Sort(order) // the pool is in the order a contact runs
	links := min(len(s.related), 1+rng.IntN(2))
	linkAt := sample(rng, nSteps, links)
	for k, st := range order {
		fmt.Fprintf(b, "%d. ", k+1)
		if l := slices.Index(linkAt, k); l >= 0 {
			to := s.related[l]
			fmt.Fprintf(b, linkSteps[l%len(linkSteps)], strings.ToLower(sops[to].topic), sops[to].title, relLink(sops, i, to))
		} else if strings.Contains(steps[st], "%s") {
			fmt.Fprintf(b, steps[st], topic)
		} else {
			b.WriteString(steps[st])
		}
		b.WriteString("\n")
	}
}

// writeNotes grows SOP i, whose bytes so far are in b, to about size bytes
// with a Notes section of sentences from the pool, cycling from a start
// that depends on i; paragraphs of four sentences. Nothing when the SOP is
// already that long.
func writeNotes(b *bytes.Buffer, i, size int) {
	if b.Len() >= size {
		return
	}
	b.WriteString("\n## Notes\n")
	for k := 0; b.Len() < size; k++ {
		switch {
		case k > 0 && k%4 == 0:
			b.WriteString("\n\n")
		case k > 0:
			b.WriteByte(' ')
		}
		b.WriteString(notes[(i+k)%len(notes)])
	}
	b.WriteByte('\n')
}

// paragraph writes k distinct sentences from pool, in pool order.
func paragraph(b *bytes.Buffer, rng *rand.Rand, pool []string, k int, topic string) {
	idx := sample(rng, len(pool), k)
	slices.Sort(idx)
	for n, j := range idx {
		if n > 0 {
			b.WriteByte(' ')
		}
		if strings.Contains(pool[j], "%s") {
			fmt.Fprintf(b, pool[j], topic)
		} else {
			b.WriteString(pool[j])
		}
	}
	b.WriteByte('\n')
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// sample returns k distinct indexes below n (k is capped at n) in random
// order.
func sample(rng *rand.Rand, n, k int) []int {
	k = min(k, n)
	p := rng.Perm(n)
	return p[:k]
}
