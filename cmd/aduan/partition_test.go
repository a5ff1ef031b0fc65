package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
)

// pgProxy stands between the service and PostgreSQL and can fail the way
// a network does, unlike tcpCut (which closes, as a stopped server does):
//   - hole: a partition. Connections are accepted and kept, but every
//     byte either way is dropped; nothing is refused, reset or closed, so
//     the service hears nothing at all.
//   - cutCommit: the COMMIT of the next transaction that sent the
//     marker reaches PostgreSQL, its answer is dropped and the connection
//     reset: the client cannot know whether its transaction committed.
type pgProxy struct {
	addr, target string
	ln           net.Listener
	hole         atomic.Bool
	// cutCommit holds the marker whose transaction's COMMIT answer is
	// cut next; cuts counts those done.
	cutCommit atomic.Pointer[string]
	cuts      atomic.Int32
	mu        sync.Mutex
	conns     map[net.Conn]bool
}

func newPGProxy(t *testing.T, target string) *pgProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]bool{}}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		for c := range p.conns {
			c.Close()
		}
	})
	return p
}

func (p *pgProxy) track(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		p.conns[c] = true
	}
}

func (p *pgProxy) serve(c net.Conn) {
	p.track(c)
	if p.hole.Load() {
		// A connection made during the partition never reaches the
		// server, and never hears anything.
		io.Copy(io.Discard, c)
		return
	}
	u, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.track(u)
	var muted atomic.Bool // the server's answers to this connection are dropped
	marked := false       // this connection sent the marker
	go func() {
		p.pump(u, c, func(b []byte) {
			m := p.cutCommit.Load()
			if m == nil {
				return
			}
			if bytes.Contains(b, []byte(*m)) {
				marked = true
			}
			if marked && bytes.Contains(bytes.ToLower(b), []byte("commit")) && p.cutCommit.CompareAndSwap(m, nil) {
				muted.Store(true)
				// The COMMIT went through; its answer is lost with the
				// connection.
				go func() {
					time.Sleep(50 * time.Millisecond)
					p.cuts.Add(1)
					c.(*net.TCPConn).SetLinger(0)
					c.Close()
					u.Close()
				}()
			}
		})
		u.Close()
	}()
	p.pump(c, u, func([]byte) {}, &muted)
	c.Close()
}

// pump copies from src to dst, dropping what it reads while the proxy
// is a hole (or mute is set); seen sees each chunk before it is sent.
func (p *pgProxy) pump(dst, src net.Conn, seen func([]byte), mute ...*atomic.Bool) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.hole.Load() && (len(mute) == 0 || !mute[0].Load()) {
			seen(buf[:n])
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// TestDatabasePartitioned: PostgreSQL behind a partition (every packet
// dropped, nothing refused) for longer than the request deadline. Every
// request, on each surface (API, console, the desk's form, Open311, the
// public form, /readyz), answers 503 with the "database cannot be
// reached" message well before the request deadline, and none a 500;
// when the network passes traffic again the service recovers without a
// restart. The bounds are short here (a request 3 s, a query or a
// connection 300 ms) so that the test runs in seconds; before the fix
// each request waited out the whole request deadline and ended in a 500.
func TestDatabasePartitioned(t *testing.T) {
	// Not in parallel: its bounds (300 ms on a query or a connection, the
	// answers well within the request's deadline) are times, which the
	// package's other tests, run beside it, would stretch.
	direct := dbtest.MigratedURL(t)
	u, _ := url.Parse(direct)
	p := newPGProxy(t, u.Host)
	u.Host = p.addr
	const deadline = 3 * time.Second
	m := startOnWith(t, t.TempDir(), u.String(), func(c *Config) {
		c.RequestTimeout = deadline
		c.DBQueryTimeout, c.DBConnectTimeout, c.DBProbeInterval = 300*time.Millisecond, 300*time.Millisecond, 100*time.Millisecond
	})
	c := login(t, m, "siti", aduan.RoleOperatorCC, "")
	newComplaint := map[string]any{"text": "Lampu jalan di Jl. Margonda mati sejak tiga hari.", "channel": "telepon", "citizen": map[string]any{"phone": "081377770011"}}
	first := c.Do("POST", "/api/v1/complaints", newComplaint).Must(t, 201)
	id := apitest.Num(first, "id")
	desk := url.Values{"phone": {"081377770012"}, "name": {"Darmo"}, "text": {"Got mampet di depan SDN 3."}, "channel": {"telepon"}}
	msgID := html.EscapeString(i18n.T(i18n.ID, "err.unavailable"))
	type probe struct {
		name string
		do   func() *apitest.Response
		// page: an HTML page, which must show the message.
		page bool
	}
	probes := []probe{
		{"API: new complaint", func() *apitest.Response { return c.Do("POST", "/api/v1/complaints", newComplaint) }, false},
		{"API: a complaint", func() *apitest.Response { return c.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil) }, false},
		{"console: queue", func() *apitest.Response { return c.Do("GET", "/queue", nil) }, true},
		{"console: desk form", func() *apitest.Response { return form(t, c, "/desk", desk) }, true},
		{"Open311: services", func() *apitest.Response { return c.Do("GET", "/open311/v2/services.json", nil) }, false},
		{"public form", func() *apitest.Response { return c.Do("GET", "/lapor", nil) }, true},
		{"readyz", func() *apitest.Response { return c.Do("GET", "/readyz", nil) }, false},
	}
	for _, pr := range probes {
		if r := pr.do(); r.Status >= 400 && pr.name != "console: desk form" {
			t.Fatalf("%s before the partition: %d", pr.name, r.Status)
		}
	}

	p.hole.Store(true)
	cut := time.Now()
	var n int
	var slowest time.Duration
	for time.Since(cut) < deadline+time.Second {
		for _, pr := range probes {
			start := time.Now()
			r := pr.do()
			took := time.Since(start)
			slowest = max(slowest, took)
			n++
			if r.Status != 503 {
				t.Errorf("%s during the partition (%v in): %d %.200s", pr.name, time.Since(cut).Round(time.Millisecond), r.Status, r.Raw)
			}
			if pr.page && !strings.Contains(string(r.Raw), msgID) {
				t.Errorf("%s during the partition: the page does not say the database cannot be reached", pr.name)
			}
			if pr.name == "API: new complaint" && (r.ErrorCode() != "unavailable" || r.Header.Get("Retry-After") == "") {
				t.Errorf("%s: code %q, Retry-After %q", pr.name, r.ErrorCode(), r.Header.Get("Retry-After"))
			}
			// Well before the deadline: the first requests wait out a
			// query's bound, the rest are answered at once.
			if took > deadline/2 {
				t.Errorf("%s during the partition took %v (request deadline %v)", pr.name, took, deadline)
			}
		}
	}
	t.Logf("%d requests during a partition of %v, the slowest answered in %v", n, time.Since(cut).Round(time.Millisecond), slowest)

	p.hole.Store(false)
	back := time.Now()
	waitUntil(t, "a new complaint after the partition", 10*time.Second, func() bool {
		return c.Do("POST", "/api/v1/complaints", newComplaint).Status == 201
	})
	t.Logf("recovered %v after the partition ended", time.Since(back).Round(time.Millisecond))
	for _, pr := range probes {
		if r := pr.do(); r.Status >= 500 {
			t.Errorf("%s after the partition: %d", pr.name, r.Status)
		}
	}
}

// TestCommitAnswerLost: a write whose COMMIT reached PostgreSQL but whose
// answer was lost (the connection reset just after) had committed. The
// client is told that the outcome is unknown — not "nothing was saved",
// which invited a retry that recorded it twice — and a retry that can be
// recognised settles it: the API's with its Idempotency-Key replays the
// first answer, the console's desk form sent again (its form token) leads
// to the complaint it was saved as; nothing is recorded twice.
func TestCommitAnswerLost(t *testing.T) {
	t.Parallel()
	direct := dbtest.MigratedURL(t)
	u, _ := url.Parse(direct)
	p := newPGProxy(t, u.Host)
	u.Host = p.addr
	m := startOnWith(t, t.TempDir(), u.String(), nil)
	db, err := sql.Open("pgx", direct)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(text string) (n int) {
		t.Helper()
		if err := db.QueryRow(`SELECT COUNT(*) FROM complaints WHERE text = $1`, text).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	c := login(t, m, "siti", aduan.RoleOperatorCC, "")
	unknownID, unknownEN := i18n.T(i18n.ID, "err.outcome_unknown"), i18n.T(i18n.EN, "err.outcome_unknown")
	if unknownID == i18n.T(i18n.ID, "err.unavailable") || unknownEN == "err.outcome_unknown" {
		t.Fatal("no message of its own for an unknown outcome")
	}

	// The API, with an Idempotency-Key.
	text := "Pohon tumbang menutup Jl. Nusantara (jawaban komit hilang 1)."
	body := map[string]any{"text": text, "channel": "telepon", "citizen": map[string]any{"phone": "081377770021"}}
	post := func() *apitest.Response {
		req, err := http.NewRequest("POST", c.Base+"/api/v1/complaints", strings.NewReader(mustJSON(t, body)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "komit-hilang-1")
		return c.Send(req)
	}
	p.cutCommit.Store(&text)
	r := post()
	if p.cuts.Load() != 1 {
		t.Fatalf("the COMMIT's answer was not cut (%d); status %d", p.cuts.Load(), r.Status)
	}
	if r.Status != 503 || r.ErrorCode() != "unavailable" || r.ErrorMessage() != unknownID {
		t.Errorf("a complaint whose commit answer was lost: %d %q %q", r.Status, r.ErrorCode(), r.ErrorMessage())
	}
	if n := count(text); n != 1 {
		t.Fatalf("the complaint is in the database %d times, want once (it did commit)", n)
	}
	again := post()
	if again.Status != 201 || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("the retry with its key: %d, replayed %q: %s", again.Status, again.Header.Get("Idempotent-Replayed"), again.Raw)
	}
	if n := count(text); n != 1 {
		t.Errorf("after the retry the complaint is there %d times", n)
	}

	// The console's desk: the form comes back with its token, and sent
	// again leads to the complaint saved.
	text2 := "Sampah menumpuk di TPS Kukusan (jawaban komit hilang 2)."
	r = c.Do("GET", "/desk", nil)
	tok := regexp.MustCompile(`name="form_token" value="([^"]+)"`).FindStringSubmatch(string(r.Raw))
	if tok == nil {
		t.Fatal("no form token on the desk")
	}
	desk := url.Values{"phone": {"081377770022"}, "name": {"Darmo"}, "text": {text2}, "channel": {"telepon"}, "form_token": {tok[1]}}
	p.cutCommit.Store(&text2)
	r = form(t, c, "/desk?lang=en", desk)
	if p.cuts.Load() != 2 {
		t.Fatalf("the desk's COMMIT answer was not cut; status %d", r.Status)
	}
	page := string(r.Raw)
	if r.Status != 503 || !strings.Contains(page, html.EscapeString(unknownEN)) || !strings.Contains(page, tok[1]) {
		t.Errorf("desk with its commit answer lost: %d, message shown %v, token kept %v", r.Status, strings.Contains(page, html.EscapeString(unknownEN)), strings.Contains(page, tok[1]))
	}
	r = form(t, c, "/desk", desk)
	if loc := r.Header.Get("Location"); r.Status != 303 || !strings.Contains(loc, "already_saved") {
		t.Errorf("the desk form sent again: %d to %q", r.Status, loc)
	}
	if n := count(text2); n != 1 {
		t.Errorf("the desk's complaint is there %d times, want once", n)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
