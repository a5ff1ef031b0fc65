package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/gen"
	"github.com/kotakita/aduan/internal/store"
)

// TestHarnessRunsEveryScenario is the harness's smoke test: on a tiny
// generated dataset it starts the real aduan serve, runs every scenario
// for a second, and the report must show each one completing requests with
// no error, with the trivial handler measured beside it.
func TestHarnessRunsEveryScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts aduan")
	}
	ctx := context.Background()
	bins := t.TempDir()
	aduanBin, err := build(ctx, bins, "./cmd/aduan")
	if err != nil {
		t.Fatal(err)
	}
	trivialBin, err := build(ctx, bins, "./bench/trivial")
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		url := "sqlite:" + filepath.Join(t.TempDir(), "aduan.db")
		if d == store.Postgres {
			url = dbtest.MigratedURL(t)
		}
		st, err := store.Open(ctx, store.Config{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		_, err = gen.Generate(ctx, st, gen.Options{Complaints: 300, Seed: 7, Batch: 300})
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		rep, err := run(ctx, options{DatabaseURL: url, Scenarios: allScenarios, Concurrency: []int{2}, Duration: time.Second,
			Warmup: 100 * time.Millisecond, Aduan: aduanBin, Trivial: trivialBin, WorkDir: t.TempDir(), ReadyWait: 2 * time.Minute, Log: testLog{t},
			SSEClients: 12, SSEChanges: 2})
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.check(); err != nil {
			t.Fatalf("the run reports failures: %v", err)
		}
		if len(rep.Rows) != len(allScenarios) || len(rep.Trivial) != 1 {
			t.Fatalf("%d rows and %d trivial rows, want %d and 1", len(rep.Rows), len(rep.Trivial), len(allScenarios))
		}
		for _, r := range append(rep.Rows, rep.Trivial...) {
			if r.RPS <= 0 || r.P50 <= 0 || r.P99 < r.P50 {
				t.Errorf("%s: rate %.1f/s, p50 %.2f ms, p99 %.2f ms", r.Scenario, r.RPS, r.P50, r.P99)
			}
			if r.Scenario != "trivial" && (r.RatioRPS <= 0 || r.RatioP99 <= 0) {
				t.Errorf("%s: no ratio to the trivial handler", r.Scenario)
			}
		}
		// Live updates: twelve consoles (two users' worth of streams) each
		// read both changes.
		if s := rep.SSE; s == nil || s.Delivered != 24 || s.Missed != 0 || s.P99 <= 0 || s.OpenRSS <= 0 {
			t.Errorf("live updates: %+v", rep.SSE)
		}
		if rep.IdleRSS <= 0 || rep.TrivialIdleRSS <= 0 || rep.Rows[0].RSS <= 0 {
			t.Errorf("server memory not read: idle %d, trivial %d, under load %d", rep.IdleRSS, rep.TrivialIdleRSS, rep.Rows[0].RSS)
		}
		// The first ten desk requests, timed from the start.
		if len(rep.FirstDesk) != 10 || rep.firstDeskP99() <= 0 || rep.firstDeskP99() < rep.firstDeskP50() {
			t.Errorf("first desk requests: %v", rep.FirstDesk)
		}
		var md strings.Builder
		rep.markdown(&md)
		for _, want := range []string{"| " + string(d) + " | 300 | intake | 2 |", "trivial net/http", "Idle RSS of aduan", "First 10 desk panel requests right after the start: p99"} {
			if !strings.Contains(md.String(), want) {
				t.Errorf("the table lacks %q:\n%s", want, md.String())
			}
		}
	})
}

// TestHarnessCountsServerErrors: a server that fails some requests, or
// answers with another status than the scenario's, makes the run fail
// its check; the failures are counted and described.
func TestHarnessCountsServerErrors(t *testing.T) {
	var n atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) % 4 {
		case 0:
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		case 1:
			w.WriteHeader(http.StatusOK) // the scenario wants 201
		default:
			w.WriteHeader(http.StatusCreated)
		}
	}))
	defer ts.Close()
	rq := request{ok: func(s int) bool { return s == http.StatusCreated },
		next: func(w, i int) (*http.Request, error) {
			return http.NewRequest("POST", ts.URL+"/api/v1/complaints", nil)
		}}
	s := drive(context.Background(), ts.Client(), 2, 0, 300*time.Millisecond, rq)
	if s.Errors == 0 || s.Requests == 0 {
		t.Fatalf("%d errors, %d good requests; want both", s.Errors, s.Requests)
	}
	if !strings.Contains(strings.Join(s.ErrorSamples, "\n"), "503 database unavailable") {
		t.Errorf("error samples do not say what failed: %q", s.ErrorSamples)
	}
	rep := &report{Rows: []*row{{Scenario: "intake", Concurrency: 2, Requests: s.Requests, Errors: s.Errors, RPS: s.rate()}}}
	if err := rep.check(); err == nil || !strings.Contains(err.Error(), "intake c=2") {
		t.Errorf("check = %v, want the intake row's errors", err)
	}
	// A scenario that completes nothing fails too.
	rep = &report{Rows: []*row{{Scenario: "queue", Concurrency: 1}}}
	if err := rep.check(); err == nil {
		t.Error("a row without requests passed the check")
	}
}

type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Several runs' JSON make one table, each run's rows and baseline in it.
func TestCombinedTable(t *testing.T) {
	reps := []*report{
		{Database: "sqlite", Complaints: 100000, Trivial: []*row{{Scenario: "trivial", Concurrency: 16, RPS: 40000}},
			Rows: []*row{{Scenario: "intake", Concurrency: 16, RPS: 3000, RatioRPS: 0.075}}},
		{Database: "postgres", Complaints: 1000000, Rows: []*row{{Scenario: "queue", Concurrency: 1, RPS: 300, Exhausted: true}}},
	}
	var b strings.Builder
	combined(&b, reps)
	for _, want := range []string{"| sqlite | 100,000 | trivial net/http | 16 | 40,000 |", "| sqlite | 100,000 | intake | 16 | 3,000 (0.07×) |",
		"| postgres | 1,000,000 | queue ‡ | 1 | 300 (–) |", "‡ ran out"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// TestCheckSaysWhatFailed: a run with errors fails with the requests that
// failed and their answers, not just a count, so that a failure under load
// (TestHarnessRunsEveryScenario on a busy machine) can be read from the log.
func TestCheckSaysWhatFailed(t *testing.T) {
	rep := &report{Rows: []*row{
		{Scenario: "intake", Concurrency: 2, Requests: 5, Errors: 1, ErrorSamples: []string{"POST /api/v1/complaints: 503 database unavailable"}},
		{Scenario: "queue", Concurrency: 2},
	}}
	err := rep.check()
	if err == nil {
		t.Fatal("a run with errors and an empty scenario passes the check")
	}
	for _, want := range []string{"intake c=2: 1 errors", "503 database unavailable", "queue c=2: no request completed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the check's error lacks %q: %v", want, err)
		}
	}
}
