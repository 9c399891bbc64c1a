package testlib

import (
	"os"
	"testing"
	"time"
)

// BudgetEnv names the environment variable that turns on the fuzz targets'
// time budget: a duration such as 500ms. Each input may then take that much
// CPU time plus as much again per 64 KiB of its size; one that takes longer
// fails,
// and go test -fuzz saves it under testdata/fuzz as a crasher, so that
// inputs on which a parser's time grows faster than their size are found.
// make fuzz-long sets it. It is off otherwise, so that no normal test ever
// depends on the speed of the machine.
const BudgetEnv = "SOPCTL_FUZZ_BUDGET"

// budgetBlock is the size that earns the base budget once more.
const budgetBlock = 64 << 10

// budgetBase is read once: fuzz targets call Budget for every input.
var budgetBase = func() time.Duration {
	d, err := time.ParseDuration(os.Getenv(BudgetEnv))
	if err != nil || d <= 0 {
		return 0
	}
	return d
}()

// Budget starts timing one fuzz input of size bytes and returns the check
// to call when the input has been processed:
//
//	check := testlib.Budget(t, len(src))
//	... process src ...
//	check()
//
// It may also be deferred. With the budget off (BudgetEnv unset or not a positive duration) the
// check does nothing.
func Budget(tb testing.TB, size int) func() {
	if budgetBase == 0 {
		return func() {}
	}
	limit := BudgetFor(budgetBase, size)
	start := cpuTime()
	return func() {
		tb.Helper()
		if tb.Failed() {
			return // already failing: say nothing more (and check may run deferred)
		}
		if took := cpuTime() - start; took > limit {
			tb.Fatalf("processing %d bytes took %v of CPU, over the budget of %v (%s=%v per 64 KiB): the time may grow faster than the input", size, took.Round(time.Microsecond), limit, BudgetEnv, budgetBase)
		}
	}
}

// BudgetFor is the time an input of size bytes may take when the base
// budget is base.
func BudgetFor(base time.Duration, size int) time.Duration {
	return base + base*time.Duration(size)/budgetBlock
}
