package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// testClock is a clock the test moves by hand, so that step timings can be
// checked against their standards without waiting.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// start runs the service as `aduan serve` would, on 127.0.0.1:0.
func start(t *testing.T, d store.Dialect, demo bool) (*Main, *testClock) {
	t.Helper()
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel, cfg.Demo = "127.0.0.1:0", t.TempDir(), false, "error", demo
	if d == store.Postgres {
		cfg.DatabaseURL = dbtest.MigratedURL(t)
	}
	if demo && d == store.SQLite {
		copyDir(t, demoData(t), cfg.DataDir)
	}
	var out bytes.Buffer
	m := &Main{Config: cfg, Out: &out}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	noReceipts(t, m.Store)
	clock := &testClock{t: time.Now().Truncate(time.Second)}
	m.Store.Now = clock.Now
	return m, clock
}

// noReceipts switches the receipt at intake off: the tests count each
// step's own messages, and those of the receipt turn it on again
// (receipts(t, st)).
func noReceipts(t testing.TB, st *store.Store) {
	t.Helper()
	setReceipts(t, st, "off")
}

func setReceipts(t testing.TB, st *store.Store, v string) {
	t.Helper()
	if err := st.RefData().SetSettings(context.Background(), aduan.System, map[string]string{"receipt_sms": v, "receipt_whatsapp": v, "receipt_email": v}); err != nil {
		t.Fatal(err)
	}
}

// login makes a user of the role (bound to the agency code, if any) and
// returns a client logged in as them through the log-in endpoint.
func login(t *testing.T, m *Main, username string, role aduan.Role, agency string) *apitest.Client {
	t.Helper()
	u := &aduan.User{Username: username, Name: strings.ToUpper(username), Role: role, Active: true}
	if agency != "" {
		a, err := m.Store.RefData().AgencyByCode(context.Background(), agency)
		if err != nil {
			t.Fatal(err)
		}
		u.AgencyID = a.ID
	}
	if err := m.Store.Users().CreateUser(context.Background(), aduan.System, u, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	c := apitest.New(t, "http://"+m.Addr())
	c.Do("POST", "/api/v1/auth/login", map[string]any{"username": username, "password": "kata-sandi-uji-123"}).Must(t, 200)
	return c
}

func agencyID(t *testing.T, m *Main, code string) int64 {
	a, err := m.Store.RefData().AgencyByCode(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func act(t *testing.T, c *apitest.Client, cmp map[string]any, action string, body map[string]any) map[string]any {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	body["version"] = apitest.Num(cmp, "version")
	res := c.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/%s", apitest.Num(cmp, "id"), action), body).Must(t, 200)
	return apitest.Obj(res, "complaint")
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("time %q: %v", s, err)
	}
	if !strings.HasSuffix(s, "+07:00") {
		t.Errorf("time %q is not in WIB", s)
	}
	return v
}

func events(t *testing.T, c *apitest.Client, cmp map[string]any) []map[string]any {
	t.Helper()
	return apitest.Items(c.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/events", apitest.Num(cmp, "id")), nil).Must(t, 200))
}

func allowed(cmp map[string]any) string {
	var out []string
	for _, a := range cmp["allowed_actions"].([]any) {
		out = append(out, a.(string))
	}
	return strings.Join(out, ",")
}

// TestWholeSOPOverHTTP drives one complaint through every step of the SOP
// with the right role for each: operator → agency operator → operator →
// close, and checks the timeline and every step's deadline.
func TestWholeSOPOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		pd := login(t, m, "rina.dpupr", aduan.RoleOperatorPD, "DPUPR")
		minuteAgency(t, m)
		t0 := clock.Now()
		received := t0.Add(-4 * time.Minute)

		// Steps 1–3: the call, recorded with the caller's identity.
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op),
			"channel": "telepon", "text": "Jalan berlubang dalam di Jl. Tole Iskandar dekat SDN Mekarjaya, sudah 2 minggu.",
			"address": "Jl. Tole Iskandar", "kelurahan_code": "32.76.05.1001", "received_at": received.Format(time.RFC3339),
			"citizen": map[string]any{"name": "Ahmad Fauzi", "phone": "0812-1111-2222", "address": "Jl. Kenari 5, Mekarjaya"},
		}).Must(t, 201)
		if apitest.Str(cmp, "status") != "recorded" || apitest.Str(cmp, "status_label") != "Tercatat" {
			t.Fatalf("new complaint: %v", cmp)
		}
		if !strings.HasPrefix(apitest.Str(cmp, "number"), fmt.Sprintf("ADU-%d-", t0.In(aduan.WIB).Year())) {
			t.Errorf("number %s", cmp["number"])
		}
		if got := allowed(cmp); got != "request_identity,request_photos,answer,forward,mark_duplicate,reject" {
			t.Errorf("operator's actions on a recorded complaint: %s", got)
		}
		dl := apitest.Obj(cmp, "deadline")
		if apitest.Str(dl, "step") != "forward" || !parseTime(t, apitest.Str(dl, "due_at")).Equal(t0.Add(25*time.Minute)) {
			t.Errorf("deadline after recording: %v", dl)
		}

		// Step 7: forward after 12 minutes, within the 25-minute standard.
		clock.Add(12 * time.Minute)
		cmp = act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR"), "note": "Mohon ditindaklanjuti."})
		tForward := clock.Now()
		if apitest.Str(cmp, "agency_name") != "Dinas Pekerjaan Umum dan Penataan Ruang" {
			t.Errorf("agency %v", cmp["agency_name"])
		}
		// The agency operator sees it in their inbox, with the caller.
		inbox := apitest.Items(pd.Do("GET", "/api/v1/complaints?open=true", nil).Must(t, 200))
		if len(inbox) != 1 || apitest.Num(inbox[0], "id") != apitest.Num(cmp, "id") || apitest.Obj(inbox[0], "citizen") == nil {
			t.Fatalf("agency inbox: %v", inbox)
		}
		if got := allowed(inbox[0]); got != "acknowledge,agency_answer,return,agency_promise,ask_clarification" {
			t.Errorf("agency operator's actions: %s", got)
		}

		// Step 8: the agency acknowledges in 3 minutes, answers 2 hours later (late).
		clock.Add(3 * time.Minute)
		cmp = act(t, pd, cmp, "acknowledge", nil)
		clock.Add(2 * time.Hour)
		answer := "Lubang sudah ditambal oleh Satgas SDA DPUPR Kec. Sukmajaya pada hari ini."
		cmp = act(t, pd, cmp, "agency_answer", map[string]any{"answer": answer})
		if apitest.Str(cmp, "status") != "agency_answered" {
			t.Fatalf("status %s", cmp["status"])
		}
		// The agency can do nothing more with it.
		if got := allowed(pd.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id")), nil).Must(t, 200)); got != "" {
			t.Errorf("agency actions after answering: %q", got)
		}

		// Steps 9–10: the call center takes the answer and relays it by SMS.
		clock.Add(4 * time.Minute)
		cmp = act(t, op, cmp, "receive_answer", nil)
		clock.Add(30 * time.Minute)
		cmp = act(t, op, cmp, "relay", nil)
		if apitest.Str(cmp, "answer") != answer || apitest.Str(cmp, "answer_source") != "agency" {
			t.Errorf("relayed answer %v (%v)", cmp["answer"], cmp["answer_source"])
		}
		clock.Add(time.Hour)
		cmp = act(t, op, cmp, "close", nil)
		if apitest.Str(cmp, "status") != "closed" || cmp["closed_at"] == nil || cmp["open"] != false || cmp["deadline"] != nil {
			t.Errorf("closed complaint: %v", cmp)
		}

		// The timeline: every step, its actor, its deadline, met or missed.
		evs := events(t, op, cmp)
		type want struct {
			action, step, actor string
			met                 *bool
			deadline            time.Time
		}
		yes, no := true, false
		wants := []want{
			{"create", "intake", "SITI", &yes, received.Add(15 * time.Minute)},
			{"forward", "forward", "SITI", &yes, t0.Add(25 * time.Minute)},
			{"acknowledge", "agency_receive", "RINA.DPUPR", &yes, tForward.Add(5 * time.Minute)},
			{"agency_answer", "agency_answer", "RINA.DPUPR", &no, tForward.Add(5 * time.Minute)},
			{"receive_answer", "answer_receive", "SITI", &yes, tForward.Add(3*time.Minute + 2*time.Hour + 5*time.Minute)},
			{"relay", "relay", "SITI", &yes, tForward.Add(3*time.Minute + 2*time.Hour + 4*time.Minute + 2*time.Hour)},
			{"close", "", "SITI", nil, time.Time{}},
		}
		if len(evs) != len(wants) {
			t.Fatalf("%d events, want %d: %v", len(evs), len(wants), evs)
		}
		for i, w := range wants {
			e := evs[i]
			if apitest.Str(e, "action") != w.action || apitest.Str(e, "step") != w.step || apitest.Str(e, "actor_name") != w.actor {
				t.Errorf("event %d: %s/%s by %s, want %s/%s by %s", i, e["action"], e["step"], e["actor_name"], w.action, w.step, w.actor)
			}
			if w.met == nil {
				if e["met"] != nil || e["deadline"] != nil {
					t.Errorf("event %d (%s) is timed: %v", i, w.action, e)
				}
				continue
			}
			if e["met"] != *w.met {
				t.Errorf("event %d (%s): met=%v, want %v", i, w.action, e["met"], *w.met)
			}
			if got := parseTime(t, apitest.Str(e, "deadline")); !got.Equal(w.deadline) {
				t.Errorf("event %d (%s): deadline %v, want %v", i, w.action, got, w.deadline)
			}
		}
	})
}

// minuteAgency times the agency's steps by the SOP sheet's 5 minutes on a
// 24/7 office, as a city may set them: the tests run on the real clock, at
// any hour, and test the workflow's timing, not working time (that is in
// the domain's and the store's tests).
func minuteAgency(t *testing.T, m *Main) {
	t.Helper()
	ad := login(t, m, "admin.waktu", aduan.RoleAdmin, "")
	ad.Do("PATCH", "/api/v1/settings", map[string]string{"office_hours": "24/7"}).Must(t, 200)
	for _, step := range []string{"agency_receive", "agency_answer"} {
		ad.Do("PUT", "/api/v1/standards/"+step, map[string]any{"amount": 5, "unit": "menit"}).Must(t, 200)
	}
}

// TestReturnDuplicateAndIdentityPause drives the other paths: the agency
// returns a complaint as not its authority and it is re-forwarded; a second
// report of the same problem is merged into the first; and waiting for the
// caller's identity pauses the clock.
func TestReturnDuplicateAndIdentityPause(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		dpupr := login(t, m, "rina.dpupr", aduan.RoleOperatorPD, "DPUPR")
		rumkim := login(t, m, "joko.rumkim", aduan.RoleOperatorPD, "DISRUMKIM")

		// Identity pause: the caller gave no address.
		t0 := clock.Now()
		a := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op),
			"text": "Jalan perumahan rusak parah di Perum Griya Depok Asri, banyak lubang.", "kelurahan_code": "32.76.07.1001",
			"citizen": map[string]any{"name": "Lina", "phone": "081377778888"},
		}).Must(t, 201)
		if fmt.Sprint(a["missing_identity"]) != "[address]" {
			t.Errorf("missing identity: %v", a["missing_identity"])
		}
		clock.Add(2 * time.Minute)
		a = act(t, op, a, "request_identity", nil)
		if dl := apitest.Obj(a, "deadline"); apitest.Str(a, "status") != "awaiting_identity" || dl["paused"] != true || dl["due_at"] != nil {
			t.Errorf("while waiting: %v %v", a["status"], dl)
		}
		clock.Add(3 * time.Hour) // the citizen answers the SMS three hours later
		a = act(t, op, a, "provide_identity", map[string]any{"citizen": map[string]any{"address": "Perum Griya Depok Asri Blok C2/7"}})
		due := parseTime(t, apitest.Str(apitest.Obj(a, "deadline"), "due_at"))
		if !due.Equal(t0.Add(25*time.Minute + 3*time.Hour)) {
			t.Errorf("deadline after the pause: %v, want %v", due, t0.Add(25*time.Minute+3*time.Hour))
		}
		if a["missing_identity"] != nil || apitest.Str(apitest.Obj(a, "citizen"), "address") != "Perum Griya Depok Asri Blok C2/7" {
			t.Errorf("identity not filled: %v", a["citizen"])
		}
		clock.Add(10 * time.Minute) // 3h12m after recording: 12 working minutes
		a = act(t, op, a, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR")})
		evs := events(t, op, a)
		fwd := evs[len(evs)-1]
		if fwd["met"] != true || apitest.Num(fwd, "elapsed_seconds") != 12*60 {
			t.Errorf("forward after the pause: met=%v elapsed=%v", fwd["met"], fwd["elapsed_seconds"])
		}

		// Bukan wewenang: DPUPR returns it with a reason; it goes to DISRUMKIM.
		if r := dpupr.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/return", apitest.Num(a, "id")), map[string]any{"version": apitest.Num(a, "version")}); r.Status != 400 || r.FieldErrors()["reason"] == "" {
			t.Errorf("return without a reason: %d %s", r.Status, r.Raw)
		}
		a = act(t, dpupr, a, "return", map[string]any{"reason": "Jalan lingkungan perumahan adalah PSU, kewenangan Disrumkim."})
		if apitest.Str(a, "status") != "returned" || apitest.Str(a, "return_reason") == "" {
			t.Fatalf("returned: %v", a)
		}
		if r := op.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", apitest.Num(a, "id")), map[string]any{"version": apitest.Num(a, "version"), "agency_id": agencyID(t, m, "DPUPR")}); r.Status != 400 || r.FieldErrors()["agency_id"] == "" {
			t.Errorf("re-forward to the agency that returned it: %d %s", r.Status, r.Raw)
		}
		a = act(t, op, a, "forward", map[string]any{"agency_id": agencyID(t, m, "DISRUMKIM")})
		// DPUPR no longer sees it; DISRUMKIM does and answers.
		if r := dpupr.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(a, "id")), nil); r.Status != 404 {
			t.Errorf("DPUPR still sees the re-forwarded complaint: %d", r.Status)
		}
		a = act(t, rumkim, a, "agency_answer", map[string]any{"answer": "Perbaikan PSU dijadwalkan pekan depan."})
		if apitest.Str(a, "status") != "agency_answered" {
			t.Errorf("status %s", a["status"])
		}

		// A second caller reports the same road: merged as a duplicate.
		b := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op),
			"text": "Jalan di Griya Depok Asri berlubang, bahaya untuk motor.", "kelurahan_code": "32.76.07.1001",
			"citizen": map[string]any{"name": "Hasan", "phone": "081399990000", "address": "Blok D1/3"},
		}).Must(t, 201)
		b = act(t, op, b, "mark_duplicate", map[string]any{"duplicate_of": apitest.Str(a, "number")})
		if apitest.Str(b, "status") != "duplicate" || apitest.Num(b, "duplicate_of") != apitest.Num(a, "id") || b["open"] != false {
			t.Errorf("duplicate: %v", b)
		}
		// A third, marked as a duplicate of the duplicate, links to the original.
		c := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan Griya Depok Asri rusak.", "citizen": map[string]any{"phone": "081355554444"}}).Must(t, 201)
		c = act(t, op, c, "mark_duplicate", map[string]any{"duplicate_of": apitest.Num(b, "id")})
		if apitest.Num(c, "duplicate_of") != apitest.Num(a, "id") {
			t.Errorf("duplicate of a duplicate links to %v, want %v", c["duplicate_of"], a["id"])
		}
		dups := apitest.Items(op.Do("GET", fmt.Sprintf("/api/v1/complaints?duplicate_of=%d", apitest.Num(a, "id")), nil).Must(t, 200))
		if len(dups) != 2 {
			t.Errorf("original lists %d duplicates", len(dups))
		}
		if r := op.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/mark_duplicate", apitest.Num(a, "id")), map[string]any{"version": apitest.Num(a, "version"), "duplicate_of": apitest.Num(a, "id")}); r.Status != 409 {
			t.Errorf("agency-answered complaint marked duplicate: %d", r.Status)
		}
	})
}

// TestBadInputOverHTTP: each bad request gets a clear 4xx in the caller's
// language and changes nothing.
func TestBadInputOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Sampah menumpuk di TPS Cilodong.", "citizen": map[string]any{"phone": "081211112222"}}).Must(t, 201)
		path := fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id"))
		cases := []struct {
			name, method, path, ctype string
			body                      any
			status                    int
			code, field, en           string
		}{
			{"malformed JSON", "POST", "/api/v1/complaints", "application/json", `{"text": "x",`, 400, "invalid", "", "not valid JSON"},
			{"wrong content type", "POST", "/api/v1/complaints", "text/plain", `{"text":"x"}`, 415, "unsupported", "", "application/json"},
			{"unknown field", "POST", "/api/v1/complaints", "application/json", `{"text":"x","warna":"merah"}`, 400, "invalid", "warna", "Unknown field"},
			{"wrong type", "POST", "/api/v1/complaints", "application/json", `{"text":42}`, 400, "invalid", "text", "must be string"},
			{"two objects", "POST", "/api/v1/complaints", "application/json", `{"text":"x"}{"text":"y"}`, 400, "invalid", "", "exactly one"},
			{"empty body", "POST", "/api/v1/complaints", "application/json", ``, 400, "invalid", "", "empty"},
			{"oversize", "POST", "/api/v1/complaints", "application/json", `{"text":"` + strings.Repeat("a", 2<<20) + `"}`, 413, "too_large", "", "too large"},
			{"text too long", "POST", "/api/v1/complaints", "application/json", map[string]any{"text": strings.Repeat("é", 4001)}, 400, "invalid", "text", "at most 4000"},
			{"bad phone", "POST", "/api/v1/complaints", "application/json", map[string]any{"text": "x", "citizen": map[string]any{"phone": "0812-34"}}, 400, "invalid", "citizen.phone", "phone number"},
			{"unknown agency", "POST", path + "/actions/forward", "application/json", map[string]any{"version": 1, "agency_id": 999999}, 400, "invalid", "agency_id", "choose from the list"},
			{"illegal transition", "POST", path + "/actions/relay", "application/json", map[string]any{"version": 1}, 409, "transition", "", "cannot be taken while the complaint is \"Recorded\""},
			{"stale version", "POST", path + "/actions/forward", "application/json", map[string]any{"version": 7, "agency_id": agencyID(t, m, "DLHK")}, 409, "conflict", "", "Someone else changed this"},
			{"unknown action", "POST", path + "/actions/terbang", "application/json", map[string]any{"version": 1}, 404, "not_found", "", "Unknown step"},
			{"no version", "PATCH", path, "application/json", map[string]any{"priority": "tinggi"}, 400, "invalid", "version", "Required"},
			{"bad status filter", "GET", "/api/v1/complaints?status=terbang", "", nil, 400, "invalid", "status", "not valid"},
			{"unknown complaint", "GET", "/api/v1/complaints/99999999", "", nil, 404, "not_found", "", "Complaint not found"},
			{"unknown route", "GET", "/api/v1/nothing", "", nil, 404, "not_found", "", "No such address"},
		}
		before := apitest.Items(op.Do("GET", "/api/v1/complaints", nil).Must(t, 200))
		en := *op
		en.Lang = "en-US,en;q=0.9"
		for _, tc := range cases {
			req := newRequest(t, tc.method, "http://"+m.Addr()+tc.path, tc.body, tc.ctype)
			res := en.Send(req)
			if res.Status != tc.status || res.ErrorCode() != tc.code {
				t.Errorf("%s: %d %s, want %d %s: %s", tc.name, res.Status, res.ErrorCode(), tc.status, tc.code, trim(res.Raw))
				continue
			}
			msg := res.ErrorMessage()
			for _, fm := range res.FieldErrors() {
				msg += " " + fm
			}
			if !strings.Contains(msg, tc.en) {
				t.Errorf("%s: English message %q lacks %q", tc.name, msg, tc.en)
			}
			if tc.field != "" {
				if _, ok := res.FieldErrors()[tc.field]; !ok {
					t.Errorf("%s: no error for field %s: %v", tc.name, tc.field, res.FieldErrors())
				}
			}
		}
		// Indonesian by default.
		r := op.Do("POST", path+"/actions/relay", map[string]any{"version": 1})
		if !strings.Contains(r.ErrorMessage(), "tidak dapat dilakukan") || !strings.Contains(r.ErrorMessage(), "Tercatat") {
			t.Errorf("Indonesian message: %q", r.ErrorMessage())
		}
		after := apitest.Items(op.Do("GET", "/api/v1/complaints", nil).Must(t, 200))
		if len(after) != len(before) || apitest.Num(after[0], "version") != apitest.Num(before[0], "version") || apitest.Str(after[0], "status") != "recorded" {
			t.Errorf("bad input changed data: %v → %v", before, after)
		}
	})
}

// TestDemoServesSeededData: --demo fills a new install with users for every
// role and complaints in many states, visible through the API.
func TestDemoServesSeededData(t *testing.T) {
	t.Parallel()
	m, _ := start(t, store.SQLite, true)
	c := apitest.New(t, "http://"+m.Addr())
	c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "koordinator", "password": "aduan-demo-2026"}).Must(t, 200)
	statuses := map[string]int{}
	cursor := ""
	total := 0
	for {
		page := c.Do("GET", "/api/v1/complaints?limit=500"+cursor, nil).Must(t, 200)
		for _, x := range apitest.Items(page) {
			statuses[apitest.Str(x, "status")]++
			total++
		}
		next := apitest.Str(page, "next_cursor")
		if next == "" {
			break
		}
		cursor = "&cursor=" + next
	}
	if total < 200 {
		t.Errorf("demo has %d complaints", total)
	}
	for _, st := range []string{"recorded", "awaiting_identity", "forwarded", "acknowledged", "agency_answered", "answer_received", "relayed", "closed", "duplicate", "rejected", "answered"} {
		if statuses[st] == 0 {
			t.Errorf("no demo complaint is %s (%v)", st, statuses)
		}
	}
	agencies := apitest.Items(c.Do("GET", "/api/v1/agencies", nil).Must(t, 200))
	if len(agencies) < 40 {
		t.Errorf("%d agencies", len(agencies))
	}
	for _, u := range []string{"operator", "pd.dpupr", "kasi", "admin", "ppid", "pimpinan.dpupr", "ppid.dpupr"} {
		x := apitest.New(t, "http://"+m.Addr())
		x.Do("POST", "/api/v1/auth/login", map[string]any{"username": u, "password": "aduan-demo-2026"}).Must(t, 200)
	}
}

func TestHelpAndConfigPrecedence(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, &out, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"serve", "migrate", "user add", "token add", "backup", "ADUAN_ADDR", "ADUAN_DATA_DIR", "ADUAN_DATABASE_URL", "ADUAN_DEMO_PASSWORD", "--demo"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	env := map[string]string{"ADUAN_ADDR": "127.0.0.1:9999", "ADUAN_DATA_DIR": "/tmp/x", "ADUAN_SESSION_TTL": "1h"}
	cfg, fs, err := parseConfig("serve", nil, func(k string) string { return env[k] }, &out)
	if err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse([]string{"--addr", "127.0.0.1:7777", "--demo"}); err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:7777" || cfg.DataDir != "/tmp/x" || cfg.SessionTTL != time.Hour || !cfg.Demo {
		t.Errorf("config %+v", cfg)
	}
	if _, _, err := parseConfig("serve", nil, func(k string) string { return map[string]string{"ADUAN_SESSION_TTL": "soon"}[k] }, &out); err == nil || !strings.Contains(err.Error(), "ADUAN_SESSION_TTL") {
		t.Errorf("bad env value: %v", err)
	}
}

// TestServeShutsDownGracefully runs `aduan serve` until its context ends,
// as SIGTERM ends it, and checks it prints the first admin's password.
func TestServeShutsDownGracefully(t *testing.T) {
	t.Parallel()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out safeBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--data", t.TempDir(), "--access-log=false", "--log-level", "error"}, func(string) string { return "" }, &out, &out)
	}()
	c := apitest.New(t, "http://"+addr)
	for i := 0; ; i++ {
		if strings.Contains(out.String(), "http://"+addr) {
			break
		}
		if i > 200 {
			t.Fatalf("not serving: %s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.Do("GET", "/healthz", nil).Must(t, 200)
	if !strings.Contains(out.String(), "Kata sandi sekali pakai") {
		t.Errorf("first start printed no admin password: %s", out.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("did not shut down")
	}
}

type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *safeBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func trim(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// TestReadmeListsEverySetting keeps the README's configuration table true.
func TestReadmeListsEverySetting(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings() {
		if !strings.Contains(string(b), "`"+s.env+"`") || !strings.Contains(string(b), "`--"+s.flag+"`") {
			t.Errorf("README does not document --%s / %s", s.flag, s.env)
		}
	}
}
