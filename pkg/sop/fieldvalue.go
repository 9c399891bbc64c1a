package sop

// Value returns the value of single-value field f in m; the zero Value
// when f is a list field. It lets a caller go through Fields and read
// each field without naming Meta's members.
func (f Field) Value(m *Meta) Value {
	if f.scalar == nil {
		return Value{}
	}
	return *f.scalar(m)
}

// List returns the items of list field f in m; the zero List when f is a
// single-value field.
func (f Field) List(m *Meta) List {
	if f.list == nil {
		return List{}
	}
	return *f.list(m)
}
