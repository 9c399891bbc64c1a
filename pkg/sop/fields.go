package sop

import (
	"regexp"
	"slices"

	"gopkg.in/yaml.v3"
)

// Patterns of front-matter values (SPEC section 2). They are plain regular
// expressions that Go and ECMAScript read alike: the checks here compile
// them, and pkg/schema writes the same strings into its JSON Schemas.
const (
	IDPattern      = `^[a-z0-9]+(-[a-z0-9]+)*$`
	VersionPattern = `^[0-9]+(\.[0-9]+){0,2}$`
	// DatePattern is the form of a date ParseDate accepts, years
	// MinYear-MaxYear included; ParseDate also checks the day exists.
	DatePattern = `^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$`
)

var (
	idPattern      = regexp.MustCompile(IDPattern)
	versionPattern = regexp.MustCompile(VersionPattern)
)

// MaxIDLength is the longest id ValidID accepts: an id names files, and
// file names have limits.
const MaxIDLength = 200

// IDRule describes a valid id for messages. A test keeps its limit equal
// to MaxIDLength.
const IDRule = "lower-case letters and digits in words joined by single hyphens, at most 200 characters, like complaint-resolution"

// ValidID reports whether id has the form SPEC section 2 requires of SOP,
// role and template ids: lower-case words of letters and digits joined by
// single hyphens, at most MaxIDLength characters.
func ValidID(id string) bool { return len(id) <= MaxIDLength && idPattern.MatchString(id) }

// ValidVersion reports whether v is one to three numbers joined by dots.
func ValidVersion(v string) bool { return versionPattern.MatchString(v) }

// The statuses an SOP may have.
const (
	StatusDraft    = "draft"
	StatusReview   = "review"
	StatusApproved = "approved"
	StatusRetired  = "retired"
)

// Statuses returns the statuses an SOP may have, in lifecycle order.
func Statuses() []string {
	return []string{StatusDraft, StatusReview, StatusApproved, StatusRetired}
}

// Shape is the kind of YAML value a key holds, as SPEC's examples show it.
type Shape int

// The shapes of values.
const (
	ShapeText    Shape = iota // one scalar, read as text
	ShapeNumber               // a whole number
	ShapeBool                 // true or false
	ShapeList                 // a list
	ShapeMapping              // a mapping
)

func (s Shape) String() string {
	return [...]string{"text", "number", "true or false", "list", "mapping"}[s]
}

// Key describes one key of a YAML mapping that sopctl reads by hand: the
// one description that the decoder, pkg/schema's JSON Schemas and the
// README's field tables all read.
type Key struct {
	Name  string
	Shape Shape
	// Required: the key must be there. For front matter it means that the
	// field is in sopctl.yaml's default required_fields.
	Required bool
	// Title and Description explain the key in editors' hovers and in
	// the README.
	Title, Description string
	// Aliases are other names users write for the key (approved_by for
	// approver): an unknown key that is one suggests this key
	// (SuggestKey). None may be a key of the same table.
	Aliases []string
}

// KeyNames returns the names of keys, in order.
func KeyNames[K interface{ KeyOf() Key }](keys []K) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.KeyOf().Name
	}
	return out
}

// KeyOf returns k; tables whose entries embed a Key share KeyNames and
// ReadKeys through it.
func (k Key) KeyOf() Key { return k }

// ValueKind is what each value of a front-matter field must be: the field's
// value, or each item of a list.
type ValueKind int

// The kinds of front-matter values.
const (
	FreeText     ValueKind = iota // any text
	IDValue                       // an id: ValidID
	VersionValue                  // a quoted version: ValidVersion
	StatusValue                   // one of Statuses
	DateValue                     // a date: ParseDate
	DaysValue                     // a whole number of days, 1 to MaxReviewCycleDays
)

// MaxReviewCycleDays is the longest review cycle, in days, that
// review_cycle_days takes, in sopctl.yaml and in front matter alike.
const MaxReviewCycleDays = 100 * 365

func (k ValueKind) String() string {
	return [...]string{"free text", "id", "version", "status", "date", "number of days"}[k]
}

// Ref is what the items of a list field name; lint's broken-ref checks
// that they exist.
type Ref int

// The things list items can name.
const (
	RefNone Ref = iota // free text
	RefSOP             // ids of SOPs of the library
	RefRole            // ids of role templates or of roles in sopctl.yaml
	RefKPI             // ids under kpis in sopctl.yaml
)

func (r Ref) String() string {
	return [...]string{"free text", "SOP ids", "role ids", "KPI ids"}[r]
}

// Field is one front-matter field of SPEC section 2.
type Field struct {
	Key
	Kind ValueKind
	Refs Ref
	// Approval: the field is required when the status is approved
	// (lint's approval-incomplete).
	Approval bool
	// Asks is what a message asking for an approval field's value calls
	// it, like "who approved it".
	Asks   string
	scalar func(*Meta) *Value
	list   func(*Meta) *List
}

// fields are the front-matter fields, in the order sopctl writes them.
// Adding one: a row here and a member of Meta.
var fields = []Field{
	{Key: Key{Name: "id", Required: true, Title: "Id", Description: "The SOP's unique id, equal to its file name without .md: lower-case letters and digits in words joined by single hyphens.", Aliases: []string{"slug", "sop_id", "identifier"}},
		Kind: IDValue, scalar: func(m *Meta) *Value { return &m.ID }},
	{Key: Key{Name: "title", Required: true, Title: "Title", Description: "The SOP's title as the handbook shows it; a level-1 heading, when there is one, should say the same.", Aliases: []string{"name", "heading"}},
		scalar: func(m *Meta) *Value { return &m.Title }},
	{Key: Key{Name: "version", Required: true, Title: "Version", Description: `The SOP's version as a quoted string of one to three numbers joined by dots, like "1.2" (unquoted, YAML reads 1.10 as the number 1.1).`, Aliases: []string{"ver", "revision", "rev"}},
		Kind: VersionValue, scalar: func(m *Meta) *Value { return &m.Version }},
	{Key: Key{Name: "status", Required: true, Title: "Status", Description: "Where the SOP is in its lifecycle: " + JoinWords(Statuses(), "or") + ".", Aliases: []string{"state", "stage"}},
		Kind: StatusValue, scalar: func(m *Meta) *Value { return &m.Status }},
	{Key: Key{Name: "owner", Required: true, Title: "Owner", Description: "The person or role responsible for the SOP.", Aliases: []string{"author", "owned_by", "maintainer", "created_by"}},
		scalar: func(m *Meta) *Value { return &m.Owner }},
	{Key: Key{Name: "responsible", Shape: ShapeList, Title: "Responsible", Description: "The role titles of the people who carry the SOP out (the seeds' \"Person Responsible\"), like Customer Service Manager.", Aliases: []string{"responsible_person", "responsible_persons", "person_responsible", "responsibles"}},
		list: func(m *Meta) *List { return &m.Responsible }},
	{Key: Key{Name: "approver", Title: "Approver", Description: "Who approved the SOP, required when its status is approved.", Aliases: []string{"approved_by", "approved", "approval", "approval_by", "approver_name", "signed_off_by", "sign_off"}},
		Approval: true, Asks: "who approved it", scalar: func(m *Meta) *Value { return &m.Approver }},
	{Key: Key{Name: "effective", Title: "Effective date", Description: "The date the SOP applies from, as YYYY-MM-DD, required when its status is approved.", Aliases: []string{"effective_date", "effective_from", "valid_from", "start_date", "in_effect"}},
		Kind: DateValue, Approval: true, Asks: "the date it applies from", scalar: func(m *Meta) *Value { return &m.Effective }},
	{Key: Key{Name: "reviewed", Title: "Last reviewed", Description: "The date of the SOP's last review, as YYYY-MM-DD: the next is due review_cycle_days later.", Aliases: []string{"last_reviewed", "reviewed_on", "reviewed_at", "review_date", "last_review"}},
		Kind: DateValue, scalar: func(m *Meta) *Value { return &m.Reviewed }},
	{Key: Key{Name: "review_cycle_days", Shape: ShapeNumber, Title: "Review cycle in days", Description: "How many days after its last review (or else its effective date) this SOP is due for review again, a whole number from 1 to 36500; it overrides review_cycle_days of sopctl.yaml for this SOP.", Aliases: []string{"review_days", "review_interval", "review_period", "review_cycle"}},
		Kind: DaysValue, scalar: func(m *Meta) *Value { return &m.ReviewCycleDays }},
	{Key: Key{Name: "roles", Shape: ShapeList, Title: "Roles", Description: "The roles that follow the SOP: ids of role templates (built-in or the library's own) or of roles in sopctl.yaml.", Aliases: []string{"role", "audience"}},
		Refs: RefRole, list: func(m *Meta) *List { return &m.Roles }},
	{Key: Key{Name: "channels", Shape: ShapeList, Title: "Channels", Description: "The channels the SOP covers, in free text, like phone, email or chat.", Aliases: []string{"channel"}},
		list: func(m *Meta) *List { return &m.Channels }},
	{Key: Key{Name: "related", Shape: ShapeList, Title: "Related SOPs", Description: "Ids of other SOPs of the library that readers of this one should know.", Aliases: []string{"see_also", "related_sops"}},
		Refs: RefSOP, list: func(m *Meta) *List { return &m.Related }},
	{Key: Key{Name: "kpis", Shape: ShapeList, Title: "KPIs", Description: "The metrics the SOP serves: ids of KPIs under kpis in sopctl.yaml.", Aliases: []string{"kpi", "metrics"}},
		Refs: RefKPI, list: func(m *Meta) *List { return &m.KPIs }},
	{Key: Key{Name: "supersedes", Shape: ShapeList, Title: "Supersedes", Description: "Ids of the SOPs of the library that this one replaces.", Aliases: []string{"replaces"}},
		Refs: RefSOP, list: func(m *Meta) *List { return &m.Supersedes }},
	{Key: Key{Name: "tags", Shape: ShapeList, Title: "Tags", Description: "Free-text labels that help readers find the SOP.", Aliases: []string{"tag", "keywords", "labels"}},
		list: func(m *Meta) *List { return &m.Tags }},
}

// UserFieldPrefix starts the front-matter keys that are the user's own.
const UserFieldPrefix = "x-"

// Fields returns the front-matter fields SPEC section 2 defines, in the
// order sopctl writes them. Keys starting with UserFieldPrefix are the
// user's own.
func Fields() []Field { return slices.Clone(fields) }

// FieldNames returns the names of Fields.
func FieldNames() []string { return KeyNames(fields) }

// FieldNamed returns the front-matter field called name.
func FieldNamed(name string) (Field, bool) {
	for i := range fields { // by index: a Field is too large to copy for each look
		if fields[i].Name == name {
			return fields[i], true
		}
	}
	return Field{}, false
}

// ReadKeys reads mapping n (what names it in messages) key by key: read
// gets each key that table defines, with its entry; a key table lacks is
// reported as unknown in where, with the key it most likely means
// (SuggestKey).
func ReadKeys[K interface{ KeyOf() Key }](r *NodeReader, n *yaml.Node, what, where string, table []K, read func(e K, k, v *yaml.Node)) {
	for _, kv := range r.Mapping(n, what) {
		i := slices.IndexFunc(table, func(e K) bool { return e.KeyOf().Name == kv[0].Value })
		if i < 0 {
			r.unknown(kv[0], where, KeyNames(table), SuggestKey(kv[0].Value, table))
			continue
		}
		read(table[i], kv[0], kv[1])
	}
}
