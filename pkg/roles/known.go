package roles

import "github.com/sopctl/sopctl/pkg/library"

// KnownRole is a role that SOPs may name in their roles: list.
type KnownRole struct{ ID, Title string }

// KnownRoles are the roles of a library, from Known.
type KnownRoles []KnownRole

// Known returns the roles a library's SOPs may name: the role templates
// of cat (catalogues are no roles), then the roles under roles: in
// sopctl.yaml (cfg, nil outside a library), each id once. For an id in
// both, the title in sopctl.yaml wins: the library names its own roles.
func Known(cat *Catalog, cfg *library.Config) KnownRoles {
	var known KnownRoles
	at := map[string]int{}
	add := func(id, title string) {
		if i, ok := at[id]; ok {
			known[i].Title = title
			return
		}
		at[id] = len(known)
		known = append(known, KnownRole{ID: id, Title: title})
	}
	for _, t := range cat.Templates() {
		if t.Role {
			add(t.ID, t.Title)
		}
	}
	if cfg != nil {
		for _, r := range cfg.Roles {
			add(r.ID, r.Name)
		}
	}
	return known
}

// IDs returns the roles' ids, in order.
func (k KnownRoles) IDs() []string {
	ids := make([]string, len(k))
	for i, r := range k {
		ids[i] = r.ID
	}
	return ids
}

// Titles returns each role's title by id.
func (k KnownRoles) Titles() map[string]string {
	titles := make(map[string]string, len(k))
	for _, r := range k {
		titles[r.ID] = r.Title
	}
	return titles
}
