//go:build race

package sop

// raceEnabled says that the tests run under the race detector, whose
// sync.Pool drops some of what is put in it: allocations are counted
// only without it.
const raceEnabled = true
