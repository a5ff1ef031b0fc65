package server

import (
	"testing"
	"time"
)

// /readyz fails while the database refuses changes (a full disk leaves
// reads, and so the ping, working) and recovers on the first change that
// succeeds, or when no refusal has come for a while.
func TestHealthRefusalWindow(t *testing.T) {
	var h health
	t0 := time.Now()
	if h.refusing(t0) {
		t.Fatal("refusing before anything happened")
	}
	h.observe("GET /readyz", "GET", 503, t0)
	if h.refusing(t0) {
		t.Error("its own 503 made /readyz fail")
	}
	h.observe("POST /api/v1/complaints", "POST", 503, t0)
	if !h.refusing(t0.Add(time.Second)) {
		t.Error("not refusing after a refused change")
	}
	h.observe("GET /queue", "GET", 200, t0.Add(2*time.Second))
	if !h.refusing(t0.Add(2 * time.Second)) {
		t.Error("a read cleared the refusal")
	}
	h.observe("POST /api/v1/complaints", "POST", 201, t0.Add(3*time.Second))
	if h.refusing(t0.Add(3 * time.Second)) {
		t.Error("still refusing after a change succeeded")
	}
	h.observe("GET /queue", "GET", 503, t0.Add(4*time.Second))
	if !h.refusing(t0.Add(5 * time.Second)) {
		t.Error("not refusing after a refused read")
	}
	if h.refusing(t0.Add(4*time.Second + refusalWindow)) {
		t.Error("still refusing a whole window after the last refusal")
	}
}
