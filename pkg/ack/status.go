package ack

import (
	"iter"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Acks is what an acknowledgements file says: the roles each person holds
// and the versions of the approved SOPs each acknowledged. It is kept
// compact (indices, versions stored once) for files of millions of rows.
type Acks struct {
	c        *Catalog
	people   []person
	byName   map[string]int32
	versions []string // each version once
	version  map[string]int32
	acked    map[ackKey]int32 // -> the version: the current one, else the latest
	Rows     int              // rows read, the header not counted
}

type person struct {
	name  string
	roles []string // sorted
}

type ackKey struct{ person, sop int32 }

func newAcks(c *Catalog) *Acks {
	return &Acks{c: c, byName: map[string]int32{}, version: map[string]int32{}, acked: map[ackKey]int32{}}
}

// People is the number of people the file names.
func (a *Acks) People() int { return len(a.people) }

// add records a checked row.
func (a *Acks) add(name, role, id, version string) {
	a.Rows++
	p, ok := a.byName[name]
	if !ok {
		p = int32(len(a.people))
		name = strings.Clone(name) // not the row's, which holds the whole line
		a.byName[name] = p
		a.people = append(a.people, person{name: name})
	}
	if roles := a.people[p].roles; !slices.Contains(roles, role) {
		i, _ := slices.BinarySearch(a.c.roles, role) // the catalogue's string, not the row's
		roles = append(roles, a.c.roles[i])
		slices.Sort(roles)
		a.people[p].roles = roles
	}
	s := a.c.sopIndex(id)
	if s < 0 || a.c.sops[s].Status != sop.StatusApproved {
		return // only a role, or an SOP that nobody must read
	}
	v, ok := a.version[version]
	if !ok {
		v = int32(len(a.versions))
		a.versions = append(a.versions, strings.Clone(version))
		a.version[a.versions[v]] = v
	}
	k := ackKey{p, int32(s)}
	old, seen := a.acked[k]
	switch {
	case !seen:
	case a.c.isCurrent(s, a.versions[old]):
		return // the current version is acknowledged: that is what counts
	case a.c.isCurrent(s, version):
	case sop.CompareVersions(version, a.versions[old]) <= 0:
		return // the latest acknowledged is kept
	}
	a.acked[k] = v
}

// Outstanding is an approved SOP of a person's roles whose current version
// the person has not acknowledged.
type Outstanding struct {
	Person string `json:"person"`
	// Role is the first, by id, of the person's roles that the SOP lists.
	Role  string `json:"role"`
	ID    string `json:"id"`
	Title string `json:"title"`
	// Acknowledged is the latest version the person acknowledged, "" when
	// none.
	Acknowledged string `json:"acknowledged"`
	Current      string `json:"current"`
}

// Outstanding yields what each person has yet to acknowledge, sorted by
// person and then SOP id, one entry per person and SOP.
func (a *Acks) Outstanding() iter.Seq[Outstanding] {
	return func(yield func(Outstanding) bool) {
		order := make([]int32, len(a.people))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, func(x, y int32) int { return strings.Compare(a.people[x].name, a.people[y].name) })
		roleOf := make([]string, len(a.c.sops)) // of this person's SOPs; "" for none
		var mine []int
		for _, p := range order {
			mine = mine[:0]
			for _, r := range a.people[p].roles {
				for _, s := range a.c.ofRole[r] {
					if roleOf[s] == "" {
						roleOf[s] = r
						mine = append(mine, s)
					}
				}
			}
			slices.Sort(mine) // the SOPs are sorted by id
			for _, s := range mine {
				o, due := a.entry(p, s, roleOf[s])
				roleOf[s] = ""
				if due && !yield(o) {
					return
				}
			}
		}
	}
}

// entry is person p's entry for SOP s, and whether it is outstanding.
func (a *Acks) entry(p int32, s int, role string) (Outstanding, bool) {
	sp := &a.c.sops[s]
	o := Outstanding{Person: a.people[p].name, Role: role, ID: sp.ID, Title: sp.Title, Current: sp.Version}
	if v, ok := a.acked[ackKey{p, int32(s)}]; ok {
		o.Acknowledged = a.versions[v]
	}
	return o, o.Acknowledged == "" || !a.c.isCurrent(s, o.Acknowledged)
}
