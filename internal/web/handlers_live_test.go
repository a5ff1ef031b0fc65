package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/reqctx"
)

// fakeCalls is Calls with a function per method; a nil one is a method
// the case must not reach (nil logContact: nothing is logged).
type fakeCalls struct {
	t          *testing.T
	byUsername func(name string) (*aduan.User, error)
	logContact func(actor aduan.Actor, c *aduan.Contact) error
}

func (f *fakeCalls) UserByUsername(_ context.Context, name string) (*aduan.User, error) {
	if f.byUsername == nil {
		f.t.Fatalf("the handler called UserByUsername, which this case must not reach")
	}
	return f.byUsername(name)
}

func (f *fakeCalls) LogContact(_ context.Context, actor aduan.Actor, c *aduan.Contact) error {
	if f.logContact == nil {
		f.t.Fatalf("the handler called LogContact, which this case must not reach")
	}
	return f.logContact(actor, c)
}

// TestCallHandler checks the PBX's incoming-call pop (POST /api/v1/calls)
// served as the server serves the API (api.Handle, its JSON errors), with
// a real hub: the pop reaches the named operator's console only, every
// call is in the contact log, and a refused or bad call logs nothing.
func TestCallHandler(t *testing.T) {
	siti := &aduan.User{ID: 9, Username: "siti", Role: aduan.RoleOperatorCC, Active: true}
	found := func(name string) (*aduan.User, error) {
		if name == "siti" {
			return siti, nil
		}
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	cases := []struct {
		name, body string
		role       aduan.Role
		fake       func(f *fakeCalls, logged *[]*aduan.Contact)
		status     int
		want       []string
		notWant    []string
		// pop is the phone of the call siti's console is shown; empty:
		// none is.
		pop string
	}{
		{name: "a call for siti pops on her console and is logged as answered by her",
			body: `{"phone":"0813 5555 0001","operator":"siti","call_id":"pbx-1"}`, role: aduan.RoleOperatorCC,
			fake: func(f *fakeCalls, logged *[]*aduan.Contact) {
				f.byUsername = found
				f.logContact = func(_ aduan.Actor, c *aduan.Contact) error {
					if c.Kind != aduan.ContactAnswered || c.OperatorID != 9 || c.CallID != "pbx-1" || !c.StartedAt.Equal(pageNow) {
						t.Errorf("contact logged: %+v", c)
					}
					c.ID = 41
					*logged = append(*logged, c)
					return nil
				}
			},
			status: 202, want: []string{`"call_id":"pbx-1"`, `"contact_id":41`, `"phone":"+6281355550001"`}, pop: "+6281355550001"},
		{name: "a missed call is logged for the call-back list and pops nowhere",
			body: `{"phone":"021-7720 0123","missed":true,"call_id":"pbx-2"}`, role: aduan.RoleOperatorCC,
			fake: func(f *fakeCalls, logged *[]*aduan.Contact) {
				f.logContact = func(_ aduan.Actor, c *aduan.Contact) error {
					if c.Kind != aduan.ContactMissed || c.OperatorID != 0 {
						t.Errorf("contact logged: %+v", c)
					}
					*logged = append(*logged, c)
					return nil
				}
			},
			status: 202, want: []string{`"call_id":"pbx-2"`}},
		{name: "an unknown operator is refused on its field, nothing logged",
			body: `{"phone":"0813 5555 0001","operator":"budi"}`, role: aduan.RoleOperatorCC,
			fake:   func(f *fakeCalls, _ *[]*aduan.Contact) { f.byUsername = found },
			status: 400, want: []string{`"field":"operator"`, "Tidak ditemukan"}},
		{name: "an operator outside the call center is refused likewise",
			body: `{"phone":"0813 5555 0001","operator":"dinas"}`, role: aduan.RoleOperatorCC,
			fake: func(f *fakeCalls, _ *[]*aduan.Contact) {
				f.byUsername = func(string) (*aduan.User, error) {
					return &aduan.User{ID: 12, Username: "dinas", Role: aduan.RoleOperatorPD, AgencyID: 2}, nil
				}
			},
			status: 400, want: []string{`"field":"operator"`}},
		{name: "a call without a phone asks for it, nothing looked up or logged",
			body: `{"operator":"siti"}`, role: aduan.RoleOperatorCC, fake: func(*fakeCalls, *[]*aduan.Contact) {},
			status: 400, want: []string{`"field":"phone"`, "Wajib diisi"}},
		{name: "a bad phone is refused on its field",
			body: `{"phone":"halo"}`, role: aduan.RoleOperatorCC, fake: func(*fakeCalls, *[]*aduan.Contact) {},
			status: 400, want: []string{`"field":"phone"`}},
		{name: "a body with a field the API does not have is refused",
			body: `{"phone":"0813 5555 0001","nomor":"x"}`, role: aduan.RoleOperatorCC, fake: func(*fakeCalls, *[]*aduan.Contact) {},
			status: 400},
		{name: "a role without call.pop is refused, nothing logged",
			body: `{"phone":"0813 5555 0001","operator":"siti"}`, role: aduan.RolePimpinanPD, fake: func(*fakeCalls, *[]*aduan.Contact) {},
			status: 403, want: []string{"tidak berhak"}},
		{name: "a store failure is a 500 without its detail, and pops nowhere",
			body: `{"phone":"0813 5555 0001","operator":"siti"}`, role: aduan.RoleOperatorCC,
			fake: func(f *fakeCalls, _ *[]*aduan.Contact) {
				f.byUsername = found
				f.logContact = func(aduan.Actor, *aduan.Contact) error {
					return errors.New("pq: relation contact_log is locked")
				}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem"}, notWant: []string{"pq:", "contact_log"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeCalls{t: t}
			var logged []*aduan.Contact
			tc.fake(f, &logged)
			hub, err := live.NewHub(nil)
			if err != nil {
				t.Fatal(err)
			}
			// Siti's console and another operator's.
			sitis := hub.Subscribe(func(e live.Event) bool { return e.Kind == "call" && (e.UserID == 0 || e.UserID == 9) })
			others := hub.Subscribe(func(e live.Event) bool { return e.Kind == "call" && (e.UserID == 0 || e.UserID == 10) })
			w := &Web{Stores: Stores{Clock: &fakeStores{t: t}, Calls: f}, Hub: hub, Log: slog.New(slog.DiscardHandler)}
			a := &api.API{Log: slog.New(slog.DiscardHandler)}
			r := httptest.NewRequest("POST", "/api/v1/calls", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			r = r.WithContext(withTestUser(r.Context(), tc.role))
			rw := httptest.NewRecorder()
			a.Handle(reqctx.HandlerFunc(w.Call)).ServeHTTP(rw, r)
			got := rw.Body.String()
			if rw.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rw.Code, tc.status, got)
			}
			for _, s := range tc.want {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in %s", s, got)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(got, s) {
					t.Errorf("%q should not be in %s", s, got)
				}
			}
			if tc.status == 202 && len(logged) != 1 {
				t.Errorf("%d contacts logged, want 1", len(logged))
			}
			// Publish delivers before it returns (no broker): what is not
			// in a channel now was never sent.
			select {
			case e := <-sitis.C:
				if tc.pop == "" || e.Phone != tc.pop || e.UserID != 9 || e.ReceivedAt != "2026-03-02T09:00:00+07:00" {
					t.Errorf("siti's console was shown %+v, want a call from %q", e, tc.pop)
				}
			default:
				if tc.pop != "" {
					t.Errorf("siti's console was not shown the call")
				}
			}
			select {
			case e := <-others.C:
				t.Errorf("another operator's console was shown %+v", e)
			default:
			}
		})
	}
}

// flushRecorder is a recorder that tells the test each time the stream is
// flushed, so that it reads the stream only at points the handler reached.
type flushRecorder struct {
	*httptest.ResponseRecorder
	flushed chan struct{}
}

func (f *flushRecorder) Flush() {
	f.ResponseRecorder.Flush()
	f.flushed <- struct{}{}
}

// stream runs Events for a user of role (user 5, of agency 2 when bound to
// one) until its first flush (it is subscribed), then publishes evs,
// waits for the flush of the first event it writes, and ends the request.
// It returns what the stream carried and the handler's error, once the
// handler has returned.
func stream(t *testing.T, hub *live.Hub, role aduan.Role, evs ...live.Event) (string, error) {
	t.Helper()
	w := &Web{Hub: hub, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(withTestUser(context.Background(), role))
	defer cancel()
	r := httptest.NewRequestWithContext(ctx, "GET", "/events", nil)
	rw := &flushRecorder{ResponseRecorder: httptest.NewRecorder(), flushed: make(chan struct{}, 16)}
	done := make(chan error, 1)
	go func() { done <- w.Events(rw, r) }()
	select {
	case <-rw.flushed:
	case err := <-done:
		return rw.Body.String(), err
	}
	for _, e := range evs {
		hub.Publish(e)
	}
	<-rw.flushed
	cancel()
	err := <-done
	return rw.Body.String(), err
}

// TestEventsHandler checks the live stream (GET /events) over a real hub:
// a user hears of changes where they may see them and not of another
// agency's, an operator of their own calls only, the stream ends with the
// request, and a user over the limit of streams is refused.
func TestEventsHandler(t *testing.T) {
	hub, err := live.NewHub(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each case publishes what must not reach the user before what must:
	// the stream is cut after its first event, so a leak is what it shows.
	t.Run("an agency's user hears of their agency's complaints, not another's", func(t *testing.T) {
		got, err := stream(t, hub, aduan.RoleOperatorPD,
			live.Event{Kind: "complaint", ComplaintID: 7, Number: "ADU-LAIN", AgencyID: 3},
			live.Event{Kind: "call", Phone: "+6281355550001"},
			live.Event{Kind: "complaint", ComplaintID: 8, Number: "ADU-SENDIRI", AgencyID: 2})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, "event: complaint\ndata: ") || !strings.Contains(got, `"number":"ADU-SENDIRI"`) {
			t.Errorf("the agency's change is not in the stream: %q", got)
		}
		for _, s := range []string{"ADU-LAIN", "event: call"} {
			if strings.Contains(got, s) {
				t.Errorf("%q should not be in the stream: %q", s, got)
			}
		}
	})
	t.Run("an operator hears of calls for them or anyone, not for another operator", func(t *testing.T) {
		got, err := stream(t, hub, aduan.RoleOperatorCC,
			live.Event{Kind: "call", Phone: "+6281200000009", UserID: 9},
			live.Event{Kind: "call", Phone: "+6281200000005", UserID: 5})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, "event: call\n") || !strings.Contains(got, "+6281200000005") || strings.Contains(got, "+6281200000009") {
			t.Errorf("stream: %q", got)
		}
	})
	t.Run("the stream ends with the request and lets go of its subscription", func(t *testing.T) {
		got, err := stream(t, hub, aduan.RoleKoordinatorCC, live.Event{Kind: "msgstatus", ComplaintID: 8, Direction: "in"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, "retry: 3000\n: connected\n\n") || !strings.Contains(got, "event: msgstatus\n") {
			t.Errorf("stream: %q", got)
		}
		if n := hub.Subscribers(); n != 0 {
			t.Errorf("%d subscribers left after the streams ended", n)
		}
	})
	runPages(t, func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /events": w.Events}
	}, []pageCase{
		{name: "a user with too many streams open is told to close one", method: "GET", path: "/events", role: aduan.RoleOperatorCC,
			fake: func(*fakeStores) {},
			setup: func(w *Web) {
				w.Hub, _ = live.NewHub(nil)
				for range live.MaxStreamsPerUser {
					w.Hub.SubscribeUser(5, nil)
				}
			},
			status: 429, want: []string{"Terlalu banyak tab"},
			check: func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
				if rw.Header().Get("Retry-After") != "60" {
					t.Errorf("Retry-After %q", rw.Header().Get("Retry-After"))
				}
			}},
	})
}
