package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// The helpers here serve the tests that kill `aduan serve` processes under
// intake load (crash_intake_test.go, multi_instance_test.go): a fake SMS
// gateway that counts what reaches it, API clients that keep a record of
// what the service acknowledged, and a check of the database against it.

// fakeGateway answers Kannel's sendsms as Kannel does and counts, per
// message, how many times a send reached it. It lives in the test process,
// so it outlives the service processes the tests kill.
type fakeGateway struct {
	*httptest.Server
	mu    sync.Mutex
	sends map[int64]int
}

func newFakeGateway(t *testing.T) *fakeGateway {
	g := &fakeGateway{sends: map[int64]int{}}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The service asks for delivery reports with its message id in the
		// report URL: that is how a send is told apart from another.
		dlr, err := url.Parse(r.URL.Query().Get("dlr-url"))
		id, err2 := strconv.ParseInt(dlr.Query().Get("id"), 10, 64)
		if err != nil || err2 != nil || r.URL.Query().Get("to") == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		// A little time on the wire, so that the kill finds sends in flight.
		time.Sleep(3 * time.Millisecond)
		g.mu.Lock()
		g.sends[id]++
		g.mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprint(w, "0: Accepted for delivery")
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *fakeGateway) counts() map[int64]int {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make(map[int64]int, len(g.sends))
	for k, v := range g.sends {
		out[k] = v
	}
	return out
}

func (g *fakeGateway) total() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	n := 0
	for _, v := range g.sends {
		n += v
	}
	return n
}

// loadDB prepares a database for `aduan serve` processes: migrated, with
// the reference data, an operator and an API token for the load clients.
// It returns the store (kept open for the checks), the token and the
// settings that point a process at the database.
func loadDB(t *testing.T, d store.Dialect, dataDir string) (*store.Store, string, []string) {
	t.Helper()
	cfg := store.Config{DataDir: dataDir}
	env := []string{"ADUAN_DATA_DIR=" + dataDir}
	if d == store.Postgres {
		u := dbtest.MigratedURL(t)
		cfg = store.Config{URL: u, MaxConns: 4}
		env = append(env, "ADUAN_DATABASE_URL="+u)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := setup.Reference(ctx, st); err != nil {
		t.Fatal(err)
	}
	u := &aduan.User{Username: "siti", Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	tok, _, err := st.Users().CreateToken(ctx, aduan.System, u.ID, "beban")
	if err != nil {
		t.Fatal(err)
	}
	return st, tok, env
}

// serviceEnv is the environment of a service process: SMS through the
// fake gateway, quick job polling, and a short rescue time so that a job
// left running by a killed process is taken up again within the test.
func serviceEnv(addr string, g *fakeGateway, db []string) []string {
	return append([]string{"ADUAN_TEST_HELPER=serve", "ADUAN_ADDR=" + addr, "ADUAN_LOG_LEVEL=error", "ADUAN_ACCESS_LOG=false",
		"ADUAN_KANNEL_URL=" + g.URL + "/cgi-bin/sendsms", "ADUAN_KANNEL_USER=aduan", "ADUAN_KANNEL_PASSWORD=rahasia",
		"ADUAN_KANNEL_FROM=1500", "ADUAN_KANNEL_SECRET=" + kannelSecret, "ADUAN_JOB_WORKERS=4", "ADUAN_JOB_POLL=20ms",
		"ADUAN_JOB_RESCUE_AFTER=2s", "ADUAN_SEND_RETRY_BASE=200ms", "ADUAN_SEND_RETRY_MAX=1s", "ADUAN_SEND_ATTEMPTS=100",
		"ADUAN_SHUTDOWN_GRACE=1s", "ADUAN_MAX_CONNS=6"}, db...)
}

// service is an `aduan serve` child process (see TestHelperServe).
type service struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// serve starts a service, waits until it answers, and kills it at the end
// of the test whatever happens.
func serve(t *testing.T, env []string, addr string) *service {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServe$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &service{cmd: cmd, exited: make(chan struct{})}
	go func() { cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.kill)
	waitUntil(t, "the service at "+addr, 30*time.Second, func() bool {
		select {
		case <-s.exited:
			t.Fatalf("the service at %s stopped: %v", addr, cmd.ProcessState)
		default:
		}
		res, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	return s
}

// kill sends SIGKILL (no shutdown, no deferred work: a power cut as far as
// the process is concerned) and waits until it is gone.
func (s *service) kill() {
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	<-s.exited
}

// intake is the record of an intake load: what the service acknowledged
// (a 2xx with the complaint), what it refused, and the requests that got
// no answer because the process died under them.
//
// The clients behave as a careful integration does: each request carries
// its request ID as its Idempotency-Key, and one that got no answer (the
// connection broke, or the proxy answered 502 because the instance died
// under it: done or not, nobody knows) is sent again with the same key
// until it is answered. Those still unanswered when the load stops wait in
// pending until retryPending sends them to the restarted service. So in
// the end every request has been answered, and the database must hold
// exactly what was acknowledged: nothing lost, nothing doubled.
type intake struct {
	mu          sync.Mutex
	created     map[int64]string // complaint id → number
	reqOf       map[int64]string // complaint id → request ID of its creation
	asked       map[int64]string // complaint id → request ID of its acknowledged identity request
	refused     map[int]int      // answers other than 2xx, by status
	lastRefusal string           // the last refusal's status and error, for the log
	noAnswer    int              // attempts whose connection broke: the outcome is unknown
	retried     int              // requests sent again with their key after no answer or a 502
	replayed    int              // answers that were a replay of an earlier attempt's (Idempotent-Replayed)
	pending     []call           // requests still unanswered when the load stopped
	acks        atomic.Int64
}

// call is one request of a load client. Its request ID is also its
// Idempotency-Key.
type call struct {
	path, rid string
	body      any
	complaint int64 // the complaint of an identity request; 0 for a creation
}

func newIntake() *intake {
	return &intake{created: map[int64]string{}, reqOf: map[int64]string{}, asked: map[int64]string{}, refused: map[int]int{}}
}

// run keeps `clients` clients posting until stop is closed: each records a
// complaint from a citizen who gave only a phone number, then asks for the
// missing identity (an SMS to the citizen, SOP step 3). base picks the URL
// of each request (one instance, or a proxy).
func (in *intake) run(token string, clients int, base func() string, stop <-chan struct{}, tag string) *sync.WaitGroup {
	var wg sync.WaitGroup
	hc := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				rid := fmt.Sprintf("%s-%d-%d", tag, i, j)
				body := map[string]any{"text": fmt.Sprintf("Lampu jalan mati di gang %d nomor %d (%s), sudah seminggu gelap.", i, j, tag),
					"channel": "telepon", "citizen": map[string]any{"phone": fmt.Sprintf("0813%02d%06d", i, j)}}
				status, res := in.do(hc, token, base, stop, call{path: "/api/v1/complaints", rid: rid, body: body})
				if status != http.StatusCreated {
					continue
				}
				id, version := apiNum(res, "id"), apiNum(res, "version")
				in.do(hc, token, base, stop, call{path: fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", id), rid: rid + "-identitas",
					body: map[string]any{"version": version}, complaint: id})
			}
		}()
	}
	return &wg
}

// unknown reports whether an attempt's outcome is unknown: no answer, or
// the proxy's 502 for an instance that died under the request.
func unknown(status int) bool { return status == 0 || status == http.StatusBadGateway }

// do sends c, and again with the same key while its outcome is unknown;
// when stop closes first, c waits in pending. It returns the answer's
// status (0 when c was left pending) and body.
func (in *intake) do(hc *http.Client, token string, base func() string, stop <-chan struct{}, c call) (int, map[string]any) {
	for attempt := 0; ; attempt++ {
		if attempt == 1 {
			in.mu.Lock()
			in.retried++
			in.mu.Unlock()
		}
		status, res := in.post(hc, base()+c.path, token, c.rid, c.body)
		if !unknown(status) {
			in.answered(c, status, res)
			return status, res
		}
		time.Sleep(20 * time.Millisecond) // the instance is gone; do not spin
		select {
		case <-stop:
			in.mu.Lock()
			in.pending = append(in.pending, c)
			in.mu.Unlock()
			return 0, nil
		default:
		}
	}
}

// answered records an acknowledged request.
func (in *intake) answered(c call, status int, res map[string]any) {
	in.mu.Lock()
	defer in.mu.Unlock()
	switch {
	case c.complaint == 0 && status == http.StatusCreated:
		id := apiNum(res, "id")
		in.created[id], in.reqOf[id] = res["number"].(string), c.rid
	case c.complaint != 0 && status == http.StatusOK:
		in.asked[c.complaint] = c.rid
	default:
		return
	}
	in.acks.Add(1)
}

// retryPending sends the requests left unanswered when the load stopped,
// each with its key, until each is answered (the service must be up).
func (in *intake) retryPending(t *testing.T, token string, base func() string) {
	t.Helper()
	hc := &http.Client{Timeout: 15 * time.Second}
	in.mu.Lock()
	pending := in.pending
	in.pending = nil
	in.retried += len(pending)
	in.mu.Unlock()
	for _, c := range pending {
		deadline := time.Now().Add(30 * time.Second)
		for {
			status, res := in.post(hc, base()+c.path, token, c.rid, c.body)
			if !unknown(status) {
				in.answered(c, status, res)
				if status/100 != 2 {
					t.Errorf("%s sent again with its key: %d %v", c.path, status, res["error"])
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s sent again with its key: no answer for 30 s", c.path)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// post sends one request, with its request ID as its Idempotency-Key, and
// decodes the answer; 0 means no answer.
func (in *intake) post(hc *http.Client, u, token, rid string, body any) (int, map[string]any) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, u, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Request-ID", rid)
	req.Header.Set("Idempotency-Key", rid)
	res, err := hc.Do(req)
	if err != nil {
		in.mu.Lock()
		in.noAnswer++
		in.mu.Unlock()
		return 0, nil
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	in.mu.Lock()
	defer in.mu.Unlock()
	if res.Header.Get("Idempotent-Replayed") == "true" {
		in.replayed++
	}
	if res.StatusCode/100 != 2 {
		in.refused[res.StatusCode]++
		in.lastRefusal = fmt.Sprintf("%d %v", res.StatusCode, out["error"])
	}
	return res.StatusCode, out
}

func apiNum(m map[string]any, k string) int64 {
	f, _ := m[k].(float64)
	return int64(f)
}

// waitSettled waits until no message waits to be sent and no send job is
// left to run.
func waitSettled(t *testing.T, db *sql.DB, timeout time.Duration) {
	t.Helper()
	waitUntil(t, "every message sent", timeout, func() bool {
		var pending, jobs int
		if err := db.QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status IN ('queued', 'sending')`).Scan(&pending); err != nil {
			return false
		}
		if err := db.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'aduan_send_message' AND state NOT IN ('completed', 'cancelled', 'discarded')`).Scan(&jobs); err != nil {
			return false
		}
		return pending == 0 && jobs == 0
	})
}

// checkIntake compares the database with what the service acknowledged
// and with what reached the gateway:
//   - every acknowledged complaint is there with its number, its creation
//     event, its audit row (carrying the request's ID) and its SLA timers;
//   - every acknowledged identity request has its event, audit row, one
//     SMS and one send job;
//   - nothing is half-written: no complaint without its creation event,
//     no event, audit row, message or job of a complaint that does not
//     exist, no identity request without its SMS or the other way round;
//   - complaint numbers are unique;
//   - nothing was done twice or unasked: every complaint and every identity
//     request in the database was acknowledged (every request was answered
//     in the end, retries included, so one done but never acknowledged
//     would be a retry's double), and no two complaints have one text;
//   - every SMS reached the gateway exactly once — or, for a send the kill
//     interrupted, is flagged for review and reached it at most once.
//
// It returns how many messages were flagged for review.
func checkIntake(t *testing.T, d store.Dialect, db *sql.DB, in *intake, g *fakeGateway) (review int) {
	t.Helper()
	// Complaints and numbers.
	numbers := map[int64]string{}
	seen := map[string]int64{}
	rows, err := db.Query(`SELECT id, number FROM complaints`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		if other, dup := seen[n]; dup {
			t.Errorf("number %s given to complaints %d and %d", n, other, id)
		}
		numbers[id], seen[n] = n, id
	}
	rows.Close()
	// One complaint per text: each request's text is its own.
	var doubled int
	if err := db.QueryRow(`SELECT COUNT(*) FROM (SELECT text FROM complaints GROUP BY text HAVING COUNT(*) > 1) d`).Scan(&doubled); err != nil {
		t.Fatal(err)
	}
	if doubled > 0 {
		t.Errorf("%d complaint texts were recorded more than once", doubled)
	}
	// Events per complaint and action.
	events := map[int64]map[string]int{}
	rows, err = db.Query(`SELECT complaint_id, action FROM complaint_events`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var a string
		if err := rows.Scan(&id, &a); err != nil {
			t.Fatal(err)
		}
		if events[id] == nil {
			events[id] = map[string]int{}
		}
		events[id][a]++
	}
	rows.Close()
	// Audit rows per complaint and action, with their request IDs.
	audit := map[int64]map[string][]string{}
	rows, err = db.Query(`SELECT entity_id, action, request_id FROM audit_log WHERE entity = 'complaint'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var eid, a, rid string
		if err := rows.Scan(&eid, &a, &rid); err != nil {
			t.Fatal(err)
		}
		id, _ := strconv.ParseInt(eid, 10, 64)
		if audit[id] == nil {
			audit[id] = map[string][]string{}
		}
		audit[id][a] = append(audit[id][a], rid)
	}
	rows.Close()
	// Outgoing messages per complaint.
	type msg struct {
		id              int64
		purpose, status string
		complaintID     int64
	}
	msgs := map[int64]*msg{}
	byComplaint := map[int64][]*msg{}
	rows, err = db.Query(`SELECT id, COALESCE(complaint_id, 0), purpose, status FROM messages WHERE direction = 'out'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		m := &msg{}
		if err := rows.Scan(&m.id, &m.complaintID, &m.purpose, &m.status); err != nil {
			t.Fatal(err)
		}
		msgs[m.id] = m
		byComplaint[m.complaintID] = append(byComplaint[m.complaintID], m)
	}
	rows.Close()
	// Jobs: send jobs per message, SLA timers per complaint.
	sendJobs := map[int64]int{}
	slaJobs := map[int64]int{}
	// River keeps arguments as jsonb on both databases; SQLite's is binary.
	args := "args::text"
	if d == store.SQLite {
		args = "json(args)"
	}
	rows, err = db.Query(`SELECT kind, ` + args + ` FROM river_job`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var kind string
		var args []byte
		if err := rows.Scan(&kind, &args); err != nil {
			t.Fatal(err)
		}
		var a struct {
			MessageID   int64 `json:"message_id"`
			ComplaintID int64 `json:"complaint_id"`
		}
		json.Unmarshal(args, &a)
		switch kind {
		case "aduan_send_message":
			sendJobs[a.MessageID]++
		case "aduan_sla_check":
			slaJobs[a.ComplaintID]++
		}
	}
	rows.Close()

	in.mu.Lock()
	defer in.mu.Unlock()
	for id, n := range in.created {
		if numbers[id] != n {
			t.Errorf("acknowledged complaint %d (%s) is %q in the database", id, n, numbers[id])
			continue
		}
		if got := audit[id]["complaint.create"]; len(got) != 1 || got[0] != in.reqOf[id] {
			t.Errorf("complaint %s: creation audit rows %q, want one from request %s", n, got, in.reqOf[id])
		}
	}
	for id, n := range numbers {
		if _, ok := in.created[id]; !ok {
			t.Errorf("complaint %s (%d) is in the database but was never acknowledged: a retried request done twice?", n, id)
		}
		if events[id][string(aduan.ActionRequestIdentity)] > 0 && in.asked[id] == "" {
			t.Errorf("complaint %s: an identity request that was never acknowledged", n)
		}
	}
	if len(in.pending) > 0 {
		t.Errorf("%d requests were never sent again", len(in.pending))
	}
	for id, rid := range in.asked {
		if events[id][string(aduan.ActionRequestIdentity)] != 1 {
			t.Errorf("acknowledged identity request on %s: %d events", numbers[id], events[id][string(aduan.ActionRequestIdentity)])
		}
		if got := audit[id]["complaint.request_identity"]; len(got) != 1 || got[0] != rid {
			t.Errorf("complaint %s: identity request audit rows %q, want one from request %s", numbers[id], got, rid)
		}
	}
	for id, n := range numbers {
		ev := events[id]
		if ev["create"] != 1 {
			t.Errorf("complaint %s has %d creation events", n, ev["create"])
		}
		if len(audit[id]["complaint.create"]) != 1 {
			t.Errorf("complaint %s has %d creation audit rows", n, len(audit[id]["complaint.create"]))
		}
		// The intake step's timers: a warning and a breach check.
		if slaJobs[id] < 2 {
			t.Errorf("complaint %s has %d SLA jobs, want a warning and a breach check", n, slaJobs[id])
		}
		asked := ev[string(aduan.ActionRequestIdentity)]
		if asked != len(audit[id]["complaint.request_identity"]) {
			t.Errorf("complaint %s: %d identity request events, %d audit rows", n, asked, len(audit[id]["complaint.request_identity"]))
		}
		// Each caller gave a mobile, so each complaint has its intake
		// receipt (issue 16) beside one SMS per identity request.
		perPurpose := map[string]int{}
		for _, m := range byComplaint[id] {
			perPurpose[m.purpose]++
		}
		if asked != perPurpose["request_identity"] {
			t.Errorf("complaint %s: %d identity requests, %d identity SMS", n, asked, perPurpose["request_identity"])
		}
		if perPurpose["receipt"] != 1 {
			t.Errorf("complaint %s: %d intake receipts, want 1", n, perPurpose["receipt"])
		}
	}
	for id := range events {
		if _, ok := numbers[id]; !ok {
			t.Errorf("events of complaint %d, which does not exist", id)
		}
	}
	for id := range audit {
		if _, ok := numbers[id]; !ok {
			t.Errorf("audit rows of complaint %d, which does not exist", id)
		}
	}
	for id := range slaJobs {
		if _, ok := numbers[id]; !ok {
			t.Errorf("SLA jobs of complaint %d, which does not exist", id)
		}
	}
	for id, n := range sendJobs {
		if msgs[id] == nil {
			t.Errorf("send job of message %d, which does not exist", id)
		} else if n != 1 {
			t.Errorf("message %d has %d send jobs", id, n)
		}
	}
	sent := g.counts()
	for id, m := range msgs {
		if _, ok := numbers[m.complaintID]; !ok {
			t.Errorf("message %d of complaint %d, which does not exist", id, m.complaintID)
		}
		if m.purpose != "request_identity" && m.purpose != "receipt" {
			t.Errorf("message %d: purpose %s", id, m.purpose)
		}
		if sendJobs[id] != 1 {
			t.Errorf("message %d has %d send jobs", id, sendJobs[id])
		}
		switch m.status {
		case "sent", "delivered":
			if sent[id] != 1 {
				t.Errorf("message %d is %s and reached the gateway %d times", id, m.status, sent[id])
			}
		case "review":
			review++
			if sent[id] > 1 {
				t.Errorf("message %d is under review and reached the gateway %d times", id, sent[id])
			}
		default:
			t.Errorf("message %d is %s", id, m.status)
		}
	}
	for id, n := range sent {
		if msgs[id] == nil {
			t.Errorf("the gateway got %d sends of message %d, which does not exist", n, id)
		}
	}
	return review
}
