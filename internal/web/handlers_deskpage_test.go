package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
)

// TestDeskPageHandlers checks the desk's form as the operator opens it
// (blank, or from an incoming call with the caller's number) and the
// caller's box as the phone is typed, with the stores replaced by fakes:
// a known caller's identity and earlier complaints fill in, an unknown
// number leaves the form to be filled, a role that takes no complaints is
// refused, and the reference data away still draws the form when a copy
// was read before.
func TestDeskPageHandlers(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /desk": w.Desk, "GET /desk/citizen": w.DeskCitizen}
	}
	known := func(f *fakeStores) {
		f.byPhone = func(phone string) (*aduan.Citizen, error) {
			if phone != "081234567890" {
				t.Errorf("looked up %q", phone)
			}
			return caller(), nil
		}
		f.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
			if fl.CitizenID != 9 {
				t.Errorf("past complaints of citizen %d, want 9", fl.CitizenID)
			}
			return []*aduan.Complaint{pageComplaint(aduan.StatusForwarded)}, 1, nil
		}
	}
	unknown := func(f *fakeStores) {
		f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
	}
	broken := errors.New(`pq: relation "kecamatan" does not exist`)
	runPages(t, routes, []pageCase{
		{name: "a blank desk offers the form with the city's places and asks nobody's identity yet", method: "GET", path: "/desk",
			role: aduan.RoleOperatorCC, fake: func(*fakeStores) {},
			status: 200, want: []string{"Pengaduan baru", "Pancoran Mas", `name="form_token"`}, notWant: personal},
		{name: "the incoming call's number fills in the known caller, their address and earlier complaints", method: "GET",
			path: "/desk?phone=081234567890&call=c-77", role: aduan.RoleOperatorCC, fake: known,
			status: 200, want: []string{`value="Ratna Dewi"`, "Jl. Melati 12", "ratna@contoh.id", "ADU-2026-000007", `value="c-77"`}},
		{name: "an unknown number leaves the identity to be asked", method: "GET", path: "/desk?phone=081234567890",
			role: aduan.RoleOperatorCC, fake: unknown,
			status: 200, want: []string{`value="081234567890"`}, notWant: []string{"Ratna", "ADU-2026-000007"}},
		{name: "a kasi takes no complaints: the desk is a 403 and nobody is looked up", method: "GET", path: "/desk?phone=081234567890",
			role: aduan.RoleKasiKabid, fake: func(*fakeStores) {},
			status: 403, want: []string{"Peran Anda tidak berhak"}, notWant: personal},
		{name: "an agency operator takes no complaints either", method: "GET", path: "/desk/citizen?phone=081234567890",
			role: aduan.RoleOperatorPD, fake: func(*fakeStores) {},
			status: 403, notWant: personal},
		{name: "reference data the store fails to read is a 500 that tells nothing", method: "GET", path: "/desk",
			role: aduan.RoleOperatorCC, fake: func(f *fakeStores) { f.refsDown = broken },
			status: 500, want: []string{"Terjadi kesalahan pada sistem"}, notWant: []string{"pq:", "relation"}},
		{name: "the database away with no copy read before says so in Indonesian", method: "GET", path: "/desk",
			role: aduan.RoleOperatorCC, fake: func(f *fakeStores) { f.refsDown = errors.New("dial tcp 127.0.0.1:5432: connect: connection refused") },
			status: 503, want: []string{"Layanan sedang tidak tersedia"}, notWant: []string{"5432", "refused"}},
		{name: "the caller's box as the phone is typed names the known caller and their complaints", method: "GET",
			path: "/desk/citizen?phone=081234567890", role: aduan.RoleOperatorCC, fake: known,
			status: 200, want: []string{"Ratna Dewi", "ADU-2026-000007"}, notWant: []string{"<html"}},
		{name: "the caller's box for a new number shows no one", method: "GET", path: "/desk/citizen?phone=081234567890",
			role: aduan.RoleOperatorCC, fake: unknown,
			status: 200, notWant: []string{"Ratna", "ADU-2026-000007"}},
	})
}

// TestDeskKeepsTheLastReferenceData checks that a desk drawn while the
// database is away still offers the places read on the desk before.
func TestDeskKeepsTheLastReferenceData(t *testing.T) {
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeStores{t: t}
	w := &Web{Stores: f.stores()}
	w.once.Do(func() { w.pages = pages })
	get := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/desk", nil)
		r = r.WithContext(withTestUser(r.Context(), aduan.RoleOperatorCC))
		rw := httptest.NewRecorder()
		w.Handle(w.Desk).ServeHTTP(rw, r)
		return rw
	}
	if rw := get(); rw.Code != 200 {
		t.Fatalf("first desk: %d", rw.Code)
	}
	f.refsDown = aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable")
	rw := get()
	if rw.Code != 200 {
		t.Fatalf("desk with the database away: %d, want the form from the last copy: %s", rw.Code, rw.Body)
	}
	if body := rw.Body.String(); !strings.Contains(body, "Pancoran Mas") {
		t.Errorf("the last copy's kecamatan missing: %s", body)
	}
}

// TestSetLanguageHandler checks the language switch: stored on the user,
// back to the page it was pressed on, never to another site.
func TestSetLanguageHandler(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /account/lang": w.SetLanguage}
	}
	saved := func(want string) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.update = func(u *aduan.User) error {
				if u.ID != 5 || u.Lang != want {
					t.Errorf("saved user %d language %q, want 5 %q", u.ID, u.Lang, want)
				}
				return nil
			}
		}
	}
	location := func(want string) func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
		return func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
			if got := rw.Header().Get("Location"); got != want {
				t.Errorf("went to %q, want %q", got, want)
			}
		}
	}
	runPages(t, routes, []pageCase{
		{name: "English chosen on the queue is stored and the queue comes back", method: "POST", path: "/account/lang",
			role: aduan.RoleOperatorCC, form: url.Values{"lang": {"en"}, "next": {"/queue?status=open"}}, fake: saved("en"),
			status: 303, check: location("/queue?status=open")},
		{name: "a language not offered is stored as Indonesian", method: "POST", path: "/account/lang",
			role: aduan.RoleOperatorCC, form: url.Values{"lang": {"xx"}}, fake: saved("id"),
			status: 303, check: location("/account")},
		{name: "a next address on another site goes back to the account page", method: "POST", path: "/account/lang",
			role: aduan.RoleKasiKabid, form: url.Values{"lang": {"id"}, "next": {"https://contoh.example/phish"}}, fake: saved("id"),
			status: 303, check: location("/account")},
		{name: "a store failure is a 500 that tells nothing", method: "POST", path: "/account/lang",
			role: aduan.RoleOperatorCC, form: url.Values{"lang": {"en"}},
			fake: func(f *fakeStores) {
				f.update = func(*aduan.User) error { return errors.New("pq: relation \"users\" does not exist") }
			},
			status: 500, notWant: []string{"pq:", "relation"}},
	})
}

// TestNotFoundHandler checks that a path no page has is answered with
// the console's page in words, to a stranger as to staff.
func TestNotFoundHandler(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"/": w.NotFound}
	}
	runPages(t, routes, []pageCase{
		{name: "a stranger's mistyped address", method: "GET", path: "/lapor-lama", fake: func(*fakeStores) {},
			status: 404, want: []string{"Halaman ini tidak ada"}},
		{name: "staff following an old link", method: "GET", path: "/pengaduan/7", role: aduan.RoleOperatorCC, fake: func(*fakeStores) {},
			status: 404, want: []string{"Halaman ini tidak ada"}},
	})
}
