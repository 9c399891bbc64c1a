// Package scaffold plans and writes new SOP files and libraries: the Plan
// functions (PlanNew for sopctl new, PlanInit for sopctl init) read what
// they are given, write nothing and return the changes to make; Apply
// writes them, each file to a temporary name renamed into place, and
// undoes everything if any step fails.
//
// It owns the shape of a scaffolded SOP both ways: FromTemplate writes an
// SOP from a template's definition, Extract reads one back into a
// definition (ExtractRole does so for a role's SOPs, for sopctl templates
// extract), and TemplateYAML writes a template that roles.ParseTemplate
// reads. A template's parameters are filled in as SOPs are planned (ParamValue:
// --set, sopctl.yaml, the default), and the values used are recorded in
// sopctl.yaml.
package scaffold

import (
	"cmp"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Action is what a change does to its file.
type Action string

const (
	Create  Action = "create"
	Update  Action = "update"  // an edit inside the file's own bytes
	Replace Action = "replace" // new content over an existing file (--force)
	Keep    Action = "keep"    // an existing file left as it is: Apply skips it
)

// Change is one file to write.
type Change struct {
	Path   string // slash-separated, relative to the library root
	Action Action
	Data   []byte
	// Old is the content the plan was made from (Update, Replace): Apply
	// refuses to write if the file changed since, and restores it if a
	// later step fails.
	Old  []byte
	Note string // what the change is, for people
	// Referenced marks an SOP planned only because the role's SOPs refer
	// to it.
	Referenced bool
}

// Request says what to scaffold: a whole role (Role), one SOP of a role
// (Role and ID), an SOP from any template (ID), or a blank SOP (ID and
// Title, with Role optional).
type Request struct {
	Role, ID, Title string
	Force           bool
	// NoRefs leaves out, for a whole role, the SOPs its SOPs refer to.
	NoRefs bool
	Today  string // YYYY-MM-DD, for date fields a blank SOP requires
	// Set gives parameters values (sopctl new --set id=value) that win
	// over sopctl.yaml's params and the templates' defaults.
	Set map[string]string
}

// Plan is the outcome of planning.
type Plan struct {
	Changes []Change
	// Own and Referenced count, for a role, the SOPs of the role and the
	// SOPs they refer to (directly or not); Present and PresentReferenced
	// count those of each already in place, needing no change.
	Own, Referenced, Present, PresentReferenced int
	// Missing counts, with Request.NoRefs, the SOPs that the role's SOPs
	// relate to and that neither the role nor the library has: lint
	// reports each reference to one as broken-ref.
	Missing int
	// Params are the parameters the plan writes into SOPs, and those --set
	// names, in order of first use.
	Params []ParamUse
}

// ExistsError is an SOP that would be overwritten without --force.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists: edit it, or pass --force to replace it with a new draft", e.Path)
}

// AppearedError is a file that did not exist when the changes were
// planned but does when they are written: another program, or another
// sopctl run, created it meanwhile. It is kept; running again plans anew.
type AppearedError struct{ Path string }

func (e *AppearedError) Error() string {
	return fmt.Sprintf("%s appeared while sopctl was working (another program or sopctl run created it): nothing was written; run the command again", e.Path)
}

// UnparsedError means the library has SOP files that could not be parsed;
// scaffolding then could create duplicates, and an extracted template
// could lack SOPs, so either stops.
// Then names the command that stops ("extract"; "" for scaffold).
type UnparsedError struct {
	Failed []*sop.Error
	Then   string
}

func (e *UnparsedError) Error() string {
	msgs := make([]string, len(e.Failed))
	for i, f := range e.Failed {
		msgs[i] = f.Error()
	}
	return strings.Join(msgs, "\n") + fmt.Sprintf("\n%d SOP file(s) cannot be parsed: fix them first, then %s", len(e.Failed), cmp.Or(e.Then, "scaffold"))
}

// PlanNew plans the files sopctl new writes.
func PlanNew(lib *library.Library, cat *roles.Catalog, req Request) (*Plan, error) {
	if len(lib.Failed) > 0 {
		return nil, &UnparsedError{Failed: lib.Failed}
	}
	p := &planner{lib: lib, cat: cat, req: req, plan: &Plan{},
		params: &params{set: req.Set, cfg: lib.Config, cat: cat}}
	var role *roles.Template
	if req.Role != "" {
		var err error
		if role, err = cat.Role(req.Role); err != nil {
			return nil, err
		}
	}
	switch {
	case req.Title != "":
		var roleIDs []string
		if role != nil {
			roleIDs = []string{role.ID}
		}
		if err := p.params.checkSet(nil, "a blank SOP does not"); err != nil {
			return nil, err
		}
		data := Blank(req.ID, req.Title, roleIDs, lib.Config.RequiredFields, lib.Config.RequiredSections, req.Today)
		if err := p.single(req.ID, data, "new SOP"); err != nil {
			return nil, err
		}
	case req.ID != "":
		d, ok := cat.SOP(req.ID)
		var roleIDs []string
		if role != nil {
			if !slices.ContainsFunc(role.SOPs, func(e roles.Entry) bool { return e.ID == req.ID }) {
				return nil, &roles.UnknownError{Kind: "SOP of role " + role.ID, ID: req.ID, Suggestion: sop.Closest(req.ID, entryIDs(role))}
			}
			roleIDs = []string{role.ID}
		} else if !ok {
			return nil, &roles.UnknownError{Kind: "SOP template", ID: req.ID, Suggestion: sop.Closest(req.ID, allIDs(cat)),
				Hint: fmt.Sprintf("to start a blank SOP, give it a title: sopctl new %s --title \"...\"", req.ID)}
		}
		if err := p.params.checkSet([]*roles.SOP{d}, "SOP "+d.ID+" does not"); err != nil {
			return nil, err
		}
		if err := p.single(req.ID, p.draft(d, roleIDs), "from "+d.Template.Path); err != nil {
			return nil, err
		}
		p.kpis(d.KPIs)
	default:
		if err := p.role(role); err != nil {
			return nil, err
		}
	}
	if err := p.configEdits(); err != nil {
		return nil, err
	}
	return p.plan, nil
}

func entryIDs(t *roles.Template) []string {
	ids := make([]string, len(t.SOPs))
	for i, e := range t.SOPs {
		ids[i] = e.ID
	}
	return ids
}

func allIDs(cat *roles.Catalog) []string {
	var ids []string
	for _, t := range cat.Templates() {
		ids = append(ids, entryIDs(t)...)
	}
	return ids
}

type planner struct {
	lib     *library.Library
	cat     *roles.Catalog
	req     Request
	plan    *Plan
	newKPIs []string
	params  *params
}

// existing returns the one SOP file with an id, if any.
func (p *planner) existing(id string) (*sop.Doc, error) {
	docs := p.lib.Lookup(id)
	switch len(docs) {
	case 0:
		return nil, nil
	case 1:
		return docs[0], nil
	}
	return nil, fmt.Errorf("SOP id %q is used by both %s and %s: give each SOP its own id first", id, docs[0].Path, docs[1].Path)
}

func (p *planner) target(id string) string { return path.Join(p.lib.Config.SOPsDir, id+".md") }

// single plans one new SOP file, refusing to replace one without --force.
func (p *planner) single(id string, data []byte, note string) error {
	doc, err := p.existing(id)
	if err != nil {
		return err
	}
	if doc == nil {
		p.add(Change{Path: p.target(id), Action: Create, Data: data, Note: note})
		return nil
	}
	if !p.req.Force {
		return &ExistsError{Path: doc.Path}
	}
	p.add(Change{Path: doc.Path, Action: Replace, Data: data, Old: doc.Src, Note: note})
	return nil
}

// role plans every SOP of a role and every SOP they reference.
func (p *planner) role(t *roles.Template) error {
	own := p.cat.Definitions(t)
	all := p.cat.Closure(own)
	if p.req.NoRefs {
		all, p.plan.Missing = own, p.missingRefs(own)
	}
	p.plan.Own, p.plan.Referenced = len(own), len(all)-len(own)
	if err := p.params.checkSet(all, "the SOPs of role "+t.ID+" and those they refer to do not"); err != nil {
		return err
	}
	for i, d := range all {
		inRole := i < len(own)
		doc, err := p.existing(d.ID)
		if err != nil {
			return err
		}
		var roleIDs []string
		if inRole {
			roleIDs = []string{t.ID}
		}
		switch {
		case doc == nil:
			p.add(Change{Path: p.target(d.ID), Action: Create, Data: p.draft(d, roleIDs), Note: noteFor(inRole, t.ID), Referenced: !inRole})
			p.kpis(d.KPIs)
		case p.req.Force:
			merged := doc.Meta.Roles.Strings()
			if inRole && !slices.Contains(merged, t.ID) {
				merged = append(merged, t.ID)
			}
			p.add(Change{Path: doc.Path, Action: Replace, Data: p.draft(d, merged), Old: doc.Src, Note: noteFor(inRole, t.ID), Referenced: !inRole})
			p.kpis(d.KPIs)
		case inRole && !slices.Contains(doc.Meta.Roles.Strings(), t.ID):
			data, err := addRole(doc, t.ID)
			if err != nil {
				return err
			}
			p.add(Change{Path: doc.Path, Action: Update, Data: data, Old: doc.Src, Note: "add role " + t.ID})
			p.citedKPIs(doc)
			p.citedParams(d)
		case inRole:
			p.plan.Present++
			p.citedKPIs(doc)
			p.citedParams(d)
		default:
			p.plan.PresentReferenced++
			p.citedKPIs(doc)
			p.citedParams(d)
		}
	}
	return nil
}

// missingRefs counts the SOPs that own relate to and that neither own
// nor the library has.
func (p *planner) missingRefs(own []*roles.SOP) int {
	missing := map[string]bool{}
	for _, d := range own {
		for _, id := range d.Related {
			inRole := slices.ContainsFunc(own, func(o *roles.SOP) bool { return o.ID == id })
			if !inRole && len(p.lib.Lookup(id)) == 0 {
				missing[id] = true
			}
		}
	}
	return len(missing)
}

// citedKPIs notes the KPIs an SOP already in the library cites that
// sopctl.yaml lacks and a template names: a run interrupted after writing
// the SOP but before adding its KPIs is completed by the next one. A KPI
// no template names is left for lint to report.
func (p *planner) citedKPIs(doc *sop.Doc) {
	for _, id := range doc.Meta.KPIs.Strings() {
		if _, ok := p.cat.KPI(id); ok {
			p.kpis([]string{id})
		}
	}
}

// citedParams records the parameters whose values an SOP already in the
// library was scaffolded with (its definition's citations) and that
// sopctl.yaml lacks, with the value new writes: a run interrupted after
// writing the SOP but before recording them is completed by the next one,
// as for KPIs, so that later scaffolds agree with the SOP.
func (p *planner) citedParams(d *roles.SOP) {
	for _, c := range d.Cites {
		if _, ok := p.lib.Config.Param(c.ID); !ok {
			p.params.value(c.ID)
		}
	}
}

func noteFor(inRole bool, role string) string {
	if inRole {
		return "role " + role
	}
	return "referenced"
}

func (p *planner) add(c Change) { p.plan.Changes = append(p.plan.Changes, c) }

// kpis notes the KPIs a scaffolded SOP cites that sopctl.yaml lacks.
func (p *planner) kpis(ids []string) {
	for _, id := range ids {
		if _, ok := p.lib.Config.KPI(id); !ok && !slices.Contains(p.newKPIs, id) {
			p.newKPIs = append(p.newKPIs, id)
		}
	}
}

// draft is the file of a draft SOP from its template definition, each
// parameter it cites replaced by its value.
func (p *planner) draft(d *roles.SOP, roleIDs []string) []byte {
	return FromTemplate(substituted(d, p.params.value), roleIDs, p.lib.Config.RequiredSections)
}

// configEdits plans the one change to sopctl.yaml: the KPIs noted added,
// then the parameter values used recorded. Each edit is made in the
// file's own bytes and read back before the next.
func (p *planner) configEdits() error {
	cfg := p.lib.Config
	data, root := cfg.Src, cfg.Root
	var notes []string
	for _, edit := range []func([]byte, *yaml.Node) ([]byte, string, error){p.configKPIs, p.configParams} {
		out, note, err := edit(data, root)
		if err != nil {
			return err
		}
		if note == "" {
			continue
		}
		c, err := library.ParseConfig(library.ConfigFile, out)
		if err != nil {
			return fmt.Errorf("%s: cannot %s (%v); make the change by hand", library.ConfigFile, note, err)
		}
		data, root = out, c.Root
		notes = append(notes, note)
	}
	if len(notes) > 0 {
		p.add(Change{Path: library.ConfigFile, Action: Update, Data: data, Old: cfg.Src, Note: strings.Join(notes, "; ")})
	}
	return nil
}

// configKPIs adds the KPIs noted to kpis: in src.
func (p *planner) configKPIs(src []byte, root *yaml.Node) ([]byte, string, error) {
	if len(p.newKPIs) == 0 {
		return src, "", nil
	}
	var entries []mapEntry
	for _, id := range p.newKPIs {
		k, ok := p.cat.KPIDef(id)
		if !ok {
			return nil, "", fmt.Errorf("a template cites KPI %q, which neither %s nor any template names: add it under kpis: in %s", id, library.ConfigFile, library.ConfigFile)
		}
		entries = append(entries, kpiEntry(k))
	}
	data, err := appendToMapping(src, root, "kpis", entries)
	if err != nil {
		return nil, "", fmt.Errorf("%s: cannot add KPIs %s to kpis: (%v); add them by hand", library.ConfigFile, strings.Join(p.newKPIs, ", "), err)
	}
	return data, "add KPIs " + strings.Join(p.newKPIs, ", "), nil
}

// kpiEntry is the sopctl.yaml entry of a template's KPI: the short form
// ID: Name, or the mapping form when the template gives a definition or
// a target.
func kpiEntry(k roles.KPI) mapEntry {
	e := mapEntry{key: k.ID, value: k.Name}
	if k.Definition != "" || k.Target != "" {
		e.fields = [][2]string{{"name", k.Name}}
		if k.Definition != "" {
			e.fields = append(e.fields, [2]string{"definition", k.Definition})
		}
		if k.Target != "" {
			e.fields = append(e.fields, [2]string{"target", k.Target})
		}
	}
	return e
}

// addRole inserts a role into an SOP's roles: list in the file's own bytes
// and checks, by parsing the result, that nothing else changed.
func addRole(doc *sop.Doc, role string) ([]byte, error) {
	data, err := appendToList(doc.Src, doc.Front, "roles", role, doc.BodyLine-1)
	if err == nil {
		err = verifyRoleAdded(doc, data, role)
	}
	if err != nil {
		pos := doc.Meta.Roles.Pos
		return nil, fmt.Errorf("%s:%d:%d: cannot add role %s to roles: (%v); add it by hand", doc.Path, pos.Line, pos.Col, role, err)
	}
	return data, nil
}

func verifyRoleAdded(before *sop.Doc, data []byte, role string) error {
	after, err := sop.Parse(before.Path, data)
	if err != nil {
		return err
	}
	want := append(before.Meta.Roles.Strings(), role)
	if !slices.Equal(after.Meta.Roles.Strings(), want) {
		return errors.New("the edited roles: did not read back as expected")
	}
	a, b := before.Meta, after.Meta
	a.Roles, b.Roles = sop.List{}, sop.List{}
	if texts(a) != texts(b) || string(before.Body) != string(after.Body) {
		return errors.New("the edit would have changed other fields")
	}
	return nil
}

// texts renders the values of a Meta without positions, for comparison.
func texts(m sop.Meta) string {
	var b strings.Builder
	for _, v := range []sop.Value{m.ID, m.Title, m.Version, m.Status, m.Owner, m.Approver, m.Effective, m.Reviewed} {
		fmt.Fprintf(&b, "%q|", v.Text)
	}
	for _, l := range []sop.List{m.Responsible, m.Roles, m.Channels, m.Related, m.KPIs, m.Supersedes, m.Tags} {
		fmt.Fprintf(&b, "%q|", l.Strings())
	}
	return b.String()
}
