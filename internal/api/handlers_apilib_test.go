package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// apilibFail fails the case: the handler called name, which is nil in the
// fake because the case must not reach it.
func apilibFail(t *testing.T, name string) {
	t.Helper()
	t.Fatalf("the handler called %s, which this case must not reach", name)
}

// apilibStore is the LibraryStore a library handler test gives: one
// function per method, nil for those the case must not reach.
type apilibStore struct {
	t             *testing.T
	entry         func(id int64) (*aduan.LibraryEntry, error)
	entries       func(f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error)
	create        func(e *aduan.LibraryEntry) error
	update        func(e *aduan.LibraryEntry) error
	review        func(id, version int64, due string) (*aduan.LibraryEntry, error)
	history       func(id int64) ([]aduan.LibraryVersion, error)
	fromComplaint func(complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error)
	export        func() ([]store.LibraryRecord, error)
	imp           func(recs []store.LibraryRecord) (store.ImportResult, error)
}

func (f *apilibStore) LibraryEntry(_ context.Context, _ aduan.Actor, id int64) (*aduan.LibraryEntry, error) {
	if f.entry == nil {
		apilibFail(f.t, "LibraryEntry")
	}
	return f.entry(id)
}

func (f *apilibStore) LibraryEntries(_ context.Context, _ aduan.Actor, fl aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
	if f.entries == nil {
		apilibFail(f.t, "LibraryEntries")
	}
	return f.entries(fl)
}

func (f *apilibStore) CreateLibraryEntry(_ context.Context, _ aduan.Actor, e *aduan.LibraryEntry) error {
	if f.create == nil {
		apilibFail(f.t, "CreateLibraryEntry")
	}
	return f.create(e)
}

func (f *apilibStore) UpdateLibraryEntry(_ context.Context, _ aduan.Actor, e *aduan.LibraryEntry) error {
	if f.update == nil {
		apilibFail(f.t, "UpdateLibraryEntry")
	}
	return f.update(e)
}

func (f *apilibStore) ReviewLibraryEntry(_ context.Context, _ aduan.Actor, id, version int64, due string) (*aduan.LibraryEntry, error) {
	if f.review == nil {
		apilibFail(f.t, "ReviewLibraryEntry")
	}
	return f.review(id, version, due)
}

func (f *apilibStore) LibraryHistory(_ context.Context, _ aduan.Actor, id int64) ([]aduan.LibraryVersion, error) {
	if f.history == nil {
		apilibFail(f.t, "LibraryHistory")
	}
	return f.history(id)
}

func (f *apilibStore) LibraryFromComplaint(_ context.Context, _ aduan.Actor, complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error) {
	if f.fromComplaint == nil {
		apilibFail(f.t, "LibraryFromComplaint")
	}
	return f.fromComplaint(complaintID, draft)
}

func (f *apilibStore) ExportLibrary(context.Context, aduan.Actor) ([]store.LibraryRecord, error) {
	if f.export == nil {
		apilibFail(f.t, "ExportLibrary")
	}
	return f.export()
}

func (f *apilibStore) ImportLibrary(_ context.Context, _ aduan.Actor, recs []store.LibraryRecord) (store.ImportResult, error) {
	if f.imp == nil {
		apilibFail(f.t, "ImportLibrary")
	}
	return f.imp(recs)
}

// apilibSearch is the LibrarySearcher, RoutingSuggester and
// RoutingRetrainer of a case; retrained records who asked for each
// retrain, as the real one writes them to the audit.
type apilibSearch struct {
	t         *testing.T
	search    func(act aduan.Actor, q search.Query) (*search.Results, error)
	similarOf func(act aduan.Actor, c *aduan.Complaint) ([]search.SimilarHit, error)
	suggest   func(text, kelurahan string) (routing.Suggestion, routing.Info, error)
	retrain   func(act aduan.Actor) (routing.Info, error)
	retrained []aduan.Actor
}

func (f *apilibSearch) Search(_ context.Context, act aduan.Actor, q search.Query) (*search.Results, error) {
	if f.search == nil {
		apilibFail(f.t, "Search")
	}
	return f.search(act, q)
}

func (f *apilibSearch) SimilarOf(_ context.Context, act aduan.Actor, c *aduan.Complaint) ([]search.SimilarHit, error) {
	if f.similarOf == nil {
		apilibFail(f.t, "SimilarOf")
	}
	return f.similarOf(act, c)
}

func (f *apilibSearch) Suggest(_ context.Context, text, kelurahan string) (routing.Suggestion, routing.Info, error) {
	if f.suggest == nil {
		apilibFail(f.t, "Suggest")
	}
	return f.suggest(text, kelurahan)
}

func (f *apilibSearch) Retrain(_ context.Context, act aduan.Actor) (routing.Info, error) {
	if f.retrain == nil {
		apilibFail(f.t, "Retrain")
	}
	f.retrained = append(f.retrained, act)
	return f.retrain(act)
}

// apilibEntry is an entry past its review date (2026-01-01 before
// handlerNow's 2026-03-02).
func apilibEntry() *aduan.LibraryEntry {
	return &aduan.LibraryEntry{ID: 42, Title: "Lampu PJU mati", Questions: []string{"Lampu jalan mati, lapor ke mana?"},
		Answer: "Dishub memperbaiki PJU dalam 3 hari kerja.", SourceURL: "https://dishub.example.go.id/pju", AgencyID: 3, AgencyName: "Dishub",
		CategoryIDs: []int64{2}, CategoryNames: []string{"Penerangan jalan"}, ReviewDue: "2026-01-01", Active: true,
		CreatedAt: handlerNow, UpdatedAt: handlerNow, Version: 2}
}

// apilibSecret is the text of a confidential complaint: it must reach no
// one whose role may not read it.
const apilibSecret = "Pungutan liar oleh petugas kelurahan Sukamaju"

func apilibConfidential() *aduan.Complaint {
	c := recorded()
	c.ID, c.Number, c.Text, c.Confidentiality = 9, "ADU-2026-000009", apilibSecret, aduan.Confidential
	return c
}

var (
	apilibOperator    = &aduan.User{ID: 5, Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	apilibKoordinator = &aduan.User{ID: 6, Name: "Budi", Role: aduan.RoleKoordinatorCC, Active: true}
	apilibKasi        = &aduan.User{ID: 8, Name: "Rina", Role: aduan.RoleKasiKabid, Active: true}
)

type apilibCase struct {
	name, method, path, body string
	contentType              string // application/json unless set
	user                     *aduan.User
	fake                     func(c *fakeComplaints, l *apilibStore, s *apilibSearch)
	status                   int
	want, notWant            []string
	after                    func(t *testing.T, s *apilibSearch)
}

// apilibRun serves each case through the Library's handlers with the
// store, the searcher and the routing model replaced by fakes, the user in
// the context as the server's auth puts it.
func apilibRun(t *testing.T, cases []apilibCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fc, fl, fs := &fakeComplaints{t: t}, &apilibStore{t: t}, &apilibSearch{t: t}
			if tc.fake != nil {
				tc.fake(fc, fl, fs)
			}
			a := &API{Complaints: fc, Clock: func() time.Time { return handlerNow }, Log: slog.New(slog.DiscardHandler)}
			l := &Library{API: a, Entries: fl, Searcher: fs, Suggester: fs, Retrainer: fs}
			mux := http.NewServeMux()
			for pattern, h := range map[string]reqctx.HandlerFunc{
				"GET /api/v1/library":                      l.ListLibrary,
				"POST /api/v1/library":                     l.CreateLibrary,
				"GET /api/v1/library/review-due":           l.LibraryReviewDue,
				"GET /api/v1/library/export":               l.ExportLibrary,
				"POST /api/v1/library/import":              l.ImportLibrary,
				"POST /api/v1/library/from-complaint/{id}": l.LibraryFromComplaint,
				"GET /api/v1/library/{id}":                 l.GetLibrary,
				"PATCH /api/v1/library/{id}":               l.UpdateLibrary,
				"GET /api/v1/library/{id}/history":         l.LibraryHistory,
				"POST /api/v1/library/{id}/actions/review": l.ReviewLibrary,
				"GET /api/v1/search":                       l.Search,
				"GET /api/v1/routing/suggest":              l.RoutingSuggest,
				"POST /api/v1/routing/retrain":             l.RoutingRetrain,
				"GET /api/v1/complaints/{id}/similar":      l.SimilarComplaints,
			} {
				mux.Handle(pattern, a.Handle(h))
			}
			sep := "?"
			if strings.Contains(tc.path, "?") {
				sep = "&"
			}
			r := httptest.NewRequest(tc.method, tc.path+sep+"lang=en", strings.NewReader(tc.body))
			ct := tc.contentType
			if ct == "" {
				ct = "application/json"
			}
			r.Header.Set("Content-Type", ct)
			r = r.WithContext(reqctx.WithUser(r.Context(), tc.user))
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			checkAnswer(t, w, tc.status, tc.want, tc.notWant)
			if tc.after != nil {
				tc.after(t, fs)
			}
		})
	}
}

// errApilibFault is what a broken database says; none of it may reach a caller.
var errApilibFault = errors.New(`LibraryEntries(): pq: relation "library_entries" does not exist`)

var apilibInternal = []string{"pq:", "library_entries", "relation"}

// TestApilibLibraryHandlers: the answer library's entries, read by the
// call center and kept by the koordinator, through fakes.
func TestApilibLibraryHandlers(t *testing.T) {
	apilibRun(t, []apilibCase{
		{name: "list the active entries", method: "GET", path: "/api/v1/library?active=true&agency_id=3", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entries = func(f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
					if f.Active == nil || !*f.Active || f.AgencyID != 3 {
						t.Errorf("filter %+v", f)
					}
					return []*aduan.LibraryEntry{apilibEntry()}, 41, nil
				}
			},
			status: 200, want: []string{`"ref":"JWB-0042"`, `"review_overdue":true`, `"categories":[{"id":2,"name":"Penerangan jalan"}]`, `"next_cursor":"41"`}},
		{name: "a bad active filter asks nothing of the store", method: "GET", path: "/api/v1/library?active=maybe", user: apilibOperator,
			status: 400, want: []string{`"code":"invalid"`, `"field":"active"`}},
		{name: "a store fault listing is a 500 that tells nothing", method: "GET", path: "/api/v1/library", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entries = func(aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) { return nil, 0, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
		{name: "the koordinator's review list is today's", method: "GET", path: "/api/v1/library/review-due", user: apilibKoordinator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entries = func(f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
					if f.ReviewDueBy != "2026-03-02" || f.Active == nil || !*f.Active {
						t.Errorf("filter %+v", f)
					}
					return []*aduan.LibraryEntry{apilibEntry()}, 0, nil
				}
			},
			status: 200, want: []string{`"id":42`}, notWant: []string{"next_cursor"}},
		{name: "an operator has no review list", method: "GET", path: "/api/v1/library/review-due", user: apilibOperator,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "get an entry", method: "GET", path: "/api/v1/library/42", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entry = func(id int64) (*aduan.LibraryEntry, error) {
					if id != 42 {
						t.Errorf("read %d", id)
					}
					return apilibEntry(), nil
				}
			},
			status: 200, want: []string{`"title":"Lampu PJU mati"`, `"source_url":"https://dishub.example.go.id/pju"`, `"version":2`}},
		{name: "an id that is not one asks nothing", method: "GET", path: "/api/v1/library/abc", user: apilibOperator,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "an entry the store has not", method: "GET", path: "/api/v1/library/43", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "the koordinator creates an entry", method: "POST", path: "/api/v1/library", user: apilibKoordinator,
			body: `{"title":"Lampu PJU mati","answer":"Dishub memperbaiki PJU.","source_url":"https://dishub.example.go.id/pju","category_ids":[2]}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.create = func(e *aduan.LibraryEntry) error {
					if !e.Active || e.Title != "Lampu PJU mati" || e.SourceURL != "https://dishub.example.go.id/pju" || len(e.CategoryIDs) != 1 {
						t.Errorf("created %+v", e)
					}
					e.ID, e.Version = 43, 1
					return nil
				}
			},
			status: 201, want: []string{`"id":43`, `"ref":"JWB-0043"`, `"active":true`}},
		{name: "an operator may not create", method: "POST", path: "/api/v1/library", user: apilibOperator,
			body: `{"title":"X","answer":"Y"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an unknown field writes nothing", method: "POST", path: "/api/v1/library", user: apilibKoordinator,
			body: `{"title":"X","jawaban":"Y"}`, status: 400, want: []string{`"field":"jawaban"`}},
		{name: "an entry whose source is no address is refused, naming it", method: "POST", path: "/api/v1/library", user: apilibKoordinator,
			body: `{"title":"Lampu PJU mati","answer":"Dishub memperbaiki PJU.","source_url":"dishub pju"}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.create = func(e *aduan.LibraryEntry) error { return e.Validate() } // as the store does first
			},
			status: 400, want: []string{`"code":"invalid"`, `"field":"source_url"`}, notWant: []string{`"id"`}},
		{name: "a store fault creating is a 500 that tells nothing", method: "POST", path: "/api/v1/library", user: apilibKoordinator,
			body: `{"title":"X","answer":"Y"}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.create = func(*aduan.LibraryEntry) error { return errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
		{name: "the koordinator edits an entry", method: "PATCH", path: "/api/v1/library/42", user: apilibKoordinator,
			body: `{"version":2,"title":"Lampu jalan mati"}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) { return apilibEntry(), nil }
				l.update = func(e *aduan.LibraryEntry) error {
					if e.ID != 42 || e.Version != 2 || e.Title != "Lampu jalan mati" || e.Answer != apilibEntry().Answer {
						t.Errorf("updated %+v", e)
					}
					e.Version = 3
					return nil
				}
			},
			status: 200, want: []string{`"title":"Lampu jalan mati"`, `"version":3`}},
		{name: "an edit without its version reads and writes nothing", method: "PATCH", path: "/api/v1/library/42", user: apilibKoordinator,
			body: `{"title":"Lampu jalan mati"}`, status: 400, want: []string{`"field":"version"`}},
		{name: "an operator may not edit", method: "PATCH", path: "/api/v1/library/42", user: apilibOperator,
			body: `{"version":2,"title":"X"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a stale edit", method: "PATCH", path: "/api/v1/library/42", user: apilibKoordinator,
			body: `{"version":1,"title":"X"}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) { return apilibEntry(), nil }
				l.update = func(*aduan.LibraryEntry) error { return aduan.Errorf(aduan.ECONFLICT, "err.stale") }
			},
			status: 409, want: []string{`"code":"conflict"`}},
		{name: "the koordinator reviews an entry", method: "POST", path: "/api/v1/library/42/actions/review", user: apilibKoordinator,
			body: `{"version":2,"review_due":"2026-09-01"}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.review = func(id, v int64, due string) (*aduan.LibraryEntry, error) {
					if id != 42 || v != 2 || due != "2026-09-01" {
						t.Errorf("reviewed %d v%d %q", id, v, due)
					}
					e := apilibEntry()
					e.ReviewDue, e.ReviewedByName, e.Version = due, "Budi", 3
					return e, nil
				}
			},
			status: 200, want: []string{`"review_due":"2026-09-01"`, `"review_overdue":false`, `"reviewed_by_name":"Budi"`}},
		{name: "a review without its version writes nothing", method: "POST", path: "/api/v1/library/42/actions/review", user: apilibKoordinator,
			body: `{"review_due":"2026-09-01"}`, status: 400, want: []string{`"field":"version"`}},
		{name: "an operator may not review", method: "POST", path: "/api/v1/library/42/actions/review", user: apilibOperator,
			body: `{"version":2}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an entry's history says what changed", method: "GET", path: "/api/v1/library/42/history", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.history = func(int64) ([]aduan.LibraryVersion, error) {
					now, before := *apilibEntry(), *apilibEntry()
					now.Title = "Lampu jalan mati"
					return []aduan.LibraryVersion{
						{EntryID: 42, Version: 2, Action: "update", At: handlerNow, ActorID: 6, ActorName: "Budi", Entry: now},
						{EntryID: 42, Version: 1, Action: "create", At: handlerNow.Add(-time.Hour), ActorID: 6, ActorName: "Budi", Entry: before},
					}, nil
				}
			},
			status: 200, want: []string{`"action":"update"`, `"changed":["title"]`, `"actor_name":"Budi"`, `"changed":[]`}},
		{name: "a store fault reading history is a 500 that tells nothing", method: "GET", path: "/api/v1/library/42/history", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.history = func(int64) ([]aduan.LibraryVersion, error) { return nil, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
		{name: "an entry from an answered complaint in one click", method: "POST", path: "/api/v1/library/from-complaint/7", user: apilibKoordinator,
			fake: func(c *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				l.fromComplaint = func(id int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error) {
					if id != 7 || draft.Title != "" {
						t.Errorf("from %d %+v", id, draft)
					}
					e := apilibEntry()
					e.ID, e.FromComplaintID = 44, 7
					return e, nil
				}
			},
			status: 201, want: []string{`"id":44`, `"from_complaint_id":7`}},
		{name: "an operator may not make an entry of a complaint", method: "POST", path: "/api/v1/library/from-complaint/7", user: apilibOperator,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "no entry without its source complaint", method: "POST", path: "/api/v1/library/from-complaint/8", user: apilibKoordinator,
			fake: func(c *fakeComplaints, _ *apilibStore, _ *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "an entry from an unanswered complaint is refused, naming the answer", method: "POST", path: "/api/v1/library/from-complaint/7", user: apilibKoordinator,
			body: `{"title":"Lampu PJU mati"}`,
			fake: func(c *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				l.fromComplaint = func(_ int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error) {
					if draft.Title != "Lampu PJU mati" {
						t.Errorf("draft %+v", draft)
					}
					return nil, draft.Validate() // no answer: the store's check
				}
			},
			status: 400, want: []string{`"field":"answer"`}},
	})
}

// TestApilibLibraryFileHandlers: the library as a file, out for the call
// center and in for the koordinator.
func TestApilibLibraryFileHandlers(t *testing.T) {
	apilibRun(t, []apilibCase{
		{name: "export as JSON", method: "GET", path: "/api/v1/library/export", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.export = func() ([]store.LibraryRecord, error) {
					return []store.LibraryRecord{{Entry: *apilibEntry(), AgencyCode: "DISHUB", CategoryCodes: []string{"PJU"}}}, nil
				}
			},
			status: 200, want: []string{`"aduan-library"`, `"title": "Lampu PJU mati"`, `"agency": "DISHUB"`}},
		{name: "export as CSV", method: "GET", path: "/api/v1/library/export?format=csv", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.export = func() ([]store.LibraryRecord, error) {
					return []store.LibraryRecord{{Entry: *apilibEntry(), AgencyCode: "DISHUB"}}, nil
				}
			},
			status: 200, want: []string{"Lampu PJU mati", "DISHUB"}, notWant: []string{`"entries"`}},
		{name: "an unknown format reads nothing", method: "GET", path: "/api/v1/library/export?format=xlsx", user: apilibOperator,
			status: 400, want: []string{`"field":"format"`}},
		{name: "a section head may not export", method: "GET", path: "/api/v1/library/export", user: apilibKasi,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a store fault exporting is a 500 that tells nothing", method: "GET", path: "/api/v1/library/export", user: apilibOperator,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.export = func() ([]store.LibraryRecord, error) { return nil, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
		{name: "the koordinator imports", method: "POST", path: "/api/v1/library/import", user: apilibKoordinator,
			body: `{"format":"aduan-library","entries":[{"title":"Lampu PJU mati","questions":[],"answer":"Dishub memperbaiki PJU.","agency":"DISHUB"}]}`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.imp = func(recs []store.LibraryRecord) (store.ImportResult, error) {
					if len(recs) != 1 || recs[0].Entry.Title != "Lampu PJU mati" || recs[0].AgencyCode != "DISHUB" {
						t.Errorf("imported %+v", recs)
					}
					return store.ImportResult{Created: 1}, nil
				}
			},
			status: 200, want: []string{`"created":1`, `"updated":0`}},
		{name: "an operator may not import", method: "POST", path: "/api/v1/library/import", user: apilibOperator,
			body: `{"entries":[]}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a file of another type writes nothing", method: "POST", path: "/api/v1/library/import", user: apilibKoordinator,
			contentType: "text/plain", body: "Lampu PJU mati", status: 415, want: []string{`"code":"unsupported"`}},
		{name: "a file that is not JSON writes nothing", method: "POST", path: "/api/v1/library/import", user: apilibKoordinator,
			body: `{"entries":[`, status: 400, want: []string{`"code":"invalid"`}},
		{name: "rows the store refuses are named", method: "POST", path: "/api/v1/library/import", user: apilibKoordinator,
			body: `[{"title":"","questions":[],"answer":"Y"}]`,
			fake: func(_ *fakeComplaints, l *apilibStore, _ *apilibSearch) {
				l.imp = func([]store.LibraryRecord) (store.ImportResult, error) {
					var v aduan.Validation
					v.Add("rows[1].title", "err.field.required")
					return store.ImportResult{}, v.Err()
				}
			},
			status: 400, want: []string{`"field":"rows[1].title"`}, notWant: []string{`"created"`}},
	})
}

// TestApilibSearchHandlers: search and the duplicate suggestion; a
// confidential complaint's words reach only the roles that may read them.
func TestApilibSearchHandlers(t *testing.T) {
	apilibRun(t, []apilibCase{
		{name: "search both sections", method: "GET", path: "/api/v1/search?q=lampu&valid=all&kind=all&agency_id=3", user: apilibOperator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.search = func(act aduan.Actor, q search.Query) (*search.Results, error) {
					if act.UserID != 5 || q.Text != "lampu" || !q.IncludeExpired || q.AgencyID != 3 || q.Library || q.Complaints {
						t.Errorf("searched as %+v: %+v", act, q)
					}
					c := recorded()
					c.Answer = "Sudah diperbaiki."
					return &search.Results{Terms: []string{"lampu"},
						Library:    []search.LibraryHit{{Entry: apilibEntry(), Score: 0.9, TitleHTML: "<mark>Lampu</mark> PJU mati"}},
						Complaints: []search.ComplaintHit{{Complaint: c, Score: 0.5, TextHTML: "<mark>Lampu</mark> PJU mati"}}}, nil
				}
			},
			status: 200, want: []string{`"terms":["lampu"]`, `"ref":"JWB-0042"`, `"number":"ADU-2026-000007"`, `"answer":"Sudah diperbaiki."`, `"valid":false`}},
		{name: "a section head may not search, so no confidential words reach them", method: "GET", path: "/api/v1/search?q=pungutan", user: apilibKasi,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{apilibSecret}},
		{name: "an agency operator may not search", method: "GET", path: "/api/v1/search?q=pungutan",
			user:   &aduan.User{ID: 9, Name: "Ani", Role: aduan.RoleOperatorPD, AgencyID: 3, Active: true},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{apilibSecret}},
		{name: "an unknown section searches nothing", method: "GET", path: "/api/v1/search?q=lampu&kind=berita", user: apilibOperator,
			status: 400, want: []string{`"field":"kind"`}},
		{name: "too long a query searches nothing", method: "GET", path: "/api/v1/search?q=" + strings.Repeat("a", 1001), user: apilibOperator,
			status: 400, want: []string{`"field":"q"`}},
		{name: "a searcher fault is a 500 that tells nothing", method: "GET", path: "/api/v1/search?q=lampu", user: apilibOperator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.search = func(aduan.Actor, search.Query) (*search.Results, error) { return nil, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
		{name: "the operator sees the open complaints like this one", method: "GET", path: "/api/v1/complaints/7/similar", user: apilibOperator,
			fake: func(c *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				s.similarOf = func(_ aduan.Actor, of *aduan.Complaint) ([]search.SimilarHit, error) {
					if of.ID != 7 {
						t.Errorf("similar of %d", of.ID)
					}
					return []search.SimilarHit{{Complaint: apilibConfidential(), Score: 0.8, SameStreet: true, Street: "jl kenari"}}, nil
				}
			},
			// The call center reads confidential complaints: it links them.
			status: 200, want: []string{`"number":"ADU-2026-000009"`, apilibSecret, `"same_street":true`}},
		{name: "a confidential duplicate's words never reach a section head", method: "GET", path: "/api/v1/complaints/7/similar", user: apilibKasi,
			fake: func(c *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				s.similarOf = func(aduan.Actor, *aduan.Complaint) ([]search.SimilarHit, error) {
					return []search.SimilarHit{{Complaint: apilibConfidential(), Score: 0.8}}, nil
				}
			},
			status: 200, want: []string{`"number":"ADU-2026-000009"`, "[confidential]"}, notWant: []string{apilibSecret}},
		{name: "no duplicates of a complaint one may not open", method: "GET", path: "/api/v1/complaints/7/similar", user: apilibKasi,
			fake: func(c *fakeComplaints, _ *apilibStore, _ *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a searcher fault finding duplicates is a 500 that tells nothing", method: "GET", path: "/api/v1/complaints/7/similar", user: apilibOperator,
			fake: func(c *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				c.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				s.similarOf = func(aduan.Actor, *aduan.Complaint) ([]search.SimilarHit, error) { return nil, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
	})
}

// TestApilibRoutingHandlers: the routing suggestion for the desk, and the
// retrain only the koordinator (or IT) may ask for, recorded as theirs.
func TestApilibRoutingHandlers(t *testing.T) {
	trained := routing.Info{TrainedAt: handlerNow.Add(-time.Hour), Examples: 1200, Duration: 1500 * time.Millisecond}
	apilibRun(t, []apilibCase{
		{name: "suggest for the desk", method: "GET", path: "/api/v1/routing/suggest?text=lampu+mati&kelurahan=3273010001", user: apilibOperator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.suggest = func(text, kel string) (routing.Suggestion, routing.Info, error) {
					if text != "lampu mati" || kel != "3273010001" {
						t.Errorf("suggest %q %q", text, kel)
					}
					return routing.Suggestion{Categories: []routing.Choice{{ID: 2, Code: "PJU", Name: "Penerangan jalan", Confidence: 0.8}},
						Agencies: []routing.Choice{{ID: 3, Code: "DISHUB", Name: "Dishub", Confidence: 0.7}}}, trained, nil
				}
			},
			status: 200, want: []string{`"code":"PJU"`, `"code":"DISHUB"`, `"manual":false`, `"examples":1200`, `"duration_ms":1500`}},
		{name: "before any model, the keyword baseline says so", method: "GET", path: "/api/v1/routing/suggest?text=lampu", user: apilibOperator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.suggest = func(string, string) (routing.Suggestion, routing.Info, error) {
					return routing.Suggestion{Manual: true}, routing.Info{}, nil
				}
			},
			status: 200, want: []string{`"manual":true`, `"categories":[]`, "No model yet", `"trained_at":""`}},
		{name: "a suggestion needs a text", method: "GET", path: "/api/v1/routing/suggest", user: apilibOperator,
			status: 400, want: []string{`"field":"text"`}},
		{name: "a section head takes no complaints, so no suggestion", method: "GET", path: "/api/v1/routing/suggest?text=lampu", user: apilibKasi,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an operator may not retrain", method: "POST", path: "/api/v1/routing/retrain", user: apilibOperator,
			status: 403, want: []string{`"code":"forbidden"`},
			after: func(t *testing.T, s *apilibSearch) {
				if len(s.retrained) != 0 {
					t.Errorf("retrained for %+v", s.retrained)
				}
			}},
		{name: "the koordinator retrains, on their own name", method: "POST", path: "/api/v1/routing/retrain", user: apilibKoordinator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.retrain = func(aduan.Actor) (routing.Info, error) { return trained, nil }
			},
			status: 200, want: []string{`"examples":1200`, `"trained_at":`},
			after: func(t *testing.T, s *apilibSearch) {
				// The retrainer audits the actor it is given: it must be the
				// koordinator, once.
				if len(s.retrained) != 1 || s.retrained[0].UserID != 6 || s.retrained[0].Role != aduan.RoleKoordinatorCC || s.retrained[0].IsSystem() {
					t.Errorf("retrained for %+v", s.retrained)
				}
			}},
		{name: "a retrain fault is a 500 that tells nothing", method: "POST", path: "/api/v1/routing/retrain", user: apilibKoordinator,
			fake: func(_ *fakeComplaints, _ *apilibStore, s *apilibSearch) {
				s.retrain = func(aduan.Actor) (routing.Info, error) { return routing.Info{}, errApilibFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apilibInternal},
	})
}
