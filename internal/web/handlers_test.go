package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// fakeStores is every store interface the covered pages consume, one
// function per method. The data methods left nil are those a case must
// not reach: calling one fails the case with the method's name (so "bad
// input records nothing" is checked by leaving CreateComplaint nil). What
// every page's frame reads has defaults: a fixed now, WIB, Kota Depok, no
// logo, no unread notifications, a small set of reference data, a
// limiter that lets everything pass.
type fakeStores struct {
	t         *testing.T
	complaint func(id int64) (*aduan.Complaint, error)
	byNumber  func(number string) (*aduan.Complaint, error)
	byPhone   func(phone string) (*aduan.Citizen, error)
	events    func(id int64) ([]aduan.Event, error)
	list      func(f aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error)
	urgency   func(f aduan.ComplaintFilter) ([]*aduan.Complaint, int, error)
	create    func(actor aduan.Actor, in aduan.NewComplaint) (*aduan.Complaint, error)
	stated    func(c *aduan.Complaint) (*store.StatedIdentity, error)
	track     func(number, last4 string) (*aduan.Complaint, []aduan.Event, error)
	useNonce  func(nonce string) (bool, error)
	hit       func(bucket string, limit int) (bool, time.Duration, error)
	logIn     func(username, password string) (*aduan.User, error)
	apply     func(actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error)
	checkDup  func(draft *aduan.Complaint, targetID int64, confirm bool) error
	addNote   func(id int64, in store.NoteInput) (*aduan.Event, error)
	edit      func(id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error)
	ref       func(ref string) (int64, error)
	inView    func(id int64, view string) (*aduan.Complaint, string, error)
	settle    func(id, version int64, adopt bool) (*aduan.Citizen, error)
	setPW     func(userID int64, old, password string) error
	tokens    func(userID int64) ([]aduan.APIToken, error)
	newToken  func(userID int64, name string) (string, *aduan.APIToken, error)
	revoke    func(id int64) error
	logOut    func() error
	audit     func(actor aduan.Actor, fl aduan.AuditFilter) ([]aduan.AuditEntry, error)
	update    func(u *aduan.User) error
	// refsDown, when set, is what reading the kecamatan answers (the
	// desk's reference data away).
	refsDown error

	started []int64 // the users whose session was started anew

	hits   []string // the limiter's buckets, in order
	source *store.ComplaintSource
	// keys are the forms' recorded answers by "owner key" (Keys): a case
	// puts one in to send a form again; a save writes one.
	keys map[string]*store.Idempotent
}

func (f *fakeStores) stores() Stores {
	return Stores{Clock: f, RefData: f, Complaints: f, Citizens: f, Public: f, Limiter: f, Unread: f, Sessions: f, Account: f, Audit: f, Keys: f,
		PreviewSMS: func(context.Context, *aduan.Complaint, aduan.Action, []string) (*jobs.Preview, error) {
			return nil, nil
		}}
}

func (f *fakeStores) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

var pageNow = time.Date(2026, 3, 2, 9, 0, 0, 0, aduan.WIB)

func (f *fakeStores) Now() time.Time                                   { return pageNow }
func (f *fakeStores) Zone(context.Context) (*time.Location, error)     { return aduan.WIB, nil }
func (f *fakeStores) LogoVersion(context.Context) (int64, bool, error) { return 0, false, nil }
func (f *fakeStores) UnreadNotifications(context.Context, aduan.Actor) (int, error) {
	return 0, nil
}

func (f *fakeStores) Settings(context.Context) (map[string]string, error) {
	return map[string]string{"city_name": "Kota Depok"}, nil
}

func (f *fakeStores) PublicSettings(context.Context) (map[string]string, error) {
	return map[string]string{"city_name": "Kota Depok", "call_center_phone": "112"}, nil
}

func (f *fakeStores) Agencies(context.Context) ([]aduan.Agency, error) {
	return []aduan.Agency{{ID: 2, Code: "DISHUB", Name: "Dinas Perhubungan"}}, nil
}

func (f *fakeStores) Agency(_ context.Context, id int64) (*aduan.Agency, error) {
	return &aduan.Agency{ID: id, Code: "DISHUB", Name: "Dinas Perhubungan"}, nil
}

func (f *fakeStores) Categories(context.Context) ([]aduan.Category, error) {
	return []aduan.Category{{ID: 3, Code: "PJU", Name: "Lampu jalan", DefaultAgencyID: 2}}, nil
}

func (f *fakeStores) Category(_ context.Context, id int64) (*aduan.Category, error) {
	return &aduan.Category{ID: id, Code: "PJU", Name: "Lampu jalan", DefaultAgencyID: 2}, nil
}

func (f *fakeStores) Kecamatans(context.Context) ([]aduan.Kecamatan, error) {
	if f.refsDown != nil {
		return nil, f.refsDown
	}
	return []aduan.Kecamatan{{Code: "32.76.01", Name: "Pancoran Mas"}}, nil
}

func (f *fakeStores) Kelurahans(context.Context, string) ([]aduan.Kelurahan, error) {
	return []aduan.Kelurahan{{Code: "32.76.01.1007", Name: "Depok", KecamatanCode: "32.76.01"}}, nil
}

func (f *fakeStores) Open311Services(context.Context) ([]store.Service, error) {
	return []store.Service{{Code: "PJU", Name: "Lampu jalan", CategoryID: 3}}, nil
}

func (f *fakeStores) PublicSecret(context.Context, string) ([]byte, error) {
	return []byte("rahasia-uji-formulir"), nil
}

func (f *fakeStores) Complaint(_ context.Context, _ aduan.Actor, id int64) (*aduan.Complaint, error) {
	if f.complaint == nil {
		f.unexpected("Complaint")
	}
	return f.complaint(id)
}

func (f *fakeStores) ComplaintByNumber(_ context.Context, _ aduan.Actor, number string) (*aduan.Complaint, error) {
	if f.byNumber == nil {
		f.unexpected("ComplaintByNumber")
	}
	return f.byNumber(number)
}

func (f *fakeStores) CitizenByPhone(_ context.Context, _ aduan.Actor, phone string) (*aduan.Citizen, error) {
	if f.byPhone == nil {
		f.unexpected("CitizenByPhone")
	}
	return f.byPhone(phone)
}

// StandardClock is the default Mutu Baku on a calendar without holidays.
func (f *fakeStores) StandardClock(context.Context) (*aduan.StandardClock, error) {
	return aduan.NewStandardClock(aduan.DefaultStandards(), aduan.NewCalendar(nil)), nil
}

func (f *fakeStores) Events(_ context.Context, _ aduan.Actor, id int64) ([]aduan.Event, error) {
	if f.events == nil {
		f.unexpected("Events")
	}
	return f.events(id)
}

func (f *fakeStores) ListComplaints(_ context.Context, _ aduan.Actor, fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
	if f.list == nil {
		f.unexpected("ListComplaints")
	}
	return f.list(fl)
}

func (f *fakeStores) ListComplaintsByUrgency(_ context.Context, _ aduan.Actor, fl aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
	if f.urgency == nil {
		f.unexpected("ListComplaintsByUrgency")
	}
	return f.urgency(fl)
}

// CreateComplaint runs the hooks as the store does, with no transaction:
// the form's hook only passes it on to the fake's methods.
func (f *fakeStores) CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...store.TxHook) (*aduan.Complaint, error) {
	if f.create == nil {
		f.unexpected("CreateComplaint")
	}
	c, err := f.create(actor, in)
	if err != nil {
		return nil, err
	}
	for _, h := range within {
		if err := h(ctx, nil, c, nil); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (f *fakeStores) CheckDuplicateDraft(_ context.Context, _ aduan.Actor, draft *aduan.Complaint, targetID int64, confirm bool) error {
	if f.checkDup == nil {
		f.unexpected("CheckDuplicateDraft")
	}
	return f.checkDup(draft, targetID, confirm)
}

// ApplyAction runs the hooks as the store does after the step, with no
// transaction.
func (f *fakeStores) ApplyAction(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, within ...store.TxHook) (*aduan.Complaint, *aduan.Event, error) {
	if f.apply == nil {
		f.unexpected("ApplyAction")
	}
	c, ev, err := f.apply(actor, id, version, act, in)
	if err != nil {
		return nil, nil, err
	}
	for _, h := range within {
		if err := h(ctx, nil, c, ev); err != nil {
			return nil, nil, err
		}
	}
	return c, ev, nil
}

func (f *fakeStores) AddNote(ctx context.Context, _ aduan.Actor, id int64, in store.NoteInput, within ...store.TxHook) (*aduan.Event, error) {
	if f.addNote == nil {
		f.unexpected("AddNote")
	}
	ev, err := f.addNote(id, in)
	if err != nil {
		return nil, err
	}
	for _, h := range within {
		if err := h(ctx, nil, &aduan.Complaint{ID: id}, ev); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

func (f *fakeStores) Start(_ http.ResponseWriter, _ context.Context, id int64) error {
	f.started = append(f.started, id)
	return nil
}

func (f *fakeStores) LogOut(http.ResponseWriter, *http.Request) error {
	if f.logOut == nil {
		f.unexpected("LogOut")
	}
	return f.logOut()
}

func (f *fakeStores) SetPassword(_ context.Context, _ aduan.Actor, userID int64, old, password string, _ store.Credential) error {
	if f.setPW == nil {
		f.unexpected("SetPassword")
	}
	return f.setPW(userID, old, password)
}

func (f *fakeStores) UpdateUser(_ context.Context, _ aduan.Actor, u *aduan.User) error {
	if f.update == nil {
		f.unexpected("UpdateUser")
	}
	return f.update(u)
}

// Tokens are none unless the case gives some.
func (f *fakeStores) Tokens(_ context.Context, _ aduan.Actor, userID int64) ([]aduan.APIToken, error) {
	if f.tokens == nil {
		return nil, nil
	}
	return f.tokens(userID)
}

func (f *fakeStores) CreateToken(_ context.Context, _ aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error) {
	if f.newToken == nil {
		f.unexpected("CreateToken")
	}
	return f.newToken(userID, name)
}

func (f *fakeStores) RevokeToken(_ context.Context, _ aduan.Actor, id int64) error {
	if f.revoke == nil {
		f.unexpected("RevokeToken")
	}
	return f.revoke(id)
}

// Audit refuses, as the store does, the roles that may not read the log.
func (f *fakeStores) Audit(_ context.Context, actor aduan.Actor, fl aduan.AuditFilter) ([]aduan.AuditEntry, error) {
	if err := actor.Require(aduan.PermAuditRead); err != nil {
		return nil, err
	}
	if f.audit == nil {
		f.unexpected("Audit")
	}
	return f.audit(actor, fl)
}

func (f *fakeStores) AuditActions(context.Context, aduan.Actor) ([]string, error) {
	return []string{"complaint.forward", "user.update"}, nil
}

func (f *fakeStores) ComplaintNumbers(_ context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range ids {
		out[id] = fmt.Sprintf("ADU-2026-%06d", id)
	}
	return out, nil
}

func (f *fakeStores) Users(context.Context, aduan.Actor) ([]aduan.User, error) {
	return []aduan.User{{ID: 4, Name: "Siti Operator", Role: aduan.RoleOperatorCC}}, nil
}

func (f *fakeStores) EditComplaint(_ context.Context, _ aduan.Actor, id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error) {
	if f.edit == nil {
		f.unexpected("EditComplaint")
	}
	return f.edit(id, version, p)
}

func (f *fakeStores) ComplaintRef(_ context.Context, _ aduan.Actor, ref string) (int64, error) {
	if f.ref == nil {
		f.unexpected("ComplaintRef")
	}
	return f.ref(ref)
}

func (f *fakeStores) ComplaintInView(_ context.Context, _ aduan.Actor, id int64, view string) (*aduan.Complaint, string, error) {
	if f.inView == nil {
		f.unexpected("ComplaintInView")
	}
	return f.inView(id, view)
}

func (f *fakeStores) SettleStatedIdentity(_ context.Context, _ aduan.Actor, id, version int64, adopt bool) (*aduan.Citizen, error) {
	if f.settle == nil {
		f.unexpected("SettleStatedIdentity")
	}
	return f.settle(id, version, adopt)
}

func (f *fakeStores) IdempotentResult(_ context.Context, owner, key string) (*store.Idempotent, error) {
	if r := f.keys[owner+" "+key]; r != nil {
		return r, nil
	}
	return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
}

func (f *fakeStores) SaveIdempotent(_ context.Context, _ *sql.Tx, r *store.Idempotent) error {
	if f.keys == nil {
		f.keys = map[string]*store.Idempotent{}
	}
	saved := *r
	f.keys[r.Owner+" "+r.Key] = &saved
	return nil
}

func (f *fakeStores) StatedIdentity(_ context.Context, _ aduan.Actor, c *aduan.Complaint) (*store.StatedIdentity, error) {
	if f.stated == nil {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return f.stated(c)
}

func (f *fakeStores) TrackComplaint(_ context.Context, number, last4 string) (*aduan.Complaint, []aduan.Event, error) {
	if f.track == nil {
		f.unexpected("TrackComplaint")
	}
	return f.track(number, last4)
}

func (f *fakeStores) UseNonce(_ context.Context, nonce string) (bool, error) {
	if f.useNonce == nil {
		f.unexpected("UseNonce")
	}
	return f.useNonce(nonce)
}

func (f *fakeStores) InsertComplaintSource(_ context.Context, _ *sql.Tx, src *store.ComplaintSource) error {
	f.source = src
	return nil
}

func (f *fakeStores) Hit(_ context.Context, bucket string, _ time.Duration, limit int) (bool, time.Duration, error) {
	f.hits = append(f.hits, bucket)
	if f.hit != nil {
		return f.hit(bucket, limit)
	}
	return true, 0, nil
}

func (f *fakeStores) Peek(context.Context, string, time.Duration) (int, error) { return 0, nil }

func (f *fakeStores) LogIn(_ http.ResponseWriter, _ *http.Request, username, password string) (*aduan.User, error) {
	if f.logIn == nil {
		f.unexpected("LogIn")
	}
	return f.logIn(username, password)
}

// caller is the complaints' citizen: none of it may show where the role
// or the public may not see it.
func caller() *aduan.Citizen {
	return &aduan.Citizen{ID: 9, Name: "Ratna Dewi", Phone: "+6281234567890", Email: "ratna@contoh.id", Address: "Jl. Melati 12"}
}

func pageComplaint(st aduan.Status) *aduan.Complaint {
	return &aduan.Complaint{ID: 7, Number: "ADU-2026-000007", Channel: aduan.ChannelPhone, Text: "Lampu PJU mati di Jl. Kenari",
		Status: st, Confidentiality: aduan.Public, CategoryID: 3, CategoryName: "Lampu jalan", AgencyID: 2, AgencyName: "Dinas Perhubungan",
		KelurahanCode: "32.76.01.1007", KelurahanName: "Depok", ReceivedAt: pageNow, CreatedAt: pageNow, UpdatedAt: pageNow, Version: 3,
		CitizenID: 9, Citizen: caller()}
}

// personal is what of caller() must not show where identity is hidden.
var personal = []string{"Ratna", "81234567890", "ratna@contoh.id", "Melati"}

type pageCase struct {
	name, method, path string
	form               url.Values
	role               aduan.Role // no user when empty
	fake               func(f *fakeStores)
	setup              func(w *Web) // what else the console is given
	status             int
	want, notWant      []string
	check              func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder)
}

// runPages serves each case through the console's error adapter (Handle),
// as the server does, with the user the case names already in the
// request (the server's Auth, which reads the session, is not under test).
func runPages(t *testing.T, routes func(w *Web, p *Public) map[string]HandlerFunc, cases []pageCase) {
	t.Helper()
	// The templates are parsed once for all the cases, as a running
	// console parses them once.
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeStores{t: t}
			tc.fake(f)
			w := &Web{Stores: f.stores(), Log: slog.New(slog.DiscardHandler)}
			w.once.Do(func() { w.pages = pages })
			if tc.setup != nil {
				tc.setup(w)
			}
			p := &Public{Web: w}
			mux := http.NewServeMux()
			for pattern, h := range routes(w, p) {
				mux.Handle(pattern, w.Handle(h))
			}
			var body *strings.Reader
			if tc.form != nil {
				body = strings.NewReader(tc.form.Encode())
			} else {
				body = strings.NewReader("")
			}
			r := httptest.NewRequest(tc.method, tc.path, body)
			if tc.form != nil {
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			r.RemoteAddr = "203.0.113.7:40000"
			if tc.role != "" {
				r = r.WithContext(withTestUser(r.Context(), tc.role))
			}
			rw := httptest.NewRecorder()
			mux.ServeHTTP(rw, r)
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
			if tc.check != nil {
				tc.check(t, f, rw)
			}
		})
	}
}

// withTestUser is ctx with user 5 of role (of agency 2 when the role is
// bound to one), as the server's Auth leaves it.
func withTestUser(ctx context.Context, role aduan.Role) context.Context {
	u := &aduan.User{ID: 5, Name: "Petugas Uji", Username: "petugas", Role: role, Active: true}
	if role.AgencyBound() {
		u.AgencyID = 2
	}
	return reqctx.WithUser(ctx, u)
}

// TestPublicPageHandlers checks the citizens' tracking page and complaint
// form with the stores replaced by fakes: what the citizen reads, in
// Indonesian, and that bad input records nothing.
func TestPublicPageHandlers(t *testing.T) {
	// A form token this console signed a minute before now, as the form
	// page would have handed out.
	tokenAt := func(issued time.Time) string {
		f := &fakeStores{t: t}
		p := &Public{Web: &Web{Stores: f.stores()}}
		tok, err := p.newTokenAt(context.Background(), issued)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	good := func() url.Values {
		return url.Values{"token": {tokenAt(pageNow.Add(-time.Minute))}, "text": {"Lampu jalan mati sejak Senin"}, "place": {"Jl. Kenari 3"},
			"kelurahan": {"32.76.01.1007"}, "name": {"Ratna"}, "phone": {"081234567890"}, "consent": {"1"}, "category": {"PJU"}}
	}
	without := func(v url.Values, keys ...string) url.Values {
		for _, k := range keys {
			v.Del(k)
		}
		return v
	}
	with := func(v url.Values, k, val string) url.Values { v.Set(k, val); return v }
	routes := func(w *Web, p *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /lacak": p.TrackPage, "POST /lacak": p.Track, "GET /lapor": p.ReportPage, "POST /lapor": p.Report,
			"GET /lapor/terkirim": p.ReportSent}
	}
	runPages(t, routes, []pageCase{
		// Tracking.
		{name: "the tracking form writes a bare number as the store keeps it", method: "GET", path: "/lacak?nomor=7", fake: func(*fakeStores) {},
			status: 200, want: []string{`value="ADU-2026-000007"`, "Kota Depok"}},
		{name: "tracking with bad input says what to type and looks nothing up", method: "POST", path: "/lacak",
			form: url.Values{"nomor": {"abc"}, "hp4": {"12"}}, fake: func(*fakeStores) {},
			status: 400, want: []string{"Isi nomor pengaduan (contoh ADU-2026-000123) dan 4 angka terakhir nomor HP."}},
		{name: "tracking a number with the wrong digits counts a failed guess on the number", method: "POST", path: "/lacak",
			form: url.Values{"nomor": {"ADU-2026-000007"}, "hp4": {"1111"}},
			fake: func(f *fakeStores) {
				f.track = func(n, last4 string) (*aduan.Complaint, []aduan.Event, error) {
					if n != "ADU-2026-000007" || last4 != "1111" {
						t.Errorf("tracked %s %s", n, last4)
					}
					return nil, nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 404, want: []string{"Tidak ada pengaduan dengan nomor dan 4 angka HP itu."},
			check: func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
				if strings.Join(f.hits, " ") != "track-ip:203.0.113.7 track-number:ADU-2026-000007" {
					t.Errorf("limiter buckets %v", f.hits)
				}
			}},
		{name: "a tracked complaint shows its progress and nothing of its caller", method: "POST", path: "/lacak",
			form: url.Values{"nomor": {"ADU-2026-000007"}, "hp4": {"4321"}},
			fake: func(f *fakeStores) {
				f.track = func(string, string) (*aduan.Complaint, []aduan.Event, error) {
					c := pageComplaint(aduan.StatusForwarded)
					c.Text = "Lampu mati depan rumah Ratna Dewi, HP 0812-3456-7890"
					return c, []aduan.Event{{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: pageNow, ActorName: "Siti Operator"},
						{ID: 2, ComplaintID: 7, Action: aduan.ActionNote, From: aduan.StatusRecorded, To: aduan.StatusRecorded, At: pageNow, ActorName: "Siti Operator",
							Details: map[string]string{"note": "Warga menelepon lagi, marah"}},
						{ID: 3, ComplaintID: 7, Action: aduan.ActionForward, From: aduan.StatusRecorded, To: aduan.StatusForwarded, At: pageNow, ActorName: "Siti Operator"}}, nil
				}
			},
			status: 200, want: []string{"ADU-2026-000007", "Diteruskan ke Perangkat Daerah", "Pengaduan Anda kami terima dan catat", `name="hp4" value=""`},
			notWant: append([]string{"4321", "Siti Operator", "marah"}, personal...),
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				// The two public steps, not the call center's note.
				if n := strings.Count(w.Body.String(), `<span class="when">`); n != 2 {
					t.Errorf("%d steps shown, want 2", n)
				}
			}},
		{name: "tracking over the address's limit is a 429 that says when to try again", method: "POST", path: "/lacak",
			form: url.Values{"nomor": {"ADU-2026-000007"}, "hp4": {"4321"}},
			fake: func(f *fakeStores) {
				f.hit = func(string, int) (bool, time.Duration, error) { return false, 9 * time.Minute, nil }
			},
			status: 429, want: []string{"Terlalu banyak percobaan. Demi keamanan, coba lagi dalam 10 menit."}, notWant: []string{"4321"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if w.Header().Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
			}},

		// The complaint form.
		{name: "the form page", method: "GET", path: "/lapor", fake: func(*fakeStores) {},
			status: 200, want: []string{`name="token"`, "Lampu jalan", "Pancoran Mas"}},
		{name: "a form without its text, phone or consent names each field in Indonesian and records nothing", method: "POST", path: "/lapor",
			form: without(good(), "text", "phone", "consent"), fake: func(*fakeStores) {},
			status: 400, want: []string{"Wajib diisi.", "Nomor HP diperlukan untuk menyampaikan jawaban", "Persetujuan diperlukan agar pengaduan dapat ditangani.",
				"Jl. Kenari 3"}},
		{name: "an unknown category is named, nothing recorded", method: "POST", path: "/lapor",
			form: with(good(), "category", "NOPE"), fake: func(*fakeStores) {}, status: 400, want: []string{"Tidak ditemukan; pilih dari daftar."}},
		{name: "a form filled faster than a person could is refused, nothing recorded", method: "POST", path: "/lapor",
			form: with(good(), "token", tokenAt(pageNow)), fake: func(*fakeStores) {},
			status: 400, want: []string{"Formulir terkirim terlalu cepat.", "Lampu jalan mati sejak Senin"}},
		{name: "a robot's form (the hidden field filled) records nothing", method: "POST", path: "/lapor",
			form: with(good(), "website", "http://spam.example"), fake: func(*fakeStores) {},
			status: 400, want: []string{"Pengaduan tidak dapat dikirim."}},
		{name: "forms over the address's limit are a 429 naming the call center", method: "POST", path: "/lapor", form: good(),
			fake: func(f *fakeStores) {
				f.hit = func(bucket string, limit int) (bool, time.Duration, error) {
					if bucket != "report-ip:203.0.113.7" || limit != 10 {
						t.Errorf("hit %s %d", bucket, limit)
					}
					return false, 20 * time.Minute, nil
				}
			},
			status: 429, want: []string{"Terlalu banyak pengaduan dikirim dari jaringan ini", "Call Center 112"}},
		{name: "a form sent twice is refused the second time", method: "POST", path: "/lapor", form: good(),
			fake:   func(f *fakeStores) { f.useNonce = func(string) (bool, error) { return false, nil } },
			status: 400, want: []string{"Formulir ini sudah pernah dikirim."}},
		{name: "a good form is filed on the web channel and sent on to its number", method: "POST", path: "/lapor", form: good(),
			fake: func(f *fakeStores) {
				f.useNonce = func(string) (bool, error) { return true, nil }
				f.create = func(actor aduan.Actor, in aduan.NewComplaint) (*aduan.Complaint, error) {
					if actor.Name != "web-publik" || in.Channel != aduan.ChannelWeb || in.CategoryID != 3 || in.Citizen.Phone != "081234567890" {
						t.Errorf("filed as %s: %+v", actor.Name, in)
					}
					return &aduan.Complaint{ID: 12, Number: "ADU-2026-000012"}, nil
				}
			},
			status: 303,
			check: func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/lapor/terkirim?nomor=ADU-2026-000012" {
					t.Errorf("sent to %q", loc)
				}
				if f.source == nil || f.source.ComplaintID != 12 || f.source.ClientIP != "203.0.113.7" {
					t.Errorf("source %+v", f.source)
				}
			}},
		{name: "a phone the domain refuses is named on the form's own field", method: "POST", path: "/lapor", form: with(good(), "phone", "12"),
			fake: func(f *fakeStores) {
				f.useNonce = func(string) (bool, error) { return true, nil }
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
					var v aduan.Validation
					v.Add("citizen.phone", "err.field.phone")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{`<p class="field-error" role="alert">Nomor HP tidak valid. Contoh: 0812-3456-7890.</p>`}},
		{name: "a form sent while the database is away comes back with what was typed", method: "POST", path: "/lapor", form: good(),
			fake: func(f *fakeStores) {
				f.useNonce = func(string) (bool, error) { return false, aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable") }
			},
			status: 503, want: []string{"Lampu jalan mati sejak Senin"}},

		// The page after sending.
		{name: "the sent page gives the number and the day an answer is due", method: "GET", path: "/lapor/terkirim?nomor=adu-2026-000012",
			fake: func(f *fakeStores) {
				f.byNumber = func(n string) (*aduan.Complaint, error) {
					if n != "ADU-2026-000012" {
						t.Errorf("looked up %q", n)
					}
					return &aduan.Complaint{ID: 12, Number: n, Status: aduan.StatusRecorded, ReceivedAt: pageNow, CategoryID: 3}, nil
				}
			},
			status: 200, want: []string{`<p class="number" id="number">ADU-2026-000012</p>`, `id="answer-by"`, "2026"}},
		{name: "a sent page for a number not (yet) found promises no day", method: "GET", path: "/lapor/terkirim?nomor=ADU-2026-000013",
			fake: func(f *fakeStores) {
				f.byNumber = func(string) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 200, want: []string{"ADU-2026-000013"}, notWant: []string{`id="answer-by"`}},
		{name: "a sent page for what is not a number is a 404 in Indonesian", method: "GET", path: "/lapor/terkirim?nomor=%3Cscript%3E",
			fake: func(*fakeStores) {}, status: 404, want: []string{"Pengaduan tidak ditemukan."}, notWant: []string{"<script>"}},
	})
}

// TestConsolePageHandlers checks the console's most used pages with the
// stores replaced by fakes: the queue, the complaint page (its actions by
// state and role, the caller's details only for roles that see them), the
// desk's search panel, and log-in.
func TestConsolePageHandlers(t *testing.T) {
	one := func(c *aduan.Complaint) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.complaint = func(id int64) (*aduan.Complaint, error) {
				if id != 7 {
					t.Errorf("complaint %d", id)
				}
				return c, nil
			}
			f.events = func(int64) ([]aduan.Event, error) {
				return []aduan.Event{{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: pageNow, ActorName: "Siti"}}, nil
			}
			f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
				if fl.DuplicateOf != 7 {
					t.Errorf("listed %+v", fl)
				}
				return nil, 0, nil
			}
		}
	}
	anonymous := pageComplaint(aduan.StatusForwarded)
	anonymous.Confidentiality = aduan.Anonymous
	confidential := pageComplaint(aduan.StatusRecorded)
	confidential.Confidentiality, confidential.Text = aduan.Confidential, "Pungutan liar di kantor kelurahan"
	queueOf := func(list ...*aduan.Complaint) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.urgency = func(aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) { return list, 0, nil }
		}
	}
	searchHits := func(w *Web) {
		w.Search = func(_ context.Context, _ aduan.Actor, text string) ([]Hit, error) {
			if text != "lampu jalan mati" {
				t.Errorf("searched %q", text)
			}
			return []Hit{{Title: "Lampu PJU padam", Text: "Laporkan ke Dishub; perbaikan 3 hari kerja.", Source: string(aduan.SourceLibrary), Ref: "lib:4", Href: "/pustaka/4"}}, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /queue": w.Queue, "GET /complaints/{id}": w.Complaint, "GET /desk/search": w.DeskSearch,
			"POST /login": w.Login,
			"GET /login":  w.LoginPage, "GET /pd": w.Inbox, "GET /queue/next": w.QueueNext, "GET /desk/call": w.DeskCall}
	}
	runPages(t, routes, []pageCase{
		// The queue.
		{name: "the call center's queue lists the open complaints by urgency", method: "GET", path: "/queue", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.urgency = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
					if fl.Open == nil || !*fl.Open {
						t.Errorf("the call center's queue is not of the open complaints: %+v", fl)
					}
					return []*aduan.Complaint{pageComplaint(aduan.StatusRecorded)}, 0, nil
				}
			},
			status: 200, want: []string{"ADU-2026-000007", "Lampu PJU mati di Jl. Kenari", "Tercatat"}},
		{name: "a kasi sees the queue without the callers", method: "GET", path: "/queue", role: aduan.RoleKasiKabid,
			fake:   queueOf(pageComplaint(aduan.StatusRecorded)),
			status: 200, want: []string{"ADU-2026-000007"}, notWant: personal},
		{name: "a kasi does not read a rahasia complaint's text in the queue", method: "GET", path: "/queue", role: aduan.RoleKasiKabid,
			fake:   queueOf(confidential),
			status: 200, want: []string{"ADU-2026-000007"}, notWant: append([]string{"Pungutan liar"}, personal...)},
		{name: "the admin has no queue, and nothing is listed", method: "GET", path: "/queue", role: aduan.RoleAdmin, fake: func(*fakeStores) {},
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}},
		{name: "a queue the store fails to read is a 500 that tells nothing", method: "GET", path: "/queue", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.urgency = func(aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
					return nil, 0, errors.New("ListComplaintsByUrgency(): database is locked")
				}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: []string{"database is locked", "ListComplaintsByUrgency"}},

		{name: "the next complaint to take is the first by urgency", method: "GET", path: "/queue/next", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.urgency = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
					if fl.Limit != 1 || fl.Open == nil || !*fl.Open {
						t.Errorf("filter %+v", fl)
					}
					return []*aduan.Complaint{pageComplaint(aduan.StatusRecorded)}, 0, nil
				}
			},
			status: 303,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/complaints/7" {
					t.Errorf("sent to %q", loc)
				}
			}},
		{name: "an empty queue says so on the queue", method: "GET", path: "/queue/next", role: aduan.RoleOperatorCC, fake: queueOf(),
			status: 303,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/queue?ok=web.ok.queue_empty" {
					t.Errorf("sent to %q", loc)
				}
			}},
		{name: "the admin takes no next complaint", method: "GET", path: "/queue/next", role: aduan.RoleAdmin, fake: func(*fakeStores) {},
			status: 403},

		// The agency's inbox.
		{name: "the agency's inbox lists what waits for it and what it did", method: "GET", path: "/pd", role: aduan.RoleOperatorPD,
			fake: func(f *fakeStores) {
				f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
					if slices.Contains(fl.Statuses, aduan.StatusForwarded) {
						return []*aduan.Complaint{pageComplaint(aduan.StatusForwarded)}, 0, nil
					}
					done := pageComplaint(aduan.StatusClosed)
					done.ID, done.Number = 5, "ADU-2026-000005"
					return []*aduan.Complaint{done}, 0, nil
				}
			},
			status: 200, want: []string{"ADU-2026-000007", "ADU-2026-000005", "Dinas Perhubungan"}},
		{name: "the call center has no inbox: it goes to the queue", method: "GET", path: "/pd", role: aduan.RoleOperatorCC, fake: func(*fakeStores) {},
			status: 303,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/queue" {
					t.Errorf("sent to %q", loc)
				}
			}},

		// The desk's incoming-call banner.
		{name: "a known caller's banner names them and their open complaints", method: "GET", path: "/desk/call?phone=%2B6281234567890",
			role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.byPhone = func(p string) (*aduan.Citizen, error) {
					if p != "+6281234567890" {
						t.Errorf("looked up %q", p)
					}
					return caller(), nil
				}
				f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
					if fl.CitizenID != 9 || fl.Open == nil || !*fl.Open {
						t.Errorf("filter %+v", fl)
					}
					return []*aduan.Complaint{pageComplaint(aduan.StatusRecorded)}, 0, nil
				}
			},
			status: 200, want: []string{"Panggilan masuk dari Ratna Dewi", "1 pengaduan masih berjalan:", "ADU-2026-000007"}},
		{name: "a new caller's banner says so", method: "GET", path: "/desk/call?phone=%2B6281299990000", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 200, want: []string{"Panggilan masuk dari penelepon baru"}},
		{name: "a role that takes no calls gets no banner", method: "GET", path: "/desk/call?phone=%2B6281234567890", role: aduan.RoleKasiKabid,
			fake: func(*fakeStores) {}, status: 403, notWant: personal},

		// The complaint page.
		{name: "an operator's recorded complaint offers the call center's steps and shows the caller", method: "GET", path: "/complaints/7",
			role: aduan.RoleOperatorCC, fake: one(pageComplaint(aduan.StatusRecorded)),
			status: 200, want: []string{"ADU-2026-000007", "Ratna Dewi", "Teruskan ke PD", "Jawab langsung"}, notWant: []string{"Terima pengaduan"}},
		{name: "the agency's forwarded complaint offers the agency's steps, not the call center's", method: "GET", path: "/complaints/7",
			role: aduan.RoleOperatorPD, fake: one(pageComplaint(aduan.StatusForwarded)),
			status: 200, want: []string{"Terima pengaduan"}, notWant: []string{"Teruskan ke PD", "Jawab langsung"}},
		{name: "an anonim complaint's caller is not shown to the agency", method: "GET", path: "/complaints/7",
			role: aduan.RoleOperatorPD, fake: one(anonymous),
			status: 200, want: []string{"ADU-2026-000007", "Lampu PJU mati"}, notWant: personal},
		{name: "a kasi reads a complaint without its caller and with no step to take", method: "GET", path: "/complaints/7",
			role: aduan.RoleKasiKabid, fake: one(pageComplaint(aduan.StatusRecorded)),
			status: 200, want: []string{"ADU-2026-000007"}, notWant: append([]string{"Teruskan ke PD", "Jawab langsung"}, personal...)},
		{name: "a complaint that does not exist is a 404 in Indonesian", method: "GET", path: "/complaints/8", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.complaint = func(int64) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 404, want: []string{"Pengaduan tidak ditemukan."}},
		{name: "a complaint the store fails to read is a 500 that tells nothing", method: "GET", path: "/complaints/7", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.complaint = func(int64) (*aduan.Complaint, error) { return nil, errors.New("Complaint(7): disk I/O error") }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: []string{"disk I/O", "Complaint(7)"}},

		// The desk's search panel.
		{name: "the desk's panel shows the library's answers for the text typed", method: "GET", path: "/desk/search?text=lampu+jalan+mati",
			role: aduan.RoleOperatorCC, fake: func(*fakeStores) {}, setup: searchHits,
			status: 200, want: []string{"Lampu PJU padam", "Laporkan ke Dishub", `href="/pustaka/4"`}, notWant: []string{"<html", "<!doctype"}},
		{name: "two letters search nothing", method: "GET", path: "/desk/search?text=la", role: aduan.RoleOperatorCC, fake: func(*fakeStores) {},
			setup: func(w *Web) {
				w.Search = func(context.Context, aduan.Actor, string) ([]Hit, error) {
					t.Error("searched two letters")
					return nil, nil
				}
			},
			status: 200, notWant: []string{"Lampu PJU padam"}},
		{name: "a role that takes no calls has no desk panel", method: "GET", path: "/desk/search?text=lampu+jalan+mati", role: aduan.RoleKasiKabid,
			fake: func(*fakeStores) {}, setup: searchHits, status: 403, notWant: []string{"Lampu PJU padam"}},

		// Log-in.
		{name: "the log-in form keeps where the user was headed and says the session ended", method: "GET", path: "/login?next=%2Fqueue&expired=1",
			fake: func(*fakeStores) {}, status: 200, want: []string{`name="next" value="/queue"`, `name="password"`, "Sesi Anda telah berakhir. Silakan masuk kembali."}},
		{name: "a wrong password says so in Indonesian and keeps the name, not the password", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {"kata-sandi-salah"}},
			fake: func(f *fakeStores) {
				f.logIn = func(u, pw string) (*aduan.User, error) {
					if u != "siti" || pw != "kata-sandi-salah" {
						t.Errorf("logged in %q %q", u, pw)
					}
					return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.login_failed")
				}
			},
			status: 401, want: []string{"Nama pengguna atau kata sandi salah.", `value="siti"`}, notWant: []string{"kata-sandi-salah"}},
		{name: "too many failures say when to try again", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {"x"}},
			fake: func(f *fakeStores) {
				f.logIn = func(string, string) (*aduan.User, error) {
					return nil, aduan.Errorf(aduan.ERATELIMIT, "err.login_wait", 30)
				}
			},
			status: 429, want: []string{"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 30 detik."}},
		{name: "a good log-in goes where the user was headed, on this site only", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {"benar"}, "next": {"/queue?status=open"}},
			fake: func(f *fakeStores) {
				f.logIn = func(string, string) (*aduan.User, error) { return &aduan.User{ID: 5, Role: aduan.RoleOperatorCC}, nil }
			},
			status: 303,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/queue?status=open" {
					t.Errorf("sent to %q", loc)
				}
			}},
		{name: "a log-in headed elsewhere stays on this site", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {"benar"}, "next": {"https://evil.example/"}},
			fake: func(f *fakeStores) {
				f.logIn = func(string, string) (*aduan.User, error) { return &aduan.User{ID: 5, Role: aduan.RoleOperatorCC}, nil }
			},
			status: 303,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if loc := w.Header().Get("Location"); loc != "/" {
					t.Errorf("sent to %q", loc)
				}
			}},
	})
}
