package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
	"github.com/kotakita/aduan/internal/benchdata"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// options of one run.
type options struct {
	DB          string
	Size        int
	DatabaseURL string
	Copy        bool
	Scenarios   []string
	Concurrency []int
	Duration    time.Duration
	Warmup      time.Duration
	Aduan       string
	Trivial     string
	WorkDir     string
	ServerEnv   []string
	// ProfileDir, when set, gets a CPU profile of the server during each
	// measurement (<scenario>-c<n>.pprof), through --pprof-addr.
	ProfileDir string
	Log        io.Writer
	// ReadyWait bounds the server's start (a dataset indexed by another
	// analyzer is re-indexed at start).
	ReadyWait time.Duration
	// SSEClients, when set, runs the live-updates mode after the
	// scenarios: that many event streams, SSEChanges changes.
	SSEClients, SSEChanges int
}

func (o *options) logf(format string, a ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", a...)
	}
}

// run measures the trivial handler, then aduan, and returns the report.
func run(ctx context.Context, o options) (rep *report, err error) {
	if o.ReadyWait == 0 {
		o.ReadyWait = 2 * time.Hour
	}
	for _, s := range o.Scenarios {
		if scenarioHelp[s] == "" {
			return nil, fmt.Errorf("unknown scenario %q (%s)", s, strings.Join(allScenarios, ", "))
		}
	}
	work := o.WorkDir
	if work == "" {
		if work, err = os.MkdirTemp("/var/tmp", "aduan-load-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	rep = &report{Date: time.Now().Format("2006-01-02 15:04"), Machine: machine(), LoadBefore: loadAvg(),
		Duration: o.Duration.String(), Warmup: o.Warmup.String()}
	rep.Commit = commit(ctx)

	// The database.
	dbURL := o.DatabaseURL
	if dbURL == "" {
		d := store.Dialect(o.DB)
		if o.DB == "pg" {
			d = store.Postgres
		}
		if d != store.SQLite && d != store.Postgres {
			return nil, fmt.Errorf("-db: sqlite or postgres, not %q", o.DB)
		}
		u, cleanup, err := dataset(ctx, o, d, work)
		if err != nil {
			return nil, err
		}
		defer cleanup()
		dbURL = u
	}
	st, err := store.Open(ctx, store.Config{URL: dbURL, MaxConns: 2})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	rep.Database = string(st.Dialect())
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints`).Scan(&rep.Complaints); err != nil {
		return nil, err
	}
	fx, err := newFixture(ctx, st, 2026)
	if err != nil {
		return nil, err
	}

	// The same client for everything: keep-alive, enough idle connections
	// for the highest concurrency, no compression.
	maxC := 1
	for _, c := range o.Concurrency {
		maxC = max(maxC, c)
	}
	tr := &http.Transport{MaxIdleConns: 2 * maxC, MaxIdleConnsPerHost: 2 * maxC, DisableCompression: true,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	defer tr.CloseIdleConnections()

	// The baseline, built and run like aduan.
	trivBin := o.Trivial
	if trivBin == "" {
		if trivBin, err = build(ctx, work, "./bench/trivial"); err != nil {
			return nil, err
		}
	}
	triv, err := start(ctx, trivBin, nil, os.Environ(), "/", 30*time.Second, "")
	if err != nil {
		return nil, fmt.Errorf("trivial server: %w", err)
	}
	time.Sleep(500 * time.Millisecond)
	rep.TrivialIdleRSS, _, _ = memory(triv.cmd.Process.Pid)
	trivial := map[int]*row{}
	for _, c := range o.Concurrency {
		rq, _ := fx.scenario(ctx, "trivial", triv.base, 1)
		r := measure(ctx, client, triv.cmd.Process.Pid, "trivial", c, o, rq)
		trivial[c] = r
		rep.Trivial = append(rep.Trivial, r)
		o.logf("trivial c=%d: %.0f req/s, p50 %.2f ms, p99 %.2f ms", c, r.RPS, r.P50, r.P99)
	}
	triv.stop()
	tr.CloseIdleConnections()

	// aduan.
	bin := o.Aduan
	if bin == "" {
		o.logf("building aduan…")
		if bin, err = build(ctx, work, "./cmd/aduan"); err != nil {
			return nil, err
		}
	}
	data := filepath.Join(work, "data")
	env := []string{"ADUAN_DATABASE_URL=" + dbURL, "ADUAN_DATA_DIR=" + data, "ADUAN_ACCESS_LOG=false", "ADUAN_LOG_LEVEL=warn",
		"ADUAN_KANNEL_SECRET=" + kannelSecret}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "ADUAN_") {
			env = append(env, e)
		}
	}
	env = append(env, o.ServerEnv...)
	pprofBase := ""
	if o.ProfileDir != "" {
		a, err := freePort()
		if err != nil {
			return nil, err
		}
		env = append(env, "ADUAN_PPROF_ADDR="+a)
		pprofBase = "http://" + a
		if err := os.MkdirAll(o.ProfileDir, 0o755); err != nil {
			return nil, err
		}
	}
	rep.ServerEnv = o.ServerEnv
	o.logf("starting aduan serve on %s (%d complaints)…", rep.Database, rep.Complaints)
	// The server's log is kept in the work folder (-work to keep it).
	srv, err := start(ctx, bin, []string{"serve"}, env, "/readyz", o.ReadyWait, filepath.Join(work, "aduan.log"))
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	// The first desk requests, the moment the server says it is ready:
	// the operator who opens the desk first in the morning must not wait
	// for start-up work (the routing model, issue 21).
	// With -profile, the server's CPU over its first seconds says what
	// the first requests waited behind.
	var startProf chan error
	if pprofBase != "" {
		startProf = make(chan error, 1)
		go func() {
			startProf <- fetchProfile(ctx, pprofBase, 0, 5*time.Second, filepath.Join(o.ProfileDir, "start.pprof"))
		}()
	}
	if rep.FirstDesk, err = firstDesk(ctx, client, fx, srv.base, 10); err != nil {
		return nil, fmt.Errorf("first desk requests: %w", err)
	}
	o.logf("first %d desk requests after the start: p99 %.2f ms (max), median %.2f ms", len(rep.FirstDesk), rep.firstDeskP99(), rep.firstDeskP50())
	// Idle: started, only those ten asked, after the start-up work settles.
	time.Sleep(3 * time.Second)
	if m, err := status(pid); err == nil {
		rep.IdleRSS, rep.IdleAnon, rep.IdleFile = m["VmRSS"], m["RssAnon"], m["RssFile"]
	}
	if startProf != nil {
		if err := <-startProf; err != nil {
			o.logf("start profile: %v", err)
		}
	}
	for _, name := range o.Scenarios {
		for _, c := range o.Concurrency {
			rq, err := fx.scenario(ctx, name, srv.base, uint64(c))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if c == o.Concurrency[0] {
				// One request first, however long it takes: work done once
				// per process (the desk's routing model is trained from
				// every finished complaint on first use: seconds at a
				// million) is not what a steady rate measures.
				if d, err := prime(ctx, rq); err != nil {
					return nil, fmt.Errorf("%s: first request: %w", name, err)
				} else if d > time.Second {
					o.logf("%s: the first request took %s", name, d.Round(time.Millisecond))
					rep.FirstRequests = append(rep.FirstRequests, fmt.Sprintf("%s %s", name, d.Round(time.Millisecond)))
				}
			}
			var prof chan error
			if pprofBase != "" {
				prof = make(chan error, 1)
				go func() {
					prof <- fetchProfile(ctx, pprofBase, o.Warmup, o.Duration, filepath.Join(o.ProfileDir, fmt.Sprintf("%s-c%d.pprof", name, c)))
				}()
			}
			r := measure(ctx, client, pid, name, c, o, rq)
			if prof != nil {
				if err := <-prof; err != nil {
					o.logf("profile: %v", err)
				}
				// And the heap as the load leaves it.
				if err := fetch(pprofBase+"/debug/pprof/heap", filepath.Join(o.ProfileDir, fmt.Sprintf("%s-c%d.heap", name, c))); err != nil {
					o.logf("heap profile: %v", err)
				}
			}
			r.ratios(trivial[c], rep.TrivialIdleRSS)
			rep.Rows = append(rep.Rows, r)
			o.logf("%s c=%d: %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %d errors, RSS %.1f MiB%s",
				name, c, r.RPS, r.P50, r.P90, r.P99, r.Errors, mib(r.RSS), exhaustedNote(r))
			for _, e := range r.ErrorSamples {
				o.logf("  error: %s", e)
			}
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
		}
	}
	if o.SSEClients > 0 {
		if rep.SSE, err = runSSE(ctx, o, fx, srv.base, pid, o.SSEClients, o.SSEChanges); err != nil {
			return nil, fmt.Errorf("sse: %w", err)
		}
	}
	time.Sleep(2 * time.Second)
	rep.IdleRSSAfter, rep.PeakRSS, _ = memory(pid)
	rep.LoadAfter = loadAvg()
	return rep, nil
}

// fetchProfile takes a CPU profile of the server over the measured part
// of a run.
func fetchProfile(ctx context.Context, base string, after, d time.Duration, path string) error {
	select {
	case <-time.After(after):
	case <-ctx.Done():
		return ctx.Err()
	}
	secs := max(1, int(d.Seconds()))
	return fetch(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", base, secs), path)
}

// fetch saves what GET url answers into path.
func fetch(url, path string) error {
	res, err := http.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("pprof: %s", res.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// firstDesk sends n desk panel requests (GET /desk/search, the
// suggestions as the operator types) one after another and returns each
// one's time in milliseconds, in the order sent.
func firstDesk(ctx context.Context, client *http.Client, fx *fixture, base string, n int) ([]float64, error) {
	rq, err := fx.scenario(ctx, "search", base, 99)
	if err != nil {
		return nil, err
	}
	var out []float64
	for i := 0; i < n; i++ {
		req, err := rq.next(0, i)
		if err != nil {
			return nil, err
		}
		t0 := time.Now()
		res, err := client.Do(req.WithContext(ctx))
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if !rq.ok(res.StatusCode) {
			return nil, fmt.Errorf("status %d", res.StatusCode)
		}
		out = append(out, msf(time.Since(t0)))
	}
	return out, nil
}

// prime sends one request of the scenario and waits for it (up to ten
// minutes).
func prime(ctx context.Context, rq request) (time.Duration, error) {
	req, err := rq.next(0, -1)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	t0 := time.Now()
	res, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if !rq.ok(res.StatusCode) {
		return 0, fmt.Errorf("status %d", res.StatusCode)
	}
	return time.Since(t0), nil
}

func exhaustedNote(r *row) string {
	if r.Exhausted {
		return " (ran out of work before the end)"
	}
	return ""
}

func measure(ctx context.Context, client *http.Client, pid int, name string, c int, o options, rq request) *row {
	stop := peakRSS(pid)
	s := drive(ctx, client, c, o.Warmup, o.Duration, rq)
	peak, anon := stop()
	return &row{Scenario: name, Concurrency: c, RPS: s.rate(), P50: msf(quantile(s.Lat, .50)), P90: msf(quantile(s.Lat, .90)),
		P99: msf(quantile(s.Lat, .99)), Requests: s.Requests, Errors: s.Errors, RSS: peak, RSSAnon: anon, Exhausted: s.Exhausted, ErrorSamples: s.ErrorSamples,
		Seconds: s.Elapsed.Seconds()}
}

func msf(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// dataset returns the URL of the database to run on: a copy of the cached
// dataset of o.Size complaints (made first if this machine has none), or
// the cached one itself with -copy=false. The search index is brought up
// to date on the cached dataset first, so that each copy starts ready.
func dataset(ctx context.Context, o options, d store.Dialect, work string) (string, func(), error) {
	nop := func() {}
	st, err := benchdata.Ensure(ctx, d, o.Size, o.logf)
	if err != nil {
		return "", nop, err
	}
	if res, err := st.Library().SyncSearchIndex(ctx); err != nil {
		st.Close()
		return "", nop, err
	} else if res.Rebuilt {
		o.logf("indexed the dataset for search (once per machine)")
	}
	if d == store.SQLite {
		st.DB().ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	st.Close()
	src, err := benchdata.URL(d, o.Size)
	if err != nil {
		return "", nop, err
	}
	if !o.Copy {
		return src, nop, nil
	}
	switch d {
	case store.SQLite:
		from := strings.TrimPrefix(src, "sqlite:")
		to := filepath.Join(work, "aduan.db")
		o.logf("copying %s…", from)
		if err := copyFile(from, to); err != nil {
			return "", nop, err
		}
		return "sqlite:" + to, func() {
			for _, s := range []string{"", "-wal", "-shm"} {
				os.Remove(to + s)
			}
		}, nil
	default:
		name := fmt.Sprintf("aduan_load_%d", os.Getpid())
		admin, err := sql.Open("pgx", dbtest.AdminURL())
		if err != nil {
			return "", nop, err
		}
		o.logf("copying aduan_bench_%d into %s…", o.Size, name)
		if _, err := admin.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE aduan_bench_%d", name, o.Size)); err != nil {
			admin.Close()
			return "", nop, fmt.Errorf("copy the dataset: %w", err)
		}
		u := strings.Replace(src, fmt.Sprintf("/aduan_bench_%d", o.Size), "/"+name, 1)
		return u, func() {
			if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
				o.logf("drop %s: %v", name, err)
			}
			admin.Close()
		}, nil
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func machine() string {
	model := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "MemTotal:") {
				var kb int64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(l, "MemTotal:"), "kB")), &kb)
				mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
			}
		}
	}
	return fmt.Sprintf("%d CPU (%s)%s, %s, %s", runtime.NumCPU(), model, mem, runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func commit(ctx context.Context) string {
	root, err := moduleRoot(ctx)
	if err != nil {
		return ""
	}
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--short", "HEAD")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	c := strings.TrimSpace(string(out))
	st := exec.CommandContext(ctx, "git", "status", "--porcelain", "--untracked-files=no")
	st.Dir = root
	if o, err := st.Output(); err == nil && len(strings.TrimSpace(string(o))) > 0 {
		c += "+changes"
	}
	return c
}
