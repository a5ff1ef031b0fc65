package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// onPage is a complaint page's reads for c: the complaint, its one event,
// no duplicates.
func onPage(c *aduan.Complaint) func(f *fakeStores) {
	return func(f *fakeStores) {
		f.complaint = func(int64) (*aduan.Complaint, error) { return c, nil }
		f.events = func(int64) ([]aduan.Event, error) {
			return []aduan.Event{{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: pageNow, ActorName: "Siti"}}, nil
		}
		f.list = func(aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) { return nil, 0, nil }
	}
}

// asTheStore takes a step on c as the store would decide it: the domain's
// rule for the actor's role and c's state (aduan.MayTake), and the step's
// input checked by the domain; the step taken answers c one version on.
func asTheStore(c *aduan.Complaint, check func(act aduan.Action, in aduan.ActionInput)) func(f *fakeStores) {
	return func(f *fakeStores) {
		onPage(c)(f)
		f.apply = func(actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
			if id != c.ID || version != c.Version {
				return nil, nil, aduan.Errorf(aduan.ECONFLICT, "err.conflict")
			}
			if err := aduan.MayTake(c, actor, act); err != nil {
				return nil, nil, err
			}
			if check != nil {
				check(act, in)
			}
			done := *c
			done.Version++
			return &done, &aduan.Event{ID: 2, ComplaintID: c.ID, Action: act}, nil
		}
	}
}

func sentTo(want string) func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder) {
	return func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
		t.Helper()
		if loc := w.Header().Get("Location"); loc != want {
			t.Errorf("sent to %q, want %q", loc, want)
		}
	}
}

// nothingKept checks that no form's answer was recorded (no step taken).
func nothingKept(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
	if len(f.keys) != 0 {
		t.Errorf("a step that failed recorded an answer: %v", f.keys)
	}
}

// TestComplaintStepHandlers checks the complaint page's posts with the
// stores replaced by fakes: a step taken or refused by state and role
// (the refusal in Indonesian, on the page, with what was typed and
// nothing changed), a note, and the stated identity settled.
func TestComplaintStepHandlers(t *testing.T) {
	const token = "fedcba9876543210fedcba9876543210"
	step := func(act aduan.Action, kv ...string) url.Values {
		v := url.Values{"action": {string(act)}, "version": {"3"}, "form_token": {token}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	recorded := pageComplaint(aduan.StatusRecorded)
	forwarded := pageComplaint(aduan.StatusForwarded)
	closed := pageComplaint(aduan.StatusClosed)
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"POST /complaints/{id}/act": w.Act, "POST /complaints/{id}/notes": w.Note,
			"POST /complaints/{id}/identity": w.SettleIdentity}
	}
	runPages(t, routes, []pageCase{
		// Steps allowed.
		{name: "the call center forwards a recorded complaint to the agency chosen", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: step(aduan.ActionForward, "agency_id", "2"),
			fake: asTheStore(recorded, func(_ aduan.Action, in aduan.ActionInput) {
				if in.AgencyID != 2 {
					t.Errorf("forwarded to %d", in.AgencyID)
				}
			}),
			status: 303,
			check: func(t *testing.T, f *fakeStores, w *httptest.ResponseRecorder) {
				sentTo("/complaints/7?ok=web.ok.done.forward")(t, f, w)
				if len(f.keys) != 1 {
					t.Errorf("the step's form answer kept: %v", f.keys)
				}
			}},
		{name: "the agency acknowledges what was forwarded to it", method: "POST", path: "/complaints/7/act", role: aduan.RoleOperatorPD,
			form: step(aduan.ActionAcknowledge), fake: asTheStore(forwarded, nil), status: 303, check: sentTo("/complaints/7?ok=web.ok.done.acknowledge")},
		{name: "asking for identity asks for what the caller has not given", method: "POST", path: "/complaints/7/act", role: aduan.RoleOperatorCC,
			form: step(aduan.ActionRequestIdentity),
			fake: func(f *fakeStores) {
				c := pageComplaint(aduan.StatusRecorded)
				c.Citizen.Address, c.Citizen.Email = "", ""
				asTheStore(c, func(_ aduan.Action, in aduan.ActionInput) {
					if !strings.Contains(strings.Join(in.Missing, ","), "address") {
						t.Errorf("asked for %v", in.Missing)
					}
				})(f)
			},
			status: 303, check: sentTo("/complaints/7?ok=web.ok.done.request_identity")},

		// Steps refused: the page again, the reason in Indonesian, nothing
		// taken.
		{name: "the call center may not acknowledge for the agency", method: "POST", path: "/complaints/7/act", role: aduan.RoleOperatorCC,
			form: step(aduan.ActionAcknowledge), fake: asTheStore(forwarded, nil),
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini.", "ADU-2026-000007"}, check: nothingKept},
		{name: "a kasi takes no step", method: "POST", path: "/complaints/7/act", role: aduan.RoleKasiKabid,
			form: step(aduan.ActionForward, "agency_id", "2"), fake: asTheStore(recorded, nil),
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, notWant: personal, check: nothingKept},
		{name: "an answer to a closed complaint comes back typed, saying someone acted first", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: step(aduan.ActionAnswer, "answer", "Lampu sudah diganti kemarin sore."),
			fake:   asTheStore(closed, nil),
			status: 409, want: []string{"Pengaduan ini baru saja diubah oleh petugas lain, jadi langkah Anda belum dijalankan.", "Lampu sudah diganti kemarin sore."},
			check: nothingKept},
		{name: "a step on a page drawn before another's step is refused with what was typed", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: with(step(aduan.ActionAnswer, "answer", "Sudah diperbaiki."), "version", "2"),
			fake:   asTheStore(recorded, nil),
			status: 409, want: []string{"baru saja diubah oleh petugas lain", "Sudah diperbaiki."}, check: nothingKept},
		{name: "an answer the store finds empty is marked on its field in Indonesian", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: step(aduan.ActionAnswer, "answer", " "),
			fake: func(f *fakeStores) {
				onPage(recorded)(f)
				f.apply = func(aduan.Actor, int64, int64, aduan.Action, aduan.ActionInput) (*aduan.Complaint, *aduan.Event, error) {
					var v aduan.Validation
					v.Add("answer", "err.field.required")
					return nil, nil, v.Err()
				}
			},
			status: 400, want: []string{"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "Wajib diisi."}, check: nothingKept},
		{name: "an agency that is not a number is refused before the step", method: "POST", path: "/complaints/7/act", role: aduan.RoleOperatorCC,
			form: step(aduan.ActionForward, "agency_id", "dishub"), fake: onPage(recorded),
			status: 400, want: []string{"Tidak ditemukan; pilih dari daftar."}, check: nothingKept},
		{name: "a duplicate of an unknown number is refused on its field before the step", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: step(aduan.ActionMarkDuplicate, "duplicate_of", "ADU-2026-009999"),
			fake: func(f *fakeStores) {
				onPage(recorded)(f)
				f.ref = func(ref string) (int64, error) {
					if ref != "ADU-2026-009999" {
						t.Errorf("looked up %q", ref)
					}
					return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			status: 400, want: []string{"Tidak ditemukan; pilih dari daftar.", "ADU-2026-009999"}, check: nothingKept},
		{name: "the same step form sent again shows the step done, taking it once", method: "POST", path: "/complaints/7/act",
			role: aduan.RoleOperatorCC, form: step(aduan.ActionForward, "agency_id", "2"),
			fake: func(f *fakeStores) {
				f.keys = map[string]*store.Idempotent{}
				// The first post, taken; the second must not reach the store.
				asTheStore(recorded, nil)(f)
				o := &Web{Stores: f.stores()}
				r := httptest.NewRequest("POST", "/complaints/7/act", strings.NewReader(step(aduan.ActionForward, "agency_id", "2").Encode()))
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				r = r.WithContext(withTestUser(r.Context(), aduan.RoleOperatorCC))
				if err := r.ParseForm(); err != nil {
					t.Fatal(err)
				}
				if err := recordForm(o.formOnce(r), func(*aduan.Complaint) string { return "/complaints/7" })(context.Background(), nil, recorded, nil); err != nil {
					t.Fatal(err)
				}
				f.apply = nil
			},
			status: 303, check: sentTo("/complaints/7?ok=web.ok.done.forward")},

		// Notes.
		{name: "an operator's note is recorded and the page says so", method: "POST", path: "/complaints/7/notes", role: aduan.RoleOperatorCC,
			form: url.Values{"kind": {store.NoteText}, "outcome": {"reached"}, "note": {"Warga menelepon lagi"}},
			fake: func(f *fakeStores) {
				f.addNote = func(id int64, in store.NoteInput) (*aduan.Event, error) {
					if id != 7 || in.Text != "Warga menelepon lagi" || in.Outcome != "" {
						t.Errorf("note %d %+v", id, in)
					}
					return &aduan.Event{ID: 3}, nil
				}
			},
			status: 303, check: sentTo("/complaints/7?ok=web.ok.note")},
		{name: "an empty note comes back marked, nothing recorded", method: "POST", path: "/complaints/7/notes", role: aduan.RoleOperatorCC,
			form: url.Values{"kind": {store.NoteText}, "note": {""}},
			fake: func(f *fakeStores) {
				onPage(recorded)(f)
				f.addNote = func(int64, store.NoteInput) (*aduan.Event, error) {
					var v aduan.Validation
					v.Add("note", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{"Wajib diisi."}},
		{name: "a kasi writes no note", method: "POST", path: "/complaints/7/notes", role: aduan.RoleKasiKabid,
			form: url.Values{"kind": {store.NoteText}, "note": {"catatan"}}, fake: func(*fakeStores) {},
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}},

		// The stated identity.
		{name: "the caller's stated identity adopted goes back to the complaint", method: "POST", path: "/complaints/7/identity",
			role: aduan.RoleOperatorCC, form: url.Values{"do": {"adopt"}, "version": {"3"}},
			fake: func(f *fakeStores) {
				f.settle = func(id, version int64, adopt bool) (*aduan.Citizen, error) {
					if id != 7 || version != 3 || !adopt {
						t.Errorf("settled %d v%d adopt=%v", id, version, adopt)
					}
					return caller(), nil
				}
			},
			status: 303, check: sentTo("/complaints/7")},
		{name: "the stored identity kept adopts nothing", method: "POST", path: "/complaints/7/identity",
			role: aduan.RoleOperatorCC, form: url.Values{"do": {"keep"}, "version": {"3"}},
			fake: func(f *fakeStores) {
				f.settle = func(_, _ int64, adopt bool) (*aduan.Citizen, error) {
					if adopt {
						t.Error("adopted what was to be kept")
					}
					return caller(), nil
				}
			},
			status: 303, check: sentTo("/complaints/7")},
		{name: "an identity settled meanwhile by another says so on the page", method: "POST", path: "/complaints/7/identity",
			role: aduan.RoleOperatorCC, form: url.Values{"do": {"adopt"}, "version": {"2"}},
			fake: func(f *fakeStores) {
				onPage(recorded)(f)
				f.settle = func(int64, int64, bool) (*aduan.Citizen, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.conflict")
				}
			},
			status: 409, want: []string{"ADU-2026-000007", `class="form-error"`}},
	})
}

// TestComplaintMessagesFragment checks the complaint page's messages
// section served alone (its refresh): where each message stands, a
// failed one plainly marked failed with its reason and a retry, never
// shown as sent.
func TestComplaintMessagesFragment(t *testing.T) {
	views := func(w *Web) {
		w.Extras.Messages = func(_ context.Context, _ aduan.Actor, c *aduan.Complaint) ([]MessageView, error) {
			if c.ID != 7 {
				t.Errorf("messages of %d", c.ID)
			}
			return []MessageView{
				{ID: 11, At: "2 Mar 2026 09.00", Channel: "sms", Direction: "out", Party: "0812-****-7890", Body: "Pengaduan Anda tercatat",
					Status: "delivered", StatusKey: "msg.status.delivered"},
				{ID: 12, At: "2 Mar 2026 09.05", Channel: "sms", Direction: "out", Party: "0812-****-7890", Body: "Jawaban pengaduan",
					Status: "failed", StatusKey: "msg.status.failed", Error: "msg.err.invalid_number", Retry: true},
			}, nil
		}
	}
	inView := func(f *fakeStores) {
		f.inView = func(id int64, view string) (*aduan.Complaint, string, error) {
			if id != 7 || view != "v1" {
				t.Errorf("read %d in view %q", id, view)
			}
			return pageComplaint(aduan.StatusAnswered), view, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /complaints/{id}/messages": w.ComplaintMessages}
	}
	runPages(t, routes, []pageCase{
		{name: "a failed message is marked failed with its reason and a retry, beside a delivered one", method: "GET",
			path: "/complaints/7/messages?view=v1", role: aduan.RoleOperatorCC, fake: inView, setup: views,
			status: 200,
			want: []string{`id="msg-12"`, `<span class="msgstatus st-failed">Gagal</span>`, `action="/messages/12/retry"`,
				`<span class="msgstatus st-delivered">`, `data-refresh="/complaints/7/messages?view=v1"`},
			notWant: []string{"<html", `st-sent">Gagal`, `st-delivered">Gagal`},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				body := w.Body.String()
				i := strings.Index(body, `id="msg-12"`)
				if i < 0 || strings.Contains(body[i:], "st-delivered") || strings.Contains(body[i:], "st-sent") {
					t.Errorf("the failed message is not plainly failed: %s", body)
				}
			}},
		{name: "a complaint with no messages says so", method: "GET", path: "/complaints/7/messages?view=v1", role: aduan.RoleOperatorCC,
			fake: inView, setup: func(w *Web) {
				w.Extras.Messages = func(context.Context, aduan.Actor, *aduan.Complaint) ([]MessageView, error) { return nil, nil }
			},
			status: 200, notWant: []string{"msgstatus"}},
		{name: "messages of a complaint the viewer may not read are a 404", method: "GET", path: "/complaints/7/messages", role: aduan.RoleOperatorPD,
			fake: func(f *fakeStores) {
				f.inView = func(int64, string) (*aduan.Complaint, string, error) {
					return nil, "", aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
				}
			},
			setup: views, status: 404, want: []string{"Pengaduan tidak ditemukan."}, notWant: []string{"msg-12"}},
	})
}
