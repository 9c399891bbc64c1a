package render

import "strconv"

// ListPageSize is the most SOPs that the index and each role page list
// on one page (SPEC section 8): beyond it, the list continues on further
// pages, so that no page grows with the library.
const ListPageSize = 1000

// Chunks splits n items into pages of at most per items, as [start, end)
// ranges; one empty range when n is 0, so that every list has a first
// page.
func Chunks(n, per int) [][2]int {
	if per < 1 {
		per = 1
	}
	out := [][2]int{}
	for start := 0; start < n || start == 0; start += per {
		out = append(out, [2]int{start, min(start+per, n)})
		if n == 0 {
			break
		}
	}
	return out
}

// PageName is the file of page i (from 0) of a list that continues over
// several pages: base+ext for the first, then base-2+ext, base-3+ext, ...
// (index.html, index-2.html; roles/<id>-handbook-2.html).
func PageName(base string, i int, ext string) string {
	if i == 0 {
		return base + ext
	}
	return base + "-" + strconv.Itoa(i+1) + ext
}
