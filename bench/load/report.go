package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// row is one scenario at one concurrency.
type row struct {
	Scenario    string  `json:"scenario"`
	Concurrency int     `json:"concurrency"`
	Requests    int64   `json:"requests"`
	Seconds     float64 `json:"seconds"`
	RPS         float64 `json:"rps"`
	P50         float64 `json:"p50_ms"`
	P90         float64 `json:"p90_ms"`
	P99         float64 `json:"p99_ms"`
	Errors      int64   `json:"errors"`
	// RSS is the server's largest resident set seen during the run;
	// RSSAnon its anonymous part (heap, SQLite's private caches), the rest
	// being file pages: the binary's, and the database file's that SQLite
	// reads through a memory map (the kernel's page cache, shared and
	// reclaimable).
	RSS     int64 `json:"rss_bytes"`
	RSSAnon int64 `json:"rss_anon_bytes"`
	// Ratios to the trivial handler at the same concurrency (RSS: to its
	// idle resident set).
	RatioRPS     float64  `json:"ratio_rps,omitempty"`
	RatioP50     float64  `json:"ratio_p50,omitempty"`
	RatioP90     float64  `json:"ratio_p90,omitempty"`
	RatioP99     float64  `json:"ratio_p99,omitempty"`
	RatioRSS     float64  `json:"ratio_rss,omitempty"`
	Exhausted    bool     `json:"exhausted,omitempty"`
	ErrorSamples []string `json:"error_samples,omitempty"`
}

func (r *row) ratios(t *row, trivialRSS int64) {
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	if t != nil {
		r.RatioRPS, r.RatioP50, r.RatioP90, r.RatioP99 = div(r.RPS, t.RPS), div(r.P50, t.P50), div(r.P90, t.P90), div(r.P99, t.P99)
	}
	r.RatioRSS = div(float64(r.RSS), float64(trivialRSS))
}

// report is one run: the machine, the data, the baseline and the rows.
type report struct {
	Date       string   `json:"date"`
	Commit     string   `json:"commit"`
	Machine    string   `json:"machine"`
	LoadBefore string   `json:"load_average_before"`
	LoadAfter  string   `json:"load_average_after"`
	Database   string   `json:"database"`
	Complaints int64    `json:"complaints"`
	Duration   string   `json:"duration"`
	Warmup     string   `json:"warmup"`
	ServerEnv  []string `json:"server_env,omitempty"`
	// IdleRSS is aduan's resident set after start, before any request;
	// IdleRSSAfter the same after the run; PeakRSS its VmHWM.
	IdleRSS        int64 `json:"idle_rss_bytes"`
	IdleAnon       int64 `json:"idle_rss_anon_bytes"`
	IdleFile       int64 `json:"idle_rss_file_bytes"`
	IdleRSSAfter   int64 `json:"idle_rss_after_bytes"`
	PeakRSS        int64 `json:"peak_rss_bytes"`
	TrivialIdleRSS int64 `json:"trivial_idle_rss_bytes"`
	// FirstRequests names the scenarios whose first (unmeasured) request
	// took over a second, and how long.
	FirstRequests []string `json:"first_requests,omitempty"`
	// FirstDesk are the times (ms) of the first desk panel requests sent
	// one by one as soon as the server answered /readyz.
	FirstDesk []float64 `json:"first_desk_ms,omitempty"`
	Trivial   []*row    `json:"trivial"`
	Rows      []*row    `json:"rows"`
	// SSE is the live-updates mode's outcome (-sse).
	SSE *sseResult `json:"sse,omitempty"`
}

// firstDeskP99 is the p99 of the first desk requests: of ten, the
// slowest.
func (r *report) firstDeskP99() float64 { return firstQuantile(r.FirstDesk, .99) }

func (r *report) firstDeskP50() float64 { return firstQuantile(r.FirstDesk, .50) }

func firstQuantile(ms []float64, q float64) float64 {
	if len(ms) == 0 {
		return 0
	}
	s := append([]float64(nil), ms...)
	sort.Float64s(s)
	i := min(int(q*float64(len(s))), len(s)-1)
	return s[i]
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// markdown prints the run as a table that can be pasted into
// BENCHMARKS.md; every figure is followed by its ratio to the trivial
// handler at the same concurrency.
func (r *report) markdown(w io.Writer) {
	r.header(w)
	fmt.Fprintln(w)
	tableHead(w)
	r.rows(w)
	r.footnote(w)
}

// combined prints several runs (load table FILE.json…) as one table.
func combined(w io.Writer, reps []*report) {
	for _, r := range reps {
		fmt.Fprintf(w, "- %s, %s complaints: ", r.Database, thousands(float64(r.Complaints)))
		r.header(w)
	}
	fmt.Fprintln(w)
	tableHead(w)
	for _, r := range reps {
		r.rows(w)
	}
	for _, r := range reps {
		if r.footnote(w) {
			break
		}
	}
}

func (r *report) header(w io.Writer) {
	fmt.Fprintf(w, "%s, commit %s, %s; load average %s before, %s after; %s measured per row after %s warm-up.",
		r.Date, r.Commit, r.Machine, r.LoadBefore, r.LoadAfter, r.Duration, r.Warmup)
	if len(r.ServerEnv) > 0 {
		fmt.Fprintf(w, " Server settings: %s.", strings.Join(r.ServerEnv, " "))
	}
	if len(r.FirstRequests) > 0 {
		fmt.Fprintf(w, " First (unmeasured) requests over a second: %s.", strings.Join(r.FirstRequests, ", "))
	}
	if len(r.FirstDesk) > 0 {
		fmt.Fprintf(w, " First %d desk panel requests right after the start: p99 %s ms, median %s ms.", len(r.FirstDesk), dec(r.firstDeskP99()), dec(r.firstDeskP50()))
	}
	fmt.Fprintf(w, " Idle RSS of aduan: %.1f MiB at start (%.1f anonymous, %.1f the binary's pages; %.1f× the trivial handler's %.1f MiB), %.1f MiB after the run; peak %.1f MiB.\n",
		mib(r.IdleRSS), mib(r.IdleAnon), mib(r.IdleFile), float64(r.IdleRSS)/float64(max(r.TrivialIdleRSS, 1)), mib(r.TrivialIdleRSS), mib(r.IdleRSSAfter), mib(r.PeakRSS))
}

func tableHead(w io.Writer) {
	fmt.Fprintln(w, "| database | complaints | scenario | c | req/s (× trivial) | p50 ms (×) | p90 ms (×) | p99 ms (×) | errors | RSS MiB (×) | anon MiB |")
	fmt.Fprintln(w, "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
}

func (r *report) rows(w io.Writer) {
	for _, t := range r.Trivial {
		fmt.Fprintf(w, "| %s | %s | trivial net/http | %d | %s | %s | %s | %s | %d | %.1f | %.1f |\n",
			r.Database, thousands(float64(r.Complaints)), t.Concurrency, thousands(t.RPS), dec(t.P50), dec(t.P90), dec(t.P99), t.Errors, mib(t.RSS), mib(t.RSSAnon))
	}
	for _, x := range r.Rows {
		note := ""
		if x.Exhausted {
			note = " ‡"
		}
		fmt.Fprintf(w, "| %s | %s | %s%s | %d | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %d | %.1f (%.1f) | %.1f |\n",
			r.Database, thousands(float64(r.Complaints)), x.Scenario, note, x.Concurrency,
			thousands(x.RPS), ratio(x.RatioRPS), dec(x.P50), ratio(x.RatioP50), dec(x.P90), ratio(x.RatioP90),
			dec(x.P99), ratio(x.RatioP99), x.Errors, mib(x.RSS), x.RatioRSS, mib(x.RSSAnon))
	}
}

func (r *report) footnote(w io.Writer) bool {
	for _, x := range r.Rows {
		if x.Exhausted {
			fmt.Fprintln(w, "\n‡ ran out of recorded complaints to step before the end; measured over the time it lasted.")
			return true
		}
	}
	return false
}

// check fails a run in which the server answered with errors or a
// scenario completed nothing: the figures of such a run mean nothing.
func (r *report) check() error {
	var bad []string
	for _, x := range append(append([]*row{}, r.Trivial...), r.Rows...) {
		switch {
		case x.Errors > 0:
			// The samples say what failed: a count alone leaves a failure
			// under load unexplained.
			bad = append(bad, fmt.Sprintf("%s c=%d: %d errors (first: %s)", x.Scenario, x.Concurrency, x.Errors, strings.Join(x.ErrorSamples, " | ")))
		case x.Requests == 0:
			bad = append(bad, fmt.Sprintf("%s c=%d: no request completed within the measured window (exhausted: %t)", x.Scenario, x.Concurrency, x.Exhausted))
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; "))
	}
	return nil
}

func ratio(f float64) string {
	switch {
	case f == 0:
		return "–"
	case f >= 100:
		return fmt.Sprintf("%.0f×", f)
	case f >= 10:
		return fmt.Sprintf("%.1f×", f)
	default:
		return fmt.Sprintf("%.2f×", f)
	}
}

func dec(f float64) string {
	switch {
	case f >= 100:
		return fmt.Sprintf("%.0f", f)
	case f >= 10:
		return fmt.Sprintf("%.1f", f)
	default:
		return fmt.Sprintf("%.2f", f)
	}
}

func thousands(f float64) string {
	s := fmt.Sprintf("%.0f", f)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
