//go:build !race

package sop

// raceEnabled: see race_test.go.
const raceEnabled = false
