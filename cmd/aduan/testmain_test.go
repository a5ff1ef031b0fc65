package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain fails the run when a test left files in the package's folder:
// every test writes under t.TempDir(). The default data directory (./data)
// is where a forgotten --data would put an install's database and its
// secret.keys.
func TestMain(m *testing.M) {
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
