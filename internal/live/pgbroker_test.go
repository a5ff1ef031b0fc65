package live_test

import (
	"database/sql"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/live"
)

// collector drains a subscriber, as a browser's event stream does, and
// keeps what arrived.
type collector struct {
	mu  sync.Mutex
	got []live.Event
}

func collect(t *testing.T, h *live.Hub) *collector {
	c := &collector{}
	s := h.Subscribe(nil)
	done := make(chan struct{})
	t.Cleanup(func() { close(done); h.Unsubscribe(s) })
	go func() {
		for {
			select {
			case <-done:
				return
			case e := <-s.C:
				c.mu.Lock()
				c.got = append(c.got, e)
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *collector) events() []live.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]live.Event(nil), c.got...)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func hub(t *testing.T, url string) (*live.Hub, *live.PG) {
	t.Helper()
	b := live.NewPG(url, nil)
	h, err := live.NewHub(b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h, b
}

// Two instances on one database: what one publishes reaches the other's
// users, in order, once; and its own users once too (delivered locally,
// not a second time when its own notification comes back).
func TestPGBrokerAcrossInstances(t *testing.T) {
	url := dbtest.PostgresURL(t)
	a, _ := hub(t, url)
	b, _ := hub(t, url)
	onA, onB := collect(t, a), collect(t, b)
	const n = 500
	// In groups smaller than a subscriber's buffer: a hub drops events for
	// a subscriber that falls behind (by design), and this test is about
	// the broker, not the buffer.
	for i := 1; i <= n; i++ {
		a.Publish(live.Event{Kind: "complaint", ComplaintID: int64(i), Number: "PGD-2026-000001", Status: "recorded"})
		if i%25 == 0 {
			waitFor(t, "a group of events", func() bool { return len(onA.events()) == i && len(onB.events()) == i })
		}
	}
	b.Publish(live.Event{Kind: "call", Phone: "+6281311112222", CallID: "from-b"})
	waitFor(t, "every event on both instances", func() bool { return len(onA.events()) == n+1 && len(onB.events()) == n+1 })
	time.Sleep(300 * time.Millisecond) // a doubled notification would arrive now
	for name, c := range map[string]*collector{"A": onA, "B": onB} {
		got := c.events()
		if len(got) != n+1 {
			t.Fatalf("%s received %d events, want %d", name, len(got), n+1)
		}
		next := int64(1)
		calls := 0
		for _, e := range got {
			switch e.Kind {
			case "complaint":
				if e.ComplaintID != next {
					t.Fatalf("%s: complaint %d arrived where %d was due", name, e.ComplaintID, next)
				}
				next++
			case "call":
				calls++
				if e.Phone != "+6281311112222" || e.CallID != "from-b" {
					t.Errorf("%s: call event %+v", name, e)
				}
			}
		}
		if calls != 1 {
			t.Errorf("%s: %d call events, want 1", name, calls)
		}
	}
}

// The database drops both of an instance's broker connections (a restart,
// a failover, an administrator's pg_terminate_backend): the broker
// reconnects by itself and events flow again.
func TestPGBrokerReconnects(t *testing.T) {
	url := dbtest.PostgresURL(t)
	a, ba := hub(t, url)
	b, bb := hub(t, url)
	onB := collect(t, b)
	a.Publish(live.Event{Kind: "complaint", ComplaintID: 1})
	waitFor(t, "the first event", func() bool { return len(onB.events()) == 1 })

	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var killed int
	if err := db.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name LIKE 'aduan-live-%'`).Scan(&killed); err != nil {
		t.Fatal(err)
	}
	if killed < 3 { // two listeners, at least the one publisher that has sent
		t.Fatalf("terminated %d broker connections, want at least 3", killed)
	}
	waitFor(t, "the listeners to notice", func() bool { return !ba.Listening() || !bb.Listening() })
	// Events published while the broker reconnects may reach only the
	// publishing instance; keep publishing until one gets across.
	id := int64(2)
	waitFor(t, "an event after the reconnection", func() bool {
		a.Publish(live.Event{Kind: "complaint", ComplaintID: id})
		id++
		time.Sleep(50 * time.Millisecond)
		got := onB.events()
		return len(got) > 1 && got[len(got)-1].ComplaintID > 1
	})
	if !ba.Listening() || !bb.Listening() {
		t.Error("a listener is not back")
	}
	// And the other direction.
	onA := collect(t, a)
	b.Publish(live.Event{Kind: "complaint", ComplaintID: 9999})
	waitFor(t, "B's event on A", func() bool {
		for _, e := range onA.events() {
			if e.ComplaintID == 9999 {
				return true
			}
		}
		return false
	})
}

// An event too large for a notification does not stop the ones after it.
func TestPGBrokerOversizeEvent(t *testing.T) {
	url := dbtest.PostgresURL(t)
	a, _ := hub(t, url)
	b, _ := hub(t, url)
	onB := collect(t, b)
	a.Publish(live.Event{Kind: "call", Phone: strings.Repeat("9", 9000)})
	a.Publish(live.Event{Kind: "complaint", ComplaintID: 7})
	waitFor(t, "the event after the oversize one", func() bool { return len(onB.events()) == 1 })
	if got := onB.events()[0]; got.ComplaintID != 7 {
		t.Errorf("got %+v", got)
	}
}

// Packing: every payload is under PostgreSQL's limit and together they
// carry every event in order.
func TestPack(t *testing.T) {
	var in []live.Event
	for i := 1; i <= 2000; i++ {
		in = append(in, live.Event{Kind: "complaint", ComplaintID: int64(i), Number: "PGD-2026-123456", Status: "forwarded", Action: "forward", AgencyID: 12, ActorID: 3})
	}
	in = append(in, live.Event{Kind: "call", Phone: strings.Repeat("x", live.MaxPayload)})
	payloads, skipped := live.Pack("0123456789abcdef", in)
	if skipped != 1 {
		t.Errorf("skipped %d, want 1", skipped)
	}
	if len(payloads) < 2 {
		t.Fatalf("%d payloads for 2000 events", len(payloads))
	}
	next := int64(1)
	for _, p := range payloads {
		if len(p) > live.MaxPayload {
			t.Fatalf("payload of %d bytes", len(p))
		}
		var m struct {
			O string       `json:"o"`
			E []live.Event `json:"e"`
		}
		if err := json.Unmarshal([]byte(p), &m); err != nil {
			t.Fatal(err)
		}
		for _, e := range m.E {
			if e.ComplaintID != next {
				t.Fatalf("event %d where %d was due", e.ComplaintID, next)
			}
			next++
		}
	}
	if next != 2001 {
		t.Errorf("%d events came through, want 2000", next-1)
	}
}
