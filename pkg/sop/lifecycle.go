package sop

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The lifecycle's computations (sopctl approve and lint's
// approver-is-owner; ack status, which compares versions) live here,
// beside the fields they read, so that the commands and the rules cannot
// disagree.

// approvalVersion is the form of a version sopctl approve writes: N.N.
var approvalVersion = regexp.MustCompile(`^[0-9]+\.[0-9]+$`)

// ValidApprovalVersion reports whether v has the form N.N that an
// approval gives a version (sopctl approve --version).
func ValidApprovalVersion(v string) bool { return approvalVersion.MatchString(v) }

// NextVersion is the version an approval gives an SOP at version v: below
// 1.0 (or none) it is "1.0"; X.Y (or X, or X.Y.Z) becomes X.(Y+1).
func NextVersion(v string) (string, error) {
	if strings.TrimSpace(v) == "" {
		return "1.0", nil
	}
	if !ValidVersion(v) {
		return "", fmt.Errorf("version %q is not one to three numbers joined by dots", v)
	}
	parts := strings.Split(v, ".")
	major, err1 := strconv.ParseUint(parts[0], 10, 31)
	minor, err2 := uint64(0), error(nil)
	if len(parts) > 1 {
		minor, err2 = strconv.ParseUint(parts[1], 10, 31)
	}
	if err1 != nil || err2 != nil {
		return "", fmt.Errorf("version %q has a number too large to count on from", v)
	}
	if major == 0 {
		return "1.0", nil
	}
	return fmt.Sprintf("%d.%d", major, minor+1), nil
}

// SamePerson reports whether two names (an owner and an approver) name
// the same person or role: letter case and runs of blanks do not count.
func SamePerson(a, b string) bool {
	na, nb := strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " ")
	return na != "" && strings.EqualFold(na, nb)
}

// CompareVersions compares valid versions (ValidVersion) a and b by each dot-separated
// number: "1.10" is later than "1.9", and "1", "1.0" and "01.0" are one
// version (a spreadsheet may have written 1.0 as 1).
func CompareVersions(a, b string) int {
	for a != "" || b != "" {
		var x, y string
		x, a, _ = strings.Cut(a, ".")
		y, b, _ = strings.Cut(b, ".")
		x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
		if len(x) != len(y) {
			return len(x) - len(y)
		}
		if c := strings.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}
