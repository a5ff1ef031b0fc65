package main

import (
	"os"
	"testing"
)

// TestClientIsCurrent fails while the committed client was generated from
// another document than the one the server serves now: run
// `go generate ./internal/api/apiclient` after changing the API.
func TestClientIsCurrent(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../client.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("internal/api/apiclient/client.gen.go is stale: run go generate ./internal/api/apiclient")
	}
}
