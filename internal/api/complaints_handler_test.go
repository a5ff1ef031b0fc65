package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// fakeComplaints is the Complaints a handler test gives: one function per
// method, nil for those the case must not reach (calling one fails the
// test with the method's name).
type fakeComplaints struct {
	t                 *testing.T
	complaint         func(id int64) (*aduan.Complaint, error)
	complaintByNumber func(number string) (*aduan.Complaint, error)
	list              func(f aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error)
	events            func(id int64) ([]aduan.Event, error)
	apply             func(id, version int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error)
	edit              func(id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error)
}

// Zone is the default city's: WIB.
func (f *fakeComplaints) Zone(context.Context) (*time.Location, error) { return aduan.WIB, nil }

func (f *fakeComplaints) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *fakeComplaints) Complaint(_ context.Context, _ aduan.Actor, id int64) (*aduan.Complaint, error) {
	if f.complaint == nil {
		f.unexpected("Complaint")
	}
	return f.complaint(id)
}

func (f *fakeComplaints) ComplaintByNumber(_ context.Context, _ aduan.Actor, n string) (*aduan.Complaint, error) {
	if f.complaintByNumber == nil {
		f.unexpected("ComplaintByNumber")
	}
	return f.complaintByNumber(n)
}

func (f *fakeComplaints) ListComplaints(_ context.Context, _ aduan.Actor, fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
	if f.list == nil {
		f.unexpected("ListComplaints")
	}
	return f.list(fl)
}

func (f *fakeComplaints) Events(_ context.Context, _ aduan.Actor, id int64) ([]aduan.Event, error) {
	if f.events == nil {
		f.unexpected("Events")
	}
	return f.events(id)
}

func (f *fakeComplaints) EditComplaint(_ context.Context, _ aduan.Actor, id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error) {
	if f.edit == nil {
		f.unexpected("EditComplaint")
	}
	return f.edit(id, version, p)
}

func (f *fakeComplaints) ApplyAction(_ context.Context, _ aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, _ ...store.TxHook) (*aduan.Complaint, *aduan.Event, error) {
	if f.apply == nil {
		f.unexpected("ApplyAction")
	}
	return f.apply(id, version, act, in)
}

var handlerNow = time.Date(2026, 3, 2, 9, 0, 0, 0, aduan.WIB)

func recorded() *aduan.Complaint {
	return &aduan.Complaint{ID: 7, Number: "ADU-2026-000007", Channel: aduan.ChannelPhone, Text: "Lampu PJU mati di Jl. Kenari",
		Status: aduan.StatusRecorded, Confidentiality: aduan.Public, ReceivedAt: handlerNow, CreatedAt: handlerNow, UpdatedAt: handlerNow, Version: 3}
}

// TestComplaintHandlers checks what a caller of the complaint endpoints
// gets back (status, words that must and must not be there) for each
// handler's paths, with the store replaced by a fake: no database, so the
// cases run in milliseconds beside the end-to-end tests in cmd/aduan.
func TestComplaintHandlers(t *testing.T) {
	operator := &aduan.User{ID: 5, Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	cases := []struct {
		name, method, path, body string
		lang                     string // en unless set
		fake                     func(f *fakeComplaints)
		status                   int
		want, notWant            []string
	}{
		{name: "get by id", method: "GET", path: "/api/v1/complaints/7",
			fake: func(f *fakeComplaints) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
			},
			status: 200, want: []string{`"number":"ADU-2026-000007"`, `"status":"recorded"`, `"version":3`}},
		{name: "get by number", method: "GET", path: "/api/v1/complaints/ADU-2026-000007",
			fake: func(f *fakeComplaints) {
				f.complaintByNumber = func(n string) (*aduan.Complaint, error) {
					if n != "ADU-2026-000007" {
						t.Errorf("looked up %q", n)
					}
					return recorded(), nil
				}
			},
			status: 200, want: []string{`"id":7`}},
		{name: "not a number nor an id", method: "GET", path: "/api/v1/complaints/abc", fake: func(*fakeComplaints) {},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "not found", method: "GET", path: "/api/v1/complaints/8",
			fake: func(f *fakeComplaints) {
				f.complaint = func(int64) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/complaints/7",
			fake: func(f *fakeComplaints) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return nil, errors.New("Complaint(7): database is locked") }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: []string{"database is locked", "Complaint(7)"}},
		{name: "list", method: "GET", path: "/api/v1/complaints?status=recorded",
			fake: func(f *fakeComplaints) {
				f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
					if len(fl.Statuses) != 1 || fl.Statuses[0] != aduan.StatusRecorded {
						t.Errorf("filter %+v", fl)
					}
					return []*aduan.Complaint{recorded()}, 0, nil
				}
			},
			status: 200, want: []string{`"items":[{`, `ADU-2026-000007`}, notWant: []string{"next_cursor"}},
		{name: "list with a bad status asks nothing of the store", method: "GET", path: "/api/v1/complaints?status=lost", fake: func(*fakeComplaints) {},
			status: 400, want: []string{`"field":"status"`}},
		{name: "events", method: "GET", path: "/api/v1/complaints/7/events",
			fake: func(f *fakeComplaints) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				f.events = func(int64) ([]aduan.Event, error) {
					return []aduan.Event{{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: handlerNow, ActorName: "Siti"}}, nil
				}
			},
			status: 200, want: []string{`"action":"create"`}},
		{name: "a step without its version", method: "POST", path: "/api/v1/complaints/7/actions/forward", body: `{"agency_id":2}`,
			fake: func(*fakeComplaints) {}, status: 400, want: []string{`"field":"version"`}},
		{name: "an unknown step", method: "POST", path: "/api/v1/complaints/7/actions/teleport", body: `{"version":3}`,
			fake: func(*fakeComplaints) {}, status: 404, notWant: []string{`"status"`}},
		{name: "a stale step", method: "POST", path: "/api/v1/complaints/7/actions/forward", body: `{"version":2,"agency_id":2}`,
			fake: func(f *fakeComplaints) {
				f.apply = func(id, v int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					if id != 7 || v != 2 || act != aduan.ActionForward || in.AgencyID != 2 {
						t.Errorf("applied %d v%d %s %+v", id, v, act, in)
					}
					return nil, nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`}},
		// What a caller in Indonesian reads when a step is refused, and
		// that bad input reaches no store method (the fake's ApplyAction
		// is nil: calling it fails the case).
		{name: "a stale step, in Indonesian", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id", body: `{"version":2,"answer":"Sudah diperbaiki."}`,
			fake: func(f *fakeComplaints) {
				f.apply = func(int64, int64, aduan.Action, aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					return nil, nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{"Data ini baru saja diubah oleh orang lain"}, notWant: []string{"Someone else"}},
		{name: "a role the store refuses, in Indonesian", method: "POST", path: "/api/v1/complaints/7/actions/close", lang: "id", body: `{"version":3}`,
			fake: func(f *fakeComplaints) {
				f.apply = func(int64, int64, aduan.Action, aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					return nil, nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`, "Peran Anda tidak berhak melakukan tindakan ini."}},
		{name: "a step the SOP does not allow now", method: "POST", path: "/api/v1/complaints/7/actions/close", body: `{"version":3}`,
			fake: func(f *fakeComplaints) {
				f.apply = func(int64, int64, aduan.Action, aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					return nil, nil, aduan.Errorf(aduan.ETRANSITION, "err.stale")
				}
			},
			status: 409, notWant: []string{`"complaint"`}},
		{name: "a body that is not JSON, in Indonesian, changes nothing", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id", body: `{"version":3,`,
			fake: func(*fakeComplaints) {}, status: 400, want: []string{"Isi permintaan bukan JSON yang valid"}},
		{name: "an unknown field, in Indonesian, changes nothing", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id", body: `{"version":3,"jawaban":"Sudah."}`,
			fake: func(*fakeComplaints) {}, status: 400, want: []string{`Kolom \"jawaban\" tidak dikenal.`}},
		{name: "a version that is not a number, in Indonesian, changes nothing", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id", body: `{"version":"tiga"}`,
			fake: func(*fakeComplaints) {}, status: 400, want: []string{`Kolom \"version\" harus berupa`}},
		{name: "an empty body, in Indonesian, changes nothing", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id",
			fake: func(*fakeComplaints) {}, status: 400, want: []string{"Isi permintaan kosong"}},
		{name: "an answer the domain refuses names its field, in Indonesian", method: "POST", path: "/api/v1/complaints/7/actions/answer", lang: "id", body: `{"version":3,"answer":""}`,
			fake: func(f *fakeComplaints) {
				f.apply = func(_ int64, _ int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					if act != aduan.ActionAnswer || in.Answer != "" {
						t.Errorf("applied %s %+v", act, in)
					}
					var v aduan.Validation
					v.Add("answer", "err.field.required")
					return nil, nil, v.Err()
				}
			},
			status: 400, want: []string{`"code":"invalid"`, `"field":"answer"`, "Wajib diisi."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeComplaints{t: t}
			tc.fake(f)
			a := &API{Complaints: f, Clock: func() time.Time { return handlerNow }, Log: slog.New(slog.DiscardHandler)}
			mux := http.NewServeMux()
			for pattern, h := range map[string]reqctx.HandlerFunc{
				"GET /api/v1/complaints":                        a.ListComplaints,
				"GET /api/v1/complaints/{id}":                   a.GetComplaint,
				"GET /api/v1/complaints/{id}/events":            a.ComplaintEvents,
				"POST /api/v1/complaints/{id}/actions/{action}": a.ComplaintAction,
			} {
				mux.Handle(pattern, a.Handle(h))
			}
			lang := tc.lang
			if lang == "" {
				lang = "en"
			}
			r := httptest.NewRequest(tc.method, tc.path+"?lang="+lang, strings.NewReader(tc.body))
			if strings.Contains(tc.path, "?") {
				r = httptest.NewRequest(tc.method, tc.path+"&lang="+lang, strings.NewReader(tc.body))
			}
			r.Header.Set("Content-Type", "application/json")
			r = r.WithContext(reqctx.WithUser(r.Context(), operator))
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			checkAnswer(t, w, tc.status, tc.want, tc.notWant)
		})
	}
}

// checkAnswer fails the case when the answer's status is not status, or
// its body lacks a want or holds a notWant: what every handler table in
// this package checks.
func checkAnswer(t *testing.T, w *httptest.ResponseRecorder, status int, want, notWant []string) {
	t.Helper()
	body, _ := io.ReadAll(w.Body)
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, body)
	}
	for _, s := range want {
		if !strings.Contains(string(body), s) {
			t.Errorf("missing %s in %s", s, body)
		}
	}
	for _, s := range notWant {
		if strings.Contains(string(body), s) {
			t.Errorf("%s should not be in %s", s, body)
		}
	}
}
