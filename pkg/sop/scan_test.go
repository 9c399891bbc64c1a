package sop

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestPrintable8 checks the eight-byte test of checkText against each
// byte's own: every byte value in every position, among printable bytes
// and among random ones.
func TestPrintable8(t *testing.T) {
	printable := func(c byte) bool { return c >= 0x20 && c < 0x7F }
	rng := rand.New(rand.NewPCG(1, 2))
	for pos := range 8 {
		for c := range 256 {
			for _, fill := range []byte{'a', ' ', '~', 0x1F, 0x7F, 0xFF} {
				b := bytes.Repeat([]byte{fill}, 8)
				if rng.IntN(2) == 0 {
					for i := range b {
						b[i] = byte(rng.Uint32())
					}
				}
				b[pos] = byte(c)
				want := true
				for _, x := range b {
					want = want && printable(x)
				}
				if got := printable8(binary.LittleEndian.Uint64(b)); got != want {
					t.Fatalf("printable8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
