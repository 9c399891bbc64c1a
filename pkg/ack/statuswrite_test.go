package ack

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteStatus(t *testing.T) {
	const outdated = "person,role,id,version\nbob,lead,refunds,1.0\nbob,lead,audit,1\n=ann,agent,calls,2\n=ann,agent,refunds,1.1\n"
	const current = "person,role,id,version\nann,agent,calls,2\nann,agent,refunds,1.1\n"
	tests := []struct {
		name, src, format, want string
		n                       int
	}{
		{"text", outdated, "text", "bob: 1 to read\n  refunds  lead  1.1 (acknowledged 1.0)  Refunds, \"fast\"\n1 acknowledgement outstanding for 1 of 2 people\n", 1},
		{"text, nothing outstanding", current, "text", "nothing outstanding: 1 person has acknowledged the current version of every approved SOP of their roles\n", 0},
		{"csv", outdated, "csv", "person,role,id,title,acknowledged,current\nbob,lead,refunds,\"Refunds, \"\"fast\"\"\",1.0,1.1\n", 1},
		{"csv, nothing outstanding", current, "csv", "person,role,id,title,acknowledged,current\n", 0},
		{"json, nothing outstanding", current, "json", "{\n  \"version\": 1,\n  \"outstanding\": []\n}\n", 0},
		{"json", "person,role,id,version\n=ann,agent,,\n", "json", `{
  "version": 1,
  "outstanding": [
    {
      "person": "=ann",
      "role": "agent",
      "id": "calls",
      "title": "=HYPERLINK(\"x\")",
      "acknowledged": "",
      "current": "2"
    },
    {
      "person": "=ann",
      "role": "agent",
      "id": "refunds",
      "title": "Refunds, \"fast\"",
      "acknowledged": "",
      "current": "1.1"
    }
  ]
}
`, 2},
		{"csv guards formulas", "person,role,id,version\n=ann,agent,refunds,1.1\n", "csv", "person,role,id,title,acknowledged,current\n'=ann,agent,calls,\"'=HYPERLINK(\"\"x\"\")\",,2\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acks, err := Read(strings.NewReader(tt.src), library())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			var n int
			switch tt.format {
			case "text":
				n, err = WriteStatusText(&b, acks.Outstanding(), acks.People())
			case "csv":
				n, err = WriteStatusCSV(&b, acks.Outstanding())
			case "json":
				n, err = WriteStatusJSON(&b, acks.Outstanding())
			}
			if err != nil || n != tt.n {
				t.Fatalf("n, err = %d, %v, want %d", n, err, tt.n)
			}
			if b.String() != tt.want {
				t.Errorf("output:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

func TestWriteStatusTextEscapes(t *testing.T) {
	acks, err := Read(strings.NewReader("person,role,id,version\n\"a\x1b[31m\tb\",lead,,\n"), library())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := WriteStatusText(&b, acks.Outstanding(), acks.People()); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(b.String(), 0x1b) || !strings.HasPrefix(b.String(), `a\x1b[31m b: 2 to read`) {
		t.Errorf("text output %q keeps a raw escape or its person is not on one line", b.String())
	}
}
