// Package ack answers who must read which SOP: the manifest of every
// approved SOP per role (one row per role and SOP, with the version and a
// SHA-256 of the file, for an LMS or HR system to import), and, from a
// CSV of acknowledgements (person, role, id, version) read as a stream,
// every approved SOP of a person's roles whose current version the person
// has not acknowledged. It is given the SOPs and the known roles; it reads
// no files itself and writes CSV, JSON and text to the writers it is given.
package ack

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// SOP is what the acknowledgements need of one SOP of the library.
type SOP struct {
	ID, Title, Version, Status, Effective string
	// Roles are the known roles the SOP lists.
	Roles []string
	// Src is the file's bytes as on disk, which the manifest's sha256
	// identifies.
	Src []byte

	validVersion bool // Version is one sop.ValidVersion accepts
}

// Catalog is a library's SOPs and known roles, indexed for the manifest
// and for checking acknowledgement files.
type Catalog struct {
	sops   []SOP // sorted by id
	byID   map[string]int
	ids    []string         // of sops, for suggestions
	roles  []string         // known role ids, sorted
	ofRole map[string][]int // approved SOPs of each known role, by id
}

// New indexes sops (one per id: the caller resolves duplicate ids) and
// the known role ids. Only approved SOPs are read: the others are known
// ids whose acknowledgements are ignored.
func New(sops []SOP, knownRoles []string) *Catalog {
	c := &Catalog{sops: slices.Clone(sops), byID: map[string]int{}, roles: slices.Clone(knownRoles), ofRole: map[string][]int{}}
	slices.SortFunc(c.sops, func(a, b SOP) int { return strings.Compare(a.ID, b.ID) })
	slices.Sort(c.roles)
	c.roles = slices.Compact(c.roles)
	for i := range c.sops {
		s := &c.sops[i]
		s.validVersion = sop.ValidVersion(s.Version)
		c.byID[s.ID] = i
		c.ids = append(c.ids, s.ID)
		if s.Status != sop.StatusApproved {
			continue
		}
		for _, r := range s.Roles {
			if c.knownRole(r) && !slices.Contains(c.ofRole[r], i) {
				c.ofRole[r] = append(c.ofRole[r], i)
			}
		}
	}
	return c
}

// isCurrent reports whether version v, a valid one, is the current version
// of SOP s. No version is the current one of an SOP whose own version is
// not valid (lint reports it).
func (c *Catalog) isCurrent(s int, v string) bool {
	return c.sops[s].validVersion && sop.CompareVersions(v, c.sops[s].Version) == 0
}

// sopIndex returns the index of the SOP with an id in c.sops, or -1.
func (c *Catalog) sopIndex(id string) int {
	if i, ok := c.byID[id]; ok {
		return i
	}
	return -1
}

func (c *Catalog) knownRole(id string) bool {
	_, ok := slices.BinarySearch(c.roles, id)
	return ok
}

// UnknownRoleError is a role id that is not a known role.
type UnknownRoleError struct{ ID, Suggestion string }

func (e *UnknownRoleError) Error() string {
	msg := fmt.Sprintf("unknown role %q", e.ID)
	if e.Suggestion != "" {
		msg += ": " + sop.Meant(e.Suggestion)
	}
	return msg + "; sopctl templates list shows the roles"
}

// checkRole returns an *UnknownRoleError for a role id that is not known.
func (c *Catalog) checkRole(id string) error {
	if c.knownRole(id) {
		return nil
	}
	return &UnknownRoleError{ID: id, Suggestion: sop.Closest(id, c.roles)}
}

// Row is one line of the manifest: an approved SOP that a role must read.
type Row struct {
	Role      string `json:"role"`
	ID        string `json:"id"`
	Title     string `json:"title"`
	Version   string `json:"version"`
	Effective string `json:"effective"`
	SHA256    string `json:"sha256"`
}

// manifestHeader is the manifest's CSV header, the JSON rows' keys in order.
var manifestHeader = []string{"role", "id", "title", "version", "effective", "sha256"}

func (r Row) cells() []string {
	return []string{r.Role, r.ID, r.Title, r.Version, r.Effective, r.SHA256}
}

// Manifest returns a row for each known role and each approved SOP that
// lists it, sorted by role and then id; role, when not "", keeps that
// role's rows (an *UnknownRoleError when it is not known).
func (c *Catalog) Manifest(role string) ([]Row, error) {
	roles := c.roles
	if role != "" {
		if err := c.checkRole(role); err != nil {
			return nil, err
		}
		roles = []string{role}
	}
	sums := map[int]string{}
	var rows []Row
	for _, r := range roles {
		for _, i := range c.ofRole[r] {
			s := &c.sops[i]
			if sums[i] == "" {
				sum := sha256.Sum256(s.Src)
				sums[i] = hex.EncodeToString(sum[:])
			}
			rows = append(rows, Row{Role: r, ID: s.ID, Title: s.Title, Version: s.Version, Effective: s.Effective, SHA256: sums[i]})
		}
	}
	return rows, nil
}
