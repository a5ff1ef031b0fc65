package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"time"
)

// A request is one call of a scenario: next builds it (worker is the
// worker's number, i counts its calls), and ok says whether the answer is
// the one a working server gives (an error status or a wrong one counts as
// an error).
type request struct {
	next func(worker, i int) (*http.Request, error)
	ok   func(status int) bool
	// exhausted, when set, reports that the scenario ran out of work (the
	// workflow step ran out of complaints to step): the workers stop and
	// the run is measured over the time it lasted.
	exhausted func() bool
}

// sample is what one measured run gives.
type sample struct {
	Requests int64           `json:"requests"`
	Errors   int64           `json:"errors"`
	Elapsed  time.Duration   `json:"-"`
	Lat      []time.Duration `json:"-"`
	// ErrorSamples are the first few failures, to say what went wrong.
	ErrorSamples []string `json:"error_samples,omitempty"`
	Exhausted    bool     `json:"exhausted,omitempty"`
}

func (s *sample) rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Requests) / s.Elapsed.Seconds()
}

// quantile returns the q-quantile of the sorted latencies.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q * float64(len(sorted)))
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

// drive runs conc workers in a closed loop (each sends its next request
// when the last one is answered) for warmup+d; only requests started after
// the warm-up and finished within d are counted.
func drive(ctx context.Context, client *http.Client, conc int, warmup, d time.Duration, rq request) *sample {
	start := time.Now()
	measureFrom := start.Add(warmup)
	deadline := measureFrom.Add(d)
	type result struct {
		lat    []time.Duration
		errors int64
		errs   []string
		last   time.Time
	}
	results := make([]result, conc)
	var wg sync.WaitGroup
	var exhaustedAt time.Time
	var exMu sync.Mutex
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := &results[w]
			for i := 0; ; i++ {
				if ctx.Err() != nil || !time.Now().Before(deadline) {
					return
				}
				if rq.exhausted != nil && rq.exhausted() {
					exMu.Lock()
					if exhaustedAt.IsZero() {
						exhaustedAt = time.Now()
					}
					exMu.Unlock()
					return
				}
				req, err := rq.next(w, i)
				if err != nil {
					// The scenario has nothing to send (a pool ran dry).
					if rq.exhausted != nil && rq.exhausted() {
						continue
					}
					r.errors++
					if len(r.errs) < 3 {
						r.errs = append(r.errs, err.Error())
					}
					continue
				}
				req = req.WithContext(ctx)
				t0 := time.Now()
				res, err := client.Do(req)
				var status int
				var body []byte
				if err == nil {
					status = res.StatusCode
					if !rq.ok(status) {
						body, _ = io.ReadAll(io.LimitReader(res.Body, 300))
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				t1 := time.Now()
				if t0.Before(measureFrom) || t1.After(deadline) {
					continue
				}
				switch {
				case err != nil:
					if ctx.Err() != nil {
						return
					}
					r.errors++
					if len(r.errs) < 3 {
						r.errs = append(r.errs, err.Error())
					}
				case !rq.ok(status):
					r.errors++
					if len(r.errs) < 3 {
						r.errs = append(r.errs, fmt.Sprintf("%s %s: %d %s", req.Method, req.URL.Path, status, body))
					}
				default:
					r.lat = append(r.lat, t1.Sub(t0))
				}
				r.last = t1
			}
		}(w)
	}
	wg.Wait()
	s := &sample{Elapsed: d}
	if !exhaustedAt.IsZero() {
		s.Exhausted = true
		if exhaustedAt.Before(deadline) {
			s.Elapsed = max(exhaustedAt.Sub(measureFrom), time.Millisecond)
		}
	}
	for _, r := range results {
		s.Lat = append(s.Lat, r.lat...)
		s.Errors += r.errors
		for _, e := range r.errs {
			if len(s.ErrorSamples) < 5 {
				s.ErrorSamples = append(s.ErrorSamples, e)
			}
		}
	}
	s.Requests = int64(len(s.Lat))
	sort.Slice(s.Lat, func(i, j int) bool { return s.Lat[i] < s.Lat[j] })
	return s
}
