package ack

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// FuzzRead checks that no acknowledgements file makes Read panic, that
// every problem it reports lies inside the file, and that what it accepts
// lists entries sorted by person and id, each outstanding.
func FuzzRead(f *testing.F) {
	f.Add([]byte("person,role,id,version\nann,agent,calls,2\nann,lead,refunds,1.0\nbob,lead,,\n"))
	f.Add([]byte("\uFEFFversion,id,person,role,date\r\n1.1,refunds,\"Lee, \"\"Ann\"\"\nJr\",agent,2026-01-01\r\n"))
	f.Add([]byte("person,role,id,version\n\"open,agent,calls,2\n"))
	f.Add([]byte("person,role,id,version\nZoë,agnet,refund,v2\n,agent,,1\nann,ag\"ent,calls,2,x\n"))
	f.Add([]byte("persn,role,id,verison\n"))
	f.Add([]byte("person,role,id,version\n   \n\n=ann,agent,draft,0.1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		defer testlib.Budget(t, len(src))()
		acks, err := Read(bytes.NewReader(src), library())
		lines := bytes.Count(src, []byte{'\n'}) + 1
		if err != nil {
			var bad *InputError
			if !errors.As(err, &bad) || len(bad.Problems) == 0 {
				t.Fatalf("error %v (%T) is not an *InputError with problems", err, err)
			}
			for _, p := range bad.Problems {
				if p.Line < 1 || p.Col < 1 || p.Line > lines || p.Msg == "" {
					t.Fatalf("problem %+v outside a %d-line file, or no message", p, lines)
				}
			}
			return
		}
		var prev Outstanding
		for o := range acks.Outstanding() {
			if o.Person < prev.Person || o.Person == prev.Person && o.ID <= prev.ID {
				t.Fatalf("entry %+v after %+v: not sorted by person and id, or twice", o, prev)
			}
			if o.Acknowledged != "" && o.Acknowledged == o.Current || strings.TrimSpace(o.Person) == "" {
				t.Fatalf("entry %+v is not outstanding, or has no person", o)
			}
			prev = o
		}
	})
}
