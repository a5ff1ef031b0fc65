package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/store"
)

// TestDeskIntakeHandler checks the desk's intake post with the stores
// replaced by fakes: what the operator reads when the form is wrong (in
// Indonesian, with everything typed still there, nothing recorded), where
// a save leads, who may record, and that a form sent twice records one
// complaint.
func TestDeskIntakeHandler(t *testing.T) {
	const token = "0123456789abcdef0123456789abcdef"
	typed := func() url.Values {
		return url.Values{"form_token": {token}, "text": {"Lampu jalan mati sejak Senin"}, "place": {"Jl. Kenari 3"},
			"kelurahan": {"32.76.01.1007"}, "name": {"Ratna Dewi"}, "phone": {"081234567890"}, "channel": {"phone"}}
	}
	// sentBefore is the answer the form's token recorded when it was
	// saved as complaint 7, for the form with these fields.
	sentBefore := func(fields url.Values) func(f *fakeStores) {
		return func(f *fakeStores) {
			rest := url.Values{}
			for k, v := range fields {
				if k != "form_token" {
					rest[k] = v
				}
			}
			f.keys = map[string]*store.Idempotent{"console:5 " + token: {Owner: "console:5", Key: token, ComplaintID: 7,
				Fingerprint: idem.Fingerprint("POST", "/desk", []byte(rest.Encode())),
				Body:        []byte(`{"location":"/complaints/7","number":"ADU-2026-000007"}`)}}
		}
	}
	created := func(f *fakeStores) {
		f.create = func(_ aduan.Actor, in aduan.NewComplaint) (*aduan.Complaint, error) {
			if in.Text != "Lampu jalan mati sejak Senin" || in.Citizen == nil || in.Citizen.Phone != "081234567890" || in.KelurahanCode != "32.76.01.1007" {
				t.Errorf("recorded %+v", in)
			}
			c := pageComplaint(aduan.StatusRecorded)
			c.Citizen.Address = ""
			return c, nil
		}
	}
	// recordedNothing checks that no complaint's answer was kept for the
	// form's token.
	recordedNothing := func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
		if len(f.keys) != 0 {
			t.Errorf("a form that failed recorded an answer: %v", f.keys)
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /desk": w.Intake}
	}
	runPages(t, routes, []pageCase{
		{name: "a complaint the store finds wrong comes back as typed, the field marked in Indonesian", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: typed(),
			fake: func(f *fakeStores) {
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
					var v aduan.Validation
					v.Add("address", "err.field.required")
					v.Add("citizen.phone", "err.field.phone")
					return nil, v.Err()
				}
				f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 400, want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "Wajib diisi.", "Nomor HP tidak valid",
				"Lampu jalan mati sejak Senin", `value="Jl. Kenari 3"`, `value="Ratna Dewi"`, `value="081234567890"`, `value="` + token + `"`},
			check: recordedNothing},
		{name: "a category that is not a number is refused before anything is recorded", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: with(typed(), "category", "lampu"),
			fake: func(f *fakeStores) {
				f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 400, want: []string{"Tidak ditemukan; pilih dari daftar.", "Lampu jalan mati sejak Senin"}, check: recordedNothing},
		{name: "a form sent while the database is away comes back as typed with a 503", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: typed(),
			fake: func(f *fakeStores) {
				f.create = func(aduan.Actor, aduan.NewComplaint) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable")
				}
				f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable") }
			},
			status: 503, want: []string{"Layanan sedang tidak tersedia", "Lampu jalan mati sejak Senin", `value="Ratna Dewi"`}, check: recordedNothing},
		{name: "a saved complaint leads to a fresh desk that names it, and its form's answer is kept", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: typed(), fake: created,
			status: 303,
			check: func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder) {
				sentTo("/desk?saved=7&ok=web.ok.desk.saved")(t, f, w)
				if r := f.keys["console:5 "+token]; r == nil || r.ComplaintID != 7 || !strings.Contains(string(r.Body), "/complaints/7") {
					t.Errorf("the form's answer kept: %+v", r)
				}
			}},
		{name: "save and ask for identity asks for what the caller did not give", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: with(typed(), "next", "identity"),
			fake: func(f *fakeStores) {
				created(f)
				f.apply = func(_ aduan.Actor, id, _ int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					if id != 7 || act != aduan.ActionRequestIdentity || strings.Join(in.Missing, ",") != "address" {
						t.Errorf("step %d %s %+v", id, act, in)
					}
					return pageComplaint(aduan.StatusAwaitingIdentity), &aduan.Event{}, nil
				}
			},
			status: 303, check: sentTo("/desk?saved=7&ok=web.ok.desk.identity_requested")},
		{name: "a kasi may not record a complaint, and nothing is", method: "POST", path: "/desk", role: aduan.RoleKasiKabid, form: typed(),
			fake: func(*fakeStores) {}, status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, check: recordedNothing},
		{name: "the same form sent again leads to the complaint it was saved as, recording nothing twice", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: typed(), fake: sentBefore(typed()),
			status: 303, check: sentTo("/desk?saved=7&ok=web.ok.desk.already_saved")},
		{name: "a saved form typed into again comes back with the saved one linked and a fresh token", method: "POST", path: "/desk",
			role: aduan.RoleOperatorCC, form: with(typed(), "text", "Lampu jalan mati, tiang miring"),
			fake: func(f *fakeStores) {
				sentBefore(typed())(f)
				f.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 422, want: []string{"Formulir ini sudah tersimpan sebagai ADU-2026-000007, dengan isi yang lain", `<a href="/complaints/7">ADU-2026-000007</a>`,
				"Lampu jalan mati, tiang miring"},
			notWant: []string{`value="` + token + `"`}},
	})
}

func with(v url.Values, k, val string) url.Values { v.Set(k, val); return v }
