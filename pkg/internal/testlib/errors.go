package testlib

// LeafErrors flattens the tree errors.Join makes into its leaves, in
// order; an error that joins nothing is its own one leaf.
func LeafErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, LeafErrors(e)...)
		}
		return out
	}
	return []error{err}
}
