package web

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// TestAccountHandlers checks log-out and the account page with the stores
// replaced by fakes: a password change refused in Indonesian (the old one
// wrong, the new one too short or typed differently twice) with nothing
// changed and no password shown back, a change that starts the session
// anew, and the API tokens: listed, a new one's secret shown once.
func TestAccountHandlers(t *testing.T) {
	// asTheStore checks the old password and the new one's length as
	// store.Users.SetPassword does.
	asTheStore := func(f *fakeStores) {
		f.setPW = func(userID int64, old, pw string) error {
			if userID != 5 {
				t.Errorf("password of user %d", userID)
			}
			if err := aduan.ValidatePassword(pw); err != nil {
				return err
			}
			if old != "sandi-lama-benar" {
				var v aduan.Validation
				v.Add("old_password", "err.field.password_wrong")
				return v.Err()
			}
			return nil
		}
	}
	pw := func(old, new, again string) url.Values {
		return url.Values{"old_password": {old}, "password": {new}, "password2": {again}}
	}
	used := pageNow.Add(-time.Hour)
	twoTokens := func(f *fakeStores) {
		f.tokens = func(userID int64) ([]aduan.APIToken, error) {
			if userID != 5 {
				t.Errorf("tokens of user %d", userID)
			}
			return []aduan.APIToken{{ID: 1, UserID: 5, Name: "integrasi-lapor", Prefix: "adu_3f9a", CreatedAt: pageNow},
				{ID: 2, UserID: 5, Name: "skrip-lama", Prefix: "adu_77c1", CreatedAt: pageNow, RevokedAt: &used}}, nil
		}
	}
	noSessionAnew := func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
		if len(f.started) != 0 {
			t.Errorf("a session started anew after a refused change: %v", f.started)
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /logout": w.Logout, "GET /account": w.Account, "POST /account/password": w.ChangePassword,
			"POST /account/tokens": w.CreateToken, "POST /account/tokens/{id}/revoke": w.RevokeToken}
	}
	runPages(t, routes, []pageCase{
		// Log-out.
		{name: "log-out ends the session and goes to the log-in form", method: "POST", path: "/logout", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.logOut = func() error { return nil }
			},
			status: 303, check: sentTo("/login")},
		{name: "log-out while the database is away still leaves for the log-in form", method: "POST", path: "/logout", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.logOut = func() error { return aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable") }
			},
			status: 303, check: sentTo("/login")},

		// The password.
		{name: "a wrong old password is refused on its field, in Indonesian", method: "POST", path: "/account/password", role: aduan.RoleOperatorCC,
			form: pw("sandi-lama-salah", "sandi-baru-panjang-sekali", "sandi-baru-panjang-sekali"), fake: asTheStore,
			status: 400, want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "Kata sandi lama salah."},
			notWant: []string{"sandi-lama-salah", "sandi-baru-panjang-sekali"}, check: noSessionAnew},
		{name: "a new password too short says how long it must be", method: "POST", path: "/account/password", role: aduan.RoleOperatorCC,
			form: pw("sandi-lama-benar", "pendek", "pendek"), fake: asTheStore,
			status: 400, want: []string{fmt.Sprintf("Kata sandi minimal %d karakter.", aduan.MinPasswordLen)}, notWant: []string{"pendek"},
			check: noSessionAnew},
		{name: "two new passwords that differ are refused before the store", method: "POST", path: "/account/password", role: aduan.RoleOperatorCC,
			form: pw("sandi-lama-benar", "sandi-baru-panjang-sekali", "sandi-baru-panjang-sekal"), fake: func(*fakeStores) {},
			status: 400, want: []string{"Kedua kata sandi baru tidak sama."}, check: noSessionAnew},
		{name: "a changed password starts this session anew and says so", method: "POST", path: "/account/password", role: aduan.RoleOperatorCC,
			form: pw("sandi-lama-benar", "sandi-baru-panjang-sekali", "sandi-baru-panjang-sekali"), fake: asTheStore,
			status: 303,
			check: func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder) {
				sentTo("/account?ok=web.ok.password")(t, f, w)
				if len(f.started) != 1 || f.started[0] != 5 {
					t.Errorf("sessions started anew: %v", f.started)
				}
			}},

		// The API tokens.
		{name: "the account page lists the tokens, a revoked one without its button", method: "GET", path: "/account", role: aduan.RoleOperatorCC,
			fake: twoTokens, status: 200,
			want:    []string{"integrasi-lapor", "adu_3f9a", `action="/account/tokens/1/revoke"`, "skrip-lama", "dicabut", "Petugas Uji"},
			notWant: []string{`action="/account/tokens/2/revoke"`, "Ganti kata sandi sementara"}},
		{name: "an agency's user sees their agency named", method: "GET", path: "/account", role: aduan.RoleOperatorPD,
			fake: func(*fakeStores) {}, status: 200, want: []string{"Dinas Perhubungan"}},
		{name: "a new token's secret is shown once, beside the list", method: "POST", path: "/account/tokens", role: aduan.RoleOperatorCC,
			form: url.Values{"name": {"integrasi-baru"}},
			fake: func(f *fakeStores) {
				twoTokens(f)
				f.newToken = func(userID int64, name string) (string, *aduan.APIToken, error) {
					if userID != 5 || name != "integrasi-baru" {
						t.Errorf("token %q of %d", name, userID)
					}
					return "adu_rahasia_sekali_0123", &aduan.APIToken{ID: 3, Name: name}, nil
				}
			},
			status: 200, want: []string{"Token API (simpan sekarang, tidak akan ditampilkan lagi): adu_rahasia_sekali_0123", "integrasi-lapor"}},
		{name: "a token without a name is refused on the page", method: "POST", path: "/account/tokens", role: aduan.RoleOperatorCC,
			form: url.Values{"name": {""}},
			fake: func(f *fakeStores) {
				f.newToken = func(int64, string) (string, *aduan.APIToken, error) {
					var v aduan.Validation
					v.Add("name", "err.field.required")
					return "", nil, v.Err()
				}
			},
			status: 400, want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai."}, notWant: []string{"simpan sekarang"}},
		{name: "a token revoked goes back to the account", method: "POST", path: "/account/tokens/1/revoke", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.revoke = func(id int64) error {
					if id != 1 {
						t.Errorf("revoked %d", id)
					}
					return nil
				}
			},
			status: 303, check: sentTo("/account?ok=web.ok.revoked")},
		{name: "another's token is not revoked", method: "POST", path: "/account/tokens/9/revoke", role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				f.revoke = func(int64) error { return aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, notWant: []string{"web.ok.revoked"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if strings.Contains(w.Header().Get("Location"), "revoked") {
					t.Errorf("said revoked: %q", w.Header().Get("Location"))
				}
			}},
	})
}
