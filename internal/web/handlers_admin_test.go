package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/logo"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// fakeAdmin is the administration's stores (Admin, Worktime,
// Open311Admin), one function per method. A method left nil is one the
// case must not reach: calling it fails the case with its name, so "a
// refused or bad form writes nothing" is checked by leaving the write nil.
// The writes the store itself guards by role are faked with that guard
// (asTheStore... helpers), and what they were given is kept to check.
type fakeAdmin struct {
	t *testing.T

	users       func(actor aduan.Actor) ([]aduan.User, error)
	user        func(id int64) (*aduan.User, error)
	createUser  func(actor aduan.Actor, u *aduan.User, password string) error
	updateUser  func(actor aduan.Actor, u *aduan.User) error
	setPassword func(actor aduan.Actor, userID int64, old, password string) error
	tokens      func(actor aduan.Actor, userID int64) ([]aduan.APIToken, error)
	createToken func(actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error)

	saveAgency   func(actor aduan.Actor, a *aduan.Agency) error
	saveCategory func(actor aduan.Actor, c *aduan.Category) error
	setSettings  func(actor aduan.Actor, values map[string]string) error
	logo         func() (*store.Logo, error)
	setLogo      func(actor aduan.Actor, raw []byte) error
	deleteLogo   func(actor aduan.Actor) error

	holidayWarning func() (int, error)
	holidays       func() ([]aduan.Holiday, error)
	workTime       func() (*store.WorkTime, error)
	saveWorkTime   func(actor aduan.Actor, w *store.WorkTime) error
	saveHoliday    func(actor aduan.Actor, h aduan.Holiday) error
	deleteHoliday  func(actor aduan.Actor, date string) error
	importHolidays func(actor aduan.Actor, year int, hs []aduan.Holiday, replace bool) (int, error)

	open311Keys   func(actor aduan.Actor) ([]store.Open311Key, error)
	createKey     func(actor aduan.Actor, name string, perHour int) (string, *store.Open311Key, error)
	revokeKey     func(actor aduan.Actor, id int64) error
	open311Svc    func(code string) (*store.Service, error)
	saveOpen311Sv func(actor aduan.Actor, c store.ServiceConfig) error

	router       func() (routing.Info, error)
	retrain      func(act aduan.Actor) (routing.Info, error)
	verifyLimit  func() error
	verifyReport func(sha string) (*report.Match, error)

	written []string // what the writes were given, in words, in order
}

func (a *fakeAdmin) Router(context.Context) (*routing.Router, routing.Info, error) {
	if a.router == nil {
		a.unexpected("Router")
	}
	info, err := a.router()
	return nil, info, err
}

func (a *fakeAdmin) Retrain(_ context.Context, act aduan.Actor) (routing.Info, error) {
	if a.retrain == nil {
		a.unexpected("Retrain")
	}
	return a.retrain(act)
}

func (a *fakeAdmin) VerifyLimit(http.ResponseWriter, *http.Request) error {
	if a.verifyLimit == nil {
		a.unexpected("VerifyLimit")
	}
	return a.verifyLimit()
}

func (a *fakeAdmin) VerifyReport(_ context.Context, sha string) (*report.Match, error) {
	if a.verifyReport == nil {
		a.unexpected("VerifyReport")
	}
	return a.verifyReport(sha)
}

func (a *fakeAdmin) unexpected(name string) {
	a.t.Helper()
	a.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (a *fakeAdmin) Users(_ context.Context, actor aduan.Actor) ([]aduan.User, error) {
	if a.users == nil {
		a.unexpected("Users")
	}
	return a.users(actor)
}

func (a *fakeAdmin) User(_ context.Context, id int64) (*aduan.User, error) {
	if a.user == nil {
		a.unexpected("User")
	}
	return a.user(id)
}

func (a *fakeAdmin) CreateUser(_ context.Context, actor aduan.Actor, u *aduan.User, password string) error {
	if a.createUser == nil {
		a.unexpected("CreateUser")
	}
	return a.createUser(actor, u, password)
}

func (a *fakeAdmin) UpdateUser(_ context.Context, actor aduan.Actor, u *aduan.User) error {
	if a.updateUser == nil {
		a.unexpected("UpdateUser")
	}
	return a.updateUser(actor, u)
}

func (a *fakeAdmin) SetPassword(_ context.Context, actor aduan.Actor, userID int64, old, password string, _ store.Credential) error {
	if a.setPassword == nil {
		a.unexpected("SetPassword")
	}
	return a.setPassword(actor, userID, old, password)
}

func (a *fakeAdmin) Tokens(_ context.Context, actor aduan.Actor, userID int64) ([]aduan.APIToken, error) {
	if a.tokens == nil {
		a.unexpected("Tokens")
	}
	return a.tokens(actor, userID)
}

func (a *fakeAdmin) CreateToken(_ context.Context, actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error) {
	if a.createToken == nil {
		a.unexpected("CreateToken")
	}
	return a.createToken(actor, userID, name)
}

func (a *fakeAdmin) SaveAgency(_ context.Context, actor aduan.Actor, ag *aduan.Agency) error {
	if a.saveAgency == nil {
		a.unexpected("SaveAgency")
	}
	return a.saveAgency(actor, ag)
}

func (a *fakeAdmin) SaveCategory(_ context.Context, actor aduan.Actor, c *aduan.Category) error {
	if a.saveCategory == nil {
		a.unexpected("SaveCategory")
	}
	return a.saveCategory(actor, c)
}

func (a *fakeAdmin) SetSettings(_ context.Context, actor aduan.Actor, values map[string]string) error {
	if a.setSettings == nil {
		a.unexpected("SetSettings")
	}
	return a.setSettings(actor, values)
}

func (a *fakeAdmin) Logo(context.Context) (*store.Logo, error) {
	if a.logo == nil {
		a.unexpected("Logo")
	}
	return a.logo()
}

func (a *fakeAdmin) SetLogo(_ context.Context, actor aduan.Actor, raw []byte) error {
	if a.setLogo == nil {
		a.unexpected("SetLogo")
	}
	return a.setLogo(actor, raw)
}

func (a *fakeAdmin) DeleteLogo(_ context.Context, actor aduan.Actor) error {
	if a.deleteLogo == nil {
		a.unexpected("DeleteLogo")
	}
	return a.deleteLogo(actor)
}

func (a *fakeAdmin) HolidayWarning(context.Context) (int, error) {
	if a.holidayWarning == nil {
		return 0, nil // no year missing: what every case but its own has
	}
	return a.holidayWarning()
}

func (a *fakeAdmin) Holidays(context.Context) ([]aduan.Holiday, error) {
	if a.holidays == nil {
		a.unexpected("Holidays")
	}
	return a.holidays()
}

func (a *fakeAdmin) WorkTime(context.Context) (*store.WorkTime, error) {
	if a.workTime == nil {
		a.unexpected("WorkTime")
	}
	return a.workTime()
}

func (a *fakeAdmin) SaveWorkTime(_ context.Context, actor aduan.Actor, w *store.WorkTime) error {
	if a.saveWorkTime == nil {
		a.unexpected("SaveWorkTime")
	}
	return a.saveWorkTime(actor, w)
}

func (a *fakeAdmin) SaveHoliday(_ context.Context, actor aduan.Actor, h aduan.Holiday) error {
	if a.saveHoliday == nil {
		a.unexpected("SaveHoliday")
	}
	return a.saveHoliday(actor, h)
}

func (a *fakeAdmin) DeleteHoliday(_ context.Context, actor aduan.Actor, date string) error {
	if a.deleteHoliday == nil {
		a.unexpected("DeleteHoliday")
	}
	return a.deleteHoliday(actor, date)
}

func (a *fakeAdmin) ImportHolidays(_ context.Context, actor aduan.Actor, year int, hs []aduan.Holiday, replace bool) (int, error) {
	if a.importHolidays == nil {
		a.unexpected("ImportHolidays")
	}
	return a.importHolidays(actor, year, hs, replace)
}

func (a *fakeAdmin) Open311Keys(_ context.Context, actor aduan.Actor) ([]store.Open311Key, error) {
	if a.open311Keys == nil {
		a.unexpected("Open311Keys")
	}
	return a.open311Keys(actor)
}

func (a *fakeAdmin) CreateOpen311Key(_ context.Context, actor aduan.Actor, name string, perHour int) (string, *store.Open311Key, error) {
	if a.createKey == nil {
		a.unexpected("CreateOpen311Key")
	}
	return a.createKey(actor, name, perHour)
}

func (a *fakeAdmin) RevokeOpen311Key(_ context.Context, actor aduan.Actor, id int64) error {
	if a.revokeKey == nil {
		a.unexpected("RevokeOpen311Key")
	}
	return a.revokeKey(actor, id)
}

func (a *fakeAdmin) Open311Service(_ context.Context, code string) (*store.Service, error) {
	if a.open311Svc == nil {
		a.unexpected("Open311Service")
	}
	return a.open311Svc(code)
}

func (a *fakeAdmin) SaveOpen311Service(_ context.Context, actor aduan.Actor, c store.ServiceConfig) error {
	if a.saveOpen311Sv == nil {
		a.unexpected("SaveOpen311Service")
	}
	return a.saveOpen311Sv(actor, c)
}

// guarded is a write as the store makes it: refused to a role without
// perm (nothing written), else noted in a.written and answered with err.
func (a *fakeAdmin) guarded(actor aduan.Actor, perm aduan.Perm, what string, err error) error {
	if e := actor.Require(perm); e != nil {
		return e
	}
	if err == nil {
		a.written = append(a.written, what)
	}
	return err
}

// adminCase is a pageCase whose administration stores are a fakeAdmin.
type adminCase struct {
	name, method, path string
	form               url.Values
	role               aduan.Role
	admin              func(a *fakeAdmin)
	setup              func(w *Web)
	status             int
	want, notWant      []string
	check              func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder)
}

// runAdminPages runs the cases through runPages, each with its own
// fakeAdmin (built in the case's subtest, so that an unexpected call
// fails that case).
func runAdminPages(t *testing.T, routes func(w *Web, p *Public) map[string]HandlerFunc, cases []adminCase) {
	t.Helper()
	var pcs []pageCase
	for _, c := range cases {
		var a *fakeAdmin
		pcs = append(pcs, pageCase{name: c.name, method: c.method, path: c.path, form: c.form, role: c.role,
			fake: func(f *fakeStores) {
				a = &fakeAdmin{t: f.t}
				if c.admin != nil {
					c.admin(a)
				}
			},
			setup: func(w *Web) {
				w.Stores.Admin, w.Stores.Worktime, w.Stores.Open311Admin = a, a, a
				if c.setup != nil {
					c.setup(w)
				}
			},
			status: c.status, want: c.want, notWant: c.notWant,
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if c.check != nil {
					c.check(t, a, w)
				}
			}})
	}
	runPages(t, routes, pcs)
}

// wrote checks what the writes were given, in order ("" for none).
func wrote(want ...string) func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
	return func(t *testing.T, a *fakeAdmin, _ *httptest.ResponseRecorder) {
		t.Helper()
		if got := strings.Join(a.written, " | "); got != strings.Join(want, " | ") {
			t.Errorf("written %q, want %q", got, strings.Join(want, " | "))
		}
	}
}

// adminSentTo checks a redirect (sentTo for the admin's cases) and that
// nothing else than want was written.
func adminSentTo(to string, want ...string) func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
	return func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
		t.Helper()
		sentTo(to)(t, nil, w)
		wrote(want...)(t, a, w)
	}
}

// refDataWith is the fakes' reference data with Categories, Category or
// Settings answered otherwise (a store that fails, a category's LAPOR!
// mapping).
type refDataWith struct {
	RefData
	categories func() ([]aduan.Category, error)
	category   func(id int64) (*aduan.Category, error)
	settings   func() (map[string]string, error)
}

func (r refDataWith) Categories(ctx context.Context) ([]aduan.Category, error) {
	if r.categories != nil {
		return r.categories()
	}
	return r.RefData.Categories(ctx)
}

func (r refDataWith) Category(ctx context.Context, id int64) (*aduan.Category, error) {
	if r.category != nil {
		return r.category(id)
	}
	return r.RefData.Category(ctx, id)
}

func (r refDataWith) Settings(ctx context.Context) (map[string]string, error) {
	if r.settings != nil {
		return r.settings()
	}
	return r.RefData.Settings(ctx)
}

// staff are the users the users' tab lists: a person with a NIP, phone
// and e-mail, and an integration's account.
func staff() []aduan.User {
	return []aduan.User{
		{ID: 12, Username: "budi", Name: "Budi Santoso", Role: aduan.RoleOperatorCC, Active: true, NIP: "198703122010011002",
			Phone: "+6281377778888", Email: "budi@depok.go.id"},
		{ID: 13, Username: "cti", Name: "Integrasi CTI", Role: aduan.RoleOperatorCC, Active: true, Service: true},
		{ID: 14, Username: "lama", Name: "Akun Lama", Role: aduan.RoleOperatorCC, Active: false, Service: true},
	}
}

// errFailing is a store error with internal detail the page must not show.
var errFailing = errors.New(`pq: relation "users" does not exist (SQLSTATE 42P01)`)

var internalDetail = []string{"pq:", "relation", "SQLSTATE"}

// TestAdminTabHandlers checks the admin's tabs (GET /admin/{tab}) with the
// stores replaced by fakes: each tab's data in Indonesian, what a role
// may only read shown without its forms, a tab a role may not see
// refused before anything is read, a store that fails a 500 that tells
// nothing.
func TestAdminTabHandlers(t *testing.T) {
	staffOnly := func(a *fakeAdmin) {
		a.users = func(actor aduan.Actor) ([]aduan.User, error) {
			if err := actor.Require(aduan.PermUserRead); err != nil {
				return nil, err
			}
			return staff(), nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /admin": w.Admin, "GET /admin/{tab}": w.Admin}
	}
	runAdminPages(t, routes, []adminCase{
		{name: "the admin starts on the users", method: "GET", path: "/admin", role: aduan.RoleAdmin,
			status: 303, check: adminSentTo("/admin/users")},
		{name: "the koordinator starts on the users too", method: "GET", path: "/admin", role: aduan.RoleKoordinatorCC,
			status: 303, check: adminSentTo("/admin/users")},
		{name: "a kasi starts on the settings, the first tab a kasi may read", method: "GET", path: "/admin", role: aduan.RoleKasiKabid,
			status: 303, check: adminSentTo("/admin/settings")},

		// Users.
		{name: "the admin's users tab lists everyone with a form per row and a new user's form", method: "GET", path: "/admin/users",
			role: aduan.RoleAdmin, admin: staffOnly, status: 200,
			want: []string{"Pengguna baru", "Budi Santoso", `value="198703122010011002"`, "cti <small>(layanan)</small>", `formaction="/admin/users/12/password"`,
				"Dinas Perhubungan"},
			notWant: []string{"81377778888", "budi@depok.go.id"}},
		{name: "the koordinator reads the users without their NIP and with no form", method: "GET", path: "/admin/users",
			role: aduan.RoleKoordinatorCC, admin: staffOnly, status: 200,
			want:    []string{"Budi Santoso", "Operator Call Center"},
			notWant: []string{"198703122010011002", "81377778888", "budi@depok.go.id", "Pengguna baru", `action="/admin/users"`}},
		{name: "an operator has no users tab and nothing is read", method: "GET", path: "/admin/users", role: aduan.RoleOperatorCC,
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, notWant: []string{"Budi"}},
		{name: "a users tab the store fails to read is a 500 that tells nothing", method: "GET", path: "/admin/users", role: aduan.RoleAdmin,
			admin:  func(a *fakeAdmin) { a.users = func(aduan.Actor) ([]aduan.User, error) { return nil, errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
		{name: "a tab that does not exist is a 404 in Indonesian", method: "GET", path: "/admin/rahasia", role: aduan.RoleAdmin,
			status: 404, want: []string{"Alamat tidak ditemukan."}},

		// Agencies and categories.
		{name: "the agencies tab gives each agency its form", method: "GET", path: "/admin/agencies", role: aduan.RoleAdmin, status: 200,
			want: []string{`id="agency-2"`, `value="Dinas Perhubungan"`, "Perangkat Daerah baru"}},
		{name: "the koordinator edits no agency", method: "GET", path: "/admin/agencies", role: aduan.RoleKoordinatorCC,
			status: 403, notWant: []string{"Dinas Perhubungan"}},
		{name: "the categories tab lists them with their agency", method: "GET", path: "/admin/categories", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"<code>PJU</code>", `value="Lampu jalan"`, "Kategori baru"}},
		{name: "a kasi edits no category", method: "GET", path: "/admin/categories", role: aduan.RoleKasiKabid,
			status: 403, notWant: []string{"Lampu jalan"}},
		{name: "a categories tab the store fails to read is a 500 that tells nothing", method: "GET", path: "/admin/categories",
			role: aduan.RoleAdmin, setup: func(w *Web) {
				w.Stores.RefData = refDataWith{RefData: w.Stores.RefData, categories: func() ([]aduan.Category, error) { return nil, errFailing }}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},

		// Settings.
		{name: "the admin's settings are a form with the logo's upload", method: "GET", path: "/admin/settings", role: aduan.RoleAdmin,
			status: 200, want: []string{"Nama kota", `name="city_name" value="Kota Depok"`, "Belum ada logo.", `action="/admin/logo"`}},
		{name: "a kasi reads the settings and changes none", method: "GET", path: "/admin/settings", role: aduan.RoleKasiKabid,
			status: 200, want: []string{`name="city_name" value="Kota Depok" readonly`},
			notWant: []string{`action="/admin/logo"`, `<button type="submit" class="primary">Simpan</button>`}},
		{name: "an operator has no settings tab", method: "GET", path: "/admin/settings", role: aduan.RoleOperatorCC, status: 403,
			notWant: []string{`name="city_name"`}},
		{name: "settings the store fails to read are a 500 that tells nothing", method: "GET", path: "/admin/settings", role: aduan.RoleAdmin,
			setup: func(w *Web) {
				w.Stores.RefData = refDataWith{RefData: w.Stores.RefData, settings: func() (map[string]string, error) { return nil, errFailing }}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},

		// Tokens.
		{name: "the tokens tab lists every token by its owner and offers the active service accounts", method: "GET", path: "/admin/tokens",
			role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				staffOnly(a)
				a.tokens = func(_ aduan.Actor, userID int64) ([]aduan.APIToken, error) {
					if userID != 0 {
						t.Errorf("tokens of user %d, want everyone's", userID)
					}
					return []aduan.APIToken{{ID: 4, UserID: 13, Name: "CTI kantor", Prefix: "adn_9c2e", CreatedAt: pageNow}}, nil
				}
			},
			status: 200, want: []string{"<td>cti</td><td>CTI kantor</td>", "adn_9c2e", `<option value="13">cti — Integrasi CTI</option>`},
			notWant: []string{`<option value="12">`, `<option value="14">`}},
		{name: "the koordinator has no tokens tab", method: "GET", path: "/admin/tokens", role: aduan.RoleKoordinatorCC, status: 403},
		{name: "tokens the store fails to read are a 500 that tells nothing", method: "GET", path: "/admin/tokens", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				a.tokens = func(aduan.Actor, int64) ([]aduan.APIToken, error) { return nil, errFailing }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})
}

// TestAdminUserHandlers checks a user added, changed and given a new
// password (POST /admin/users, /admin/users/{id}/password): a password
// made shown once and never a typed one, a changed role saved only once
// confirmed, what the row does not carry kept as stored, a refusal or a
// bad form with nothing written.
func TestAdminUserHandlers(t *testing.T) {
	budi := func(a *fakeAdmin) {
		a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
		a.user = func(id int64) (*aduan.User, error) {
			if id != 12 {
				t.Errorf("read user %d", id)
			}
			u := staff()[0]
			u.Lang = "en"
			return &u, nil
		}
	}
	var made string // the password the store was given for a new user
	asTheStore := func(a *fakeAdmin) {
		a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
		a.createUser = func(actor aduan.Actor, u *aduan.User, pw string) error {
			made = pw
			if u.Username == "" {
				if err := actor.Require(aduan.PermUserEdit); err != nil {
					return err
				}
				var v aduan.Validation
				v.Add("username", "err.field.required")
				return v.Err()
			}
			return a.guarded(actor, aduan.PermUserEdit, u.Username+" "+string(u.Role)+" service="+map[bool]string{true: "yes", false: "no"}[u.Service]+
				" change="+map[bool]string{true: "yes", false: "no"}[u.MustChangePW]+" pw="+map[bool]string{true: "none", false: "given"}[pw == ""], nil)
		}
	}
	newUser := func(kv ...string) url.Values {
		v := url.Values{"username": {"sari"}, "name": {"Sari Wulandari"}, "role": {"operator_cc"}, "agency_id": {"0"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	row := func(kv ...string) url.Values {
		v := url.Values{"id": {"12"}, "username": {"budi"}, "name": {"Budi S."}, "nip": {"198703122010011002"}, "role": {"operator_cc"},
			"agency_id": {"0"}, "active": {"on"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /admin/users": w.SaveUser, "POST /admin/users/{id}/password": w.ResetPassword}
	}
	runAdminPages(t, routes, []adminCase{
		// A new user.
		{name: "a new user without a password is given one, shown once, to change at log-in", method: "POST", path: "/admin/users",
			role: aduan.RoleAdmin, form: newUser(), admin: asTheStore, status: 200,
			want: []string{"Kata sandi sekali pakai (sampaikan ke pengguna; wajib diganti saat masuk):"},
			check: func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
				wrote("sari operator_cc service=no change=yes pw=given")(t, a, w)
				if len(made) < 12 || !strings.Contains(w.Body.String(), "<code>"+made+"</code>") {
					t.Errorf("the password made (%q) is not the one shown", made)
				}
			}},
		{name: "a new user's typed password is saved and never shown back", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: newUser("password", "sandi-awal-sari-123"), admin: asTheStore, status: 303,
			check: func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
				adminSentTo("/admin/users?ok=web.ok.saved", "sari operator_cc service=no change=yes pw=given")(t, a, w)
				if made != "sandi-awal-sari-123" || strings.Contains(w.Body.String(), made) {
					t.Errorf("password %q", made)
				}
			}},
		{name: "an integration's account has no password", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: newUser("service", "on", "password", "diabaikan"), admin: asTheStore, status: 303,
			check: adminSentTo("/admin/users?ok=web.ok.saved", "sari operator_cc service=yes change=no pw=none")},
		{name: "a new user without a name for logging in is refused on its field, with what was typed", method: "POST", path: "/admin/users",
			role: aduan.RoleAdmin, form: newUser("username", "", "password", "sandi-awal-sari-123"), admin: asTheStore, status: 400,
			want:    []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "Wajib diisi.", `value="Sari Wulandari"`},
			notWant: []string{"sandi-awal-sari-123", "Kata sandi sekali pakai"}, check: wrote()},
		{name: "the koordinator adds no user: refused on the tab, nothing written", method: "POST", path: "/admin/users",
			role: aduan.RoleKoordinatorCC, form: newUser(), admin: asTheStore, status: 403,
			want: []string{`<p class="form-error" role="alert">Peran Anda tidak berhak melakukan tindakan ini.</p>`}, notWant: []string{"Kata sandi sekali pakai"},
			check: wrote()},
		{name: "an operator adds no user and sees no tab", method: "POST", path: "/admin/users", role: aduan.RoleOperatorCC,
			form: newUser(), admin: asTheStore, status: 403, notWant: []string{"Budi", "Kata sandi sekali pakai"}, check: wrote()},
		{name: "a user the store fails to add is a 500 that tells nothing", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form:   newUser(),
			admin:  func(a *fakeAdmin) { a.createUser = func(aduan.Actor, *aduan.User, string) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: append([]string{"Kata sandi sekali pakai"}, internalDetail...)},

		// A user changed.
		{name: "a row saved keeps the phone, e-mail and language the row does not carry", method: "POST", path: "/admin/users",
			role: aduan.RoleAdmin, form: row(),
			admin: func(a *fakeAdmin) {
				budi(a)
				a.updateUser = func(actor aduan.Actor, u *aduan.User) error {
					if u.Phone != "+6281377778888" || u.Email != "budi@depok.go.id" || u.Lang != "en" || u.Name != "Budi S." || !u.Active {
						t.Errorf("saved %+v", u)
					}
					return a.guarded(actor, aduan.PermUserEdit, "user 12", nil)
				}
			},
			status: 303, check: adminSentTo("/admin/users?ok=web.ok.saved", "user 12")},
		{name: "a changed role asks first, naming both roles, and saves nothing", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: row("role", "koordinator_cc"), admin: budi, status: 200,
			want: []string{"Ubah peran Budi Santoso dari Operator Call Center menjadi Koordinator Call Center?",
				`name="confirm_role" value="operator_cc&gt;koordinator_cc"`, `name="role" value="koordinator_cc"`}},
		{name: "a changed role confirmed is saved", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: row("role", "koordinator_cc", "confirm_role", "operator_cc>koordinator_cc"),
			admin: func(a *fakeAdmin) {
				budi(a)
				a.updateUser = func(actor aduan.Actor, u *aduan.User) error {
					return a.guarded(actor, aduan.PermUserEdit, "user 12 "+string(u.Role), nil)
				}
			},
			status: 303, check: adminSentTo("/admin/users?ok=web.ok.saved", "user 12 koordinator_cc")},
		{name: "a confirmation of another change asks again", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: row("role", "admin", "confirm_role", "operator_cc>koordinator_cc"), admin: budi, status: 200,
			want: []string{"menjadi Admin?", `value="operator_cc&gt;admin"`}},
		{name: "a user who is not there is a 404 in Indonesian", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: row("id", "99"),
			admin: func(a *fakeAdmin) {
				a.user = func(int64) (*aduan.User, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.user") }
			},
			status: 404, want: []string{"Pengguna tidak ditemukan."}},
		{name: "the store's refusal of a row's agency is shown on the row", method: "POST", path: "/admin/users", role: aduan.RoleAdmin,
			form: row("agency_id", "77"),
			admin: func(a *fakeAdmin) {
				budi(a)
				a.updateUser = func(aduan.Actor, *aduan.User) error {
					var v aduan.Validation
					v.Add("agency_id", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`<p class="field-error">agency_id: `}, check: wrote()},

		// A new password.
		{name: "a password reset gives a new one, shown once", method: "POST", path: "/admin/users/12/password", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
				a.setPassword = func(actor aduan.Actor, id int64, old, pw string) error {
					made = pw
					if old != "" {
						t.Errorf("reset with an old password %q", old)
					}
					return a.guarded(actor, aduan.PermUserEdit, "password of "+map[bool]string{true: "12", false: "?"}[id == 12], nil)
				}
			},
			status: 200, want: []string{"Kata sandi sekali pakai"},
			check: func(t *testing.T, a *fakeAdmin, w *httptest.ResponseRecorder) {
				wrote("password of 12")(t, a, w)
				if len(made) < 12 || !strings.Contains(w.Body.String(), "<code>"+made+"</code>") {
					t.Errorf("the password set (%q) is not the one shown", made)
				}
			}},
		{name: "a reset of what is not a user's number is a 404 and sets nothing", method: "POST", path: "/admin/users/budi/password",
			role: aduan.RoleAdmin, status: 404, want: []string{"Alamat tidak ditemukan."}},
		{name: "the koordinator resets no password", method: "POST", path: "/admin/users/12/password", role: aduan.RoleKoordinatorCC,
			admin: func(a *fakeAdmin) {
				a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
				a.setPassword = func(actor aduan.Actor, _ int64, _, _ string) error {
					return a.guarded(actor, aduan.PermUserEdit, "password", nil)
				}
			},
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, notWant: []string{"Kata sandi sekali pakai"}, check: wrote()},
		{name: "a reset the store fails is a 500 that shows no password", method: "POST", path: "/admin/users/12/password", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				a.setPassword = func(aduan.Actor, int64, string, string) error { return errFailing }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: append([]string{"Kata sandi sekali pakai", "<code>"}, internalDetail...)},
	})
}

// TestAdminRefDataHandlers checks an agency, a category and the settings
// saved (POST /admin/agencies, /admin/categories, /admin/settings) and a
// service account's token made (POST /admin/tokens).
func TestAdminRefDataHandlers(t *testing.T) {
	agency := func(kv ...string) url.Values {
		v := url.Values{"code": {"DISKOMINFO"}, "name": {"Dinas Komunikasi dan Informatika"}, "short_name": {"Diskominfo"},
			"phone": {"021-7777"}, "whatsapp": {"081211112222"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	saveAgency := func(a *fakeAdmin) {
		a.saveAgency = func(actor aduan.Actor, ag *aduan.Agency) error {
			if ag.Name == "" {
				var v aduan.Validation
				v.Add("name", "err.field.required")
				return v.Err()
			}
			return a.guarded(actor, aduan.PermAgencyEdit, ag.Code+" "+string(ag.WhatsApp)+" active="+map[bool]string{true: "yes", false: "no"}[ag.Active], nil)
		}
	}
	saveCategory := func(a *fakeAdmin) {
		a.saveCategory = func(actor aduan.Actor, c *aduan.Category) error {
			return a.guarded(actor, aduan.PermCategoryEdit, c.Code+" ["+strings.Join(c.Keywords, "|")+"] lapor="+c.LaporCategory+
				" public="+map[bool]string{true: "yes", false: "no"}[c.Public], nil)
		}
	}
	setSettings := func(a *fakeAdmin) {
		a.setSettings = func(actor aduan.Actor, values map[string]string) error {
			for k, v := range values {
				if len(v) > 20 {
					var e aduan.Validation
					e.Add(k, "err.field.too_long", 20)
					return e.Err()
				}
				if err := actor.Require(aduan.SettingPerm(k)); err != nil {
					return err
				}
			}
			var kv []string
			for _, k := range aduan.SettingKeys {
				if v, ok := values[k]; ok {
					kv = append(kv, k+"="+v)
				}
			}
			a.written = append(a.written, strings.Join(kv, " "))
			return nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /admin/agencies": w.SaveAgency, "POST /admin/categories": w.SaveCategory,
			"POST /admin/settings": w.SaveSettings, "POST /admin/tokens": w.CreateServiceToken}
	}
	runAdminPages(t, routes, []adminCase{
		// Agencies.
		{name: "a new agency is saved active", method: "POST", path: "/admin/agencies", role: aduan.RoleAdmin, form: agency(), admin: saveAgency,
			status: 303, check: adminSentTo("/admin/agencies?ok=web.ok.saved", "DISKOMINFO 081211112222 active=yes")},
		{name: "an agency's row unticked is saved inactive", method: "POST", path: "/admin/agencies", role: aduan.RoleAdmin,
			form: agency("id", "2"), admin: saveAgency,
			status: 303, check: adminSentTo("/admin/agencies?ok=web.ok.saved", "DISKOMINFO 081211112222 active=no")},
		{name: "an agency without a name is refused on its field, with what was typed", method: "POST", path: "/admin/agencies",
			role: aduan.RoleAdmin, form: agency("name", ""), admin: saveAgency,
			status: 400, want: []string{"Wajib diisi.", `name="code" value="DISKOMINFO"`}, check: wrote()},
		{name: "the koordinator saves no agency", method: "POST", path: "/admin/agencies", role: aduan.RoleKoordinatorCC, form: agency(),
			admin: saveAgency, status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, check: wrote()},
		{name: "an agency the store fails to save is a 500 that tells nothing", method: "POST", path: "/admin/agencies", role: aduan.RoleAdmin,
			form: agency(), admin: func(a *fakeAdmin) { a.saveAgency = func(aduan.Actor, *aduan.Agency) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},

		// Categories.
		{name: "a category's keywords are split on semicolons and its LAPOR! mapping kept", method: "POST", path: "/admin/categories",
			role: aduan.RoleKoordinatorCC,
			form: url.Values{"id": {"3"}, "code": {"PJU"}, "name": {"Lampu jalan"}, "keywords": {" lampu ; pju;; tiang "}, "priority": {"sedang"},
				"public": {"on"}, "active": {"on"}},
			admin: saveCategory,
			setup: func(w *Web) {
				w.Stores.RefData = refDataWith{RefData: w.Stores.RefData, category: func(id int64) (*aduan.Category, error) {
					return &aduan.Category{ID: id, Code: "PJU", LaporCategory: "INFRA-12"}, nil
				}}
			},
			status: 303, check: adminSentTo("/admin/categories?ok=web.ok.saved", "PJU [lampu|pju|tiang] lapor=INFRA-12 public=yes")},
		{name: "a kasi saves no category", method: "POST", path: "/admin/categories", role: aduan.RoleKasiKabid,
			form: url.Values{"code": {"BARU"}, "name": {"Baru"}}, admin: saveCategory, status: 403, check: wrote()},
		{name: "a category the store finds wrong is refused on the tab", method: "POST", path: "/admin/categories", role: aduan.RoleAdmin,
			form: url.Values{"code": {"PJU"}, "name": {"Lampu lagi"}},
			admin: func(a *fakeAdmin) {
				a.saveCategory = func(aduan.Actor, *aduan.Category) error {
					var v aduan.Validation
					v.Add("code", "err.field.choice")
					return v.Err()
				}
			},
			status: 400, want: []string{"Pilihan tidak dikenal.", `value="Lampu lagi"`}, check: wrote()},

		// Settings.
		{name: "only the settings there are are saved", method: "POST", path: "/admin/settings", role: aduan.RoleAdmin,
			form: url.Values{"city_name": {"Kota Bogor"}, "password_hash": {"x"}}, admin: setSettings,
			status: 303, check: adminSentTo("/admin/settings?ok=web.ok.saved", "city_name=Kota Bogor")},
		{name: "a setting too long is refused on its field, with what was typed", method: "POST", path: "/admin/settings", role: aduan.RoleAdmin,
			form: url.Values{"city_name": {"Kota Depok Raya Sejahtera Selalu"}}, admin: setSettings,
			status: 400, want: []string{"Terlalu panjang (maksimum 20 karakter).", "Nama kota"}, check: wrote()},
		{name: "a kasi saves no setting: refused on the tab they may read", method: "POST", path: "/admin/settings", role: aduan.RoleKasiKabid,
			form: url.Values{"city_name": {"Kota Bogor"}}, admin: setSettings,
			status: 403, want: []string{`<p class="form-error" role="alert">Peran Anda tidak berhak melakukan tindakan ini.</p>`}, check: wrote()},
		{name: "settings the store fails to save are a 500 that tells nothing", method: "POST", path: "/admin/settings", role: aduan.RoleAdmin,
			form:   url.Values{"city_name": {"Kota Bogor"}},
			admin:  func(a *fakeAdmin) { a.setSettings = func(aduan.Actor, map[string]string) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},

		// A service account's token.
		{name: "a service account's new token is shown once, as a token", method: "POST", path: "/admin/tokens", role: aduan.RoleAdmin,
			form: url.Values{"user_id": {"13"}, "name": {"CTI cadangan"}},
			admin: func(a *fakeAdmin) {
				a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
				a.tokens = func(aduan.Actor, int64) ([]aduan.APIToken, error) { return nil, nil }
				a.createToken = func(actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error) {
					if userID != 13 || name != "CTI cadangan" {
						t.Errorf("token %q of %d", name, userID)
					}
					return "adn_rahasia_cti_0042", &aduan.APIToken{ID: 5}, a.guarded(actor, aduan.PermTokenAdmin, "token", nil)
				}
			},
			status: 200, want: []string{"Token API (simpan sekarang, tidak akan ditampilkan lagi): <code>adn_rahasia_cti_0042</code>"},
			notWant: []string{"Kata sandi sekali pakai"}, check: wrote("token")},
		{name: "a token for a person is refused on the tab", method: "POST", path: "/admin/tokens", role: aduan.RoleAdmin,
			form: url.Values{"user_id": {"12"}, "name": {"milik Budi"}},
			admin: func(a *fakeAdmin) {
				a.users = func(aduan.Actor) ([]aduan.User, error) { return staff(), nil }
				a.tokens = func(aduan.Actor, int64) ([]aduan.APIToken, error) { return nil, nil }
				a.createToken = func(aduan.Actor, int64, string) (string, *aduan.APIToken, error) {
					return "", nil, aduan.Errorf(aduan.EFORBIDDEN, "err.token.service_only")
				}
			},
			status: 403, want: []string{"Token API untuk pengguna lain hanya dapat dibuat bagi akun layanan"}, notWant: []string{"Token API (simpan sekarang"}},
		{name: "an operator makes no token", method: "POST", path: "/admin/tokens", role: aduan.RoleOperatorCC,
			form: url.Values{"user_id": {"13"}, "name": {"x"}},
			admin: func(a *fakeAdmin) {
				a.createToken = func(actor aduan.Actor, _ int64, _ string) (string, *aduan.APIToken, error) {
					return "", nil, a.guarded(actor, aduan.PermTokenAdmin, "token", nil)
				}
			},
			status: 403, notWant: []string{"adn_"}, check: wrote()},
		{name: "a token the store fails to make is a 500 that tells nothing", method: "POST", path: "/admin/tokens", role: aduan.RoleAdmin,
			form: url.Values{"user_id": {"13"}, "name": {"x"}},
			admin: func(a *fakeAdmin) {
				a.createToken = func(aduan.Actor, int64, string) (string, *aduan.APIToken, error) { return "", nil, errFailing }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})
}

// TestWorktimeHandlers checks the standards page and the holiday tables
// (GET and POST /admin/standards, /admin/holidays): what each reads in
// Indonesian, a kasi reading without forms, the page saved whole, a day
// added, removed or a year imported from pasted text, and a bad form or
// a refused role with nothing written.
func TestWorktimeHandlers(t *testing.T) {
	wt := func() *store.WorkTime {
		return &store.WorkTime{
			Standards:  aduan.Standards{aduan.StepForward: {Amount: 3, Unit: aduan.UnitWorkday}},
			Rules:      aduan.Rules{{Step: aduan.StepForward, Priority: aduan.PriorityHigh}: {Amount: 1, Unit: aduan.UnitWorkday}},
			Tiers:      map[int64]aduan.Tier{3: aduan.TierLight},
			AgencyHrs:  map[int64]string{2: "sen-jum 07:00-15:00"},
			TimeZone:   "WIB",
			CallCenter: "24/7",
			Office:     "sen-jum 08:00-16:00",
		}
	}
	reads := func(a *fakeAdmin) {
		a.workTime = func() (*store.WorkTime, error) { return wt(), nil }
		a.holidays = func() ([]aduan.Holiday, error) {
			return []aduan.Holiday{{Date: "2026-01-01", Name: "Tahun Baru Masehi"}, {Date: "2026-03-20", Name: "Idul Fitri"}}, nil
		}
	}
	saves := func(a *fakeAdmin) {
		reads(a)
		a.saveWorkTime = func(actor aduan.Actor, w *store.WorkTime) error {
			if w.Standards[aduan.StepForward].Amount == 0 {
				var v aduan.Validation
				v.Add("standard.forward", "err.field.range", 1, 1000)
				return v.Err()
			}
			return a.guarded(actor, aduan.PermStandardsEdit, fmt.Sprintf("%s %q %v %v tiers=%v hours=%v", w.TimeZone, w.CallCenter,
				w.Standards[aduan.StepForward], len(w.Rules), w.Tiers, w.AgencyHrs), nil)
		}
		a.saveHoliday = func(actor aduan.Actor, h aduan.Holiday) error {
			if err := h.Validate(); err != nil {
				return err
			}
			return a.guarded(actor, aduan.PermStandardsEdit, "add "+h.Date+" "+h.Name, nil)
		}
		a.deleteHoliday = func(actor aduan.Actor, date string) error {
			return a.guarded(actor, aduan.PermStandardsEdit, "delete "+date, nil)
		}
		a.importHolidays = func(actor aduan.Actor, year int, hs []aduan.Holiday, replace bool) (int, error) {
			return len(hs), a.guarded(actor, aduan.PermStandardsEdit, fmt.Sprintf("import %d %v replace=%v", year, hs, replace), nil)
		}
	}
	standards := func(kv ...string) url.Values {
		v := url.Values{"time_zone": {"WITA"}, "call_center_hours": {" 24/7 "}, "office_hours": {"sen-jum 08:00-16:00"},
			"amount.standard.forward": {"5"}, "unit.standard.forward": {"workday"},
			"amount.rule.forward.-.tinggi": {"2"}, "unit.rule.forward.-.tinggi": {"workday"},
			"tier.3": {"normatif"}, "hours.2": {" sen-kam 07:30-16:00 "},
			"new.step": {"intake"}, "new.priority": {"darurat"}, "amount.new": {"30"}, "unit.new": {"minute"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /admin/standards": w.Standards, "POST /admin/standards": w.SaveStandards,
			"GET /admin/holidays": w.Holidays, "POST /admin/holidays": w.SaveHolidays}
	}
	runAdminPages(t, routes, []adminCase{
		// The standards page.
		{name: "the standards page is one form with each step, rule, tier and agency's hours", method: "GET", path: "/admin/standards",
			role: aduan.RoleKoordinatorCC, admin: reads, status: 200,
			want: []string{"Standar tiap langkah", `name="amount.standard.forward" value="3"`, `name="amount.rule.forward.-.tinggi" value="1"`,
				`name="tier.3"`, `name="hours.2" value="sen-jum 07:00-15:00"`, `value="24/7"`, "Dinas Perhubungan", "Lampu jalan"}},
		{name: "a kasi reads the standards without a form", method: "GET", path: "/admin/standards", role: aduan.RoleKasiKabid, admin: reads,
			status: 200, want: []string{"<b>24/7</b>", "Standar tiap langkah"},
			notWant: []string{`name="amount.standard.forward"`, `name="time_zone"`, `<button type="submit" class="primary">Simpan</button>`}},
		{name: "a year without its holiday table is warned of", method: "GET", path: "/admin/standards", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				reads(a)
				a.holidayWarning = func() (int, error) { return 2027, nil }
			},
			status: 200, want: []string{"Tabel hari libur tahun 2027 belum ada."}},
		{name: "an operator has no standards page and nothing is read", method: "GET", path: "/admin/standards", role: aduan.RoleOperatorCC,
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}},
		{name: "standards the store fails to read are a 500 that tells nothing", method: "GET", path: "/admin/standards", role: aduan.RoleAdmin,
			admin:  func(a *fakeAdmin) { a.workTime = func() (*store.WorkTime, error) { return nil, errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
		{name: "the standards page is saved whole", method: "POST", path: "/admin/standards", role: aduan.RoleKoordinatorCC,
			form: standards(), admin: saves, status: 303,
			check: adminSentTo("/admin/standards?ok=web.ok.saved",
				`WITA "24/7" 5 workday 2 tiers=map[3:normatif] hours=map[2:sen-kam 07:30-16:00]`)},
		{name: "a standard that is not a number is refused on its field, with what was typed", method: "POST", path: "/admin/standards",
			role: aduan.RoleAdmin, form: standards("amount.standard.forward", "lima", "office_hours", "sen-sab 08:00-12:00"), admin: saves,
			status: 400, want: []string{"Harus antara 1 dan 1000.", `value="sen-sab 08:00-12:00"`}, check: wrote()},
		{name: "a kasi saves no standard: refused on the page they may read", method: "POST", path: "/admin/standards", role: aduan.RoleKasiKabid,
			form: standards(), admin: saves, status: 403,
			want: []string{`<p class="form-error" role="alert">Peran Anda tidak berhak melakukan tindakan ini.</p>`}, check: wrote()},
		{name: "standards the store fails to save are a 500 that tells nothing", method: "POST", path: "/admin/standards", role: aduan.RoleAdmin,
			form:   standards(),
			admin:  func(a *fakeAdmin) { a.saveWorkTime = func(aduan.Actor, *store.WorkTime) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},

		// The holiday tables.
		{name: "the holidays are listed by year with their count and a button each", method: "GET", path: "/admin/holidays?imported=2027:16",
			role: aduan.RoleAdmin, admin: reads, status: 200,
			want: []string{"2026 <small class=\"muted\">(2 hari)</small>", "Tahun Baru Masehi", `name="delete" value="2026-03-20"`,
				"Tabel libur diimpor (tahun:jumlah hari) 2027:16."}},
		{name: "a kasi reads the holidays and removes none", method: "GET", path: "/admin/holidays", role: aduan.RoleKasiKabid, admin: reads,
			status: 200, want: []string{"Idul Fitri"}, notWant: []string{`name="delete"`, `name="import"`}},
		{name: "no holidays says so", method: "GET", path: "/admin/holidays", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) { a.holidays = func() ([]aduan.Holiday, error) { return nil, nil } }, status: 200,
			want: []string{"Belum ada hari libur."}},
		{name: "a day is added", method: "POST", path: "/admin/holidays", role: aduan.RoleAdmin,
			form: url.Values{"date": {"2026-08-17"}, "name": {"Hari Kemerdekaan"}}, admin: saves,
			status: 303, check: adminSentTo("/admin/holidays?ok=web.ok.saved", "add 2026-08-17 Hari Kemerdekaan")},
		{name: "a day that is not a date is refused on its field, with what was typed", method: "POST", path: "/admin/holidays",
			role: aduan.RoleAdmin, form: url.Values{"date": {"17-08-2026"}, "name": {"Hari Kemerdekaan"}}, admin: saves,
			status: 400, want: []string{"Tanggal harus berformat TTTT-BB-HH.", `value="Hari Kemerdekaan"`}, check: wrote()},
		{name: "a day is removed", method: "POST", path: "/admin/holidays", role: aduan.RoleAdmin,
			form: url.Values{"delete": {"2026-01-01"}}, admin: saves,
			status: 303, check: adminSentTo("/admin/holidays?ok=web.ok.saved", "delete 2026-01-01")},
		{name: "a year is imported from pasted text and its count shown", method: "POST", path: "/admin/holidays", role: aduan.RoleAdmin,
			form:  url.Values{"import": {"1"}, "year": {" 2027 "}, "text": {"date,name\n2027-01-01,Tahun Baru Masehi\n"}, "replace": {"on"}},
			admin: saves, status: 303,
			check: adminSentTo("/admin/holidays?imported=2027:1&ok=web.ok.saved", "import 2027 [{2027-01-01 Tahun Baru Masehi}] replace=true")},
		{name: "a table that cannot be read is refused, saying why, with what was pasted", method: "POST", path: "/admin/holidays",
			role: aduan.RoleAdmin, form: url.Values{"import": {"1"}, "year": {"2027"}, "text": {"hari;nama\nsatu;dua"}}, admin: saves,
			status: 400, want: []string{"Berkas libur tidak terbaca:", "hari;nama"}, check: wrote()},
		{name: "a kasi adds no day: refused on the page they may read", method: "POST", path: "/admin/holidays", role: aduan.RoleKasiKabid,
			form: url.Values{"date": {"2026-08-17"}, "name": {"Hari Kemerdekaan"}}, admin: saves, status: 403,
			want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, check: wrote()},
		{name: "a day the store fails to remove is a 500 that tells nothing", method: "POST", path: "/admin/holidays", role: aduan.RoleAdmin,
			form:   url.Values{"delete": {"2026-01-01"}},
			admin:  func(a *fakeAdmin) { a.deleteHoliday = func(aduan.Actor, string) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})
}

// TestOpen311AdminHandlers checks the Open311 clients' keys and the
// services' configuration (/admin/open311, /admin/open311-services): a
// new key shown once, a revoked one, a service's form as set, its
// attributes saved or refused on their rows, and a role without the
// permission refused with nothing written.
func TestOpen311AdminHandlers(t *testing.T) {
	used := pageNow.Add(-time.Hour)
	keys := func(a *fakeAdmin) {
		a.open311Keys = func(actor aduan.Actor) ([]store.Open311Key, error) {
			if err := actor.Require(aduan.PermTokenAdmin); err != nil {
				return nil, err
			}
			return []store.Open311Key{{ID: 4, Name: "FixMyStreet Depok", Prefix: "o311_7ab2", PerHour: 600, CreatedAt: pageNow, CreatedBy: "admin"},
				{ID: 3, Name: "Dasbor lama", Prefix: "o311_11c0", PerHour: 60, CreatedAt: pageNow, RevokedAt: &used}}, nil
		}
		a.createKey = func(actor aduan.Actor, name string, perHour int) (string, *store.Open311Key, error) {
			if perHour < 0 {
				var v aduan.Validation
				v.Add("per_hour", "err.field.range", 1, 100000)
				return "", nil, v.Err()
			}
			return "o311_rahasia_baru_0099", &store.Open311Key{ID: 5}, a.guarded(actor, aduan.PermTokenAdmin, fmt.Sprintf("key %s %d", name, perHour), nil)
		}
		a.revokeKey = func(actor aduan.Actor, id int64) error {
			return a.guarded(actor, aduan.PermTokenAdmin, fmt.Sprintf("revoke %d", id), nil)
		}
	}
	pju := func(a *fakeAdmin) {
		a.open311Svc = func(code string) (*store.Service, error) {
			if code != "PJU" {
				return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.service")
			}
			return &store.Service{Code: "PJU", Name: "Lampu jalan", Type: store.ServiceBatch, Notice: "Dijawab dalam 3 hari kerja.",
				Set: store.ServiceOverrides{Keywords: []string{"lampu", "pju"}, Group: "Infrastruktur"},
				Attributes: []store.ServiceAttribute{{Code: "TIANG", Datatype: "singlevaluelist", Required: true, Order: 1, Description: "Jenis tiang",
					Values: []store.AttributeValue{{Key: "besi", Name: "Tiang besi"}}}}}, nil
		}
		a.saveOpen311Sv = func(actor aduan.Actor, c store.ServiceConfig) error {
			var attrs []string
			for _, at := range c.Attributes {
				attrs = append(attrs, fmt.Sprintf("%s/%s/%d/%v/%v", at.Code, at.Datatype, at.Order, at.Required, at.Values))
			}
			return a.guarded(actor, aduan.PermCategoryEdit, fmt.Sprintf("%s %s %q %s", c.Code, c.Type, c.Keywords, strings.Join(attrs, " ")), nil)
		}
	}
	service := func(kv ...string) url.Values {
		v := url.Values{"type": {"realtime"}, "keywords": {"lampu;pju"}, "group": {""}, "description": {""}, "notice": {""},
			"attr_code.0": {"TIANG"}, "attr_datatype.0": {"singlevaluelist"}, "attr_description.0": {"Jenis tiang"}, "attr_order.0": {"1"},
			"attr_values.0": {"besi=Tiang besi\n\nbeton"}, "attr_required.0": {"1"},
			"attr_code.1": {""}, "attr_datatype.1": {"string"}, "attr_description.1": {""}, "attr_order.1": {""}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /admin/open311": w.Open311Keys, "POST /admin/open311": w.CreateOpen311Key,
			"POST /admin/open311/{id}/revoke": w.RevokeOpen311Key, "GET /admin/open311-services": w.Open311Services,
			"POST /admin/open311-services/{code}": w.SaveOpen311Service}
	}
	runAdminPages(t, routes, []adminCase{
		// The keys.
		{name: "the keys are listed, a revoked one without its button", method: "GET", path: "/admin/open311", role: aduan.RoleAdmin,
			admin: keys, status: 200,
			want:    []string{"FixMyStreet Depok", "o311_7ab2", `action="/admin/open311/4/revoke"`, "Dasbor lama", "/open311/v2/discovery.xml"},
			notWant: []string{`action="/admin/open311/3/revoke"`}},
		{name: "the koordinator has no keys page", method: "GET", path: "/admin/open311", role: aduan.RoleKoordinatorCC, admin: keys,
			status: 403, notWant: []string{"FixMyStreet"}},
		{name: "keys the store fails to read are a 500 that tells nothing", method: "GET", path: "/admin/open311", role: aduan.RoleAdmin,
			admin: func(a *fakeAdmin) {
				a.open311Keys = func(aduan.Actor) ([]store.Open311Key, error) { return nil, errFailing }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
		{name: "a new key is shown once, on this response", method: "POST", path: "/admin/open311", role: aduan.RoleAdmin,
			form: url.Values{"name": {"Agregator nasional"}, "per_hour": {"100"}}, admin: keys, status: 200,
			want:  []string{"Kunci baru (ditampilkan sekali ini saja; berikan kepada pengelola aplikasi): <code>o311_rahasia_baru_0099</code>", "FixMyStreet Depok"},
			check: wrote("key Agregator nasional 100")},
		{name: "a key's hourly limit that is not a number is refused on its field, with the name kept", method: "POST", path: "/admin/open311",
			role: aduan.RoleAdmin, form: url.Values{"name": {"Agregator nasional"}, "per_hour": {"banyak"}}, admin: keys, status: 400,
			want: []string{"Harus antara 1 dan 100000.", `value="Agregator nasional"`}, notWant: []string{"o311_rahasia"}, check: wrote()},
		{name: "the koordinator makes no key", method: "POST", path: "/admin/open311", role: aduan.RoleKoordinatorCC,
			form: url.Values{"name": {"x"}}, admin: keys, status: 403, notWant: []string{"o311_rahasia"}, check: wrote()},
		{name: "a key is revoked", method: "POST", path: "/admin/open311/4/revoke", role: aduan.RoleAdmin, admin: keys,
			status: 303, check: adminSentTo("/admin/open311?ok=web.ok.open311_revoked", "revoke 4")},
		{name: "what is not a key's number is a 404 in Indonesian", method: "POST", path: "/admin/open311/empat/revoke", role: aduan.RoleAdmin,
			status: 404, want: []string{"Kunci API Open311 tidak ditemukan."}},
		{name: "the koordinator revokes no key", method: "POST", path: "/admin/open311/4/revoke", role: aduan.RoleKoordinatorCC, admin: keys,
			status: 403, check: wrote()},

		// The services.
		{name: "the services are listed with their type", method: "GET", path: "/admin/open311-services", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"<code>PJU</code>", "Lampu jalan", `href="/admin/open311-services?code=PJU#edit"`}},
		{name: "a service opened shows its settings and attributes as set", method: "GET", path: "/admin/open311-services?code=PJU",
			role: aduan.RoleAdmin, admin: pju, status: 200,
			want: []string{`action="/admin/open311-services/PJU"`, `name="keywords" value="lampu; pju"`, `name="group" value="Infrastruktur"`,
				"Dijawab dalam 3 hari kerja.", `name="attr_code.0" value="TIANG"`, "besi=Tiang besi", `name="attr_code.2" value=""`}},
		{name: "an operator configures no service and reads none", method: "GET", path: "/admin/open311-services?code=PJU",
			role: aduan.RoleOperatorCC, status: 403, notWant: []string{"Lampu jalan", `name="attr_code.0"`}},
		{name: "a service that is not offered is a 404 in Indonesian", method: "GET", path: "/admin/open311-services?code=NOPE",
			role: aduan.RoleAdmin, admin: pju, status: 404, want: []string{"Layanan (service_code) tidak ditemukan."}},
		{name: "a service is saved with its attribute rows; an empty row is left out", method: "POST", path: "/admin/open311-services/PJU",
			role: aduan.RoleAdmin, form: service(), admin: pju, status: 303,
			check: adminSentTo("/admin/open311-services?code=PJU&ok=web.ok.open311_service_saved",
				`PJU realtime ["lampu" "pju"] TIANG/singlevaluelist/1/true/[{besi Tiang besi} {beton beton}]`)},
		{name: "an attribute without a number or description is refused on its row, with what was typed", method: "POST",
			path: "/admin/open311-services/PJU", role: aduan.RoleAdmin,
			form: service("attr_order.0", "satu", "attr_description.0", "", "notice", "Ditindaklanjuti segera."), admin: pju, status: 400,
			want: []string{"TIANG.order: Harus antara 1 dan 1000.", "TIANG.description: Wajib diisi.", "Ditindaklanjuti segera."}, check: wrote()},
		{name: "an operator saves no service", method: "POST", path: "/admin/open311-services/PJU", role: aduan.RoleOperatorCC,
			form: service(), admin: pju, status: 403, check: wrote()},
		{name: "a service the store fails to save is a 500 that tells nothing", method: "POST", path: "/admin/open311-services/PJU",
			role: aduan.RoleAdmin, form: service(),
			admin: func(a *fakeAdmin) {
				pju(a)
				a.saveOpen311Sv = func(aduan.Actor, store.ServiceConfig) error { return errFailing }
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})
}

// TestClocksHandler checks GET /clocks: each deadline worded and coloured
// at the server's time, what is not a time left null, too many refused.
func TestClocksHandler(t *testing.T) {
	at := func(d time.Duration) string { return url.QueryEscape(pageNow.Add(d).Format(time.RFC3339)) }
	routes := func(w *Web, _ *Public) map[string]HandlerFunc { return map[string]HandlerFunc{"GET /clocks": w.Clocks} }
	over, _ := i18n.Due(i18n.ID, pageNow.Add(-30*time.Minute), pageNow)
	runAdminPages(t, routes, []adminCase{
		{name: "each deadline is worded and coloured at the server's time", method: "GET", role: aduan.RoleOperatorCC,
			path:   "/clocks?d=" + at(-30*time.Minute) + "&d=" + at(4*time.Minute) + "&d=" + at(time.Hour) + "&s=&s=&s=" + at(-time.Hour) + "&d=kemarin",
			status: 200,
			want:   []string{`[{"text":"` + over + `","class":"over"},{"text":`, `"class":"near"},{"text":`, `"class":"ok"},null]`},
			check: func(t *testing.T, _ *fakeAdmin, w *httptest.ResponseRecorder) {
				if ct := w.Header().Get("Content-Type"); ct != "application/json" || w.Header().Get("Cache-Control") != "no-store" {
					t.Errorf("content type %q, cache %q", ct, w.Header().Get("Cache-Control"))
				}
			}},
		{name: "a deadline in the last fifth of its window is near", method: "GET", role: aduan.RoleOperatorCC,
			path: "/clocks?d=" + at(time.Hour) + "&s=" + at(-9*time.Hour), status: 200, want: []string{`"class":"near"`}},
		{name: "more than 500 clocks are refused", method: "GET", role: aduan.RoleOperatorCC,
			path: "/clocks?" + strings.Repeat("d=x&", 501), status: 400},
	})
}

// serveAdmin serves one request the case builds itself (a multipart
// upload, a conditional GET) as runPages serves its cases: through the
// console's error adapter, with a as the administration's stores.
func serveAdmin(t *testing.T, a *fakeAdmin, pattern string, h func(w *Web) HandlerFunc, r *http.Request, role aduan.Role) *httptest.ResponseRecorder {
	t.Helper()
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeStores{t: t}
	w := &Web{Stores: f.stores(), Log: slog.New(slog.DiscardHandler)}
	w.once.Do(func() { w.pages = pages })
	w.Stores.Admin, w.Stores.Worktime, w.Stores.Open311Admin = a, a, a
	mux := http.NewServeMux()
	mux.Handle(pattern, w.Handle(h(w)))
	if role != "" {
		r = r.WithContext(withTestUser(r.Context(), role))
	}
	rw := httptest.NewRecorder()
	mux.ServeHTTP(rw, r)
	return rw
}

// logoUpload is a POST /admin/logo with file as the logo field.
func logoUpload(t *testing.T, file []byte) *http.Request {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("logo", "logo.png")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(file)
	mw.Close()
	r := httptest.NewRequest("POST", "/admin/logo", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

// TestLogoHandlers checks the city's logo served to anyone (GET /logo:
// its type, caching and a 304 for the copy the browser has) and the
// admin's upload or removal of it (POST /admin/logo): a file too large or
// not an image refused on its field, a kasi refused, nothing written.
func TestLogoHandlers(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n logo kota")
	stored := func(a *fakeAdmin) {
		a.logo = func() (*store.Logo, error) {
			return &store.Logo{PNG: png, Width: 200, Height: 200, UpdatedAt: pageNow}, nil
		}
	}
	writes := func(a *fakeAdmin) {
		a.setLogo = func(actor aduan.Actor, raw []byte) error {
			if len(raw) == 0 {
				return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "logo", Key: "err.field.logo_type"}}}
			}
			return a.guarded(actor, aduan.PermSettingsEdit, fmt.Sprintf("logo %q", raw), nil)
		}
		a.deleteLogo = func(actor aduan.Actor) error { return a.guarded(actor, aduan.PermSettingsEdit, "no logo", nil) }
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /logo": w.Logo, "POST /admin/logo": w.SaveLogo}
	}
	runAdminPages(t, routes, []adminCase{
		{name: "the logo is served to anyone as a PNG, checked again after an hour", method: "GET", path: "/logo", admin: stored, status: 200,
			check: func(t *testing.T, _ *fakeAdmin, w *httptest.ResponseRecorder) {
				h := w.Header()
				if h.Get("Content-Type") != "image/png" || h.Get("Cache-Control") != "public, max-age=3600" || h.Get("ETag") == "" ||
					h.Get("X-Content-Type-Options") != "nosniff" || !bytes.Equal(w.Body.Bytes(), png) {
					t.Errorf("headers %v, body %q", h, w.Body.Bytes())
				}
			}},
		{name: "a versioned logo is kept for good", method: "GET", path: "/logo?v=12", admin: stored, status: 200,
			check: func(t *testing.T, _ *fakeAdmin, w *httptest.ResponseRecorder) {
				if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
					t.Errorf("cache %q", cc)
				}
			}},
		{name: "no logo is a 404 in Indonesian", method: "GET", path: "/logo",
			admin: func(a *fakeAdmin) {
				a.logo = func() (*store.Logo, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.logo") }
			},
			status: 404, want: []string{"Kota ini belum mengunggah logo."}},
		{name: "the logo is removed", method: "POST", path: "/admin/logo", role: aduan.RoleAdmin, form: url.Values{"delete": {"1"}},
			admin: writes, status: 303, check: adminSentTo("/admin/settings#logo", "no logo")},
		{name: "a kasi removes no logo: refused on the settings they may read", method: "POST", path: "/admin/logo", role: aduan.RoleKasiKabid,
			form: url.Values{"delete": {"1"}}, admin: writes, status: 403,
			want: []string{`<p class="form-error" role="alert">Peran Anda tidak berhak melakukan tindakan ini.</p>`}, check: wrote()},
		{name: "a form without a file is refused on the logo's field", method: "POST", path: "/admin/logo", role: aduan.RoleAdmin,
			form: url.Values{"x": {""}}, admin: writes, status: 400,
			want: []string{"Berkas ini bukan gambar PNG atau JPEG yang dapat dibaca."}, check: wrote()},
		{name: "a logo the store fails to remove is a 500 that tells nothing", method: "POST", path: "/admin/logo", role: aduan.RoleAdmin,
			form: url.Values{"delete": {"1"}}, admin: func(a *fakeAdmin) { a.deleteLogo = func(aduan.Actor) error { return errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})

	t.Run("the browser's copy is answered 304 without the image", func(t *testing.T) {
		a := &fakeAdmin{t: t}
		stored(a)
		first := serveAdmin(t, a, "GET /logo", func(w *Web) HandlerFunc { return w.Logo }, httptest.NewRequest("GET", "/logo", nil), "")
		r := httptest.NewRequest("GET", "/logo", nil)
		r.Header.Set("If-None-Match", first.Header().Get("ETag"))
		rw := serveAdmin(t, a, "GET /logo", func(w *Web) HandlerFunc { return w.Logo }, r, "")
		if rw.Code != 304 || rw.Body.Len() != 0 {
			t.Errorf("status %d, %d bytes", rw.Code, rw.Body.Len())
		}
	})
	t.Run("an uploaded file is given to the store as sent", func(t *testing.T) {
		a := &fakeAdmin{t: t}
		writes(a)
		rw := serveAdmin(t, a, "POST /admin/logo", func(w *Web) HandlerFunc { return w.SaveLogo }, logoUpload(t, png), aduan.RoleAdmin)
		if rw.Code != 303 || rw.Header().Get("Location") != "/admin/settings#logo" {
			t.Errorf("status %d to %q: %s", rw.Code, rw.Header().Get("Location"), rw.Body)
		}
		wrote(fmt.Sprintf("logo %q", png))(t, a, rw)
	})
	t.Run("a file over the bound is refused on its field and not read", func(t *testing.T) {
		a := &fakeAdmin{t: t} // SetLogo nil: it must not be reached
		rw := serveAdmin(t, a, "POST /admin/logo", func(w *Web) HandlerFunc { return w.SaveLogo },
			logoUpload(t, bytes.Repeat([]byte{1}, logo.MaxBytes+128<<10)), aduan.RoleAdmin)
		if want := fmt.Sprintf("Berkas logo paling besar %d KB.", logo.MaxBytes>>10); rw.Code != 400 || !strings.Contains(rw.Body.String(), want) {
			t.Errorf("status %d, want 400 with %q: %s", rw.Code, want, rw.Body)
		}
	})
}

// TestRoutingModelAndVerifyHandlers checks the routing model's page and
// its retraining (/pustaka/model) and the public check of a report's
// copy (/verify): a posted check counted against the address's limit, a
// code looked up as typed, a refused role or a limit reached with nothing
// looked up or trained.
func TestRoutingModelAndVerifyHandlers(t *testing.T) {
	const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	found := func(a *fakeAdmin) {
		a.verifyLimit = func() error { return nil }
		a.verifyReport = func(h string) (*report.Match, error) {
			if h != sha {
				return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
			}
			return &report.Match{Format: "pdf", Report: &report.Report{ID: 8, Title: "Laporan Bulanan Februari 2026", Versions: 1,
				OwnerName: "Siti Koordinator", ContentHash: sha}}, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /pustaka/model": w.RoutingModelPage, "POST /pustaka/model/retrain": w.RoutingRetrain,
			"GET /verify": w.Verify, "POST /verify": w.Verify}
	}
	runAdminPages(t, routes, []adminCase{
		{name: "the model's page says what it learnt from and when", method: "GET", path: "/pustaka/model", role: aduan.RoleKoordinatorCC,
			admin: func(a *fakeAdmin) {
				a.router = func() (routing.Info, error) { return routing.Info{TrainedAt: pageNow, Examples: 1234}, nil }
			},
			status: 200, want: []string{"Dipelajari dari 1.234 pengaduan selesai", `action="/pustaka/model/retrain"`}},
		{name: "a model not trained yet says so", method: "GET", path: "/pustaka/model", role: aduan.RoleAdmin,
			admin:  func(a *fakeAdmin) { a.router = func() (routing.Info, error) { return routing.Info{}, nil } },
			status: 200, want: []string{"Belum ada model"}},
		{name: "an operator has no model's page and nothing is read", method: "GET", path: "/pustaka/model", role: aduan.RoleOperatorCC,
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}},
		{name: "a model the store fails to read is a 500 that tells nothing", method: "GET", path: "/pustaka/model", role: aduan.RoleAdmin,
			admin:  func(a *fakeAdmin) { a.router = func() (routing.Info, error) { return routing.Info{}, errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
		{name: "the model is retrained", method: "POST", path: "/pustaka/model/retrain", role: aduan.RoleKoordinatorCC,
			admin: func(a *fakeAdmin) {
				a.retrain = func(act aduan.Actor) (routing.Info, error) {
					return routing.Info{}, a.guarded(act, aduan.PermRoutingTrain, "retrain", nil)
				}
			},
			status: 303, check: adminSentTo("/pustaka/model?ok=web.ok.lib_retrained", "retrain")},
		{name: "a kasi retrains nothing", method: "POST", path: "/pustaka/model/retrain", role: aduan.RoleKasiKabid,
			admin: func(a *fakeAdmin) {
				a.retrain = func(act aduan.Actor) (routing.Info, error) {
					return routing.Info{}, a.guarded(act, aduan.PermRoutingTrain, "retrain", nil)
				}
			},
			status: 403, check: wrote()},

		{name: "the check's page asks for a file or a code and looks nothing up", method: "GET", path: "/verify", status: 200,
			want: []string{"Periksa keaslian laporan", `name="hash"`}},
		{name: "a code is looked up as printed, in any case", method: "GET", path: "/verify?hash=+" + strings.ToUpper(sha) + "+", admin: found,
			setup: func(w *Web) {
				inner := w.Stores.Admin.(*fakeAdmin)
				inner.verifyReport = func(h string) (*report.Match, error) {
					if !strings.EqualFold(h, sha) {
						t.Errorf("looked up %q", h)
					}
					return &report.Match{Format: "pdf", Report: &report.Report{ID: 8, Title: "Laporan Bulanan Februari 2026", OwnerName: "Siti Koordinator"}}, nil
				}
			},
			status: 200, want: []string{"Cocok: dokumen ini sama persis", "Laporan Bulanan Februari 2026", "<code>" + sha + "</code>"}},
		{name: "a posted code is counted against the address's limit", method: "POST", path: "/verify", form: url.Values{"hash": {sha}},
			admin: found, status: 200, want: []string{"Cocok:", "Siti Koordinator"}},
		{name: "a code of no final report says the copy does not match", method: "POST", path: "/verify", form: url.Values{"hash": {"abc123"}},
			admin: found, status: 200, want: []string{"Dokumen ini TIDAK cocok"}, notWant: []string{"Cocok:"}},
		{name: "a post with neither file nor code says what to send", method: "POST", path: "/verify", form: url.Values{"hash": {""}},
			admin:  func(a *fakeAdmin) { a.verifyLimit = func() error { return nil } },
			status: 200, want: []string{"Kirim berkas laporan (PDF, XLSX atau JSON) atau kode hash-nya."}},
		{name: "checks over the address's limit are refused in Indonesian, nothing looked up", method: "POST", path: "/verify",
			form: url.Values{"hash": {sha}},
			admin: func(a *fakeAdmin) {
				a.verifyLimit = func() error { return aduan.Errorf(aduan.ERATELIMIT, "upload.err.verify_limit", 5) }
			},
			status: 429, want: []string{"Terlalu banyak pemeriksaan berkas dari alamat ini. Coba lagi dalam 5 menit."}, notWant: []string{"Cocok:"}},
		{name: "a check the store fails is a 500 that tells nothing", method: "GET", path: "/verify?hash=" + sha,
			admin:  func(a *fakeAdmin) { a.verifyReport = func(string) (*report.Match, error) { return nil, errFailing } },
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: internalDetail},
	})
}
