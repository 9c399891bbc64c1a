package sop

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Dates of the front matter lie in these years (SPEC section 8): a date
// outside them is a typo, and 9999-12-31 plus a review cycle is no date
// at all.
const (
	MinYear = 1900
	MaxYear = 2999
)

var (
	errNotDate = errors.New("not a date: write YYYY-MM-DD, like 2026-01-15")
	// ErrDateRange is ParseDate's error for a real date outside
	// MinYear-MaxYear.
	ErrDateRange = fmt.Errorf("outside the years %d-%d: write a date from %d-01-01 to %d-12-31", MinYear, MaxYear, MinYear, MaxYear)
)

// ParseDate reads a date written YYYY-MM-DD in the years MinYear-MaxYear,
// as midnight UTC. A date in that form whose month or day does not exist
// gets an error that says so: the form is right, the calendar is not.
func ParseDate(s string) (time.Time, error) {
	y, m, d, ok := dateParts(s)
	switch {
	case !ok:
		return time.Time{}, errNotDate
	case y < MinYear || y > MaxYear:
		return time.Time{}, ErrDateRange
	case m < 1 || m > 12:
		return time.Time{}, fmt.Errorf("not a date: there is no month %02d; write YYYY-MM-DD, the month from 01 to 12", m)
	}
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return time.Time{}, fmt.Errorf("not a date: %s %d has %d days; write a day from 01 to %02d", time.Month(m), y, last, last)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// dateParts reads the numbers of a date written YYYY-MM-DD, digits only,
// without checking that the date exists.
func dateParts(s string) (y, m, d int, ok bool) {
	if len(s) != len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	num := func(part string) int {
		for _, c := range part {
			if c < '0' || c > '9' {
				ok = false
			}
		}
		n, _ := strconv.Atoi(part)
		return n
	}
	ok = true
	y, m, d = num(s[:4]), num(s[5:7]), num(s[8:])
	return y, m, d, ok
}

// day numbers a calendar date: days since 1970-01-01. Calendar days, not
// time.Duration, which overflows after 292 years.
func day(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Review is when an SOP is next due for review.
type Review struct {
	// Base is the date the cycle counts from: reviewed, else effective.
	Base Value
	// Due is Base plus the review cycle, YYYY-MM-DD.
	Due string
	// Days counts calendar days from today to Due: 0 on the day, negative
	// once overdue.
	Days int
	// Cycle is the review cycle in days that Due counts: the SOP's own
	// review_cycle_days, else the config's.
	Cycle int
}

// Overdue reports whether today is past the due date.
func (r Review) Overdue() bool { return r.Days < 0 }

// NextReview is the one computation of when an SOP is due for review,
// for lint's review-overdue, render's next-review dates and sopctl review:
// reviewed (else effective) plus the SOP's review_cycle_days, else cycle
// (the config's), counted against today's calendar date. ok is false for
// a retired SOP and for one with neither date valid (invalid-field
// reports a bad one). A review_cycle_days that is no number from 1 to
// MaxReviewCycleDays counts as unset; a quoted one ("90") counts, though
// invalid-field asks for the quotes to go.
func (m *Meta) NextReview(cycle int, today time.Time) (r Review, ok bool) {
	if m.Retired() {
		return Review{}, false
	}
	r.Base = m.Reviewed
	if !r.Base.Set {
		r.Base = m.Effective
	}
	base, err := ParseDate(r.Base.Text)
	if !r.Base.Set || err != nil {
		return Review{}, false
	}
	r.Cycle = cycle
	if n, ok := cycleDays(m.ReviewCycleDays.Text); m.ReviewCycleDays.Set && ok {
		r.Cycle = n
	}
	due := base.AddDate(0, 0, r.Cycle)
	r.Due = due.Format(time.DateOnly)
	r.Days = int(day(due) - day(today))
	return r, true
}

// cycleDays reads a review cycle: a whole number from 1 to
// MaxReviewCycleDays.
func cycleDays(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= MaxReviewCycleDays
}
