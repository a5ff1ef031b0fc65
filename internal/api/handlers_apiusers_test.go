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
	"github.com/kotakita/aduan/internal/store"
)

// apiusersFakes stands in for the store behind the user, session,
// reference-data, settings and working-time handlers: one function per
// method, nil for those a case must not reach (calling one fails the case
// with the method's name, so a refused or bad request is seen to write
// nothing).
type apiusersFakes struct {
	t *testing.T

	users       func(actor aduan.Actor) ([]aduan.User, error)
	user        func(id int64) (*aduan.User, error)
	createUser  func(actor aduan.Actor, u *aduan.User, password string) error
	updateUser  func(actor aduan.Actor, u *aduan.User) error
	setPassword func(userID int64, old, password string) error
	createToken func(userID int64, name string) (string, *aduan.APIToken, error)
	tokens      func(userID int64) ([]aduan.APIToken, error)
	revokeToken func(id int64) error

	logIn  func(username, password string) (*aduan.User, error)
	logOut func() error

	agencies      func() ([]aduan.Agency, error)
	agency        func(id int64) (*aduan.Agency, error)
	saveAgency    func(a *aduan.Agency) error
	categories    func() ([]aduan.Category, error)
	category      func(id int64) (*aduan.Category, error)
	saveCategory  func(c *aduan.Category) error
	kecamatans    func() ([]aduan.Kecamatan, error)
	kelurahans    func(kecamatan string) ([]aduan.Kelurahan, error)
	holidays      func() ([]aduan.Holiday, error)
	saveHoliday   func(h aduan.Holiday) error
	deleteHoliday func(date string) error
	standards     func() (aduan.Standards, error)
	setStandard   func(step aduan.StepKey, st aduan.Standard) error
	settings      func() (map[string]string, error)
	setSettings   func(actor aduan.Actor, values map[string]string) error
	workTime      func() (*store.WorkTime, error)
	saveWorkTime  func(w *store.WorkTime) error
}

func (f *apiusersFakes) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *apiusersFakes) Users(_ context.Context, actor aduan.Actor) ([]aduan.User, error) {
	if f.users == nil {
		f.unexpected("Users")
	}
	return f.users(actor)
}

func (f *apiusersFakes) User(_ context.Context, id int64) (*aduan.User, error) {
	if f.user == nil {
		f.unexpected("User")
	}
	return f.user(id)
}

func (f *apiusersFakes) CreateUser(_ context.Context, actor aduan.Actor, u *aduan.User, password string) error {
	if f.createUser == nil {
		f.unexpected("CreateUser")
	}
	return f.createUser(actor, u, password)
}

func (f *apiusersFakes) UpdateUser(_ context.Context, actor aduan.Actor, u *aduan.User) error {
	if f.updateUser == nil {
		f.unexpected("UpdateUser")
	}
	return f.updateUser(actor, u)
}

func (f *apiusersFakes) SetPassword(_ context.Context, _ aduan.Actor, userID int64, old, password string, _ store.Credential) error {
	if f.setPassword == nil {
		f.unexpected("SetPassword")
	}
	return f.setPassword(userID, old, password)
}

func (f *apiusersFakes) CreateToken(_ context.Context, _ aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error) {
	if f.createToken == nil {
		f.unexpected("CreateToken")
	}
	return f.createToken(userID, name)
}

func (f *apiusersFakes) Tokens(_ context.Context, _ aduan.Actor, userID int64) ([]aduan.APIToken, error) {
	if f.tokens == nil {
		f.unexpected("Tokens")
	}
	return f.tokens(userID)
}

func (f *apiusersFakes) RevokeToken(_ context.Context, _ aduan.Actor, id int64) error {
	if f.revokeToken == nil {
		f.unexpected("RevokeToken")
	}
	return f.revokeToken(id)
}

func (f *apiusersFakes) LogIn(_ http.ResponseWriter, _ *http.Request, username, password string) (*aduan.User, error) {
	if f.logIn == nil {
		f.unexpected("LogIn")
	}
	return f.logIn(username, password)
}

func (f *apiusersFakes) LogOut(http.ResponseWriter, *http.Request) error {
	if f.logOut == nil {
		f.unexpected("LogOut")
	}
	return f.logOut()
}

func (f *apiusersFakes) Agencies(context.Context) ([]aduan.Agency, error) {
	if f.agencies == nil {
		f.unexpected("Agencies")
	}
	return f.agencies()
}

func (f *apiusersFakes) Agency(_ context.Context, id int64) (*aduan.Agency, error) {
	if f.agency == nil {
		f.unexpected("Agency")
	}
	return f.agency(id)
}

func (f *apiusersFakes) SaveAgency(_ context.Context, _ aduan.Actor, a *aduan.Agency) error {
	if f.saveAgency == nil {
		f.unexpected("SaveAgency")
	}
	return f.saveAgency(a)
}

func (f *apiusersFakes) Categories(context.Context) ([]aduan.Category, error) {
	if f.categories == nil {
		f.unexpected("Categories")
	}
	return f.categories()
}

func (f *apiusersFakes) Category(_ context.Context, id int64) (*aduan.Category, error) {
	if f.category == nil {
		f.unexpected("Category")
	}
	return f.category(id)
}

func (f *apiusersFakes) SaveCategory(_ context.Context, _ aduan.Actor, c *aduan.Category) error {
	if f.saveCategory == nil {
		f.unexpected("SaveCategory")
	}
	return f.saveCategory(c)
}

func (f *apiusersFakes) Kecamatans(context.Context) ([]aduan.Kecamatan, error) {
	if f.kecamatans == nil {
		f.unexpected("Kecamatans")
	}
	return f.kecamatans()
}

func (f *apiusersFakes) Kelurahans(_ context.Context, kecamatan string) ([]aduan.Kelurahan, error) {
	if f.kelurahans == nil {
		f.unexpected("Kelurahans")
	}
	return f.kelurahans(kecamatan)
}

func (f *apiusersFakes) Holidays(context.Context) ([]aduan.Holiday, error) {
	if f.holidays == nil {
		f.unexpected("Holidays")
	}
	return f.holidays()
}

func (f *apiusersFakes) SaveHoliday(_ context.Context, _ aduan.Actor, h aduan.Holiday) error {
	if f.saveHoliday == nil {
		f.unexpected("SaveHoliday")
	}
	return f.saveHoliday(h)
}

func (f *apiusersFakes) DeleteHoliday(_ context.Context, _ aduan.Actor, date string) error {
	if f.deleteHoliday == nil {
		f.unexpected("DeleteHoliday")
	}
	return f.deleteHoliday(date)
}

func (f *apiusersFakes) Standards(context.Context) (aduan.Standards, error) {
	if f.standards == nil {
		f.unexpected("Standards")
	}
	return f.standards()
}

func (f *apiusersFakes) SetStandard(_ context.Context, _ aduan.Actor, step aduan.StepKey, st aduan.Standard) error {
	if f.setStandard == nil {
		f.unexpected("SetStandard")
	}
	return f.setStandard(step, st)
}

func (f *apiusersFakes) Settings(context.Context) (map[string]string, error) {
	if f.settings == nil {
		f.unexpected("Settings")
	}
	return f.settings()
}

func (f *apiusersFakes) SetSettings(_ context.Context, actor aduan.Actor, values map[string]string) error {
	if f.setSettings == nil {
		f.unexpected("SetSettings")
	}
	return f.setSettings(actor, values)
}

func (f *apiusersFakes) WorkTime(context.Context) (*store.WorkTime, error) {
	if f.workTime == nil {
		f.unexpected("WorkTime")
	}
	return f.workTime()
}

func (f *apiusersFakes) SaveWorkTime(_ context.Context, _ aduan.Actor, w *store.WorkTime) error {
	if f.saveWorkTime == nil {
		f.unexpected("SaveWorkTime")
	}
	return f.saveWorkTime(w)
}

// The people the cases act as.
var (
	apiusersAdmin       = &aduan.User{ID: 1, Username: "admin", Name: "Admin TI", Role: aduan.RoleAdmin, Active: true}
	apiusersKoordinator = &aduan.User{ID: 2, Username: "rina", Name: "Rina", Role: aduan.RoleKoordinatorCC, Active: true}
	apiusersOperator    = &aduan.User{ID: 5, Username: "siti", Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	apiusersDinas       = &aduan.User{ID: 9, Username: "budi", Name: "Budi", Role: aduan.RoleOperatorPD, AgencyID: 3, Active: true}
)

// errAPIUsersFault is what a store fault says inside: none of it may reach
// the caller.
var errAPIUsersFault = errors.New(`pq: relation "users" does not exist (SELECT id FROM users)`)

// apiusersFaultHidden is what a 500 must not show.
var apiusersFaultHidden = []string{"pq:", "SELECT", "relation"}

// apiusersSiti is a stored user with personal data.
func apiusersSiti() *aduan.User {
	return &aduan.User{ID: 5, Username: "siti", Name: "Siti Aminah", Role: aduan.RoleOperatorCC, Phone: "081234567890",
		Email: "siti@depok.go.id", Lang: "id", Active: true, CreatedAt: handlerNow}
}

type apiusersCase struct {
	name, method, path, body string
	as                       *aduan.User // nil: nobody logged in
	lang                     string      // en unless set
	fake                     func(f *apiusersFakes)
	status                   int
	want, notWant            []string
}

// apiusersRun serves each case through the API's own error adapter, with
// the user put in the context as the server's auth does, and checks the
// status and the words that must and must not be in the answer.
func apiusersRun(t *testing.T, cases []apiusersCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &apiusersFakes{t: t}
			if tc.fake != nil {
				tc.fake(f)
			}
			a := &API{Complaints: &fakeComplaints{t: t}, Accounts: f, Logins: f, Reference: f, WorkCalendars: f,
				Clock: func() time.Time { return handlerNow }, Log: slog.New(slog.DiscardHandler)}
			mux := http.NewServeMux()
			for pattern, h := range map[string]reqctx.HandlerFunc{
				"POST /api/v1/auth/login":          a.Login,
				"POST /api/v1/auth/logout":         a.Logout,
				"GET /api/v1/me":                   a.Me,
				"GET /api/v1/workflow":             a.Workflow,
				"GET /api/v1/users":                a.ListUsers,
				"POST /api/v1/users":               a.CreateUser,
				"GET /api/v1/users/{id}":           a.GetUser,
				"PATCH /api/v1/users/{id}":         a.UpdateUser,
				"POST /api/v1/users/{id}/password": a.SetPassword,
				"GET /api/v1/tokens":               a.ListTokens,
				"POST /api/v1/tokens":              a.CreateToken,
				"DELETE /api/v1/tokens/{id}":       a.RevokeToken,
				"GET /api/v1/agencies":             a.ListAgencies,
				"POST /api/v1/agencies":            a.CreateAgency,
				"GET /api/v1/agencies/{id}":        a.GetAgency,
				"PATCH /api/v1/agencies/{id}":      a.UpdateAgency,
				"GET /api/v1/categories":           a.ListCategories,
				"POST /api/v1/categories":          a.CreateCategory,
				"GET /api/v1/categories/{id}":      a.GetCategory,
				"PATCH /api/v1/categories/{id}":    a.UpdateCategory,
				"GET /api/v1/kecamatan":            a.ListKecamatan,
				"GET /api/v1/kelurahan":            a.ListKelurahan,
				"GET /api/v1/settings":             a.GetSettings,
				"PATCH /api/v1/settings":           a.PatchSettings,
				"GET /api/v1/standards":            a.ListStandards,
				"PUT /api/v1/standards/{step}":     a.PutStandard,
				"GET /api/v1/calendars":            a.GetCalendars,
				"PUT /api/v1/calendars":            a.PutCalendars,
				"GET /api/v1/tiers":                a.GetTiers,
				"PUT /api/v1/tiers/{category_id}":  a.PutCategoryTier,
				"GET /api/v1/holidays":             a.ListHolidays,
				"PUT /api/v1/holidays/{date}":      a.PutHoliday,
				"DELETE /api/v1/holidays/{date}":   a.DeleteHoliday,
			} {
				mux.Handle(pattern, a.Handle(h))
			}
			lang := tc.lang
			if lang == "" {
				lang = "en"
			}
			sep := "?"
			if strings.Contains(tc.path, "?") {
				sep = "&"
			}
			r := httptest.NewRequest(tc.method, tc.path+sep+"lang="+lang, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			if tc.as != nil {
				r = r.WithContext(reqctx.WithUser(r.Context(), tc.as))
			}
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			checkAnswer(t, w, tc.status, tc.want, tc.notWant)
		})
	}
}

// TestAPIUsersUserHandlers: the user accounts (list, one, create, change,
// password) as each role meets them.
func TestAPIUsersUserHandlers(t *testing.T) {
	internal := []string{`"code":"internal"`, "Something went wrong in the system"}
	apiusersRun(t, []apiusersCase{
		{name: "list for the koordinator", method: "GET", path: "/api/v1/users", as: apiusersKoordinator,
			fake: func(f *apiusersFakes) {
				f.users = func(act aduan.Actor) ([]aduan.User, error) {
					if act.UserID != 2 || act.Role != aduan.RoleKoordinatorCC {
						t.Errorf("listed as %+v", act)
					}
					return []aduan.User{*apiusersSiti()}, nil
				}
			},
			status: 200, want: []string{`"items":[{`, `"username":"siti"`, `"role":"operator_cc"`, `"role_label":"`, `"created_at":"2026-03-02T09:00:00+07:00"`}},
		{name: "list, the store refuses the role", method: "GET", path: "/api/v1/users", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.users = func(aduan.Actor) ([]aduan.User, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"081234567890"}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/users", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.users = func(aduan.Actor) ([]aduan.User, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: internal, notWant: apiusersFaultHidden},
		{name: "one, by the koordinator", method: "GET", path: "/api/v1/users/5", as: apiusersKoordinator,
			fake: func(f *apiusersFakes) {
				f.user = func(id int64) (*aduan.User, error) {
					if id != 5 {
						t.Errorf("looked up %d", id)
					}
					return apiusersSiti(), nil
				}
			},
			status: 200, want: []string{`"id":5`, `"name":"Siti Aminah"`, `"phone":"081234567890"`, `"email":"siti@depok.go.id"`, `"must_change_password":false`}},
		{name: "one's own account, by an operator", method: "GET", path: "/api/v1/users/5", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return apiusersSiti(), nil }
			},
			status: 200, want: []string{`"username":"siti"`}},
		{name: "someone else's account, by an operator, looks nobody up", method: "GET", path: "/api/v1/users/7", as: apiusersOperator,
			status: 403, want: []string{`"code":"forbidden"`, "Your role is not allowed"}, notWant: []string{"phone", "email"}},
		{name: "one that is not there", method: "GET", path: "/api/v1/users/404", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "one with an id that is no number", method: "GET", path: "/api/v1/users/siti", as: apiusersAdmin,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "one, a store fault tells nothing", method: "GET", path: "/api/v1/users/5", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: internal, notWant: apiusersFaultHidden},
		{name: "create, by the admin", method: "POST", path: "/api/v1/users", as: apiusersAdmin,
			body: `{"username":"dewi","name":"Dewi","role":"operator_cc","phone":"081299990000","password":"rahasia-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.createUser = func(act aduan.Actor, u *aduan.User, pw string) error {
					if act.UserID != 1 || u.Username != "dewi" || u.Role != aduan.RoleOperatorCC || !u.Active || !u.MustChangePW || pw != "rahasia-sekali-123" {
						t.Errorf("created %+v with %q as %+v", u, pw, act)
					}
					u.ID = 12
					return nil
				}
			},
			status: 201, want: []string{`"id":12`, `"username":"dewi"`, `"active":true`, `"must_change_password":true`}, notWant: []string{"rahasia", "password\":\""}},
		{name: "create, by the koordinator, writes nothing", method: "POST", path: "/api/v1/users", as: apiusersKoordinator,
			body:   `{"username":"dewi","name":"Dewi","role":"admin","password":"rahasia-sekali-123"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "create with a field nobody knows writes nothing", method: "POST", path: "/api/v1/users", as: apiusersAdmin,
			body:   `{"username":"dewi","peran":"admin"}`,
			status: 400, want: []string{`"code":"invalid"`, "peran"}},
		{name: "create with an active flag that is no bool names it", method: "POST", path: "/api/v1/users", as: apiusersAdmin,
			body:   `{"username":"dewi","active":"ya"}`,
			status: 400, want: []string{`"field":"active"`}},
		{name: "create, the store refuses a field, in Indonesian", method: "POST", path: "/api/v1/users", as: apiusersAdmin, lang: "id",
			body: `{"username":"","name":"Dewi","role":"operator_cc","password":"rahasia-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.createUser = func(aduan.Actor, *aduan.User, string) error {
					var v aduan.Validation
					v.Add("username", "err.field.required")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"username"`, "Wajib diisi."}},
		{name: "create, a store fault tells nothing", method: "POST", path: "/api/v1/users", as: apiusersAdmin,
			body: `{"username":"dewi","name":"Dewi","role":"operator_cc","password":"rahasia-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.createUser = func(aduan.Actor, *aduan.User, string) error { return errAPIUsersFault }
			},
			status: 500, want: internal, notWant: append([]string{"rahasia"}, apiusersFaultHidden...)},
		{name: "change only what the patch names", method: "PATCH", path: "/api/v1/users/5", as: apiusersAdmin,
			body: `{"name":"Siti A.","active":false}`,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return apiusersSiti(), nil }
				f.updateUser = func(_ aduan.Actor, u *aduan.User) error {
					if u.ID != 5 || u.Name != "Siti A." || u.Active || u.Username != "siti" || u.Phone != "081234567890" || u.Role != aduan.RoleOperatorCC {
						t.Errorf("saved %+v", u)
					}
					return nil
				}
			},
			status: 200, want: []string{`"name":"Siti A."`, `"active":false`, `"phone":"081234567890"`}},
		{name: "change one's own language", method: "PATCH", path: "/api/v1/users/5", as: apiusersOperator,
			body: `{"lang":"en"}`,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return apiusersSiti(), nil }
				f.updateUser = func(_ aduan.Actor, u *aduan.User) error {
					if u.Lang != "en" {
						t.Errorf("saved %+v", u)
					}
					return nil
				}
			},
			status: 200, want: []string{`"lang":"en"`}},
		{name: "change someone else, by an operator, reads and writes nothing", method: "PATCH", path: "/api/v1/users/7", as: apiusersOperator,
			body:   `{"role":"admin"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a password through PATCH is refused and writes nothing", method: "PATCH", path: "/api/v1/users/5", as: apiusersAdmin,
			body: `{"password":"baru-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return apiusersSiti(), nil }
			},
			status: 400, want: []string{`"field":"password"`}, notWant: []string{"baru-sekali-123"}},
		{name: "change, a store fault tells nothing", method: "PATCH", path: "/api/v1/users/5", as: apiusersAdmin,
			body: `{"name":"Siti A."}`,
			fake: func(f *apiusersFakes) {
				f.user = func(int64) (*aduan.User, error) { return apiusersSiti(), nil }
				f.updateUser = func(aduan.Actor, *aduan.User) error { return errAPIUsersFault }
			},
			status: 500, want: internal, notWant: apiusersFaultHidden},
		{name: "set one's password", method: "POST", path: "/api/v1/users/5/password", as: apiusersOperator,
			body: `{"old_password":"lama-sekali-123","password":"baru-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.setPassword = func(id int64, old, pw string) error {
					if id != 5 || old != "lama-sekali-123" || pw != "baru-sekali-123" {
						t.Errorf("set %d %q %q", id, old, pw)
					}
					return nil
				}
			},
			status: 204},
		{name: "set a password, the store refuses the role", method: "POST", path: "/api/v1/users/7/password", as: apiusersOperator,
			body: `{"password":"baru-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.setPassword = func(int64, string, string) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"baru-sekali-123"}},
		{name: "set a password with an empty body writes nothing", method: "POST", path: "/api/v1/users/5/password", as: apiusersOperator,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "set a password, a store fault tells nothing", method: "POST", path: "/api/v1/users/5/password", as: apiusersOperator,
			body: `{"old_password":"lama-sekali-123","password":"baru-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.setPassword = func(int64, string, string) error { return errAPIUsersFault }
			},
			status: 500, want: internal, notWant: append([]string{"sekali"}, apiusersFaultHidden...)},
	})
}

// TestAPIUsersTokenHandlers: API tokens, whose secret is shown once, when
// made, and never in a list.
func TestAPIUsersTokenHandlers(t *testing.T) {
	used := handlerNow.Add(time.Hour)
	tok := func() *aduan.APIToken {
		return &aduan.APIToken{ID: 4, UserID: 5, Name: "SP4N-LAPOR", Prefix: "adn_ab12", CreatedAt: handlerNow, LastUsed: &used}
	}
	apiusersRun(t, []apiusersCase{
		{name: "one's own tokens, without their secret", method: "GET", path: "/api/v1/tokens", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.tokens = func(uid int64) ([]aduan.APIToken, error) {
					if uid != 5 {
						t.Errorf("listed for %d", uid)
					}
					return []aduan.APIToken{*tok()}, nil
				}
			},
			status: 200, want: []string{`"id":4`, `"prefix":"adn_ab12"`, `"last_used":"2026-03-02T10:00:00+07:00"`}, notWant: []string{`"token"`, "revoked_at"}},
		{name: "another user's tokens", method: "GET", path: "/api/v1/tokens?user_id=9", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.tokens = func(uid int64) ([]aduan.APIToken, error) {
					if uid != 9 {
						t.Errorf("listed for %d", uid)
					}
					return []aduan.APIToken{}, nil
				}
			},
			status: 200, want: []string{`"items":[]`}},
		{name: "a user_id that is no number asks nothing", method: "GET", path: "/api/v1/tokens?user_id=siti", as: apiusersAdmin,
			status: 400, want: []string{`"code":"invalid"`, "user_id"}},
		{name: "another user's tokens, the store refuses the role", method: "GET", path: "/api/v1/tokens?user_id=9", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.tokens = func(int64) ([]aduan.APIToken, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"adn_"}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/tokens", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.tokens = func(int64) ([]aduan.APIToken, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "make one's own, its secret shown once", method: "POST", path: "/api/v1/tokens", as: apiusersOperator,
			body: `{"name":"SP4N-LAPOR"}`,
			fake: func(f *apiusersFakes) {
				f.createToken = func(uid int64, name string) (string, *aduan.APIToken, error) {
					if uid != 5 || name != "SP4N-LAPOR" {
						t.Errorf("made %d %q", uid, name)
					}
					return "adn_ab12secretsecret", tok(), nil
				}
			},
			status: 201, want: []string{`"token":"adn_ab12secretsecret"`, `"name":"SP4N-LAPOR"`, `"user_id":5`}},
		{name: "make one for someone else, the store refuses the role", method: "POST", path: "/api/v1/tokens", as: apiusersOperator,
			body: `{"name":"x","user_id":9}`,
			fake: func(f *apiusersFakes) {
				f.createToken = func(uid int64, _ string) (string, *aduan.APIToken, error) {
					if uid != 9 {
						t.Errorf("made for %d", uid)
					}
					return "", nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{`"token"`}},
		{name: "make one with a user_id that is no number writes nothing", method: "POST", path: "/api/v1/tokens", as: apiusersAdmin,
			body:   `{"name":"x","user_id":"sembilan"}`,
			status: 400, want: []string{`"field":"user_id"`}},
		{name: "make one, a store fault tells nothing", method: "POST", path: "/api/v1/tokens", as: apiusersOperator,
			body: `{"name":"x"}`,
			fake: func(f *apiusersFakes) {
				f.createToken = func(int64, string) (string, *aduan.APIToken, error) { return "", nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "revoke", method: "DELETE", path: "/api/v1/tokens/4", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.revokeToken = func(id int64) error {
					if id != 4 {
						t.Errorf("revoked %d", id)
					}
					return nil
				}
			},
			status: 204},
		{name: "revoke someone else's, the store refuses", method: "DELETE", path: "/api/v1/tokens/4", as: apiusersDinas,
			fake: func(f *apiusersFakes) {
				f.revokeToken = func(int64) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "revoke with an id that is no number touches nothing", method: "DELETE", path: "/api/v1/tokens/abc", as: apiusersOperator,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "revoke, a store fault tells nothing", method: "DELETE", path: "/api/v1/tokens/4", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.revokeToken = func(int64) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

// TestAPIUsersSessionHandlers: logging in and out, and who one is.
func TestAPIUsersSessionHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "log in", method: "POST", path: "/api/v1/auth/login", body: `{"username":"siti","password":"rahasia-sekali-123"}`,
			fake: func(f *apiusersFakes) {
				f.logIn = func(u, pw string) (*aduan.User, error) {
					if u != "siti" || pw != "rahasia-sekali-123" {
						t.Errorf("logged in %q %q", u, pw)
					}
					return apiusersSiti(), nil
				}
			},
			status: 200, want: []string{`"username":"siti"`, `"role":"operator_cc"`}, notWant: []string{"rahasia"}},
		{name: "log in with a wrong password, in Indonesian", method: "POST", path: "/api/v1/auth/login", lang: "id",
			body: `{"username":"siti","password":"salah"}`,
			fake: func(f *apiusersFakes) {
				f.logIn = func(string, string) (*aduan.User, error) {
					return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.login_failed")
				}
			},
			status: 401, want: []string{`"code":"unauthorized"`, "Nama pengguna atau kata sandi salah."}, notWant: []string{"salah\"", "Siti"}},
		{name: "log in with a field nobody knows tries nothing", method: "POST", path: "/api/v1/auth/login",
			body:   `{"user":"siti","password":"x"}`,
			status: 400, want: []string{`"code":"invalid"`, "user"}},
		{name: "log in, a store fault tells nothing", method: "POST", path: "/api/v1/auth/login", body: `{"username":"siti","password":"x"}`,
			fake: func(f *apiusersFakes) {
				f.logIn = func(string, string) (*aduan.User, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "log out", method: "POST", path: "/api/v1/auth/logout", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.logOut = func() error { return nil }
			},
			status: 204},
		{name: "log out, a store fault tells nothing", method: "POST", path: "/api/v1/auth/logout", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.logOut = func() error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "me", method: "GET", path: "/api/v1/me", as: apiusersDinas,
			status: 200, want: []string{`"id":9`, `"username":"budi"`, `"role":"operator_pd"`, `"agency_id":3`}},
	})
}

func apiusersDinkes() *aduan.Agency {
	return &aduan.Agency{ID: 3, Code: "DINKES", Name: "Dinas Kesehatan", ShortName: "Dinkes", Kind: "dinas", Phone: "0217777000", Email: "dinkes@depok.go.id", Active: true}
}

func apiusersPJU() *aduan.Category {
	return &aduan.Category{ID: 8, Code: "PJU", Name: "Penerangan Jalan Umum", Keywords: []string{"lampu", "pju"}, DefaultAgencyID: 4,
		Priority: aduan.PriorityNormal, Public: true, Active: true}
}

// TestAPIUsersAgencyHandlers: the agencies every role reads and only the
// admin changes.
func TestAPIUsersAgencyHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "list, for an agency's operator", method: "GET", path: "/api/v1/agencies", as: apiusersDinas,
			fake: func(f *apiusersFakes) {
				f.agencies = func() ([]aduan.Agency, error) { return []aduan.Agency{*apiusersDinkes()}, nil }
			},
			status: 200, want: []string{`"items":[{`, `"code":"DINKES"`, `"short_name":"Dinkes"`, `"phone":"0217777000"`, `"active":true`}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/agencies", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.agencies = func() ([]aduan.Agency, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "one", method: "GET", path: "/api/v1/agencies/3", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.agency = func(id int64) (*aduan.Agency, error) {
					if id != 3 {
						t.Errorf("looked up %d", id)
					}
					return apiusersDinkes(), nil
				}
			},
			status: 200, want: []string{`"id":3`, `"name":"Dinas Kesehatan"`}},
		{name: "one that is not there", method: "GET", path: "/api/v1/agencies/99", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.agency = func(int64) (*aduan.Agency, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "one with an id that is no number looks nothing up", method: "GET", path: "/api/v1/agencies/dinkes", as: apiusersOperator,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "create, by the admin, active unless said", method: "POST", path: "/api/v1/agencies", as: apiusersAdmin,
			body: `{"id":77,"code":"DISHUB","name":"Dinas Perhubungan","kind":"dinas"}`,
			fake: func(f *apiusersFakes) {
				f.saveAgency = func(x *aduan.Agency) error {
					if x.ID != 0 || x.Code != "DISHUB" || !x.Active {
						t.Errorf("saved %+v", x)
					}
					x.ID = 12
					return nil
				}
			},
			status: 201, want: []string{`"id":12`, `"code":"DISHUB"`, `"active":true`}},
		{name: "create, by the koordinator, writes nothing", method: "POST", path: "/api/v1/agencies", as: apiusersKoordinator,
			body:   `{"code":"DISHUB","name":"Dinas Perhubungan"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "create with a field nobody knows writes nothing", method: "POST", path: "/api/v1/agencies", as: apiusersAdmin,
			body:   `{"code":"DISHUB","nama":"Dinas Perhubungan"}`,
			status: 400, want: []string{`"code":"invalid"`, "nama"}},
		{name: "create, the store refuses a field, in Indonesian", method: "POST", path: "/api/v1/agencies", as: apiusersAdmin, lang: "id",
			body: `{"code":"DISHUB","name":""}`,
			fake: func(f *apiusersFakes) {
				f.saveAgency = func(*aduan.Agency) error {
					var v aduan.Validation
					v.Add("name", "err.field.required")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"name"`, "Wajib diisi."}},
		{name: "change only what the patch names", method: "PATCH", path: "/api/v1/agencies/3", as: apiusersAdmin,
			body: `{"whatsapp":"081311112222","active":false}`,
			fake: func(f *apiusersFakes) {
				f.agency = func(int64) (*aduan.Agency, error) { return apiusersDinkes(), nil }
				f.saveAgency = func(x *aduan.Agency) error {
					if x.ID != 3 || x.Name != "Dinas Kesehatan" || x.WhatsApp != "081311112222" || x.Active || x.Phone != "0217777000" {
						t.Errorf("saved %+v", x)
					}
					return nil
				}
			},
			status: 200, want: []string{`"whatsapp":"081311112222"`, `"active":false`, `"code":"DINKES"`}},
		{name: "the path's id wins over the body's", method: "PATCH", path: "/api/v1/agencies/3", as: apiusersAdmin,
			body: `{"id":4}`,
			fake: func(f *apiusersFakes) {
				f.agency = func(int64) (*aduan.Agency, error) { return apiusersDinkes(), nil }
				f.saveAgency = func(x *aduan.Agency) error {
					if x.ID != 3 {
						t.Errorf("saved %+v", x)
					}
					return nil
				}
			},
			status: 200, want: []string{`"id":3`}},
		{name: "change, by an operator, reads and writes nothing", method: "PATCH", path: "/api/v1/agencies/3", as: apiusersOperator,
			body:   `{"active":false}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "change with an active flag that is no bool writes nothing", method: "PATCH", path: "/api/v1/agencies/3", as: apiusersAdmin,
			body: `{"active":"tidak"}`,
			fake: func(f *apiusersFakes) {
				f.agency = func(int64) (*aduan.Agency, error) { return apiusersDinkes(), nil }
			},
			status: 400, want: []string{`"field":"active"`}},
		{name: "change, a store fault tells nothing", method: "PATCH", path: "/api/v1/agencies/3", as: apiusersAdmin,
			body: `{"active":false}`,
			fake: func(f *apiusersFakes) {
				f.agency = func(int64) (*aduan.Agency, error) { return apiusersDinkes(), nil }
				f.saveAgency = func(*aduan.Agency) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

// TestAPIUsersCategoryHandlers: the categories every role reads and the
// admin and the koordinator change.
func TestAPIUsersCategoryHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "list", method: "GET", path: "/api/v1/categories", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.categories = func() ([]aduan.Category, error) {
					return []aduan.Category{*apiusersPJU(), {ID: 9, Code: "LAIN", Name: "Lainnya"}}, nil
				}
			},
			status: 200, want: []string{`"code":"PJU"`, `"keywords":["lampu","pju"]`, `"default_agency_id":4`, `"priority":"sedang"`, `"keywords":[]`}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/categories", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.categories = func() ([]aduan.Category, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "one", method: "GET", path: "/api/v1/categories/8", as: apiusersDinas,
			fake: func(f *apiusersFakes) {
				f.category = func(id int64) (*aduan.Category, error) {
					if id != 8 {
						t.Errorf("looked up %d", id)
					}
					return apiusersPJU(), nil
				}
			},
			status: 200, want: []string{`"id":8`, `"name":"Penerangan Jalan Umum"`, `"public":true`}},
		{name: "one that is not there", method: "GET", path: "/api/v1/categories/99", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "create, by the koordinator, public and active unless said", method: "POST", path: "/api/v1/categories", as: apiusersKoordinator,
			body: `{"code":"BANJIR","name":"Banjir","keywords":["banjir","genangan"],"priority":"tinggi"}`,
			fake: func(f *apiusersFakes) {
				f.saveCategory = func(c *aduan.Category) error {
					if c.ID != 0 || c.Code != "BANJIR" || !c.Public || !c.Active || c.Priority != aduan.PriorityHigh || len(c.Keywords) != 2 {
						t.Errorf("saved %+v", c)
					}
					c.ID = 20
					return nil
				}
			},
			status: 201, want: []string{`"id":20`, `"code":"BANJIR"`, `"public":true`, `"active":true`}},
		{name: "create, by an operator, writes nothing", method: "POST", path: "/api/v1/categories", as: apiusersOperator,
			body:   `{"code":"BANJIR","name":"Banjir"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "create with keywords that are no list writes nothing", method: "POST", path: "/api/v1/categories", as: apiusersAdmin,
			body:   `{"code":"BANJIR","keywords":"banjir"}`,
			status: 400, want: []string{`"field":"keywords"`}},
		{name: "create, the store refuses a field", method: "POST", path: "/api/v1/categories", as: apiusersAdmin,
			body: `{"code":"BANJIR","name":"Banjir","priority":"segera"}`,
			fake: func(f *apiusersFakes) {
				f.saveCategory = func(*aduan.Category) error {
					var v aduan.Validation
					v.Add("priority", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"priority"`}},
		{name: "change only what the patch names", method: "PATCH", path: "/api/v1/categories/8", as: apiusersAdmin,
			body: `{"default_agency_id":5}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
				f.saveCategory = func(c *aduan.Category) error {
					if c.ID != 8 || c.DefaultAgencyID != 5 || c.Code != "PJU" || len(c.Keywords) != 2 || !c.Active {
						t.Errorf("saved %+v", c)
					}
					return nil
				}
			},
			status: 200, want: []string{`"default_agency_id":5`, `"code":"PJU"`}},
		{name: "change, by an agency's operator, reads and writes nothing", method: "PATCH", path: "/api/v1/categories/8", as: apiusersDinas,
			body:   `{"default_agency_id":3}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "change one that is not there writes nothing", method: "PATCH", path: "/api/v1/categories/99", as: apiusersAdmin,
			body: `{"name":"x"}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "change, a store fault tells nothing", method: "PATCH", path: "/api/v1/categories/8", as: apiusersAdmin,
			body: `{"name":"x"}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
				f.saveCategory = func(*aduan.Category) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

// TestAPIUsersRegionHandlers: the kecamatan and kelurahan lists, and the
// workflow every client draws its buttons from.
func TestAPIUsersRegionHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "kecamatan", method: "GET", path: "/api/v1/kecamatan", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.kecamatans = func() ([]aduan.Kecamatan, error) {
					return []aduan.Kecamatan{{Code: "32.76.01", Name: "Pancoran Mas", Website: "https://pancoranmas.depok.go.id"}}, nil
				}
			},
			status: 200, want: []string{`"code":"32.76.01"`, `"name":"Pancoran Mas"`, `"website":"https://pancoranmas.depok.go.id"`}},
		{name: "kecamatan, a store fault tells nothing", method: "GET", path: "/api/v1/kecamatan", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.kecamatans = func() ([]aduan.Kecamatan, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "kelurahan of a kecamatan", method: "GET", path: "/api/v1/kelurahan?kecamatan=32.76.01", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.kelurahans = func(k string) ([]aduan.Kelurahan, error) {
					if k != "32.76.01" {
						t.Errorf("asked for %q", k)
					}
					return []aduan.Kelurahan{{Code: "32.76.01.1001", Name: "Depok", KecamatanCode: "32.76.01", PostalCode: "16431"}}, nil
				}
			},
			status: 200, want: []string{`"code":"32.76.01.1001"`, `"kecamatan_code":"32.76.01"`, `"postal_code":"16431"`}},
		{name: "kelurahan, none", method: "GET", path: "/api/v1/kelurahan", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.kelurahans = func(string) ([]aduan.Kelurahan, error) { return nil, nil }
			},
			status: 200, want: []string{`"items":[]`}},
		{name: "kelurahan, a store fault tells nothing", method: "GET", path: "/api/v1/kelurahan", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.kelurahans = func(string) ([]aduan.Kelurahan, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "workflow, in Indonesian", method: "GET", path: "/api/v1/workflow", as: apiusersDinas, lang: "id",
			status: 200, want: []string{`"statuses":[{`, `"status":"recorded"`, `"transitions":[{`, `"action":"forward"`, `"roles":[`}},
	})
}

// TestAPIUsersSettingsHandlers: the settings, read by the admin, the
// koordinator and the kasi; the store decides who may change which key.
func TestAPIUsersSettingsHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "read: the stored over the defaults", method: "GET", path: "/api/v1/settings", as: apiusersKoordinator,
			fake: func(f *apiusersFakes) {
				f.settings = func() (map[string]string, error) { return map[string]string{"city_name": "Kota Bogor"}, nil }
			},
			status: 200, want: []string{`"city_name":"Kota Bogor"`, `"office_name":"Dinas Komunikasi dan Informatika Kota Depok"`}, notWant: []string{`"city_name":"Kota Depok"`}},
		{name: "read, by an operator, reads nothing", method: "GET", path: "/api/v1/settings", as: apiusersOperator,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"city_name"}},
		{name: "read, a store fault tells nothing", method: "GET", path: "/api/v1/settings", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.settings = func() (map[string]string, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "change, then the settings as they are", method: "PATCH", path: "/api/v1/settings", as: apiusersAdmin,
			body: `{"city_name":"Kota Bogor"}`,
			fake: func(f *apiusersFakes) {
				saved := map[string]string{}
				f.setSettings = func(act aduan.Actor, v map[string]string) error {
					if act.UserID != 1 || len(v) != 1 || v["city_name"] != "Kota Bogor" {
						t.Errorf("saved %v as %+v", v, act)
					}
					saved = v
					return nil
				}
				f.settings = func() (map[string]string, error) { return saved, nil }
			},
			status: 200, want: []string{`"city_name":"Kota Bogor"`}},
		{name: "change a key the role may not, the store refuses", method: "PATCH", path: "/api/v1/settings", as: apiusersKoordinator,
			body: `{"city_name":"Kota Bogor"}`,
			fake: func(f *apiusersFakes) {
				f.setSettings = func(aduan.Actor, map[string]string) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"city_name"}},
		{name: "change with a value that is no string writes nothing", method: "PATCH", path: "/api/v1/settings", as: apiusersAdmin,
			body:   `{"sla_warn_percent":80}`,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "change, the store refuses a value", method: "PATCH", path: "/api/v1/settings", as: apiusersAdmin,
			body: `{"time_zone":"UTC"}`,
			fake: func(f *apiusersFakes) {
				f.setSettings = func(aduan.Actor, map[string]string) error {
					var v aduan.Validation
					v.Add("time_zone", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"time_zone"`}},
		{name: "change, a store fault tells nothing", method: "PATCH", path: "/api/v1/settings", as: apiusersAdmin,
			body: `{"city_name":"Kota Bogor"}`,
			fake: func(f *apiusersFakes) {
				f.setSettings = func(aduan.Actor, map[string]string) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

var apiusersKasi = &aduan.User{ID: 6, Username: "kasi", Name: "Pak Kasi", Role: aduan.RoleKasiKabid, Active: true}

// TestAPIUsersHolidayHandlers: the holidays working days skip.
func TestAPIUsersHolidayHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "list", method: "GET", path: "/api/v1/holidays", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.holidays = func() ([]aduan.Holiday, error) {
					return []aduan.Holiday{{Date: "2026-03-20", Name: "Idul Fitri"}}, nil
				}
			},
			status: 200, want: []string{`"items":[{"date":"2026-03-20","name":"Idul Fitri"}]`}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/holidays", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.holidays = func() ([]aduan.Holiday, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "put, by the koordinator", method: "PUT", path: "/api/v1/holidays/2026-03-21", as: apiusersKoordinator,
			body: `{"name":"  Idul Fitri (hari kedua) "}`,
			fake: func(f *apiusersFakes) {
				f.saveHoliday = func(h aduan.Holiday) error {
					if h.Date != "2026-03-21" || !strings.Contains(h.Name, "Idul Fitri (hari kedua)") {
						t.Errorf("saved %+v", h)
					}
					return nil
				}
			},
			status: 200, want: []string{`"date":"2026-03-21"`, `"name":"Idul Fitri (hari kedua)"`}},
		{name: "put, by an operator, writes nothing", method: "PUT", path: "/api/v1/holidays/2026-03-21", as: apiusersOperator,
			body:   `{"name":"Libur"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "put with a name that is no string writes nothing", method: "PUT", path: "/api/v1/holidays/2026-03-21", as: apiusersAdmin,
			body:   `{"name":1}`,
			status: 400, want: []string{`"field":"name"`}},
		{name: "put a date the store refuses", method: "PUT", path: "/api/v1/holidays/21-03-2026", as: apiusersAdmin,
			body: `{"name":"Libur"}`,
			fake: func(f *apiusersFakes) {
				f.saveHoliday = func(aduan.Holiday) error {
					var v aduan.Validation
					v.Add("date", "err.field.date")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"date"`}},
		{name: "put, a store fault tells nothing", method: "PUT", path: "/api/v1/holidays/2026-03-21", as: apiusersAdmin,
			body: `{"name":"Libur"}`,
			fake: func(f *apiusersFakes) {
				f.saveHoliday = func(aduan.Holiday) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "delete", method: "DELETE", path: "/api/v1/holidays/2026-03-21", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.deleteHoliday = func(d string) error {
					if d != "2026-03-21" {
						t.Errorf("deleted %q", d)
					}
					return nil
				}
			},
			status: 204},
		{name: "delete, the store refuses the role", method: "DELETE", path: "/api/v1/holidays/2026-03-21", as: apiusersOperator,
			fake: func(f *apiusersFakes) {
				f.deleteHoliday = func(string) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "delete, a store fault tells nothing", method: "DELETE", path: "/api/v1/holidays/2026-03-21", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.deleteHoliday = func(string) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

// TestAPIUsersStandardHandlers: each step's standard time.
func TestAPIUsersStandardHandlers(t *testing.T) {
	stored := func() (aduan.Standards, error) {
		return aduan.Standards{aduan.StepIntake: {Amount: 20, Unit: aduan.UnitMinute}}, nil
	}
	apiusersRun(t, []apiusersCase{
		{name: "list, for the kasi, in Indonesian", method: "GET", path: "/api/v1/standards", as: apiusersKasi, lang: "id",
			fake:   func(f *apiusersFakes) { f.standards = stored },
			status: 200, want: []string{`"step":"intake"`, `"sop":"1-3"`, `"amount":20`, `"unit":"menit"`, `"default_amount":15`}},
		{name: "list, by an operator, reads nothing", method: "GET", path: "/api/v1/standards", as: apiusersOperator,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "list, a store fault tells nothing", method: "GET", path: "/api/v1/standards", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.standards = func() (aduan.Standards, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "put, by the koordinator, then the list", method: "PUT", path: "/api/v1/standards/intake", as: apiusersKoordinator,
			body: `{"amount":30,"unit":"menit"}`,
			fake: func(f *apiusersFakes) {
				f.setStandard = func(k aduan.StepKey, st aduan.Standard) error {
					if k != aduan.StepIntake || st.Amount != 30 || st.Unit != aduan.UnitMinute {
						t.Errorf("set %s %+v", k, st)
					}
					return nil
				}
				f.standards = func() (aduan.Standards, error) {
					return aduan.Standards{aduan.StepIntake: {Amount: 30, Unit: aduan.UnitMinute}}, nil
				}
			},
			status: 200, want: []string{`"step":"intake"`, `"amount":30`}},
		{name: "put, by the kasi, writes nothing", method: "PUT", path: "/api/v1/standards/intake", as: apiusersKasi,
			body:   `{"amount":30,"unit":"menit"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "put a step there is none of writes nothing", method: "PUT", path: "/api/v1/standards/teleport", as: apiusersAdmin,
			body:   `{"amount":30,"unit":"menit"}`,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "put an amount that is no number writes nothing", method: "PUT", path: "/api/v1/standards/intake", as: apiusersAdmin,
			body:   `{"amount":"tiga puluh","unit":"menit"}`,
			status: 400, want: []string{`"field":"amount"`}},
		{name: "put a unit the store refuses", method: "PUT", path: "/api/v1/standards/intake", as: apiusersAdmin,
			body: `{"amount":30,"unit":"detik"}`,
			fake: func(f *apiusersFakes) {
				f.setStandard = func(aduan.StepKey, aduan.Standard) error {
					var v aduan.Validation
					v.Add("unit", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"unit"`}},
		{name: "put, a store fault tells nothing", method: "PUT", path: "/api/v1/standards/intake", as: apiusersAdmin,
			body: `{"amount":30,"unit":"menit"}`,
			fake: func(f *apiusersFakes) {
				f.setStandard = func(aduan.StepKey, aduan.Standard) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

func apiusersWorkTime() *store.WorkTime {
	return &store.WorkTime{TimeZone: "WIB", CallCenter: "24/7", Office: "sen-jum 07:30-16:00",
		AgencyHrs: map[int64]string{3: "sen-sab 07:00-14:00", 4: ""},
		Tiers:     map[int64]aduan.Tier{8: aduan.TierLight},
		Rules:     aduan.Rules{{Step: aduan.StepIntake, Priority: aduan.PriorityEmergency}: {Amount: 5, Unit: aduan.UnitMinute}}}
}

// TestAPIUsersCalendarHandlers: the city's zone and opening hours.
func TestAPIUsersCalendarHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "read, for the kasi: only agencies with hours of their own", method: "GET", path: "/api/v1/calendars", as: apiusersKasi,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
			},
			status: 200, want: []string{`"time_zone":"WIB"`, `"call_center_hours":"24/7"`, `"agency_hours":[{"agency_id":3,"hours":"sen-sab 07:00-14:00"}]`},
			notWant: []string{`"agency_id":4`}},
		{name: "read, by an agency's operator, reads nothing", method: "GET", path: "/api/v1/calendars", as: apiusersDinas,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "read, a store fault tells nothing", method: "GET", path: "/api/v1/calendars", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "change what is named, keep the rest", method: "PUT", path: "/api/v1/calendars", as: apiusersKoordinator,
			body: `{"time_zone":" wita ","agency_hours":[{"agency_id":3,"hours":""},{"agency_id":5,"hours":"sen-jum 08:00-15:00"}]}`,
			fake: func(f *apiusersFakes) {
				var saved *store.WorkTime
				f.workTime = func() (*store.WorkTime, error) {
					if saved != nil {
						return saved, nil
					}
					return apiusersWorkTime(), nil
				}
				f.agency = func(id int64) (*aduan.Agency, error) { return &aduan.Agency{ID: id}, nil }
				f.saveWorkTime = func(w *store.WorkTime) error {
					if w.TimeZone != "WITA" || w.CallCenter != "24/7" || w.Office != "sen-jum 07:30-16:00" || w.AgencyHrs[3] != "" || w.AgencyHrs[5] != "sen-jum 08:00-15:00" {
						t.Errorf("saved %+v", w)
					}
					saved = w
					return nil
				}
			},
			status: 200, want: []string{`"time_zone":"WITA"`, `"agency_hours":[{"agency_id":5,"hours":"sen-jum 08:00-15:00"}]`}},
		{name: "an agency there is none of writes nothing", method: "PUT", path: "/api/v1/calendars", as: apiusersAdmin,
			body: `{"agency_hours":[{"agency_id":99,"hours":"sen-jum 08:00-15:00"}]}`,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.agency = func(int64) (*aduan.Agency, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 400, want: []string{`"field":"agency_hours"`}},
		{name: "an agency id of 0, even one the store would find, writes nothing", method: "PUT", path: "/api/v1/calendars", as: apiusersAdmin,
			body: `{"agency_hours":[{"agency_id":0,"hours":"x"}]}`,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.agency = func(int64) (*aduan.Agency, error) { return &aduan.Agency{}, nil }
			},
			status: 400, want: []string{`"field":"agency_hours"`}},
		{name: "change, by the kasi, reads and writes nothing", method: "PUT", path: "/api/v1/calendars", as: apiusersKasi,
			body:   `{"time_zone":"WIT"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a zone that is no string reads and writes nothing", method: "PUT", path: "/api/v1/calendars", as: apiusersAdmin,
			body:   `{"time_zone":7}`,
			status: 400, want: []string{`"field":"time_zone"`}},
		{name: "hours the store refuses", method: "PUT", path: "/api/v1/calendars", as: apiusersAdmin,
			body: `{"office_hours":"kapan saja"}`,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.saveWorkTime = func(*store.WorkTime) error {
					var v aduan.Validation
					v.Add("office_hours", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"office_hours"`}},
		{name: "change, a store fault tells nothing", method: "PUT", path: "/api/v1/calendars", as: apiusersAdmin,
			body: `{"office_hours":"sen-jum 08:00-16:00"}`,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.saveWorkTime = func(*store.WorkTime) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}

// TestAPIUsersTierHandlers: the tier each category is timed by.
func TestAPIUsersTierHandlers(t *testing.T) {
	apiusersRun(t, []apiusersCase{
		{name: "read, for the kasi", method: "GET", path: "/api/v1/tiers", as: apiusersKasi,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
			},
			status: 200, want: []string{`"tiers":["ringan","normatif","tanpa_pengawasan","pemeriksaan"]`, `"categories":[{"category_id":8,"tier":"ringan"}]`,
				`"rules":[{"step":"intake","priority":"darurat","amount":5,"unit":"menit"}]`}},
		{name: "read, by an operator, reads nothing", method: "GET", path: "/api/v1/tiers", as: apiusersOperator,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "read, a store fault tells nothing", method: "GET", path: "/api/v1/tiers", as: apiusersAdmin,
			fake: func(f *apiusersFakes) {
				f.workTime = func() (*store.WorkTime, error) { return nil, errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
		{name: "set a category's tier", method: "PUT", path: "/api/v1/tiers/9", as: apiusersKoordinator,
			body: `{"tier":" pemeriksaan "}`,
			fake: func(f *apiusersFakes) {
				var saved *store.WorkTime
				f.category = func(int64) (*aduan.Category, error) { return &aduan.Category{ID: 9}, nil }
				f.workTime = func() (*store.WorkTime, error) {
					if saved != nil {
						return saved, nil
					}
					return apiusersWorkTime(), nil
				}
				f.saveWorkTime = func(w *store.WorkTime) error {
					if w.Tiers[9] != aduan.TierInvestigation || w.Tiers[8] != aduan.TierLight {
						t.Errorf("saved %+v", w.Tiers)
					}
					saved = w
					return nil
				}
			},
			status: 200, want: []string{`{"category_id":8,"tier":"ringan"},{"category_id":9,"tier":"pemeriksaan"}`}},
		{name: "an empty tier goes back to the default", method: "PUT", path: "/api/v1/tiers/8", as: apiusersAdmin,
			body: `{"tier":""}`,
			fake: func(f *apiusersFakes) {
				var saved *store.WorkTime
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
				f.workTime = func() (*store.WorkTime, error) {
					if saved != nil {
						return saved, nil
					}
					return apiusersWorkTime(), nil
				}
				f.saveWorkTime = func(w *store.WorkTime) error {
					if _, ok := w.Tiers[8]; ok {
						t.Errorf("saved %+v", w.Tiers)
					}
					saved = w
					return nil
				}
			},
			status: 200, want: []string{`"categories":[]`}},
		{name: "set, by the kasi, reads and writes nothing", method: "PUT", path: "/api/v1/tiers/8", as: apiusersKasi,
			body:   `{"tier":"ringan"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a category id that is no number reads and writes nothing", method: "PUT", path: "/api/v1/tiers/pju", as: apiusersAdmin,
			body:   `{"tier":"ringan"}`,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a category there is none of writes nothing", method: "PUT", path: "/api/v1/tiers/99", as: apiusersAdmin,
			body: `{"tier":"ringan"}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a tier that is no string writes nothing", method: "PUT", path: "/api/v1/tiers/8", as: apiusersAdmin,
			body: `{"tier":2}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
			},
			status: 400, want: []string{`"field":"tier"`}},
		{name: "a tier the store refuses", method: "PUT", path: "/api/v1/tiers/8", as: apiusersAdmin,
			body: `{"tier":"berat"}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.saveWorkTime = func(*store.WorkTime) error {
					var v aduan.Validation
					v.Add("tier", "err.field.unknown")
					return v.Err()
				}
			},
			status: 400, want: []string{`"field":"tier"`}},
		{name: "set, a store fault tells nothing", method: "PUT", path: "/api/v1/tiers/8", as: apiusersAdmin,
			body: `{"tier":"ringan"}`,
			fake: func(f *apiusersFakes) {
				f.category = func(int64) (*aduan.Category, error) { return apiusersPJU(), nil }
				f.workTime = func() (*store.WorkTime, error) { return apiusersWorkTime(), nil }
				f.saveWorkTime = func(*store.WorkTime) error { return errAPIUsersFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apiusersFaultHidden},
	})
}
