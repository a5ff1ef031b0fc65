package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// fakeLibrary is the answer library (Library), one function per method;
// a nil one is a method the case must not reach (a write left nil is
// "nothing is written").
type fakeLibrary struct {
	t         *testing.T
	entries   func(f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error)
	entry     func(id int64) (*aduan.LibraryEntry, error)
	history   func(id int64) ([]aduan.LibraryVersion, error)
	create    func(e *aduan.LibraryEntry) error
	fromC     func(complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error)
	update    func(e *aduan.LibraryEntry) error
	review    func(id, version int64, nextDue string) (*aduan.LibraryEntry, error)
	export    func() ([]store.LibraryRecord, error)
	load      func(recs []store.LibraryRecord) (store.ImportResult, error)
	search    func(q search.Query) (*search.Results, error)
	draft     func(text, address, kelurahan string) ([]search.SimilarHit, error)
	similarOf func(c *aduan.Complaint) ([]search.SimilarHit, error)
}

func (l *fakeLibrary) unexpected(name string) {
	l.t.Helper()
	l.t.Fatalf("the handler called Library.%s, which this case must not reach", name)
}

func (l *fakeLibrary) LibraryEntries(_ context.Context, _ aduan.Actor, f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
	if l.entries == nil {
		l.unexpected("LibraryEntries")
	}
	return l.entries(f)
}

func (l *fakeLibrary) LibraryEntry(_ context.Context, _ aduan.Actor, id int64) (*aduan.LibraryEntry, error) {
	if l.entry == nil {
		l.unexpected("LibraryEntry")
	}
	return l.entry(id)
}

func (l *fakeLibrary) LibraryHistory(_ context.Context, _ aduan.Actor, id int64) ([]aduan.LibraryVersion, error) {
	if l.history == nil {
		l.unexpected("LibraryHistory")
	}
	return l.history(id)
}

func (l *fakeLibrary) CreateLibraryEntry(_ context.Context, _ aduan.Actor, e *aduan.LibraryEntry) error {
	if l.create == nil {
		l.unexpected("CreateLibraryEntry")
	}
	return l.create(e)
}

func (l *fakeLibrary) LibraryFromComplaint(_ context.Context, _ aduan.Actor, complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error) {
	if l.fromC == nil {
		l.unexpected("LibraryFromComplaint")
	}
	return l.fromC(complaintID, draft)
}

func (l *fakeLibrary) UpdateLibraryEntry(_ context.Context, _ aduan.Actor, e *aduan.LibraryEntry) error {
	if l.update == nil {
		l.unexpected("UpdateLibraryEntry")
	}
	return l.update(e)
}

func (l *fakeLibrary) ReviewLibraryEntry(_ context.Context, _ aduan.Actor, id, version int64, nextDue string) (*aduan.LibraryEntry, error) {
	if l.review == nil {
		l.unexpected("ReviewLibraryEntry")
	}
	return l.review(id, version, nextDue)
}

func (l *fakeLibrary) ExportLibrary(context.Context, aduan.Actor) ([]store.LibraryRecord, error) {
	if l.export == nil {
		l.unexpected("ExportLibrary")
	}
	return l.export()
}

func (l *fakeLibrary) ImportLibrary(_ context.Context, _ aduan.Actor, recs []store.LibraryRecord) (store.ImportResult, error) {
	if l.load == nil {
		l.unexpected("ImportLibrary")
	}
	return l.load(recs)
}

func (l *fakeLibrary) Search(_ context.Context, _ aduan.Actor, q search.Query) (*search.Results, error) {
	if l.search == nil {
		l.unexpected("Search")
	}
	return l.search(q)
}

func (l *fakeLibrary) SimilarDraft(_ context.Context, _ aduan.Actor, text, address, kelurahan string) ([]search.SimilarHit, error) {
	if l.draft == nil {
		l.unexpected("SimilarDraft")
	}
	return l.draft(text, address, kelurahan)
}

func (l *fakeLibrary) SimilarOf(_ context.Context, _ aduan.Actor, c *aduan.Complaint) ([]search.SimilarHit, error) {
	if l.similarOf == nil {
		l.unexpected("SimilarOf")
	}
	return l.similarOf(c)
}

// fakeRouter is the routing model (Router); a nil suggest is a case that
// must not ask it.
type fakeRouter struct {
	t       *testing.T
	suggest func(text, kelurahan string) (routing.Suggestion, routing.Info, error)
}

func (r *fakeRouter) Suggest(_ context.Context, text, kelurahan string) (routing.Suggestion, routing.Info, error) {
	if r.suggest == nil {
		r.t.Helper()
		r.t.Fatalf("the handler called Router.Suggest, which this case must not reach")
	}
	return r.suggest(text, kelurahan)
}

// libCase is a pageCase with the answer library and the routing model
// faked too: lib fills the case's fakeLibrary (every method left nil
// fails the case), router is the model's suggestion (nil: not to be
// asked). noLibrary leaves the console without a library at all.
type libCase struct {
	pageCase
	lib       func(l *fakeLibrary)
	router    func(text, kelurahan string) (routing.Suggestion, routing.Info, error)
	noLibrary bool
}

// runLibraryPages runs cases through runPages, each with a fresh
// fakeLibrary and fakeRouter made with the case's own test.
func runLibraryPages(t *testing.T, routes func(w *Web, p *Public) map[string]HandlerFunc, cases []libCase) {
	t.Helper()
	var pcs []pageCase
	for _, c := range cases {
		var (
			l  *fakeLibrary
			rt *fakeRouter
		)
		pc := c.pageCase
		fake, setup := pc.fake, pc.setup
		pc.fake = func(f *fakeStores) {
			l, rt = &fakeLibrary{t: f.t}, &fakeRouter{t: f.t, suggest: c.router}
			if c.lib != nil {
				c.lib(l)
			}
			if fake != nil {
				fake(f)
			}
		}
		pc.setup = func(w *Web) {
			w.Stores.Router = rt
			if !c.noLibrary {
				w.Stores.Library = l
			}
			if setup != nil {
				setup(w)
			}
		}
		pcs = append(pcs, pc)
	}
	runPages(t, routes, pcs)
}

// libEntry is entry 42 of the library: active, current, reviewed by
// September.
func libEntry() *aduan.LibraryEntry {
	return &aduan.LibraryEntry{ID: 42, Title: "Lampu PJU padam", Questions: []string{"Lampu jalan di depan rumah mati"},
		Answer: "Laporkan ke Dishub; perbaikan 3 hari kerja.", SourceText: "Perwal 45/2018", AgencyID: 2, AgencyName: "Dinas Perhubungan",
		CategoryIDs: []int64{3}, CategoryNames: []string{"Lampu jalan"}, ValidFrom: "2026-01-01", ReviewDue: "2026-09-01", Active: true,
		Uses: 12, Version: 4, CreatedAt: pageNow, UpdatedAt: pageNow}
}

// expiredEntry is entry 41, valid until January (before pageNow) and
// past its review.
func expiredEntry() *aduan.LibraryEntry {
	e := libEntry()
	e.ID, e.Title, e.ValidUntil, e.ReviewDue = 41, "Tarif retribusi 2025", "2026-01-31", "2026-02-01"
	return e
}

// failed is a store's failure with the internal detail the page must not
// show.
func failed(op string) error { return errors.New(op + ": database is locked") }

var (
	internalWords = []string{"Terjadi kesalahan pada sistem."}
	leaked        = []string{"database is locked"}
	refused       = []string{"Peran Anda tidak berhak melakukan tindakan ini."}
)

func locationIs(want string) func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
	return func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
		t.Helper()
		if loc := w.Header().Get("Location"); loc != want {
			t.Errorf("sent to %q, want %q", loc, want)
		}
	}
}

// TestLibraryListHandlers checks the library's list and its entries due
// for review with the library faked: what each role reads, the filters
// the store is asked, the search's marked words, and a failure told in
// no detail.
func TestLibraryListHandlers(t *testing.T) {
	listed := func(want func(f aduan.LibraryFilter), list ...*aduan.LibraryEntry) func(l *fakeLibrary) {
		return func(l *fakeLibrary) {
			l.entries = func(f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
				if want != nil {
					want(f)
				}
				return list, 0, nil
			}
		}
	}
	activeOnly := func(f aduan.LibraryFilter) {
		if f.Active == nil || !*f.Active || f.Limit != libPageSize || f.ReviewDueBy != "" {
			t.Errorf("filter %+v", f)
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /pustaka": w.LibraryList, "GET /pustaka/review": w.LibraryReviewDue}
	}
	many := make([]*aduan.LibraryEntry, libPageSize)
	for i := range many {
		many[i] = libEntry()
		many[i].ID = int64(200 - i)
	}
	runLibraryPages(t, routes, []libCase{
		{pageCase: pageCase{name: "an operator reads the active entries, without the coordinator's links", method: "GET", path: "/pustaka",
			role: aduan.RoleOperatorCC, status: 200,
			want:    []string{"Folder jawaban", "JWB-0042", "Lampu PJU padam", "Laporkan ke Dishub", "Dinas Perhubungan", "Lampu jalan"},
			notWant: []string{`href="/pustaka/new"`, `href="/pustaka/import"`, `href="/pustaka/model"`}},
			lib: listed(activeOnly, libEntry())},
		{pageCase: pageCase{name: "the coordinator gets the links to write, review, import and retrain", method: "GET", path: "/pustaka",
			role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"JWB-0042", `href="/pustaka/new"`, `href="/pustaka/review"`, `href="/pustaka/import"`, `href="/pustaka/model"`}},
			lib: listed(activeOnly, libEntry())},
		{pageCase: pageCase{name: "the filters reach the store and the validity filter drops the current", method: "GET",
			path: "/pustaka?agency=2&category=3&status=archived&valid=expired", role: aduan.RoleOperatorCC, status: 200,
			want: []string{"JWB-0041", "Tarif retribusi 2025", `<span class="tag bad">tidak berlaku</span>`}, notWant: []string{"JWB-0042"}},
			lib: listed(func(f aduan.LibraryFilter) {
				if f.AgencyID != 2 || f.CategoryID != 3 || f.Active == nil || *f.Active {
					t.Errorf("filter %+v", f)
				}
			}, libEntry(), expiredEntry())},
		{pageCase: pageCase{name: "an agency and a category that are not numbers filter nothing", method: "GET", path: "/pustaka?agency=DISHUB&category=%3Cb%3E",
			role: aduan.RoleOperatorCC, status: 200, want: []string{"JWB-0042"}, notWant: []string{"<b>"}},
			lib: listed(func(f aduan.LibraryFilter) {
				if f.AgencyID != 0 || f.CategoryID != 0 {
					t.Errorf("filter %+v", f)
				}
			}, libEntry())},
		{pageCase: pageCase{name: "a full page links the next from its last entry, with the filters", method: "GET", path: "/pustaka?agency=2",
			role: aduan.RoleOperatorCC, status: 200, want: []string{"JWB-0200", "JWB-0151", `href="/pustaka?agency=2&amp;cursor=151"`}},
			lib: func(l *fakeLibrary) {
				l.entries = func(aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) { return many, 151, nil }
			}},
		{pageCase: pageCase{name: "an empty library says so", method: "GET", path: "/pustaka", role: aduan.RoleOperatorCC, status: 200,
			want: []string{"Tidak ada entri yang cocok."}},
			lib: listed(nil)},
		{pageCase: pageCase{name: "a search shows the ranked entries with the words marked, and lists nothing", method: "GET",
			path: "/pustaka?q=lampu+mati&valid=current", role: aduan.RoleOperatorCC, status: 200,
			want:    []string{"<mark>Lampu</mark> PJU padam", "<mark>mati</mark> di depan rumah", "JWB-0042"},
			notWant: []string{"Tarif retribusi 2025"}},
			lib: func(l *fakeLibrary) {
				l.search = func(q search.Query) (*search.Results, error) {
					if q.Text != "lampu mati" || !q.Library || !q.Complete || q.IncludeExpired || q.Limit != search.MaxLimit {
						t.Errorf("searched %+v", q)
					}
					return &search.Results{Library: []search.LibraryHit{
						{Entry: libEntry(), TitleHTML: "<mark>Lampu</mark> PJU padam", AnswerHTML: "Laporkan ke Dishub",
							QuestionsHTML: []string{"Lampu jalan <mark>mati</mark> di depan rumah"}},
						{Entry: expiredEntry(), TitleHTML: "Tarif retribusi 2025"}}}, nil
				}
			}},
		{pageCase: pageCase{name: "a kasi has no library, and nothing is read", method: "GET", path: "/pustaka", role: aduan.RoleKasiKabid,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a list the store fails to read is a 500 that tells nothing", method: "GET", path: "/pustaka",
			role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: append([]string{"LibraryEntries"}, leaked...)},
			lib: func(l *fakeLibrary) {
				l.entries = func(aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
					return nil, 0, failed("LibraryEntries()")
				}
			}},
		{pageCase: pageCase{name: "a search that fails is a 500 that tells nothing", method: "GET", path: "/pustaka?q=lampu",
			role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.search = func(search.Query) (*search.Results, error) { return nil, failed("Search()") }
			}},
		{pageCase: pageCase{name: "a console without a library answers its list as not found", method: "GET", path: "/pustaka",
			role: aduan.RoleOperatorCC, status: 404}, noLibrary: true},

		// The entries due for review.
		{pageCase: pageCase{name: "the coordinator's review list asks for the active entries due today, whatever the filters", method: "GET",
			path: "/pustaka/review?agency=2", role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Perlu ditinjau", "JWB-0041", `action="/pustaka/41/review"`, `<span class="tag warn">2026-02-01</span>`, "Tandai sudah ditinjau"}},
			lib: listed(func(f aduan.LibraryFilter) {
				if f.Active == nil || !*f.Active || f.ReviewDueBy != "2026-03-02" || f.AgencyID != 0 {
					t.Errorf("filter %+v", f)
				}
			}, expiredEntry())},
		{pageCase: pageCase{name: "nothing due says so", method: "GET", path: "/pustaka/review", role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Tidak ada entri yang perlu ditinjau."}},
			lib: listed(nil)},
		{pageCase: pageCase{name: "an operator reviews nothing", method: "GET", path: "/pustaka/review", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a review list the store fails to read is a 500 that tells nothing", method: "GET", path: "/pustaka/review",
			role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.entries = func(aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error) {
					return nil, 0, failed("LibraryEntries()")
				}
			}},
	})
}

// TestLibraryEntryHandlers checks an entry's page and its review with
// the library faked: the entry and each version's changes, the review
// form for the coordinator only, a review date refused beside its field.
func TestLibraryEntryHandlers(t *testing.T) {
	older := libEntry()
	older.Version, older.Answer = 3, "Hubungi kelurahan setempat."
	entryOf := func(l *fakeLibrary) {
		l.entry = func(id int64) (*aduan.LibraryEntry, error) {
			if id != 42 {
				t.Errorf("entry %d", id)
			}
			e := libEntry()
			e.FromComplaintID = 7
			return e, nil
		}
		l.history = func(id int64) ([]aduan.LibraryVersion, error) {
			return []aduan.LibraryVersion{
				{EntryID: id, Version: 4, Action: "update", At: pageNow, ActorName: "Koordinator Uji", Entry: *libEntry()},
				{EntryID: id, Version: 3, Action: "create", At: pageNow, ActorName: "Koordinator Uji", Entry: *older}}, nil
		}
	}
	number := func(f *fakeStores) {
		f.complaint = func(id int64) (*aduan.Complaint, error) {
			if id != 7 {
				t.Errorf("complaint %d", id)
			}
			return pageComplaint(aduan.StatusClosed), nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /pustaka/{ref}": w.LibraryEntryPage, "POST /pustaka/{ref}/review": w.LibraryReview}
	}
	runLibraryPages(t, routes, []libCase{
		{pageCase: pageCase{name: "an operator reads the entry and what each version changed, with no edit or review", method: "GET",
			path: "/pustaka/42", role: aduan.RoleOperatorCC, fake: number, status: 200,
			want: []string{"JWB-0042 · Lampu PJU padam", "Laporkan ke Dishub", "Perwal 45/2018", "Riwayat perubahan", "Versi 4", "Versi 3",
				`<span class="old">Hubungi kelurahan setempat.</span>`, `<span class="new">Laporkan ke Dishub; perbaikan 3 hari kerja.</span>`,
				`href="/complaints/7">ADU-2026-000007</a>`},
			notWant: []string{`id="edit-entry"`, `action="/pustaka/42/review"`}},
			lib: entryOf},
		{pageCase: pageCase{name: "the entry's number reads as its ID", method: "GET", path: "/pustaka/JWB-0042", role: aduan.RoleOperatorCC,
			fake: number, status: 200, want: []string{"JWB-0042 · Lampu PJU padam"}},
			lib: entryOf},
		{pageCase: pageCase{name: "the coordinator gets the edit link and the review form for six months on", method: "GET", path: "/pustaka/42",
			role: aduan.RoleKoordinatorCC, fake: number, status: 200,
			want: []string{`id="edit-entry"`, `action="/pustaka/42/review"`, `name="review_due" value="2026-09-02"`}},
			lib: entryOf},
		{pageCase: pageCase{name: "a complaint the reader may not open leaves its ID, not its number", method: "GET", path: "/pustaka/42",
			role: aduan.RoleOperatorCC, status: 200, want: []string{`href="/complaints/7">7</a>`}, notWant: []string{"ADU-2026-000007"},
			fake: func(f *fakeStores) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			}},
			lib: entryOf},
		{pageCase: pageCase{name: "an entry that does not exist is a 404 in Indonesian", method: "GET", path: "/pustaka/43", role: aduan.RoleOperatorCC,
			status: 404, want: []string{"Entri folder jawaban tidak ditemukan."}},
			lib: func(l *fakeLibrary) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
				}
			}},
		{pageCase: pageCase{name: "what is not an entry's number is a 404 and reads nothing", method: "GET", path: "/pustaka/lampu",
			role: aduan.RoleOperatorCC, status: 404, want: []string{"Entri folder jawaban tidak ditemukan."}}},
		{pageCase: pageCase{name: "a kasi reads no entry", method: "GET", path: "/pustaka/42", role: aduan.RoleKasiKabid, status: 403, want: refused}},
		{pageCase: pageCase{name: "a history the store fails to read is a 500 that tells nothing", method: "GET", path: "/pustaka/42",
			role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) { return libEntry(), nil }
				l.history = func(int64) ([]aduan.LibraryVersion, error) { return nil, failed("LibraryHistory(42)") }
			}},

		// Marking it reviewed.
		{pageCase: pageCase{name: "the coordinator marks the entry reviewed at its version", method: "POST", path: "/pustaka/42/review",
			form: url.Values{"version": {"4"}, "review_due": {"2026-09-02"}}, role: aduan.RoleKoordinatorCC, status: 303,
			check: locationIs("/pustaka/42?ok=web.ok.lib_reviewed")},
			lib: func(l *fakeLibrary) {
				l.review = func(id, version int64, due string) (*aduan.LibraryEntry, error) {
					if id != 42 || version != 4 || due != "2026-09-02" {
						t.Errorf("reviewed %d at %d until %s", id, version, due)
					}
					return libEntry(), nil
				}
			}},
		{pageCase: pageCase{name: "one marked from the review list goes back to it", method: "POST", path: "/pustaka/JWB-0042/review",
			form: url.Values{"version": {"4"}, "back": {"review"}}, role: aduan.RoleKoordinatorCC, status: 303,
			check: locationIs("/pustaka/review?ok=web.ok.lib_reviewed")},
			lib: func(l *fakeLibrary) {
				l.review = func(int64, int64, string) (*aduan.LibraryEntry, error) { return libEntry(), nil }
			}},
		{pageCase: pageCase{name: "a review date in the past comes back beside its field, as typed", method: "POST", path: "/pustaka/42/review",
			form: url.Values{"version": {"4"}, "review_due": {"2026-01-05"}}, role: aduan.RoleKoordinatorCC, fake: number, status: 400,
			want: []string{"Tanggal tinjauan berikutnya harus sesudah hari ini.", `name="review_due" value="2026-01-05"`, "Riwayat perubahan"}},
			lib: func(l *fakeLibrary) {
				entryOf(l)
				l.review = func(int64, int64, string) (*aduan.LibraryEntry, error) {
					var v aduan.Validation
					v.Add("review_due", "err.lib.review_past")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "an operator marks nothing reviewed", method: "POST", path: "/pustaka/42/review",
			form: url.Values{"version": {"4"}}, role: aduan.RoleOperatorCC, status: 403, want: refused}},
		{pageCase: pageCase{name: "a review the store fails is a 500 that tells nothing", method: "POST", path: "/pustaka/42/review",
			form: url.Values{"version": {"4"}}, role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.review = func(int64, int64, string) (*aduan.LibraryEntry, error) { return nil, failed("ReviewLibraryEntry(42)") }
			}},
	})
}

// TestLibraryFormHandlers checks writing and changing an entry with the
// library faked: a new entry blank or from an answered complaint, what
// the form sends the store, a bad field or the store's refusal beside
// its field with nothing saved, and who may write.
func TestLibraryFormHandlers(t *testing.T) {
	answered := func(c *aduan.Complaint) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.complaint = func(id int64) (*aduan.Complaint, error) {
				if id != 7 {
					t.Errorf("complaint %d", id)
				}
				return c, nil
			}
		}
	}
	withAnswer := func(conf aduan.Confidentiality, answer string) *aduan.Complaint {
		c := pageComplaint(aduan.StatusClosed)
		c.Confidentiality, c.Answer = conf, answer
		return c
	}
	typed := func() url.Values {
		return url.Values{"title": {"Lampu PJU padam"}, "questions": {"Lampu jalan mati\r\nPJU padam"}, "answer": {"Laporkan ke Dishub."},
			"agency_id": {"2"}, "category_ids": {"3"}, "review_due": {"2026-09-01"}}
	}
	with := func(v url.Values, k, val string) url.Values { v.Set(k, val); return v }
	current := func(l *fakeLibrary) {
		l.entry = func(id int64) (*aduan.LibraryEntry, error) {
			if id != 42 {
				t.Errorf("entry %d", id)
			}
			return libEntry(), nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /pustaka/new": w.LibraryNew, "POST /pustaka/new": w.LibraryCreate,
			"GET /pustaka/{ref}/edit": w.LibraryEdit, "POST /pustaka/{ref}/edit": w.LibrarySave}
	}
	runLibraryPages(t, routes, []libCase{
		// A new entry's form.
		{pageCase: pageCase{name: "the coordinator's blank form", method: "GET", path: "/pustaka/new", role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Entri baru", `action="/pustaka/new"`, `name="title" value=""`}, notWant: []string{`name="from"`, `name="active"`}}},
		{pageCase: pageCase{name: "a form from an answered complaint holds its text and answer, not its caller", method: "GET", path: "/pustaka/new?from=7",
			role: aduan.RoleKoordinatorCC, fake: answered(withAnswer(aduan.Public, "Sudah diperbaiki Dishub pada 3 Maret.")), status: 200,
			want: []string{"Diisi dari pengaduan ADU-2026-000007", `name="from" value="7"`, "Sudah diperbaiki Dishub pada 3 Maret.",
				"Lampu PJU mati di Jl. Kenari", `<option value="2" selected>`},
			notWant: personal}},
		{pageCase: pageCase{name: "a rahasia complaint makes no entry", method: "GET", path: "/pustaka/new?from=7", role: aduan.RoleKoordinatorCC,
			fake: answered(withAnswer(aduan.Confidential, "Sudah ditindak.")), status: 400,
			want: []string{"Pengaduan rahasia tidak dapat dijadikan entri folder jawaban."}, notWant: []string{"Sudah ditindak."}}},
		{pageCase: pageCase{name: "a complaint not yet answered makes no entry", method: "GET", path: "/pustaka/new?from=7", role: aduan.RoleKoordinatorCC,
			fake: answered(withAnswer(aduan.Public, "  ")), status: 409,
			want: []string{"Pengaduan ini belum punya jawaban untuk dijadikan entri folder jawaban."}}},
		{pageCase: pageCase{name: "a from that is not a number is a complaint not found", method: "GET", path: "/pustaka/new?from=ADU",
			role: aduan.RoleKoordinatorCC, status: 404, want: []string{"Pengaduan tidak ditemukan."}}},
		{pageCase: pageCase{name: "an operator writes no entry", method: "GET", path: "/pustaka/new?from=7", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a complaint the store fails to read is a 500 that tells nothing", method: "GET", path: "/pustaka/new?from=7",
			role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked,
			fake: func(f *fakeStores) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return nil, failed("Complaint(7)") }
			}}},

		// Saving a new entry.
		{pageCase: pageCase{name: "a new entry is saved as typed, each line a phrasing", method: "POST", path: "/pustaka/new", form: typed(),
			role: aduan.RoleKoordinatorCC, status: 303, check: locationIs("/pustaka/43?ok=web.ok.lib_saved")},
			lib: func(l *fakeLibrary) {
				l.create = func(e *aduan.LibraryEntry) error {
					if e.Title != "Lampu PJU padam" || !slices.Equal(e.Questions, []string{"Lampu jalan mati", "PJU padam"}) || e.AgencyID != 2 ||
						!slices.Equal(e.CategoryIDs, []int64{3}) || e.ReviewDue != "2026-09-01" || !e.Active {
						t.Errorf("created %+v", e)
					}
					e.ID = 43
					return nil
				}
			}},
		{pageCase: pageCase{name: "an entry from a complaint is made from it, so that the entry records it", method: "POST", path: "/pustaka/new",
			form: with(with(typed(), "from", "7"), "from_number", "ADU-2026-000007"), role: aduan.RoleKoordinatorCC, status: 303,
			check: locationIs("/pustaka/44?ok=web.ok.lib_saved")},
			lib: func(l *fakeLibrary) {
				l.fromC = func(id int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error) {
					if id != 7 || draft.Title != "Lampu PJU padam" {
						t.Errorf("made from %d: %+v", id, draft)
					}
					made := *draft
					made.ID = 44
					return &made, nil
				}
			}},
		{pageCase: pageCase{name: "an agency that is not a number comes back marked, as typed, with nothing saved", method: "POST", path: "/pustaka/new",
			form: with(typed(), "agency_id", "DISHUB"), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "Tidak ditemukan; pilih dari daftar.", `value="Lampu PJU padam"`,
				"Laporkan ke Dishub."}}},
		{pageCase: pageCase{name: "the store's refusal of a phrasing comes back beside the phrasings", method: "POST", path: "/pustaka/new",
			form: typed(), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{`<textarea name="questions" rows="4" aria-invalid="true">`, "Terlalu panjang (maksimum 500 karakter)."}},
			lib: func(l *fakeLibrary) {
				l.create = func(*aduan.LibraryEntry) error {
					var v aduan.Validation
					v.Add("questions[1]", "err.field.too_long", 500)
					return v.Err()
				}
			}},
		{pageCase: pageCase{name: "an operator saves no entry", method: "POST", path: "/pustaka/new", form: typed(), role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a save the store fails is a 500 that tells nothing", method: "POST", path: "/pustaka/new", form: typed(),
			role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.create = func(*aduan.LibraryEntry) error { return failed("CreateLibraryEntry()") }
			}},

		// Changing one.
		{pageCase: pageCase{name: "the edit form holds the entry at its version", method: "GET", path: "/pustaka/42/edit", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"JWB-0042 · Ubah", `action="/pustaka/42/edit"`, `name="version" value="4"`, `value="Lampu PJU padam"`,
				`name="active" value="1" checked`}},
			lib: current},
		{pageCase: pageCase{name: "an operator changes no entry", method: "GET", path: "/pustaka/42/edit", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "an entry that does not exist has no edit form", method: "GET", path: "/pustaka/43/edit", role: aduan.RoleKoordinatorCC,
			status: 404, want: []string{"Entri folder jawaban tidak ditemukan."}},
			lib: func(l *fakeLibrary) {
				l.entry = func(int64) (*aduan.LibraryEntry, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
				}
			}},
		{pageCase: pageCase{name: "a change is saved at the form's version; unticked, the entry is archived", method: "POST", path: "/pustaka/42/edit",
			form: with(typed(), "version", "3"), role: aduan.RoleKoordinatorCC, status: 303, check: locationIs("/pustaka/42?ok=web.ok.lib_saved")},
			lib: func(l *fakeLibrary) {
				current(l)
				l.update = func(e *aduan.LibraryEntry) error {
					if e.ID != 42 || e.Version != 3 || e.Active || e.Answer != "Laporkan ke Dishub." {
						t.Errorf("saved %+v", e)
					}
					return nil
				}
			}},
		{pageCase: pageCase{name: "a change made meanwhile refuses the form, which comes back as typed", method: "POST", path: "/pustaka/42/edit",
			form: with(with(typed(), "version", "3"), "answer", "Jawaban baru saya"), role: aduan.RoleKoordinatorCC, status: 409,
			want: []string{"Jawaban baru saya"}},
			lib: func(l *fakeLibrary) {
				current(l)
				l.update = func(*aduan.LibraryEntry) error { return aduan.Errorf(aduan.ECONFLICT, "err.conflict") }
			}},
		{pageCase: pageCase{name: "a category that is not a number comes back marked, with nothing saved", method: "POST", path: "/pustaka/42/edit",
			form: with(typed(), "category_ids", "x"), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{"Tidak ditemukan; pilih dari daftar.", `name="version" value="0"`}},
			lib: current},
		{pageCase: pageCase{name: "an operator saves no change and nothing is read", method: "POST", path: "/pustaka/42/edit", form: typed(),
			role: aduan.RoleOperatorCC, status: 403, want: refused}},
		{pageCase: pageCase{name: "a change the store fails is a 500 that tells nothing", method: "POST", path: "/pustaka/42/edit", form: typed(),
			role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				current(l)
				l.update = func(*aduan.LibraryEntry) error { return failed("UpdateLibraryEntry(42)") }
			}},
	})
}

// asUpload turns a case's url-encoded form into the multipart upload the
// import form sends: the field "file" becomes a file named by "filename".
func asUpload(h HandlerFunc) HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) error {
		if err := r.ParseForm(); err != nil {
			return err
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, vs := range r.PostForm {
			if k == "file" || k == "filename" {
				continue
			}
			for _, v := range vs {
				if err := mw.WriteField(k, v); err != nil {
					return err
				}
			}
		}
		if _, ok := r.PostForm["file"]; ok {
			fw, err := mw.CreateFormFile("file", r.PostForm.Get("filename"))
			if err != nil {
				return err
			}
			if _, err := io.WriteString(fw, r.PostForm.Get("file")); err != nil {
				return err
			}
		}
		if err := mw.Close(); err != nil {
			return err
		}
		up := r.Clone(r.Context())
		up.Body, up.ContentLength = io.NopCloser(&body), int64(body.Len())
		up.Header.Set("Content-Type", mw.FormDataContentType())
		up.Form, up.PostForm, up.MultipartForm = nil, nil, nil
		return h(rw, up)
	}
}

// TestLibraryFileHandlers checks the library's export and import with
// the library faked: the file as asked, every bad row named by its line
// with nothing imported, and who may do either.
func TestLibraryFileHandlers(t *testing.T) {
	rec := store.LibraryRecord{Entry: *libEntry(), AgencyCode: "DISHUB", CategoryCodes: []string{"PJU"}}
	var csvFile, jsonFile bytes.Buffer
	if err := search.WriteLibrary(&csvFile, search.FormatCSV, []store.LibraryRecord{rec}, pageNow); err != nil {
		t.Fatal(err)
	}
	if err := search.WriteLibrary(&jsonFile, search.FormatJSON, []store.LibraryRecord{rec}, pageNow); err != nil {
		t.Fatal(err)
	}
	upload := func(name, content string) url.Values {
		return url.Values{"format": {"auto"}, "filename": {name}, "file": {content}}
	}
	read := func(l *fakeLibrary) {
		l.load = func(recs []store.LibraryRecord) (store.ImportResult, error) {
			if len(recs) != 1 || recs[0].Entry.Title != "Lampu PJU padam" || recs[0].AgencyCode != "DISHUB" {
				t.Errorf("imported %+v", recs)
			}
			return store.ImportResult{Created: 1, Updated: 2, Unchanged: 3}, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /pustaka/export": w.LibraryExport, "GET /pustaka/import": w.LibraryImportPage,
			"POST /pustaka/import": asUpload(w.LibraryImport)}
	}
	runLibraryPages(t, routes, []libCase{
		// Export.
		{pageCase: pageCase{name: "an operator downloads the library as CSV", method: "GET", path: "/pustaka/export?format=csv",
			role: aduan.RoleOperatorCC, status: 200, want: []string{"Lampu PJU padam", "DISHUB"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if ct, cd := w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"); !strings.HasPrefix(ct, "text/csv") ||
					!strings.Contains(cd, "attachment") {
					t.Errorf("served as %q, %q", ct, cd)
				}
			}},
			lib: func(l *fakeLibrary) {
				l.export = func() ([]store.LibraryRecord, error) { return []store.LibraryRecord{rec}, nil }
			}},
		{pageCase: pageCase{name: "a format the import does not read is not found, and nothing is read", method: "GET", path: "/pustaka/export?format=xlsx",
			role: aduan.RoleOperatorCC, status: 404}},
		{pageCase: pageCase{name: "a kasi downloads nothing", method: "GET", path: "/pustaka/export?format=json", role: aduan.RoleKasiKabid,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "an export the store fails is a 500 that tells nothing", method: "GET", path: "/pustaka/export?format=json",
			role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.export = func() ([]store.LibraryRecord, error) { return nil, failed("ExportLibrary()") }
			}},

		// Import.
		{pageCase: pageCase{name: "the coordinator's import form", method: "GET", path: "/pustaka/import", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{`enctype="multipart/form-data"`, `name="file"`}}},
		{pageCase: pageCase{name: "an operator has no import form", method: "GET", path: "/pustaka/import", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a CSV file is read by its name and loaded, with what became of its rows", method: "POST", path: "/pustaka/import",
			form: upload("pustaka.csv", csvFile.String()), role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Impor selesai: 1 baru, 2 diubah, 3 tetap."}},
			lib: read},
		{pageCase: pageCase{name: "a JSON file is loaded the same", method: "POST", path: "/pustaka/import",
			form: upload("pustaka.json", jsonFile.String()), role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Impor selesai: 1 baru, 2 diubah, 3 tetap."}},
			lib: read},
		{pageCase: pageCase{name: "no file says to choose one and imports nothing", method: "POST", path: "/pustaka/import",
			form: url.Values{"format": {"csv"}}, role: aduan.RoleKoordinatorCC, status: 400, want: []string{"Pilih berkas yang akan diimpor."}}},
		{pageCase: pageCase{name: "a file that is not JSON says so and imports nothing", method: "POST", path: "/pustaka/import",
			form: upload("pustaka.json", "{bukan json"), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{"Berkas JSON tidak dapat dibaca"}}},
		{pageCase: pageCase{name: "a format it does not read says so", method: "POST", path: "/pustaka/import",
			form: setField(upload("pustaka.csv", csvFile.String()), "format", "xml"), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{"Format berkas harus json atau csv."}}},
		{pageCase: pageCase{name: "every bad row is named by its line and field, and nothing is imported", method: "POST", path: "/pustaka/import",
			form: upload("pustaka.csv", csvFile.String()), role: aduan.RoleKoordinatorCC, status: 400,
			want: []string{"Tidak ada yang diimpor. Perbaiki baris berikut lalu unggah lagi:", "Baris 2 · Judul: Wajib diisi.",
				"Baris 4 · Rumusan pertanyaan: Terlalu panjang (maksimum 500 karakter)."}},
			lib: func(l *fakeLibrary) {
				l.load = func([]store.LibraryRecord) (store.ImportResult, error) {
					var v aduan.Validation
					v.Add("rows[3].questions[2]", "err.field.too_long", 500)
					v.Add("rows[1].title", "err.field.required")
					return store.ImportResult{}, v.Err()
				}
			}},
		{pageCase: pageCase{name: "an operator imports nothing", method: "POST", path: "/pustaka/import", form: upload("pustaka.csv", csvFile.String()),
			role: aduan.RoleOperatorCC, status: 403, want: refused}},
		{pageCase: pageCase{name: "an import the store fails is a 500 that tells nothing", method: "POST", path: "/pustaka/import",
			form: upload("pustaka.csv", csvFile.String()), role: aduan.RoleKoordinatorCC, status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				l.load = func([]store.LibraryRecord) (store.ImportResult, error) {
					return store.ImportResult{}, failed("ImportLibrary()")
				}
			}},
	})
}

func setField(v url.Values, k, val string) url.Values { v.Set(k, val); return v }

// TestComplaintLibraryBoxHandler checks the library's box on a
// complaint's page with the library faked: the open complaints it may
// repeat and the answers for whoever may answer it, "make a library
// entry" once answered and never for a rahasia one, an empty box for
// those who may not read it.
func TestComplaintLibraryBoxHandler(t *testing.T) {
	inView := func(c *aduan.Complaint) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.inView = func(id int64, view string) (*aduan.Complaint, string, error) {
				if id != 7 || view != "r1" {
					t.Errorf("read %d in view %q", id, view)
				}
				return c, view, nil
			}
		}
	}
	other := pageComplaint(aduan.StatusRecorded)
	other.ID, other.Number, other.Text = 5, "ADU-2026-000005", "PJU Jl. Kenari padam sejak kemarin"
	similar := func(l *fakeLibrary) {
		l.similarOf = func(c *aduan.Complaint) ([]search.SimilarHit, error) {
			if c.ID != 7 {
				t.Errorf("similar of %d", c.ID)
			}
			return []search.SimilarHit{{Complaint: other, Score: 0.8, SameStreet: true, Street: "Jl. Kenari"}}, nil
		}
	}
	answers := func(l *fakeLibrary) {
		l.search = func(q search.Query) (*search.Results, error) {
			if q.Text != "Lampu PJU mati di Jl. Kenari" {
				t.Errorf("searched %+v", q)
			}
			return &search.Results{Library: []search.LibraryHit{{Entry: libEntry(), AnswerHTML: "Laporkan ke Dishub"}}}, nil
		}
	}
	closed := func(conf aduan.Confidentiality) *aduan.Complaint {
		c := pageComplaint(aduan.StatusClosed)
		c.Confidentiality, c.Answer = conf, "Sudah diperbaiki."
		return c
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /complaints/{id}/library": w.ComplaintLibraryBox}
	}
	runLibraryPages(t, routes, []libCase{
		{pageCase: pageCase{name: "an operator's recorded complaint shows what it may repeat, with the link, and the library's answers", method: "GET",
			path: "/complaints/7/library?view=r1", role: aduan.RoleOperatorCC, fake: inView(pageComplaint(aduan.StatusRecorded)), status: 200,
			want: []string{"Pengaduan terbuka yang mirip", "ADU-2026-000005", `name="duplicate_of" value="ADU-2026-000005"`, "Lampu PJU padam",
				`data-ref="JWB-0042"`, "Gunakan jawaban ini"},
			notWant: []string{`id="make-entry"`}},
			lib: func(l *fakeLibrary) { similar(l); answers(l) }},
		{pageCase: pageCase{name: "the coordinator may make an entry of an answered complaint, and no longer link it", method: "GET",
			path: "/complaints/7/library?view=r1", role: aduan.RoleKoordinatorCC, fake: inView(closed(aduan.Public)), status: 200,
			want: []string{`href="/pustaka/new?from=7"`}, notWant: []string{"Pengaduan terbuka yang mirip"}}},
		{pageCase: pageCase{name: "a rahasia complaint makes no entry", method: "GET", path: "/complaints/7/library?view=r1",
			role: aduan.RoleKoordinatorCC, fake: inView(closed(aduan.Confidential)), status: 200, notWant: []string{`id="make-entry"`}}},
		{pageCase: pageCase{name: "the agency reads no library and links nothing", method: "GET", path: "/complaints/7/library?view=r1",
			role: aduan.RoleOperatorPD, fake: inView(pageComplaint(aduan.StatusForwarded)), status: 200,
			notWant: []string{"Pengaduan terbuka yang mirip", "Lampu PJU padam", `id="make-entry"`}}},
		{pageCase: pageCase{name: "who may not read the complaint's content gets an empty box", method: "GET", path: "/complaints/7/library?view=r1",
			role: aduan.RoleKasiKabid, status: 200, notWant: append([]string{"ADU-2026-000007", "Lampu PJU"}, personal...),
			fake: func(f *fakeStores) {
				f.inView = func(int64, string) (*aduan.Complaint, string, error) {
					return nil, "", aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}}},
		{pageCase: pageCase{name: "a box whose search fails is a 500 that tells nothing", method: "GET", path: "/complaints/7/library?view=r1",
			role: aduan.RoleOperatorCC, fake: inView(pageComplaint(aduan.StatusRecorded)), status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				similar(l)
				l.search = func(search.Query) (*search.Results, error) { return nil, failed("Search()") }
			}},
		{pageCase: pageCase{name: "a complaint the store fails to read is a 500 that tells nothing", method: "GET", path: "/complaints/7/library",
			role: aduan.RoleOperatorCC, status: 500, want: internalWords, notWant: leaked,
			fake: func(f *fakeStores) {
				f.inView = func(int64, string) (*aduan.Complaint, string, error) { return nil, "", failed("ComplaintInView(7)") }
			}}},
	})
}

// TestDeskPanelHandler checks the desk's panel (GET /desk/search) over
// the library and the routing model faked: the answers, the suggested
// category and agency (an unsure one asks to pick by hand, a 0% one is
// left out), the open complaints the text may repeat, the plain search
// without a library, and a failure told in no detail.
func TestDeskPanelHandler(t *testing.T) {
	const path = "/desk/search?text=lampu+jalan+mati&kelurahan=32.76.01.1007&place=Jl.+Kenari"
	suggestion := func(manual bool, agencyConf float64) func(string, string) (routing.Suggestion, routing.Info, error) {
		return func(text, kel string) (routing.Suggestion, routing.Info, error) {
			if text != "lampu jalan mati" || kel != "32.76.01.1007" {
				t.Errorf("suggest %q %q", text, kel)
			}
			return routing.Suggestion{Manual: manual,
					Categories: []routing.Choice{{ID: 3, Name: "Lampu jalan", Confidence: 0.86}, {ID: 4, Name: "Jalan rusak", Confidence: 0.001}},
					Agencies:   []routing.Choice{{ID: 2, Name: "Dinas Perhubungan", Confidence: agencyConf}}},
				routing.Info{TrainedAt: pageNow, Examples: 1234}, nil
		}
	}
	other := pageComplaint(aduan.StatusForwarded)
	other.ID, other.Number = 5, "ADU-2026-000005"
	library := func(l *fakeLibrary) {
		l.search = func(q search.Query) (*search.Results, error) {
			if q.Text != "lampu jalan mati" || q.Limit != 5 {
				t.Errorf("searched %+v", q)
			}
			past := pageComplaint(aduan.StatusClosed)
			past.ID, past.Number, past.Answer = 3, "ADU-2025-000003", "Sudah diperbaiki Dishub."
			return &search.Results{Library: []search.LibraryHit{{Entry: libEntry(), AnswerHTML: "Laporkan ke Dishub",
				QuestionsHTML: []string{"<mark>Lampu</mark> <mark>jalan</mark> di depan rumah <mark>mati</mark>"}}},
				Complaints: []search.ComplaintHit{{Complaint: past, TextHTML: "<mark>Lampu</mark> PJU"}}}, nil
		}
		l.draft = func(text, place, kel string) ([]search.SimilarHit, error) {
			if text != "lampu jalan mati" || place != "Jl. Kenari" || kel != "32.76.01.1007" {
				t.Errorf("similar to %q %q %q", text, place, kel)
			}
			return []search.SimilarHit{{Complaint: other, Score: 0.7, SameKelurahan: true}}, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /desk/search": w.DeskSearch}
	}
	runLibraryPages(t, routes, []libCase{
		{pageCase: pageCase{name: "the panel shows the library's answers, the routing's choices and what the text may repeat", method: "GET", path: path,
			role: aduan.RoleOperatorCC, status: 200,
			want: []string{"Lampu PJU padam", `href="/pustaka/42"`, "<mark>Lampu</mark> <mark>jalan</mark>", "ADU-2025-000003",
				`data-confident="1"`, `data-use-category="3"`, `data-use-agency="2"`, "Dinas Perhubungan", "86%",
				"Mungkin sama dengan…", `value="ADU-2026-000005"`},
			notWant: []string{"Jalan rusak", "Saran kurang yakin", "<html"}},
			lib: library, router: suggestion(false, 0.7)},
		{pageCase: pageCase{name: "an unsure model asks to pick by hand", method: "GET", path: path, role: aduan.RoleOperatorCC, status: 200,
			want: []string{"Saran kurang yakin: pilih manual kategori dan instansinya."}, notWant: []string{`data-confident="1"`}},
			lib: library, router: suggestion(true, 0.2)},
		{pageCase: pageCase{name: "a model that knows no agency asks to pick by hand too", method: "GET", path: path, role: aduan.RoleOperatorCC,
			status: 200, want: []string{"Saran kurang yakin"}},
			lib: library,
			router: func(string, string) (routing.Suggestion, routing.Info, error) {
				return routing.Suggestion{Categories: []routing.Choice{{ID: 3, Name: "Lampu jalan", Confidence: 0.9}}}, routing.Info{}, nil
			}},
		{pageCase: pageCase{name: "without a library the panel searches past answers plainly and suggests no duplicate", method: "GET", path: path,
			role: aduan.RoleOperatorCC, status: 200, want: []string{"ADU-2025-000009", "Sudah diganti lampunya."}, notWant: []string{"Mungkin sama dengan…"},
			fake: func(f *fakeStores) {
				f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
					if fl.Query != "lampu" {
						t.Errorf("listed %+v", fl)
					}
					c := pageComplaint(aduan.StatusClosed)
					c.Number, c.Answer = "ADU-2025-000009", "Sudah diganti lampunya."
					return []*aduan.Complaint{c}, 0, nil
				}
			}},
			noLibrary: true, router: suggestion(false, 0.7)},
		{pageCase: pageCase{name: "two letters ask nothing", method: "GET", path: "/desk/search?text=la", role: aduan.RoleOperatorCC, status: 200,
			want: []string{`id="panel"`}, notWant: []string{`id="routing"`}}},
		{pageCase: pageCase{name: "a role that takes no calls asks nothing", method: "GET", path: path, role: aduan.RoleKasiKabid, status: 403}},
		{pageCase: pageCase{name: "a model that fails is a 500 that tells nothing", method: "GET", path: path, role: aduan.RoleOperatorCC,
			status: 500, want: internalWords, notWant: leaked},
			lib: library,
			router: func(string, string) (routing.Suggestion, routing.Info, error) {
				return routing.Suggestion{}, routing.Info{}, failed("Suggest()")
			}},
		{pageCase: pageCase{name: "a search that fails is a 500 that tells nothing", method: "GET", path: path, role: aduan.RoleOperatorCC,
			status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				library(l) // the duplicates are compared meanwhile
				l.search = func(search.Query) (*search.Results, error) { return nil, failed("Search()") }
			}},
		{pageCase: pageCase{name: "a duplicate search that fails is a 500 that tells nothing", method: "GET", path: path, role: aduan.RoleOperatorCC,
			status: 500, want: internalWords, notWant: leaked},
			lib: func(l *fakeLibrary) {
				library(l)
				l.draft = func(string, string, string) ([]search.SimilarHit, error) { return nil, failed("SimilarDraft()") }
			},
			router: suggestion(false, 0.7)},
	})
}
