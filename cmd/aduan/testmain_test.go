package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"
)

// TestMain fails the run when a test left files in the package's folder:
// every test writes under t.TempDir(). The default data directory (./data)
// is where a forgotten --data would put an install's database and its
// secret.keys.
func TestMain(m *testing.M) {
	flag.Parse()
	parallelByDefault()
	_, err := os.Stat("data")
	existed := err == nil
	code := m.Run()
	removeDemoData()
	if _, err := os.Stat("data"); err == nil && !existed {
		fmt.Fprintln(os.Stderr, "FAIL: a test wrote ./data in cmd/aduan's folder; tests write only under t.TempDir()")
		os.RemoveAll("data")
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// parallelTests is how many of this package's parallel tests run at once
// when -parallel is not given. Most of them spend their time waiting, not
// computing: on Kannel's queues and delivery reports, on the job queue's
// rounds and retries, on a page's timers and event stream, on a form's
// minimum fill-in time. Go's default (one per core) would leave the two
// cores of the CI machine idle through those waits; the browsers, which
// do compute, are bounded on their own (browserSlots).
const parallelTests = 6

// parallelByDefault raises -test.parallel to parallelTests unless it was
// given on the command line, which still decides (-parallel 1 runs the
// package one test at a time, as before).
func parallelByDefault() {
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given && runtime.GOMAXPROCS(0) < parallelTests {
		flag.Set("test.parallel", strconv.Itoa(parallelTests))
	}
}
