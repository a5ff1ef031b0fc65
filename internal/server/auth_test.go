package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestMustChangePasswordOnAPI: a user who must change their password (a
// new account, an admin's reset, the first-run admin) gets a 403 naming
// the call to make from every API route but that call and /me, by token
// and by session alike; after the change, the token that made it works.
func TestMustChangePasswordOnAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		u := &aduan.User{Username: "baru", Name: "Operator Baru", Role: aduan.RoleOperatorCC, Active: true, MustChangePW: true}
		if err := e.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-awal-1"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := e.st.Users().CreateToken(ctx, aduan.System, u.ID, "skrip")
		if err != nil {
			t.Fatal(err)
		}
		change := fmt.Sprintf("/api/v1/users/%d/password", u.ID)
		byToken := e.c.As(tok)
		bySession := apitest.New(t, e.url)
		bySession.Do("POST", "/api/v1/auth/login", map[string]any{"username": "baru", "password": "kata-sandi-awal-1"}).Must(t, 200)
		for name, c := range map[string]*apitest.Client{"token": byToken, "session": bySession} {
			for _, path := range []string{"/api/v1/complaints", "/api/v1/categories", fmt.Sprintf("/api/v1/users/%d", u.ID)} {
				r := c.Do("GET", path, nil)
				if r.Status != 403 || !strings.Contains(r.ErrorMessage(), change) {
					t.Errorf("%s GET %s: %d %s", name, path, r.Status, r.Raw)
				}
			}
			r := c.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu mati di Jl. Nusantara."})
			if r.Status != 403 || !strings.Contains(r.ErrorMessage(), "harus diganti") {
				t.Errorf("%s POST: %d %s", name, r.Status, r.Raw)
			}
			if me := c.Do("GET", "/api/v1/me", nil).Must(t, 200); me["must_change_password"] != true {
				t.Errorf("%s /me: %v", name, me)
			}
		}
		// Not someone else's password, either.
		if r := byToken.Do("POST", fmt.Sprintf("/api/v1/users/%d/password", e.users[OP].ID), map[string]any{"password": "kata-sandi-lain-1"}); r.Status != 403 {
			t.Errorf("another's password: %d", r.Status)
		}
		byToken.Do("POST", change, map[string]any{"old_password": "kata-sandi-awal-1", "password": "kata-sandi-baru-1"}).Must(t, 204)
		byToken.Do("GET", "/api/v1/complaints", nil).Must(t, 200)
		// The session was not the one that made the change: it ended.
		if r := bySession.Do("GET", "/api/v1/me", nil); r.Status != 401 {
			t.Errorf("the other session after the change: %d", r.Status)
		}
	})
}

// TestAdminTokensOverAPI: over the API too, the admin makes tokens for
// itself and for service accounts, never for a person.
func TestAdminTokensOverAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		admin := e.as(AD)
		r := admin.Do("POST", "/api/v1/tokens", map[string]any{"name": "jadi operator", "user_id": e.users[OP].ID})
		if r.Status != 403 || !strings.Contains(r.ErrorMessage(), "akun layanan") {
			t.Errorf("admin's token for an operator: %d %s", r.Status, r.Raw)
		}
		svc := admin.Do("POST", "/api/v1/users", map[string]any{"username": "pbx", "name": "Sentral telepon", "role": "operator_cc", "service_account": true}).Must(t, 201)
		if svc["service_account"] != true || svc["must_change_password"] != false {
			t.Errorf("service account: %v", svc)
		}
		tk := admin.Do("POST", "/api/v1/tokens", map[string]any{"name": "CTI", "user_id": apitest.Num(svc, "id")}).Must(t, 201)
		pbx := e.c.As(apitest.Str(tk, "token"))
		if me := pbx.Do("GET", "/api/v1/me", nil).Must(t, 200); apitest.Str(me, "username") != "pbx" {
			t.Errorf("service token: %v", me)
		}
		pbx.Do("GET", "/api/v1/complaints", nil).Must(t, 200)
		if r := e.c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "pbx", "password": ""}); r.Status != 401 {
			t.Errorf("service account log-in: %d", r.Status)
		}
		// The console's tokens tab: the same rule.
		console := apitest.New(t, e.url)
		post := func(path string, form url.Values) *apitest.Response {
			req, _ := http.NewRequest("POST", e.url+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return console.Send(req)
		}
		post("/login", url.Values{"username": {"admin"}, "password": {"kata-sandi-uji-123"}})
		if r := post("/admin/tokens", url.Values{"user_id": {strconv.FormatInt(e.users[OP].ID, 10)}, "name": {"x"}}); r.Status != 403 || !strings.Contains(string(r.Raw), "akun layanan") {
			t.Errorf("console token for an operator: %d", r.Status)
		}
		if r := post("/admin/tokens", url.Values{"user_id": {strconv.FormatInt(apitest.Num(svc, "id"), 10)}, "name": {"CTI 2"}}); r.Status != 200 || !strings.Contains(string(r.Raw), "adn_") {
			t.Errorf("console token for the service account: %d", r.Status)
		}
	})
}

// TestLoginLockSameForUnknownUsers: in the console and the API, a locked
// account and a name that does not exist answer alike (status, text,
// Retry-After), and the lock holds for the address that caused it only.
func TestLoginLockSameForUnknownUsers(t *testing.T) {
	e := newEnv(t, store.SQLite)
	still := time.Now().Truncate(time.Hour).Add(90 * time.Second)
	e.st.Now = func() time.Time { return still }
	page := func(user, pw string) (int, string, string) {
		form := url.Values{"username": {user}, "password": {pw}}
		req, _ := http.NewRequest("POST", e.url+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r := apitest.New(t, e.url).Send(req)
		msg := regexp.MustCompile(`role="alert">([^<]*)<`).FindStringSubmatch(string(r.Raw))
		if msg == nil {
			return r.Status, "", r.Header.Get("Retry-After")
		}
		return r.Status, msg[1], r.Header.Get("Retry-After")
	}
	for i := 0; i < store.MaxFailedLogins; i++ {
		ks, km, _ := page("operator.cc", "salah")
		us, um, _ := page("tidak.ada", "salah")
		if ks != 401 || us != ks || um != km {
			t.Fatalf("attempt %d: known %d %q, unknown %d %q", i+1, ks, km, us, um)
		}
	}
	ks, km, kr := page("operator.cc", "kata-sandi-uji-123")
	us, um, ur := page("tidak.ada", "kata-sandi-uji-123")
	if ks != 429 || us != 429 || km != um || kr == "" || kr != ur || !strings.Contains(km, "detik") {
		t.Errorf("locked: known %d %q %s, unknown %d %q %s", ks, km, kr, us, um, ur)
	}
	r := e.c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "tidak.ada", "password": "x"})
	if r.Status != 429 || r.Header.Get("Retry-After") == "" || r.ErrorMessage() != um {
		t.Errorf("API, unknown and locked: %d %s", r.Status, r.Raw)
	}
}

// TestLoginRedirectStaysOnSite: after log-in the console goes to next only
// when it is a path of this site; /%09/evil.example (a tab browsers drop)
// and its kin go home instead.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	e := newEnv(t, store.SQLite)
	for next, want := range map[string]string{"/%09/evil.example": "/", "//evil.example": "/", "/%5Cevil.example": "/",
		"https://evil.example/": "/", "/complaints?status=recorded": "/complaints?status=recorded"} {
		c := apitest.New(t, e.url)
		c.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		dec, _ := url.QueryUnescape(next)
		form := url.Values{"username": {"operator.cc"}, "password": {"kata-sandi-uji-123"}, "next": {dec}}
		req, _ := http.NewRequest("POST", e.url+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if r := c.Send(req); r.Status != 303 || r.Header.Get("Location") != want {
			t.Errorf("next=%s: %d to %q, want %q", next, r.Status, r.Header.Get("Location"), want)
		}
	}
}
