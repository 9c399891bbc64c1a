package sop

// parse is parseTree without the tree, for tests that need only the Doc.
func parse(path string, src []byte) (*Doc, error) {
	doc, _, err := parseTree(path, src)
	return doc, err
}

// parseBody is parseBodyTree without the tree.
func parseBody(src []byte, firstLine int) Body {
	b, _ := parseBodyTree(src, firstLine)
	return b
}
