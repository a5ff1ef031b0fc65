package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// fault takes the database away and gives it back.
type fault interface {
	cut(t *testing.T)
	restore(t *testing.T)
}

// tcpCut stands between the service and PostgreSQL. cut closes its port
// and every connection through it, which is what the service sees when
// PostgreSQL stops or its host goes away: connections reset, new ones
// refused. restore opens the port again. The shared test server itself is
// never touched.
type tcpCut struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        map[net.Conn]bool
}

func newTCPCut(t *testing.T, target string) *tcpCut {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpCut{addr: ln.Addr().String(), target: target, ln: ln, conns: map[net.Conn]bool{}}
	go p.accept(ln)
	t.Cleanup(func() { p.cut(t) })
	return p
}

func (p *tcpCut) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go p.pipe(c)
	}
}

func (p *tcpCut) pipe(c net.Conn) {
	u, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[u] = true, true
	p.mu.Unlock()
	go func() { io.Copy(u, c); u.Close() }()
	io.Copy(c, u)
	c.Close()
}

func (p *tcpCut) cut(t *testing.T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}

func (p *tcpCut) restore(t *testing.T) {
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ {
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("reopen %s: %v", p.addr, err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go p.accept(ln)
}

// diskFull fills SQLite's disk as far as the service can tell: the write
// connection's max_page_count is set to the file's present size and the
// free pages are used up, so that any change needing a new page fails
// with SQLITE_FULL — the error a full disk gives. (A real small file
// system needs mount rights a CI runner does not have.) restore lifts the
// limit and frees the filler, as an administrator freeing space would.
type diskFull struct{ db *sql.DB }

func (f *diskFull) cut(t *testing.T) {
	ctx := context.Background()
	if _, err := f.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS test_filler (b BLOB)`); err != nil {
		t.Fatal(err)
	}
	var pages int64
	if err := f.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		_, err := f.db.ExecContext(ctx, `INSERT INTO test_filler VALUES (randomblob(3000))`)
		if err != nil {
			if !strings.Contains(err.Error(), "full") {
				t.Fatalf("filling the database: %v", err)
			}
			break
		}
		if i > 100000 {
			t.Fatal("the database never filled")
		}
	}
}

func (f *diskFull) restore(t *testing.T) {
	ctx := context.Background()
	for _, q := range []string{`PRAGMA max_page_count = 1073741823`, `DELETE FROM test_filler`} {
		if _, err := f.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

// startOn runs the service in this process on the database at dbURL
// (empty: SQLite in dataDir).
func startOn(t *testing.T, dataDir, dbURL string) *Main {
	t.Helper()
	return startOnWith(t, dataDir, dbURL, nil)
}

// startOnWith is startOn with the configuration changed by tweak.
func startOnWith(t *testing.T, dataDir, dbURL string, tweak func(*Config)) *Main {
	t.Helper()
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.DatabaseURL, cfg.AccessLog, cfg.LogLevel = "127.0.0.1:0", dataDir, dbURL, false, "error"
	cfg.Messaging.JobPoll = 20 * time.Millisecond
	cfg.Messaging.RetryBase, cfg.Messaging.RetryMax = 100*time.Millisecond, 500*time.Millisecond
	if tweak != nil {
		tweak(cfg)
	}
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// rowCounts counts what a change writes, to show that a refused change
// wrote none of it.
func rowCounts(t *testing.T, db *sql.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, q := range []string{"complaints", "complaint_events", "audit_log", "messages", "citizens"} {
		var n int64
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[q] = n
	}
	// The jobs a change queues with it; not the periodic ones, which the
	// queue's leader inserts on its own schedule (the PPID reminder at
	// the leader's election, seconds after a start on a loaded machine)
	// and which a full disk may still take when they fit a page.
	var n int64
	if err := db.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind NOT IN ($1, $2, $3, $4, $5)`,
		jobs.RetrainArgs{}.Kind(), jobs.ReviewArgs{}.Kind(), jobs.PPIDRemindArgs{}.Kind(), jobs.RetentionArgs{}.Kind(), jobs.PollMailArgs{}.Kind()).Scan(&n); err != nil {
		t.Fatal(err)
	}
	out["river_job"] = n
	var last int64
	if err := db.QueryRow(`SELECT COALESCE(SUM(last), 0) FROM complaint_numbers`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	out["complaint_numbers"] = last
	return out
}

// form posts a console form with the session of c.
func form(t *testing.T, c *apitest.Client, path string, v url.Values) *apitest.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.Base+path, strings.NewReader(v.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	hc := *c.HTTP
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cp := *c
	cp.HTTP = &hc
	return cp.Send(req)
}

// TestDatabaseAway: PostgreSQL stops (or its network goes), or SQLite's
// disk fills, while the service runs. Every request that needs the
// database then gets a clear 503 in the user's language that names the
// cause (unreachable, or storage full) — on the API (with Retry-After) and
// on the console, where the desk's form comes back with what was typed:
// on PostgreSQL too, though not even the session can be checked, drawn
// from the reference data last read or, on an instance with none, with
// the choices by their codes — /readyz says not ready, and nothing is
// half-written. When the database is back, the same requests
// succeed with no restart, and the jobs run again (the SMS of an identity
// request made after the return goes out).
func TestDatabaseAway(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		var f fault
		var db *sql.DB
		var m *Main
		// fresh is a second instance on the same PostgreSQL that has drawn
		// no desk before the cut: it holds no copy of the reference data.
		var fresh *Main
		if d == store.Postgres {
			direct := dbtest.MigratedURL(t)
			u, _ := url.Parse(direct)
			p := newTCPCut(t, u.Host)
			u.Host = p.addr
			m = startOn(t, t.TempDir(), u.String())
			fresh = startOn(t, t.TempDir(), u.String())
			var err error
			if db, err = sql.Open("pgx", direct); err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			f = p
		} else {
			m = startOn(t, t.TempDir(), "")
			db = m.Store.DB()
			f = &diskFull{db: db}
		}
		readsWork := d == store.SQLite // a full disk still serves reads
		c := login(t, m, "siti", aduan.RoleOperatorCC, "")
		en := *c
		en.Lang = "en"
		// Long texts: each change needs new pages in SQLite, so a full
		// disk refuses every one rather than only those that spill over.
		text := strings.Repeat("Saluran air di depan rumah tersumbat sampah dan meluap ke jalan. ", 55)
		newComplaint := map[string]any{"text": text, "channel": "telepon", "citizen": map[string]any{"phone": "081377770001"}}
		before := c.Do("POST", "/api/v1/complaints", newComplaint).Must(t, 201)
		id, version := apitest.Num(before, "id"), apitest.Num(before, "version")
		if r := c.Do("GET", "/readyz", nil); r.Status != 200 {
			t.Fatalf("readyz before: %d", r.Status)
		}

		// The operator has the desk open when the database goes.
		if r := c.Do("GET", "/desk", nil); r.Status != 200 {
			t.Fatalf("desk: %d", r.Status)
		}
		cats, err := m.Store.RefData().Categories(context.Background())
		if err != nil || len(cats) == 0 {
			t.Fatalf("categories: %v %d", err, len(cats))
		}
		cat := cats[len(cats)-1]

		counts := rowCounts(t, db)
		f.cut(t)
		// Each cause in its own words: PostgreSQL away is "cannot be
		// reached", SQLite's full disk is "storage full" (and reads work).
		key, other := "err.unavailable", "err.storage_full"
		if d == store.SQLite {
			key, other = other, key
		}
		msgID, msgEN := i18n.T(i18n.ID, key), i18n.T(i18n.EN, key)
		if msgID == i18n.T(i18n.ID, other) || msgEN == i18n.T(i18n.EN, other) {
			t.Fatalf("%s and %s say the same", key, other)
		}
		// The API.
		r := c.Do("POST", "/api/v1/complaints", newComplaint)
		if r.Status != 503 || r.ErrorCode() != "unavailable" || r.ErrorMessage() != msgID || r.Header.Get("Retry-After") == "" {
			t.Errorf("new complaint: %d %q %q, Retry-After %q", r.Status, r.ErrorCode(), r.ErrorMessage(), r.Header.Get("Retry-After"))
		}
		if r := en.Do("POST", "/api/v1/complaints", newComplaint); r.Status != 503 || r.ErrorMessage() != msgEN {
			t.Errorf("new complaint in English: %d %q", r.Status, r.ErrorMessage())
		}
		if r := c.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", id), map[string]any{"version": version}); r.Status != 503 || r.ErrorCode() != "unavailable" {
			t.Errorf("identity request: %d %s", r.Status, r.Raw)
		}
		if r := c.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil); readsWork && r.Status != 200 || !readsWork && (r.Status != 503 || r.ErrorMessage() != msgID) {
			t.Errorf("reading the complaint: %d %s", r.Status, r.Raw)
		}
		// The console.
		// A complaint typed at the desk comes back on its form, whatever
		// the cause: on PostgreSQL the session cannot even be checked, and
		// the form is drawn from the reference data last read.
		desk := url.Values{"phone": {"081377770002"}, "name": {"Darmo Sutejo"}, "text": {text}, "channel": {"telepon"},
			"category": {fmt.Sprint(cat.ID)}, "place": {"Jl. Kenari 7"}}
		typed := func(where, page string, catName string) {
			t.Helper()
			if !strings.Contains(page, `<form id="intake"`) {
				t.Errorf("%s: not the desk form: %.300s", where, page)
				return
			}
			for what, s := range map[string]string{"text": html.EscapeString(text), "name": `value="Darmo Sutejo"`, "phone": `value="081377770002"`,
				"place": `value="Jl. Kenari 7"`, "category": fmt.Sprintf(`<option value="%d" selected>%s</option>`, cat.ID, html.EscapeString(catName))} {
				if !strings.Contains(page, s) {
					t.Errorf("%s: the typed %s is not on the form shown again", where, what)
				}
			}
		}
		r = form(t, c, "/desk", desk)
		page := string(r.Raw)
		if r.Status != 503 || !strings.Contains(page, html.EscapeString(msgID)) || strings.Contains(page, html.EscapeString(i18n.T(i18n.ID, other))) {
			t.Errorf("console intake: %d, message shown: %v", r.Status, strings.Contains(page, html.EscapeString(msgID)))
		}
		typed("console intake", page, cat.Name)
		if fresh != nil {
			// An instance with no copy: the choices come back by their
			// codes, the typed text as it was.
			fc := *c
			fc.Base = "http://" + fresh.Addr()
			r := form(t, &fc, "/desk", desk)
			if r.Status != 503 || !strings.Contains(string(r.Raw), html.EscapeString(msgID)) {
				t.Errorf("console intake on a fresh instance: %d", r.Status)
			}
			typed("console intake on a fresh instance", string(r.Raw), fmt.Sprint(cat.ID))
		}
		if r := form(t, c, "/desk?lang=en", desk); r.Status != 503 || !strings.Contains(string(r.Raw), html.EscapeString(msgEN)) {
			t.Errorf("console intake in English: %d, message shown: %v", r.Status, strings.Contains(string(r.Raw), html.EscapeString(msgEN)))
		}
		r = form(t, c, fmt.Sprintf("/complaints/%d/act", id), url.Values{"action": {"request_identity"}, "version": {fmt.Sprint(version)}})
		if r.Status != 503 || !strings.Contains(string(r.Raw), html.EscapeString(msgID)) {
			t.Errorf("console step: %d", r.Status)
		}
		if r := c.Do("GET", "/queue", nil); readsWork && r.Status != 200 || !readsWork && (r.Status != 503 || !strings.Contains(string(r.Raw), html.EscapeString(msgID))) {
			t.Errorf("console queue: %d", r.Status)
		}
		if r := c.Do("GET", "/readyz", nil); r.Status != 503 {
			t.Errorf("readyz with the database away: %d %s", r.Status, r.Raw)
		}
		// Nothing half-written. (On PostgreSQL counted past the cut.)
		if got := rowCounts(t, db); fmt.Sprint(got) != fmt.Sprint(counts) {
			t.Errorf("rows changed while the database refused every change:\n before %v\n after  %v", counts, got)
		}

		f.restore(t)
		// Back without a restart: on PostgreSQL once the store's probe
		// has found it again (every second; a refused change in the
		// meantime writes nothing), on SQLite at once.
		var after *apitest.Response
		waitUntil(t, "a new complaint after the return", 10*time.Second, func() bool {
			after = c.Do("POST", "/api/v1/complaints", newComplaint)
			return after.Status != 503 || d == store.SQLite
		})
		if after.Status != 201 {
			t.Fatalf("new complaint after the return: %d %s", after.Status, after.Raw)
		}
		if r := c.Do("GET", "/readyz", nil); r.Status != 200 {
			t.Errorf("readyz after the return: %d %s", r.Status, r.Raw)
		}
		id2 := apitest.Num(after.Body, "id")
		c.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", id2), map[string]any{"version": apitest.Num(after.Body, "version")}).Must(t, 200)
		if r := form(t, c, fmt.Sprintf("/complaints/%d/act", id), url.Values{"action": {"request_identity"}, "version": {fmt.Sprint(version)}}); r.Status != http.StatusSeeOther {
			t.Errorf("console step after the return: %d", r.Status)
		}
		if r := c.Do("GET", "/queue", nil); r.Status != 200 {
			t.Errorf("console queue after the return: %d", r.Status)
		}
		// The jobs run again: both identity SMS leave (through the outbox
		// here), and the new complaint's intake receipt with them.
		waitUntil(t, "the SMS after the return", 20*time.Second, func() bool {
			var sent int
			db.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'sent' AND purpose = 'request_identity'`).Scan(&sent)
			return sent == 2
		})
		got := rowCounts(t, db)
		if got["complaints"] != counts["complaints"]+1 || got["messages"] != counts["messages"]+3 || got["complaint_numbers"] != counts["complaint_numbers"]+1 {
			t.Errorf("after the return: %v, before the cut %v", got, counts)
		}
	})
}
