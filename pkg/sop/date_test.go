package sop

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		s, err string
	}{
		{"2026-01-15", ""},
		{"1900-01-01", ""},
		{"2999-12-31", ""},
		{"1899-12-31", "outside the years 1900-2999: write a date from 1900-01-01 to 2999-12-31"},
		{"3000-01-01", "outside the years 1900-2999"},
		{"9999-12-31", "outside the years 1900-2999"},
		{"2026-02-30", "not a date: February 2026 has 28 days; write a day from 01 to 28"},
		{"2024-02-30", "not a date: February 2024 has 29 days; write a day from 01 to 29"},
		{"2024-02-29", ""},
		{"2026-04-31", "not a date: April 2026 has 30 days; write a day from 01 to 30"},
		{"2026-01-00", "not a date: January 2026 has 31 days; write a day from 01 to 31"},
		{"2026-13-01", "not a date: there is no month 13; write YYYY-MM-DD, the month from 01 to 12"},
		{"2026-00-10", "not a date: there is no month 00; write YYYY-MM-DD, the month from 01 to 12"},
		{"1899-02-30", "outside the years 1900-2999"},
		{"2026-1a-01", "not a date: write YYYY-MM-DD, like 2026-01-15"},
		{"+026-01-01", "not a date: write YYYY-MM-DD"},
		{"2026-01-1 ", "not a date: write YYYY-MM-DD"},
		{"2026/01/15", "not a date: write YYYY-MM-DD"},
		{"2026-1-1", "not a date"},
		{"26-01-01", "not a date"},
		{"", "not a date"},
	} {
		_, err := ParseDate(tt.s)
		if got := errText(err); (tt.err == "") != (got == "") || !strings.HasPrefix(got, tt.err) {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.s, got, tt.err)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestNextReview(t *testing.T) {
	today := time.Date(2026, 11, 25, 23, 30, 0, 0, time.FixedZone("UTC-10", -10*3600)) // 26 Nov in UTC
	v := func(s string) Value { return Value{Text: s, Set: s != ""} }
	for _, tt := range []struct {
		name                        string
		status, reviewed, effective string
		own                         string // review_cycle_days in the front matter
		cycle                       int
		ok                          bool
		base, due                   string
		days                        int
	}{
		{"due later", "approved", "2026-01-10", "2025-01-01", "", 365, true, "2026-01-10", "2027-01-10", 46},
		{"due today", "approved", "2025-11-25", "", "", 365, true, "2025-11-25", "2026-11-25", 0},
		{"one day over", "approved", "2025-11-24", "", "", 365, true, "2025-11-24", "2026-11-24", -1},
		{"effective when never reviewed", "approved", "", "2020-01-01", "", 365, true, "2020-01-01", "2020-12-31", -2155},
		{"leap day", "draft", "2024-02-29", "", "", 366, true, "2024-02-29", "2025-03-01", -634},
		// Calendar days: a time.Duration overflows after 292 years.
		{"last day of the range", "draft", "2999-12-31", "", "", 36500, true, "2999-12-31", "3099-12-07", 391917},
		{"first day of the range", "draft", "1900-01-01", "", "", 1, true, "1900-01-01", "1900-01-02", -46348},
		{"out of range", "draft", "9999-12-31", "", "", 365, false, "", "", 0},
		{"retired", "retired", "2020-01-01", "", "", 365, false, "", "", 0},
		{"no dates", "draft", "", "", "", 365, false, "", "", 0},
		{"bad reviewed, no fallback", "draft", "soon", "2020-01-01", "", 365, false, "", "", 0},
		// review_cycle_days of the SOP overrides the config's cycle.
		{"own cycle", "approved", "2026-01-10", "", "90", 365, true, "2026-01-10", "2026-04-10", -229},
		{"own cycle longer", "approved", "2025-01-10", "", "730", 365, true, "2025-01-10", "2027-01-10", 46},
		{"own cycle the largest", "approved", "2000-01-01", "", "36500", 1, true, "2000-01-01", "2099-12-07", 26675},
		{"own cycle invalid: the config's", "approved", "2026-01-10", "", "0", 365, true, "2026-01-10", "2027-01-10", 46},
		{"own cycle too long: the config's", "approved", "2026-01-10", "", "36501", 365, true, "2026-01-10", "2027-01-10", 46},
		{"own cycle not a number: the config's", "approved", "2026-01-10", "", "yearly", 365, true, "2026-01-10", "2027-01-10", 46},
	} {
		m := Meta{Status: v(tt.status), Reviewed: v(tt.reviewed), Effective: v(tt.effective), ReviewCycleDays: v(tt.own)}
		r, ok := m.NextReview(tt.cycle, today)
		if ok != tt.ok || r.Base.Text != tt.base || r.Due != tt.due || r.Days != tt.days {
			t.Errorf("%s: NextReview = %+v %v, want base %s due %s days %d ok %v", tt.name, r, ok, tt.base, tt.due, tt.days, tt.ok)
		}
		if ok && r.Overdue() != (r.Days < 0) {
			t.Errorf("%s: Overdue() = %v with %d days", tt.name, r.Overdue(), r.Days)
		}
	}
}
