package render_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/render"
)

func TestClassify(t *testing.T) {
	h, _ := loadSmall(t)
	p, _ := h.Page("complaint-handling") // sops/service/complaint-handling.md
	for _, tc := range []struct {
		dest   string
		kind   render.LinkKind
		target string
		anchor string
	}{
		{"escalation.md", render.LinkSOP, "escalation", ""},
		{"./escalation.md#triggers", render.LinkSOP, "escalation", "triggers"},
		{"../orders/refund-processing.md#approval-limits", render.LinkSOP, "refund-processing", "approval-limits"},
		{"../service/../orders/returns.md", render.LinkSOP, "returns", ""},
		{"#procedure", render.LinkSOP, "complaint-handling", "procedure"},
		{"#café-stores", render.LinkSOP, "complaint-handling", "café-stores"},
		{"#caf%C3%A9-stores", render.LinkSOP, "complaint-handling", "café-stores"},
		{"#checklist-1", render.LinkSOP, "complaint-handling", "checklist-1"},
		{"complaint-handling.md", render.LinkSOP, "complaint-handling", ""},
		{"https://example.org/x", render.LinkKeep, "", ""},
		{"HTTP://example.org/x", render.LinkKeep, "", ""},
		{"mailto:a@example.com", render.LinkKeep, "", ""},
		{"tel:+441234", render.LinkKeep, "", ""},

		{"missing.md", render.LinkDrop, "", ""},
		{"escalation.md#nope", render.LinkDrop, "", ""},
		{"#nowhere", render.LinkDrop, "", ""},
		{"", render.LinkDrop, "", ""},
		{"#", render.LinkDrop, "", ""},
		{"images/map.png", render.LinkDrop, "", ""},
		{"/sops/service/escalation.md", render.LinkSOP, "escalation", ""},
		{"/sops/service/escalation.md#triggers", render.LinkSOP, "escalation", "triggers"},
		{"&#101;scalation.md", render.LinkSOP, "escalation", ""},
		{"%65scalation.md", render.LinkSOP, "escalation", ""},
		{"escalation\\.md", render.LinkSOP, "escalation", ""},
		{"/nosuch.md", render.LinkDrop, "", ""},
		{"&#110;osuch.md", render.LinkDrop, "", ""},
		{"../../../outside.md", render.LinkDrop, "", ""},
		{"jav&#97;script:alert(1)", render.LinkDrop, "", ""},
		{"data:image/svg+xml;base64,PHN2Zz4=", render.LinkDrop, "", ""},
		{"../../sopctl.yaml", render.LinkDrop, "", ""},
		{"//evil.example/x.md", render.LinkDrop, "", ""},
		{"javascript:alert(1)", render.LinkDrop, "", ""},
		{"JaVaScRiPt:alert(1)", render.LinkDrop, "", ""},
		{" javascript:alert(1)", render.LinkDrop, "", ""},
		{"java\tscript:alert(1)", render.LinkDrop, "", ""},
		{"java\nscript:alert(1)", render.LinkDrop, "", ""},
		{"\x01javascript:alert(1)", render.LinkDrop, "", ""},
		{"vbscript:msgbox", render.LinkDrop, "", ""},
		{"data:text/html;base64,PHNjcmlwdD4=", render.LinkDrop, "", ""},
		{"file:///etc/passwd", render.LinkDrop, "", ""},
		{"ftp://example.org/x", render.LinkDrop, "", ""},
	} {
		kind, target, anchor := h.Classify(p, tc.dest)
		tid := ""
		if target != nil {
			tid = target.ID
		}
		if kind != tc.kind || tid != tc.target || anchor != tc.anchor {
			t.Errorf("Classify(%q) = %v %q %q, want %v %q %q", tc.dest, kind, tid, anchor, tc.kind, tc.target, tc.anchor)
		}
	}
}

// A warning says in words why a link was dropped.
func TestLinkWarningReasons(t *testing.T) {
	_, lib := loadSmall(t)
	// classify is reached through LinkWarnings only for links of the body,
	// so build the reasons from a throwaway copy of the page's links, in a
	// handbook built anew (Build finds the warnings of its pages).
	for _, tc := range []struct{ dest, want string }{
		{"javascript:alert(1)", `unsafe or unsupported scheme "javascript:"`},
		{"//evil.example/x", "protocol-relative"},
	} {
		d := lib.Lookup("complaint-handling")[0] // sops/service/complaint-handling.md
		saved := d.Markdown.Links
		d.Markdown.Links = append(saved[:0:0], saved[0])
		d.Markdown.Links[0].Dest = tc.dest
		again := render.Build(lib, nil, nil, time.Now())
		q, _ := again.Page("complaint-handling")
		ws := again.LinkWarnings(q)
		d.Markdown.Links = saved
		if len(ws) != 1 {
			t.Fatalf("%s: %d warnings", tc.dest, len(ws))
		}
		if !strings.Contains(ws[0].Msg, tc.want) {
			if tc.dest == "//evil.example/x" {
				t.Errorf("regression: links.go classify: the warning for a protocol-relative link //evil.example/x reads %q (an empty scheme shown as \":\"); expected it to say the link has no scheme (protocol-relative) and to use https://", ws[0].Msg)
			}
			t.Errorf("%s: warning %q does not say %q", tc.dest, ws[0].Msg, tc.want)
		}
	}
}
