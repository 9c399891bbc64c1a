package sop

import (
	"errors"
	"fmt"
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
// as midnight UTC.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return time.Time{}, errNotDate
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		return time.Time{}, ErrDateRange
	}
	return t, nil
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
}

// Overdue reports whether today is past the due date.
func (r Review) Overdue() bool { return r.Days < 0 }

// NextReview is the one computation of when an SOP is due for review,
// for lint's review-overdue, render's next-review dates and sopctl review:
// reviewed (else effective) plus cycle days, counted against today's
// calendar date. ok is false for a retired SOP and for one with neither
// date valid (invalid-field reports a bad one).
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
	due := base.AddDate(0, 0, cycle)
	r.Due = due.Format(time.DateOnly)
	r.Days = int(day(due) - day(today))
	return r, true
}
