package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/store"
)

// TestHomeAndLogInHandlers checks, with the stores replaced by fakes,
// where each role starts, the log-in form's language (kept in a cookie
// for the next visit), and a log-in the store fails or that is sent too
// large: nothing leaked, nothing logged in.
func TestHomeAndLogInHandlers(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /{$}": w.Home, "GET /login": w.LoginPage, "POST /login": w.Login}
	}
	home := func(role aduan.Role, to string) pageCase {
		return pageCase{name: "the " + string(role) + " starts at " + to, method: "GET", path: "/", role: role, fake: func(*fakeStores) {},
			status: 303, check: sentTo(to)}
	}
	runPages(t, routes, []pageCase{
		home(aduan.RoleOperatorCC, "/desk"),
		home(aduan.RoleKoordinatorCC, "/desk"),
		home(aduan.RoleOperatorPD, "/pd"),
		home(aduan.RolePimpinanPD, "/pd"),
		home(aduan.RolePPIDPembantu, "/pd"),
		home(aduan.RoleKasiKabid, "/dashboard"),
		home(aduan.RolePPIDUtama, "/dashboard"),
		home(aduan.RoleAdmin, "/admin"),

		{name: "the log-in form in English keeps the choice in a cookie for the next visit", method: "GET", path: "/login?lang=en",
			fake: func(*fakeStores) {}, setup: func(w *Web) { w.Sessions = &auth.Sessions{Secure: true} },
			status: 200, want: []string{`<html lang="en">`, "Log in", `name="password"`}, notWant: []string{"Sesi Anda telah berakhir"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				c := w.Result().Cookies()
				if len(c) != 1 || c[0].Name != "aduan_lang" || c[0].Value != "en" || !c[0].HttpOnly || !c[0].Secure || c[0].Path != "/" {
					t.Errorf("cookies %v", c)
				}
			}},
		{name: "a language that is not one falls back to Indonesian", method: "GET", path: "/login?lang=xx",
			fake: func(*fakeStores) {}, setup: func(w *Web) { w.Sessions = &auth.Sessions{} },
			status: 200, want: []string{`<html lang="id">`, "Masuk"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if c := w.Result().Cookies(); len(c) != 1 || c[0].Value != "id" {
					t.Errorf("cookies %v", c)
				}
			}},
		{name: "the log-in form sets no cookie unless a language is chosen, and sends nowhere off this site", method: "GET",
			path: "/login?next=https%3A%2F%2Fevil.example%2F", fake: func(*fakeStores) {},
			status: 200, want: []string{`name="next" value=""`}, notWant: []string{"evil.example"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if c := w.Result().Cookies(); len(c) != 0 {
					t.Errorf("cookies %v", c)
				}
			}},
		{name: "a log-in the store fails is a 500 that tells nothing, the password not shown back", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {"rahasia-siti-2026"}},
			fake: func(f *fakeStores) {
				f.logIn = func(string, string) (*aduan.User, error) {
					return nil, errors.New("Sessions.LogIn(siti): database is locked")
				}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: []string{"database is locked", "rahasia-siti-2026"}},
		{name: "a log-in form too large is refused before any password is checked", method: "POST", path: "/login",
			form: url.Values{"username": {"siti"}, "password": {strings.Repeat("a", maxForm+1)}}, fake: func(*fakeStores) {},
			status: 400, want: []string{"Isi permintaan terlalu besar (maksimum 1024 KB)."}},
	})
}

// TestStatedIdentityHandlers checks the identity a caller typed through
// an unverified channel on the complaint page (fillStated) and its
// settling, with the stores replaced by fakes: shown with its buttons to
// the call center, never shown (nor read) for a role that does not see
// the caller, a settling refused to such a role with the page shown
// without the caller, and a store failure a 500 that tells nothing.
func TestStatedIdentityHandlers(t *testing.T) {
	stated := func(f *fakeStores) {
		f.stated = func(c *aduan.Complaint) (*store.StatedIdentity, error) {
			if c.ID != 7 {
				t.Errorf("stated identity of %d", c.ID)
			}
			return &store.StatedIdentity{ComplaintID: 7, Name: "Ratna Kusuma", Address: "Jl. Anggrek 3", Email: "rk@contoh.id"}, nil
		}
	}
	web := pageComplaint(aduan.StatusRecorded)
	web.Channel = aduan.ChannelWeb
	shownStated := []string{"Ratna Kusuma", "Jl. Anggrek 3", "rk@contoh.id"}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /complaints/{id}": w.Complaint, "POST /complaints/{id}/identity": w.SettleIdentity}
	}
	runPages(t, routes, []pageCase{
		{name: "the operator sees what the caller typed beside the stored identity, to use or dismiss", method: "GET", path: "/complaints/7",
			role: aduan.RoleOperatorCC, fake: func(f *fakeStores) { onPage(web)(f); stated(f) },
			status: 200, want: append([]string{"Identitas yang diketik pengirim", "Pakai identitas ini", `value="dismiss"`}, shownStated...)},
		{name: "a kasi sees neither the caller nor what they typed", method: "GET", path: "/complaints/7", role: aduan.RoleKasiKabid,
			fake: func(f *fakeStores) {
				onPage(web)(f)
				f.stated = func(*aduan.Complaint) (*store.StatedIdentity, error) {
					t.Error("the stated identity read for a role that does not see the caller")
					return nil, nil
				}
			},
			status: 200, want: []string{"ADU-2026-000007"}, notWant: append(append([]string{"Identitas yang diketik pengirim"}, shownStated...), personal...)},
		{name: "an anonim complaint's stated identity is not shown to its agency", method: "GET", path: "/complaints/7", role: aduan.RoleOperatorPD,
			fake: func(f *fakeStores) {
				c := pageComplaint(aduan.StatusForwarded)
				c.Channel, c.Confidentiality = aduan.ChannelWeb, aduan.Anonymous
				onPage(c)(f)
				f.stated = func(*aduan.Complaint) (*store.StatedIdentity, error) {
					t.Error("the stated identity read for a role that does not see the caller")
					return nil, nil
				}
			},
			status: 200, notWant: append(shownStated, personal...)},
		{name: "a stated identity the store fails to read is a 500 that tells nothing", method: "GET", path: "/complaints/7",
			role: aduan.RoleOperatorCC,
			fake: func(f *fakeStores) {
				onPage(web)(f)
				f.stated = func(*aduan.Complaint) (*store.StatedIdentity, error) {
					return nil, errors.New("StatedIdentity(7): Ratna Kusuma: database is locked")
				}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: []string{"database is locked", "Ratna Kusuma"}},
		{name: "a kasi's settling refused shows the page without the caller", method: "POST", path: "/complaints/7/identity", role: aduan.RoleKasiKabid,
			form: url.Values{"do": {"adopt"}, "version": {"3"}},
			fake: func(f *fakeStores) {
				onPage(web)(f)
				f.settle = func(int64, int64, bool) (*aduan.Citizen, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini.", "ADU-2026-000007"},
			notWant: append(append([]string{}, shownStated...), personal...)},
		{name: "a settling the store fails is a 500 that tells nothing", method: "POST", path: "/complaints/7/identity", role: aduan.RoleOperatorCC,
			form: url.Values{"do": {"adopt"}, "version": {"3"}},
			fake: func(f *fakeStores) {
				f.settle = func(int64, int64, bool) (*aduan.Citizen, error) {
					return nil, errors.New("SettleStatedIdentity(7): Ratna Kusuma: disk I/O error")
				}
			},
			status: 500, want: []string{"Terjadi kesalahan pada sistem."}, notWant: []string{"disk I/O", "Ratna Kusuma"}},
		{name: "a complaint that is not a number settles nothing", method: "POST", path: "/complaints/tujuh/identity", role: aduan.RoleOperatorCC,
			form: url.Values{"do": {"adopt"}, "version": {"3"}}, fake: func(*fakeStores) {}, status: 404},
	})
}
