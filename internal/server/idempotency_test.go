package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// keyedAnswer is one answer to a request sent with an Idempotency-Key.
type keyedAnswer struct {
	status   int
	replayed string
	location string
	raw      []byte
	body     map[string]any
}

// keyedPost sends a POST with Idempotency-Key values (none when keys is
// empty) as the holder of token. It returns an error rather than failing,
// so that goroutines can use it.
func keyedPost(base, token, lang, path string, body any, keys ...string) (*keyedAnswer, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	for _, k := range keys {
		req.Header.Add("Idempotency-Key", k)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	a := &keyedAnswer{status: res.StatusCode, replayed: res.Header.Get("Idempotent-Replayed"), location: res.Header.Get("Location")}
	a.raw, _ = io.ReadAll(res.Body)
	json.Unmarshal(a.raw, &a.body)
	return a, nil
}

func (e *env) keyed(t *testing.T, role aduan.Role, path string, body any, keys ...string) *keyedAnswer {
	t.Helper()
	a, err := keyedPost(e.url, e.tokens[role], "", path, body, keys...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// written counts what a complaint creation or step writes: complaints,
// events, audit rows and jobs.
func (e *env) written(t *testing.T) [4]int {
	t.Helper()
	var out [4]int
	for i, table := range []string{"complaints", "complaint_events", "audit_log", "river_job"} {
		if err := e.st.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&out[i]); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func errorOf(a *keyedAnswer) (code, msg string) {
	er, _ := a.body["error"].(map[string]any)
	code, _ = er["code"].(string)
	msg, _ = er["message"].(string)
	return code, msg
}

// TestIdempotencyKey proves, over HTTP on both databases, what a client
// that retries a POST with an Idempotency-Key gets:
//   - the retry of a complaint's creation answers 201 with the very bytes
//     of the first answer (same ID and number, Location) and
//     Idempotent-Replayed: true, and writes nothing: no complaint, event,
//     audit row or job more;
//   - the key with another body is a 422 in the caller's language, and
//     nothing changes;
//   - keys are per user: another user's same key makes their own complaint;
//   - eight requests sent at once with one key make one complaint, and all
//     eight get its 201 (seven of them replayed): the later ones wait for
//     the first rather than failing;
//   - a malformed key is a 400 naming the header, and nothing is written;
//   - a workflow step retried with its key is answered as the first time
//     (same event) without a second step or a "stale" error; the key sent
//     to another complaint's step is a 422;
//   - a day later the key is free: the same request makes a new complaint.
func TestIdempotencyKey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		// The store's clock, shifted by the test to expire keys.
		var shift atomic.Int64
		e.st.Now = func() time.Time { return time.Now().Add(time.Duration(shift.Load())) }
		// Jobs as in the service: SLA timers and messages enqueued in the
		// change's transaction, so that a doubled change would show in them.
		e.st.SetTransitionHooks(e.msg.Queue.OnTransition)

		body := map[string]any{"text": "Lampu PJU mati di Jl. Nusantara sejak seminggu.", "kelurahan_code": "32.76.01.1007", "channel": "telepon",
			"citizen": map[string]any{"name": "Warga Uji", "phone": "081234560001", "address": "Jl. Nusantara 1"}}
		before := e.written(t)
		first := e.keyed(t, OP, "/api/v1/complaints", body, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")
		if first.status != 201 || first.replayed != "" {
			t.Fatalf("first request: %d (replayed %q) %s", first.status, first.replayed, first.raw)
		}
		id, number := apitest.Num(first.body, "id"), apitest.Str(first.body, "number")
		if first.location != fmt.Sprintf("/api/v1/complaints/%d", id) {
			t.Errorf("first answer's Location %q", first.location)
		}
		once := e.written(t)
		if once[0] != before[0]+1 || once[1] != before[1]+1 || once[3] <= before[3] || once[2] <= before[2] {
			t.Fatalf("rows (complaints, events, audit, jobs) %v after one complaint, were %v", once, before)
		}

		// The retry, also with the key in the draft's quoted form.
		for _, key := range []string{"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d", `"9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"`} {
			again := e.keyed(t, OP, "/api/v1/complaints", body, key)
			if again.status != 201 || again.replayed != "true" || !bytes.Equal(again.raw, first.raw) || again.location != first.location {
				t.Errorf("retry with %s: %d replayed %q Location %q\n%s\nfirst:\n%s", key, again.status, again.replayed, again.location, again.raw, first.raw)
			}
		}
		if now := e.written(t); now != once {
			t.Errorf("rows (complaints, events, audit, jobs) %v after the retries, were %v", now, once)
		}
		var n int
		if err := e.st.DB().QueryRow(`SELECT COUNT(*) FROM complaints WHERE text = $1`, body["text"]).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d complaints with the text (%v)", n, err)
		}
		if got := e.as(OP).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil).Must(t, 200); apitest.Str(got, "number") != number {
			t.Errorf("complaint %d is %s, the answer said %s", id, apitest.Str(got, "number"), number)
		}

		// The key with another body.
		other := map[string]any{"text": "Jalan berlubang di Jl. Margonda.", "channel": "telepon"}
		for lang, want := range map[string]string{"id": "sudah dipakai untuk permintaan lain", "en": "already used for a different request"} {
			a, err := keyedPost(e.url, e.tokens[OP], lang, "/api/v1/complaints", other, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")
			if err != nil {
				t.Fatal(err)
			}
			if code, msg := errorOf(a); a.status != 422 || code != aduan.EUNPROCESSABLE || !strings.Contains(msg, want) || a.replayed != "" {
				t.Errorf("the key with another body (%s): %d %s", lang, a.status, a.raw)
			}
		}
		if now := e.written(t); now != once {
			t.Errorf("rows %v after the refused reuse, were %v", now, once)
		}

		// Another user, the same key: their own complaint.
		theirs := e.keyed(t, KO, "/api/v1/complaints", body, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")
		if theirs.status != 201 || theirs.replayed != "" || apitest.Num(theirs.body, "id") == id {
			t.Errorf("another user with the same key: %d replayed %q id %d (the first was %d)", theirs.status, theirs.replayed, apitest.Num(theirs.body, "id"), id)
		}
		// A role that may not record complaints learns nothing from a key.
		if a := e.keyed(t, PD, "/api/v1/complaints", body, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d"); a.status != 403 {
			t.Errorf("agency operator with the key: %d %s", a.status, a.raw)
		}

		// Eight at once with one key.
		before = e.written(t)
		burst := map[string]any{"text": "Sampah menumpuk di Pasar Kemiri Muka.", "channel": "telepon"}
		answers := make([]*keyedAnswer, 8)
		var wg sync.WaitGroup
		for i := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, err := keyedPost(e.url, e.tokens[OP], "", "/api/v1/complaints", burst, "serentak-1")
				if err != nil {
					t.Error(err)
					return
				}
				answers[i] = a
			}()
		}
		wg.Wait()
		fresh := 0
		for i, a := range answers {
			if a == nil {
				continue
			}
			if a.status != 201 || !bytes.Equal(a.raw, answers[0].raw) {
				t.Errorf("request %d of the burst: %d %s", i, a.status, a.raw)
			}
			if a.replayed == "" {
				fresh++
			}
		}
		after := e.written(t)
		if fresh != 1 || after[0] != before[0]+1 || after[1] != before[1]+1 {
			t.Errorf("eight requests with one key: %d answered as new; rows (complaints, events, audit, jobs) %v, were %v", fresh, after, before)
		}

		// Malformed keys.
		before = e.written(t)
		for name, keys := range map[string][]string{"empty": {""}, "256 characters": {strings.Repeat("k", 256)},
			"not ASCII": {"kunci-pengaduan-é"}, "a tab": {"kunci\tpengaduan"}, "two headers": {"satu", "dua"}, "empty quotes": {`""`}} {
			a, err := keyedPost(e.url, e.tokens[OP], "en", "/api/v1/complaints", map[string]any{"text": "Kunci " + name, "channel": "telepon"}, keys...)
			if err != nil {
				t.Fatal(err)
			}
			if code, msg := errorOf(a); a.status != 400 || code != aduan.EINVALID || !strings.Contains(msg, "Idempotency-Key") {
				t.Errorf("key %s: %d %s", name, a.status, a.raw)
			}
		}
		if a := e.keyed(t, OP, "/api/v1/complaints", map[string]any{"text": "Kunci terpanjang", "channel": "telepon"}, strings.Repeat("k", 255)); a.status != 201 {
			t.Errorf("a key of 255 characters: %d %s", a.status, a.raw)
		}
		if now := e.written(t); now[0] != before[0]+1 {
			t.Errorf("%d complaints after the malformed keys and one good one, were %d", now[0], before[0])
		}

		// A workflow step with a key.
		path := fmt.Sprintf("/api/v1/complaints/%d/actions/forward", id)
		step := map[string]any{"version": apitest.Num(first.body, "version"), "agency_id": e.dpupr.ID, "category_id": e.categoryID(t, "JALAN_RUSAK")}
		s1 := e.keyed(t, OP, path, step, "teruskan-1")
		if s1.status != 200 || s1.replayed != "" {
			t.Fatalf("forward: %d %s", s1.status, s1.raw)
		}
		before = e.written(t)
		s2 := e.keyed(t, OP, path, step, "teruskan-1")
		if s2.status != 200 || s2.replayed != "true" || !bytes.Equal(s2.raw, s1.raw) {
			t.Errorf("the step retried with its key: %d replayed %q\n%s\nfirst:\n%s", s2.status, s2.replayed, s2.raw, s1.raw)
		}
		// Without the key the same retry is refused as stale: the key is
		// what makes it safe.
		if a := e.keyed(t, OP, path, step); a.status != 409 {
			t.Errorf("the step retried without a key: %d %s", a.status, a.raw)
		}
		otherPath := fmt.Sprintf("/api/v1/complaints/%d/actions/forward", apitest.Num(theirs.body, "id"))
		if a := e.keyed(t, OP, otherPath, map[string]any{"version": apitest.Num(theirs.body, "version"), "agency_id": e.dpupr.ID}, "teruskan-1"); a.status != 422 {
			t.Errorf("the step's key on another complaint: %d %s", a.status, a.raw)
		}
		if now := e.written(t); now != before {
			t.Errorf("rows (complaints, events, audit, jobs) %v after the step's retries, were %v", now, before)
		}
		// The step sent four times at once with one key: one step, four
		// times its answer (the later ones meet the version the first moved,
		// and answer with its result rather than "stale").
		steps := make([]*keyedAnswer, 4)
		category := e.categoryID(t, "JALAN_RUSAK")
		for i := range steps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, err := keyedPost(e.url, e.tokens[OP], "", otherPath, map[string]any{"version": apitest.Num(theirs.body, "version"), "agency_id": e.dpupr.ID, "category_id": category}, "teruskan-2")
				if err != nil {
					t.Error(err)
					return
				}
				steps[i] = a
			}()
		}
		wg.Wait()
		fresh = 0
		for i, a := range steps {
			if a == nil {
				continue
			}
			if a.status != 200 || !bytes.Equal(a.raw, steps[0].raw) {
				t.Errorf("step %d of the burst: %d %s", i, a.status, a.raw)
			}
			if a.replayed == "" {
				fresh++
			}
		}
		if now := e.written(t); fresh != 1 || now[1] != before[1]+1 {
			t.Errorf("four steps with one key: %d answered as new; rows (complaints, events, audit, jobs) %v, were %v", fresh, now, before)
		}

		// A day later the key is free again.
		shift.Store(int64(store.IdempotencyTTL + time.Hour))
		later := e.keyed(t, OP, "/api/v1/complaints", body, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")
		if later.status != 201 || later.replayed != "" || apitest.Num(later.body, "id") == id {
			t.Errorf("the key a day later: %d replayed %q id %d (the first was %d)", later.status, later.replayed, apitest.Num(later.body, "id"), id)
		}
	})
}

// TestIdempotencyKeyInTheOpenAPIDocument: the operations that honour the
// header (complaint creation, workflow steps, Open311 POSTs) say so, with
// the replay header and the 422.
func TestIdempotencyKeyInTheOpenAPIDocument(t *testing.T) {
	e := newEnv(t, store.SQLite)
	doc := e.c.Do("GET", "/api/v1/openapi.json", nil).Must(t, 200)
	paths := apitest.Obj(doc, "paths")
	for _, p := range []string{"/api/v1/complaints", "/api/v1/complaints/{id}/actions/{action}", "/open311/v2/{file}"} {
		op := apitest.Obj(apitest.Obj(paths, p), "post")
		found := false
		params, _ := op["parameters"].([]any)
		for _, x := range params {
			if m, _ := x.(map[string]any); m["name"] == "Idempotency-Key" && m["in"] == "header" {
				found = true
			}
		}
		resps := apitest.Obj(op, "responses")
		var ok map[string]any
		for code, r := range resps {
			if strings.HasPrefix(code, "2") {
				ok, _ = r.(map[string]any)
			}
		}
		if !found || apitest.Obj(apitest.Obj(ok, "headers"), "Idempotent-Replayed") == nil || resps["422"] == nil {
			t.Errorf("POST %s: Idempotency-Key parameter %v, replay header or 422 missing: %v", p, found, op)
		}
	}
	// Only those.
	if params, _ := apitest.Obj(apitest.Obj(paths, "/api/v1/complaints"), "get")["parameters"].([]any); strings.Contains(fmt.Sprint(params), "Idempotency-Key") {
		t.Error("GET /api/v1/complaints documents an Idempotency-Key")
	}
}
