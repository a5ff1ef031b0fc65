package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/store"
)

// roundRobin is the load balancer of the multi-instance test: each request
// goes to the next instance; an instance that fails to answer is taken out
// of the rotation (a passive health check, as nginx's max_fails does), and
// the request that found it dead gets a 502. The proxy never retries a
// request (a POST may have been done); the load clients do, with the
// request's Idempotency-Key, which makes it safe.
type roundRobin struct {
	backends []*httputil.ReverseProxy
	down     []atomic.Bool
	next     atomic.Int64
}

func newRoundRobin(addrs []string) *roundRobin {
	rr := &roundRobin{down: make([]atomic.Bool, len(addrs))}
	for i, a := range addrs {
		u, _ := url.Parse("http://" + a)
		p := httputil.NewSingleHostReverseProxy(u)
		p.FlushInterval = -1 // SSE
		p.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) {
			rr.down[i].Store(true)
			w.WriteHeader(http.StatusBadGateway)
		}
		rr.backends = append(rr.backends, p)
	}
	return rr
}

func (rr *roundRobin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for range rr.backends {
		i := int(rr.next.Add(1)) % len(rr.backends)
		if !rr.down[i].Load() {
			rr.backends[i].ServeHTTP(w, r)
			return
		}
	}
	w.WriteHeader(http.StatusBadGateway)
}

// sse reads a console's event stream and keeps the complaint events.
type sse struct {
	mu     sync.Mutex
	events []live.Event
}

func openEvents(t *testing.T, base, cookie string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/events", nil)
	req.Header.Set("Cookie", cookie)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	s := &sse{}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var e live.Event
			if json.Unmarshal([]byte(data), &e) == nil {
				s.mu.Lock()
				s.events = append(s.events, e)
				s.mu.Unlock()
			}
		}
	}()
	return s
}

func (s *sse) has(id int64, action string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.events {
		if e.Kind == "complaint" && e.ComplaintID == id && e.Action == action {
			return true
		}
	}
	return false
}

// jsonReq sends a JSON request with a cookie or a bearer token, and a
// request ID when rid is set.
func jsonReq(t *testing.T, method, u, cookie, token, rid string, body any) (int, map[string]any, *http.Response) {
	t.Helper()
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, _ := http.NewRequest(method, u, rd)
	req.Header.Set("Content-Type", "application/json")
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rid != "" {
		req.Header.Set("X-Request-ID", rid)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out, res
}

// TestManyInstances runs three `aduan serve` processes on one PostgreSQL
// database behind a round-robin reverse proxy, and proves what running
// several instances needs:
//   - a log-in made on one instance is good on the others, and a log-out
//     on one ends it on all (sessions are rows, not process memory);
//   - a console's live stream on one instance hears of a complaint made and
//     changed through the others (LISTEN/NOTIFY);
//   - under intake load through the proxy, every SMS goes out once, the
//     sends are shared between the instances, and none runs twice;
//   - killing an instance in the middle of that load loses no complaint
//     the proxy acknowledged, and the jobs it held are finished by the
//     others;
//   - a request that got the proxy's 502 (the instance died under it, done
//     or not) and was sent again with its Idempotency-Key to another
//     instance is done once: the database holds exactly the acknowledged
//     complaints, one per text.
func TestManyInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: three service processes and River's rescuer")
	}
	start := time.Now()
	g := newFakeGateway(t)
	st, token, dbEnv := loadDB(t, store.Postgres, t.TempDir())
	addrs := []string{freeAddr(t), freeAddr(t), freeAddr(t)}
	var procs []*service
	for _, a := range addrs {
		procs = append(procs, serve(t, serviceEnv(a, g, dbEnv), a))
	}
	base := func(i int) string { return "http://" + addrs[i] }
	proxy := httptest.NewServer(newRoundRobin(addrs))
	defer proxy.Close()

	// Sessions: log in on instance 0, use the cookie on 1 and 2.
	status, _, res := jsonReq(t, "POST", base(0)+"/api/v1/auth/login", "", "", "", map[string]any{"username": "siti", "password": "kata-sandi-uji-123"})
	if status != 200 {
		t.Fatalf("log-in: %d", status)
	}
	var cookie string
	for _, c := range res.Cookies() {
		if c.Value != "" {
			cookie = c.Name + "=" + c.Value
		}
	}
	for i := range addrs {
		if status, me, _ := jsonReq(t, "GET", base(i)+"/api/v1/me", cookie, "", "", nil); status != 200 || me["username"] != "siti" {
			t.Errorf("instance %d with instance 0's session: %d %v", i, status, me)
		}
	}

	// Live updates: a console on instance 0 hears of a complaint made on
	// instance 1 and changed on instance 2.
	events := openEvents(t, base(0), cookie)
	status, c, _ := jsonReq(t, "POST", base(1)+"/api/v1/complaints", "", token, "banyak-awal",
		map[string]any{"text": "Pohon tumbang menutup jalan di depan sekolah.", "channel": "telepon", "citizen": map[string]any{"phone": "081399990000"}})
	if status != 201 {
		t.Fatalf("complaint on instance 1: %d %v", status, c)
	}
	id := apiNum(c, "id")
	waitUntil(t, "instance 0's console to hear of the complaint made on instance 1", 10*time.Second, func() bool { return events.has(id, "create") })
	status, _, _ = jsonReq(t, "POST", fmt.Sprintf("%s/api/v1/complaints/%d/actions/request_identity", base(2), id), "", token, "banyak-awal-identitas", map[string]any{"version": apiNum(c, "version")})
	if status != 200 {
		t.Fatalf("identity request on instance 2: %d", status)
	}
	waitUntil(t, "instance 0's console to hear of the step taken on instance 2", 10*time.Second, func() bool { return events.has(id, "request_identity") })

	// Intake load through the proxy; instance 2 is killed in the middle.
	in := newIntake()
	// The complaint above is part of what must be whole at the end.
	in.created[id], in.reqOf[id], in.asked[id] = c["number"].(string), "banyak-awal", "banyak-awal-identitas"
	stop := make(chan struct{})
	clients := in.run(token, 8, func() string { return proxy.URL }, stop, "banyak")
	waitUntil(t, "intake under way", 30*time.Second, func() bool { return in.acks.Load() >= 300 && g.total() >= 20 })
	procs[2].kill()
	killedAt := time.Now()
	atKill := in.acks.Load()
	waitUntil(t, "intake to go on without instance 2", 30*time.Second, func() bool { return in.acks.Load() >= atKill+200 })
	close(stop)
	clients.Wait()
	// Requests whose outcome the kill left unknown were sent again through
	// the proxy with their keys; any still unanswered are sent now.
	in.retryPending(t, token, func() string { return proxy.URL })

	// The jobs the dead instance held wait for River's rescuer on the
	// leader, which looks every 30 seconds.
	waitSettled(t, st.DB(), 50*time.Second)
	settled := time.Since(killedAt)
	time.Sleep(time.Second) // a second copy of an SMS would arrive now
	review := checkIntake(t, store.Postgres, st.DB(), in, g)
	// The only refusals are the proxy's 502s for the requests that found
	// instance 2 dead.
	for code := range in.refused {
		if code != http.StatusBadGateway {
			t.Errorf("requests refused (by status: %v); the last: %s", in.refused, in.lastRefusal)
			break
		}
	}

	// The sends were shared: the last attempt of the send jobs was made by
	// more than one instance's River client.
	var workers int
	if err := st.DB().QueryRow(`SELECT COUNT(DISTINCT attempted_by[array_length(attempted_by, 1)]) FROM river_job
		WHERE kind = 'aduan_send_message' AND state = 'completed'`).Scan(&workers); err != nil {
		t.Fatal(err)
	}
	if workers < 2 {
		t.Errorf("the sends were done by %d instances", workers)
	}
	// A log-out on one instance ends the session on all.
	if status, _, _ := jsonReq(t, "POST", base(1)+"/api/v1/auth/logout", cookie, "", "", nil); status/100 != 2 {
		t.Errorf("log-out on instance 1: %d", status)
	}
	if status, _, _ := jsonReq(t, "GET", base(0)+"/api/v1/me", cookie, "", "", nil); status != 401 {
		t.Errorf("instance 0 after the log-out on instance 1: %d", status)
	}
	t.Logf("%d complaints and %d identity requests acknowledged through the proxy (%d given a 502, %d unanswered, %d sent again with their key, %d answers replayed); %d SMS sent by %d instances, %d under review; all sent %s after the kill; %s in all",
		len(in.created), len(in.asked), in.refused[http.StatusBadGateway], in.noAnswer, in.retried, in.replayed, g.total(), workers, review, settled.Round(100*time.Millisecond), time.Since(start).Round(100*time.Millisecond))
}
