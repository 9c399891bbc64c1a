package ack

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// benchAcks is a catalogue of sops approved SOPs of one role and an
// acknowledgements file in which each of people people acknowledged each
// SOP, a third of them an outdated version.
func benchAcks(people, sops int) (*Catalog, []byte) {
	var list []SOP
	for i := range sops {
		list = append(list, SOP{ID: fmt.Sprintf("sop-%04d", i), Title: fmt.Sprintf("SOP %d", i), Version: fmt.Sprintf("1.%d", i%3), Status: "approved", Roles: []string{"agent"}})
	}
	var b bytes.Buffer
	b.WriteString("person,role,id,version\r\n")
	for p := range people {
		for i := range sops {
			fmt.Fprintf(&b, "person-%05d,agent,sop-%04d,1.%d\r\n", p, i, (i+p)%3)
		}
	}
	return New(list, []string{"agent"}), b.Bytes()
}

// BenchmarkStatus reads 1,000 people x 100 SOPs (100,000 rows) and
// writes what is outstanding as CSV.
func BenchmarkStatus(b *testing.B) {
	c, src := benchAcks(1000, 100)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		acks, err := Read(bytes.NewReader(src), c)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := WriteStatusCSV(io.Discard, acks.Outstanding()); err != nil {
			b.Fatal(err)
		}
	}
}
