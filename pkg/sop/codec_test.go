package sop

import (
	"bytes"
	"encoding/binary"
	"math"
	"reflect"
	"runtime"
	"testing"
	"unsafe"
)

// codecCases are SOPs for the codec's tests: parsed files (TestCompact's
// and more), and values no file gives, an H1 among them that is not one
// of its headings.
func codecCases(t testing.TB) []struct {
	name string
	meta Meta
	body Body
} {
	t.Helper()
	var cases []struct {
		name string
		meta Meta
		body Body
	}
	add := func(name string, m Meta, md Body) {
		cases = append(cases, struct {
			name string
			meta Meta
			body Body
		}{name, m, md})
	}
	for name, src := range map[string]string{
		"whole":     "---\nid: a-b\ntitle: A é\nversion: \"1.0\"\nstatus: approved\nowner: O\nroles: [r1, r2]\nrelated: [c]\ntags: [x]\nkpis: []\n---\n\n# Title\n\n## Steps\n\n1. [c](c.md#x) ![i](i.png)\n<!-- note -->\n\n## Steps\n\n{{param}} TODO\n",
		"no H1":     "---\nid: a\ntitle: T\n---\n\n## Only\n\ntext\n",
		"empty":     "---\nid: a\n---\n",
		"H1 last":   "---\nid: a\n---\n\n## One\n\n# Last\n",
		"good":      good,
		"unicode":   "---\nid: a\ntitle: \"\\0\\x01 é\\u2028\"\nowner: \"\\xff\"\n---\n\n# \\0 é\n",
		"many refs": "---\nid: a\nrelated: [b, c, d, e, f, g]\nresponsible: [\"\", x]\n---\n\n[a](b.md) [c](d.md) <!-- x --> <!-- y -->\n",
	} {
		d, err := Parse("a.md", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		add(name, d.Meta, d.Markdown)
	}
	hs := []Heading{{Level: 1, Text: "A", Slug: "a"}, {Level: 2, Text: "", Slug: ""}}
	add("H1 not among headings", Meta{}, Body{Headings: hs, H1: &Heading{Level: 1, Text: "own", Slug: "own", Pos: Pos{3, 1}}})
	add("H1 alone", Meta{}, Body{H1: &Heading{Text: "alone"}})
	add("empty lists", Meta{Tags: List{Items: []Value{}, Set: true}}, Body{Headings: []Heading{}, Links: []Link{}, Params: []ParamCite{}})
	add("huge numbers", Meta{ID: Value{Text: "x", Pos: Pos{math.MaxInt, math.MinInt}, Set: true}},
		Body{Placeholders: []Pos{{math.MaxInt, -1}}, Comments: []Comment{{Text: "c", NextLine: math.MinInt}},
			Headings: []Heading{{Level: math.MaxInt, Start: math.MinInt, End: math.MaxInt}}})
	add("NUL and invalid UTF-8", Meta{Title: Value{Text: "\x00\xff\xfe", Set: true}, Roles: List{Items: []Value{{Text: "\x00"}, {Text: "\xc3"}}}},
		Body{Links: []Link{{Dest: "\x00\x80", Image: true}}, Params: []ParamCite{{ID: "\xff"}}, Sections: []Section{{Heading: Heading{Text: "\x00"}, Empty: true, OrderedList: true}}})
	var full Meta
	var fullBody Body
	fill(reflect.ValueOf(&full).Elem(), new(int))
	fill(reflect.ValueOf(&fullBody).Elem(), new(int))
	fullBody.H1 = &fullBody.Headings[1]
	add("every part set", full, fullBody)
	return cases
}

// fill sets every part of v, through every list (of two items) and
// pointer, to a value of its own, counting with n: a part the codec left
// out would not come back.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.String:
		v.SetString(string(rune('a' + *n%26)))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(*n%2 == 0)
	default:
		panic("fill: a " + v.Kind().String() + ": teach fill and the codec about it")
	}
}

// TestCompactCodec checks that ReadCompact gives back what AppendCompact
// wrote as Compact copies it (H1 and all, pointing into the headings),
// its texts in one block of memory, and that AppendCompact leaves what it
// writes unchanged.
func TestCompactCodec(t *testing.T) {
	for _, tt := range codecCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			wantM, wantMD := Compact(&tt.meta, &tt.body)
			m, md := tt.meta, tt.body
			data := AppendCompact([]byte("prefix"), &m, &md)
			if !reflect.DeepEqual(m, tt.meta) || !reflect.DeepEqual(md, tt.body) {
				t.Fatal("AppendCompact changed what it wrote")
			}
			gotM, gotMD, err := readCompact(data[len("prefix"):])
			if err != nil {
				t.Fatalf("ReadCompact: %v", err)
			}
			if !reflect.DeepEqual(gotM, wantM) || !reflect.DeepEqual(gotMD, wantMD) {
				t.Fatalf("read back\n %+v\n%+v\nwant (Compact)\n %+v\n%+v", gotM, gotMD, wantM, wantMD)
			}
			if i := h1Index(&tt.body); i >= 0 && gotMD.H1 != &gotMD.Headings[i] {
				t.Error("H1 does not point into the headings read")
			}
			if tt.body.H1 != nil && gotMD.H1 == tt.body.H1 {
				t.Error("H1 is the one written, not a copy")
			}
			if n := textBlocks(&gotM, &gotMD, h1Own(&gotMD)); n > 1 {
				t.Errorf("the texts are in %d blocks, want 1", n)
			}
			if n := itemBlocks(&gotM); n > 1 || n < 0 {
				t.Errorf("the lists' items are in %d blocks, want 1", n)
			}
			// ReadCompact reads into pooled memory: what it gave stays as it was.
			other := Meta{Roles: List{Items: []Value{{Text: "other", Set: true}, {Text: "x"}}}, Tags: List{Items: []Value{{Text: "y"}}}}
			if _, _, err := readCompact(AppendCompact(nil, &other, &Body{})); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotM, wantM) {
				t.Fatalf("a second read changed the first: %+v, want %+v", gotM, wantM)
			}
		})
	}
}

// h1Own is md's H1 when it is not one of its headings, for eachText.
func h1Own(md *Body) *Heading {
	if h1Index(md) == ownH1 {
		return md.H1
	}
	return nil
}

// textBlocks is how many blocks of memory the texts of m and md lie in,
// in eachText's order.
func textBlocks(m *Meta, md *Body, own *Heading) int {
	var ends []uintptr
	eachText(m, md, own, func(s *string) {
		if len(*s) == 0 {
			return
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(*s)))
		if len(ends) == 0 || p != ends[len(ends)-1] {
			ends = append(ends, p+uintptr(len(*s)))
		} else {
			ends[len(ends)-1] = p + uintptr(len(*s))
		}
	})
	return len(ends)
}

// itemBlocks is how many blocks of memory the items of m's lists lie in,
// in the fields' order; and each list must end where its memory ends.
func itemBlocks(m *Meta) int {
	var ends []uintptr
	for _, f := range fields {
		if f.list == nil || len(f.list(m).Items) == 0 {
			continue
		}
		items := f.list(m).Items
		if cap(items) != len(items) {
			return -1 // another list's items could be written over
		}
		p := uintptr(unsafe.Pointer(unsafe.SliceData(items)))
		end := p + uintptr(len(items))*unsafe.Sizeof(items[0])
		if len(ends) == 0 || p != ends[len(ends)-1] {
			ends = append(ends, end)
		} else {
			ends[len(ends)-1] = end
		}
	}
	return len(ends)
}

// ReadCompact refuses whatever AppendCompact did not write, without a
// panic: every cut of a good encoding, bytes after it, and parts out of
// range.
func TestReadCompactRefuses(t *testing.T) {
	var cases [][]byte
	for _, tt := range codecCases(t) {
		good := AppendCompact(nil, &tt.meta, &tt.body)
		for n := range len(good) {
			cases = append(cases, good[:n])
		}
		cases = append(cases, append(bytes.Clone(good), 0))
	}
	empty := AppendCompact(nil, &Meta{}, &Body{})
	// The H1 follows the texts' length (0, one byte) and their bytes.
	h1 := func(code int64) []byte {
		b := binary.AppendUvarint(nil, 0)
		return append(binary.AppendVarint(b, code), empty[2:]...)
	}
	cases = append(cases,
		h1(0),  // no headings
		h1(-3), // no such code
		h1(math.MaxInt64),
		bytes.Repeat([]byte{0xff}, 11),   // a varint over 64 bits
		binary.AppendUvarint(nil, 1<<40), // texts longer than the data
		append(binary.AppendUvarint(nil, 0), 0x80, 0x80, 1),             // H1 16384, no headings
		func() []byte { b := bytes.Clone(empty); b[5] = 2; return b }(), // the id's Set flag
	)
	for i, data := range cases {
		if _, _, err := readCompact(data); err == nil {
			t.Errorf("case %d (% x): read, want an error", i, data)
		}
	}
}

// ReadCompact allocates no more than a small multiple of its input, even
// when its lists claim more items than it holds.
func TestReadCompactAllocates(t *testing.T) {
	for _, tt := range []struct{ n, claim int }{{100, 100}, {1 << 16, 1 << 16}, {1 << 20, 1 << 20}, {100, 1 << 40}, {1 << 16, 1 << 30}} {
		n := tt.n
		// An empty SOP's encoding up to its headings (six empty lists
		// end it), which claim items: zeros, each heading 7 of them.
		empty := AppendCompact(nil, &Meta{}, &Body{})
		data := binary.AppendUvarint(empty[:len(empty)-6:len(empty)-6], uint64(tt.claim))
		data = append(data, make([]byte, n)...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		if _, _, err := readCompact(data); err == nil {
			t.Fatal("ReadCompact took junk")
		}
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > uint64(100*len(data)+4096) {
			t.Errorf("%d bytes: %d allocated, want at most %d", len(data), got, 100*len(data)+4096)
		}
	}
}

// FuzzReadCompact checks that no input makes ReadCompact panic, and that
// what it reads, written again, reads back the same.
func FuzzReadCompact(f *testing.F) {
	for _, tt := range codecCases(f) {
		f.Add(AppendCompact(nil, &tt.meta, &tt.body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, md, err := readCompact(data)
		if err != nil {
			return
		}
		again := AppendCompact(nil, &m, &md)
		m2, md2, err := readCompact(again)
		if err != nil || !reflect.DeepEqual(m, m2) || !reflect.DeepEqual(md, md2) {
			t.Fatalf("read %+v %+v, written and read again %+v %+v (%v)", m, md, m2, md2, err)
		}
	})
}

// readCompact is ReadCompact into a Meta and a Body of its own.
func readCompact(data []byte) (Meta, Body, error) {
	var m Meta
	var md Body
	err := ReadCompact(data, &m, &md)
	return m, md, err
}

// TestReadCompactAllocsPerSOP checks that ReadCompact allocates only what
// it gives: the texts' string, each list of the Body, the lists' items'
// block, an H1 of its own, and its reader. No Meta is copied to the heap
// for each SOP (it took 1.4 KB of them an SOP read from render's cache).
func TestReadCompactAllocsPerSOP(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's sync.Pool drops scratch Metas: more is allocated")
	}
	for _, tt := range codecCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			data := AppendCompact(nil, &tt.meta, &tt.body)
			var m Meta
			var md Body
			got := testing.AllocsPerRun(20, func() {
				if err := ReadCompact(data, &m, &md); err != nil {
					t.Fatal(err)
				}
			})
			lists := 0
			for _, n := range []int{len(md.Headings), len(md.Sections), len(md.Links), len(md.Placeholders), len(md.Comments), len(md.Params)} {
				if n > 0 {
					lists++
				}
			}
			want := 2 + lists + itemBlocks(&m) // the texts' string and the reader
			if h1Own(&md) != nil {
				want++
			}
			if int(got) > want {
				t.Errorf("%v allocations, want at most %d", got, want)
			}
		})
	}
}
