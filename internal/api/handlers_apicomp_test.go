package api

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// apicompWrites is the ComplaintWrites a handler test gives: nil fields
// are methods the case must not reach (a write that must not happen).
type apicompWrites struct {
	t      *testing.T
	create func(in aduan.NewComplaint) (*aduan.Complaint, error)
	note   func(id int64, in store.NoteInput) (*aduan.Event, error)
	ref    func(ref string) (int64, error)
}

func (f *apicompWrites) CreateComplaint(_ context.Context, _ aduan.Actor, in aduan.NewComplaint, _ ...store.TxHook) (*aduan.Complaint, error) {
	if f.create == nil {
		f.t.Fatalf("the handler called CreateComplaint, which this case must not reach")
	}
	return f.create(in)
}

func (f *apicompWrites) AddNote(_ context.Context, _ aduan.Actor, id int64, in store.NoteInput, _ ...store.TxHook) (*aduan.Event, error) {
	if f.note == nil {
		f.t.Fatalf("the handler called AddNote, which this case must not reach")
	}
	return f.note(id, in)
}

func (f *apicompWrites) ComplaintRef(_ context.Context, _ aduan.Actor, ref string) (int64, error) {
	if f.ref == nil {
		f.t.Fatalf("the handler called ComplaintRef, which this case must not reach")
	}
	return f.ref(ref)
}

// apicompCitizens is the Citizens a handler test gives.
type apicompCitizens struct {
	t         *testing.T
	citizen   func(id int64) (*aduan.Citizen, error)
	byPhone   func(raw string) (*aduan.Citizen, error)
	update    func(id, version int64, in aduan.CitizenInput) (*aduan.Citizen, error)
	stated    func(c *aduan.Complaint) (*store.StatedIdentity, error)
	settle    func(complaintID, version int64, adopt bool) (*aduan.Citizen, error)
	logCall   func(c *aduan.Contact) error
	callbacks func() ([]aduan.Contact, error)
}

func (f *apicompCitizens) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *apicompCitizens) Citizen(_ context.Context, _ aduan.Actor, id int64) (*aduan.Citizen, error) {
	if f.citizen == nil {
		f.unexpected("Citizen")
	}
	return f.citizen(id)
}

func (f *apicompCitizens) CitizenByPhone(_ context.Context, _ aduan.Actor, raw string) (*aduan.Citizen, error) {
	if f.byPhone == nil {
		f.unexpected("CitizenByPhone")
	}
	return f.byPhone(raw)
}

func (f *apicompCitizens) UpdateCitizen(_ context.Context, _ aduan.Actor, id, version int64, in aduan.CitizenInput) (*aduan.Citizen, error) {
	if f.update == nil {
		f.unexpected("UpdateCitizen")
	}
	return f.update(id, version, in)
}

func (f *apicompCitizens) StatedIdentity(_ context.Context, _ aduan.Actor, c *aduan.Complaint) (*store.StatedIdentity, error) {
	if f.stated == nil {
		f.unexpected("StatedIdentity")
	}
	return f.stated(c)
}

func (f *apicompCitizens) SettleStatedIdentity(_ context.Context, _ aduan.Actor, complaintID, version int64, adopt bool) (*aduan.Citizen, error) {
	if f.settle == nil {
		f.unexpected("SettleStatedIdentity")
	}
	return f.settle(complaintID, version, adopt)
}

func (f *apicompCitizens) LogContact(_ context.Context, _ aduan.Actor, c *aduan.Contact) error {
	if f.logCall == nil {
		f.unexpected("LogContact")
	}
	return f.logCall(c)
}

func (f *apicompCitizens) Callbacks(context.Context, aduan.Actor) ([]aduan.Contact, error) {
	if f.callbacks == nil {
		f.unexpected("Callbacks")
	}
	return f.callbacks()
}

// apicompProgress is the ExportProgresses a handler test gives.
type apicompProgress struct {
	t   *testing.T
	get func(userID int64, id string) (*store.ExportProgress, error)
}

func (f *apicompProgress) GetExportProgress(_ context.Context, userID int64, id string) (*store.ExportProgress, error) {
	if f.get == nil {
		f.t.Fatalf("the handler called GetExportProgress, which this case must not reach")
	}
	return f.get(userID, id)
}

// apicompFakes are one case's fakes; the case's setup fills the fields
// it lets the handler reach.
type apicompFakes struct {
	complaints *fakeComplaints
	writes     *apicompWrites
	citizens   *apicompCitizens
	progress   *apicompProgress
	messages   *apicompMessages
	settings   func() (map[string]string, error) // nil: must not be read
	photos     func(complaintID int64) ([]*attach.Attachment, error)
	photo      func(id int64) (*attach.Attachment, error)
}

// apicompCase is one request to one handler and what its caller must and
// must not read in the answer.
type apicompCase struct {
	name, method, path, body string
	user                     *aduan.User // apicompOperator unless set
	fake                     func(f *apicompFakes)
	status                   int
	want, notWant            []string
	header                   map[string]string // answer headers that must be there
	reqHeader                map[string]string // request headers beside Content-Type
	messaging                *msgsvc.Messaging // the gateways' secrets; nil: messaging off
}

var (
	apicompOperator = &aduan.User{ID: 5, Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	apicompKasi     = &aduan.User{ID: 6, Name: "Bambang", Role: aduan.RoleKasiKabid, Active: true}
	apicompAgency   = &aduan.User{ID: 8, Name: "Dewi", Role: aduan.RoleOperatorPD, AgencyID: 2, Active: true}
	apicompAdmin    = &aduan.User{ID: 9, Name: "Joko", Role: aduan.RoleAdmin, Active: true}
)

// apicompCitizen is a caller on record: the words no role without the
// right to personal data may read.
func apicompCitizen() *aduan.Citizen {
	return &aduan.Citizen{ID: 11, Name: "Rahmawati Susanto", Phone: "+6281234567890", Email: "rahma@contoh.id",
		Address: "Jl. Melati 4", KelurahanCode: "3273010001", Version: 2, CreatedAt: handlerNow}
}

// apicompPersonal are the citizen's words a must-not-contain checks.
var apicompPersonal = []string{"Rahmawati", "6281234567890", "rahma@contoh.id", "Jl. Melati 4"}

// apicompFiled is recorded() filed by apicompCitizen.
func apicompFiled() *aduan.Complaint {
	c := recorded()
	c.CitizenID, c.Citizen = 11, apicompCitizen()
	return c
}

// errApicompFault is a store failure whose words must not reach the caller.
var errApicompFault = errors.New(`pq: relation "citizens" does not exist: SELECT name FROM citizens`)

// apicompInternal are the words of errApicompFault a 500 must not show.
var apicompInternal = []string{"pq:", "SELECT", "citizens\\\""}

func apicompRun(t *testing.T, routes func(a *API) map[string]reqctx.HandlerFunc, cases []apicompCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &apicompFakes{complaints: &fakeComplaints{t: t}, writes: &apicompWrites{t: t}, citizens: &apicompCitizens{t: t}, progress: &apicompProgress{t: t}, messages: &apicompMessages{t: t}}
			if tc.fake != nil {
				tc.fake(f)
			}
			a := &API{Complaints: f.complaints, ComplaintWrites: f.writes, Citizens: f.citizens, ExportProgresses: f.progress, Messages: f.messages,
				Clock: func() time.Time { return handlerNow }, Log: slog.New(slog.DiscardHandler)}
			mux := http.NewServeMux()
			for pattern, h := range routes(a) {
				mux.Handle(pattern, a.Handle(h))
			}
			sep := "?"
			if strings.Contains(tc.path, "?") {
				sep = "&"
			}
			r := httptest.NewRequest(tc.method, tc.path+sep+"lang=en", strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			for k, v := range tc.reqHeader {
				r.Header.Set(k, v)
			}
			a.Messaging = tc.messaging
			a.Attachments = &apicompAttachments{t: t, f: f}
			if f.settings != nil {
				a.Settings = apicompSettings(f.settings)
			} else {
				a.Settings = apicompSettings(func() (map[string]string, error) {
					t.Fatalf("the handler read the settings, which this case must not reach")
					return nil, nil
				})
			}
			u := tc.user
			if u == nil {
				u = apicompOperator
			}
			r = r.WithContext(reqctx.WithUser(r.Context(), u))
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			checkAnswer(t, w, tc.status, tc.want, tc.notWant)
			for k, v := range tc.header {
				if got := w.Header().Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func apicompInvalid(field string) error {
	var v aduan.Validation
	v.Add(field, "err.field.required")
	return v.Err()
}

// TestApicompComplaintWriteHandlers checks creating and editing a
// complaint and logging a note on one, with the store replaced by fakes:
// a refused role or bad input writes nothing (the write fakes are nil).
func TestApicompComplaintWriteHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"POST /api/v1/complaints":            a.CreateComplaint,
			"PATCH /api/v1/complaints/{id}":      a.EditComplaint,
			"POST /api/v1/complaints/{id}/notes": a.AddNote,
		}
	}
	edited := func() *aduan.Complaint {
		c := apicompFiled()
		c.Text, c.Version = "Lampu PJU mati di Jl. Kenari no. 3", 4
		return c
	}
	noteEvent := &aduan.Event{ID: 40, ComplaintID: 7, Action: aduan.ActionNote, From: aduan.StatusRecorded, To: aduan.StatusRecorded,
		ActorID: 5, ActorName: "Siti", ActorRole: aduan.RoleOperatorCC, At: handlerNow, Details: map[string]string{"note": "Warga dihubungi"}}
	apicompRun(t, routes, []apicompCase{
		{name: "create", method: "POST", path: "/api/v1/complaints",
			body: `{"channel":"telepon","text":"Lampu PJU mati di Jl. Kenari","category_id":3,"citizen":{"name":"Rahmawati Susanto","phone":"081234567890"}}`,
			fake: func(f *apicompFakes) {
				f.writes.create = func(in aduan.NewComplaint) (*aduan.Complaint, error) {
					if in.Channel != aduan.ChannelPhone || in.CategoryID != 3 || in.Citizen == nil || in.Citizen.Name != "Rahmawati Susanto" {
						t.Errorf("created %+v %+v", in, in.Citizen)
					}
					return apicompFiled(), nil
				}
			},
			status: 201, want: []string{`"number":"ADU-2026-000007"`, `"status":"recorded"`, `"version":3`, `"name":"Rahmawati Susanto"`},
			header: map[string]string{"Location": "/api/v1/complaints/7"}},
		{name: "a kasi may not create, and nothing is written", method: "POST", path: "/api/v1/complaints", user: apicompKasi,
			body: `{"channel":"telepon","text":"Lampu PJU mati"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an agency operator may not create", method: "POST", path: "/api/v1/complaints", user: apicompAgency,
			body: `{"channel":"telepon","text":"Lampu PJU mati"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a creation with an unknown field writes nothing", method: "POST", path: "/api/v1/complaints",
			body: `{"channel":"telepon","teks":"Lampu PJU mati"}`, status: 400, want: []string{`"code":"invalid"`, "teks"}},
		{name: "a creation the domain refuses names its field", method: "POST", path: "/api/v1/complaints", body: `{"channel":"telepon","text":""}`,
			fake: func(f *apicompFakes) {
				f.writes.create = func(aduan.NewComplaint) (*aduan.Complaint, error) { return nil, apicompInvalid("text") }
			},
			status: 400, want: []string{`"code":"invalid"`, `"field":"text"`}},
		{name: "a creation's store failure is a 500 that tells nothing", method: "POST", path: "/api/v1/complaints", body: `{"channel":"telepon","text":"Lampu"}`,
			fake: func(f *apicompFakes) {
				f.writes.create = func(aduan.NewComplaint) (*aduan.Complaint, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "edit", method: "PATCH", path: "/api/v1/complaints/7", body: `{"version":3,"text":"Lampu PJU mati di Jl. Kenari no. 3","priority":"high"}`,
			fake: func(f *apicompFakes) {
				f.complaints.edit = func(id, v int64, p aduan.ComplaintPatch) (*aduan.Complaint, error) {
					if id != 7 || v != 3 || p.Text == nil || *p.Text != "Lampu PJU mati di Jl. Kenari no. 3" || p.Priority == nil || *p.Priority != "high" || p.Address != nil {
						t.Errorf("edited %d v%d %+v", id, v, p)
					}
					return edited(), nil
				}
			},
			status: 200, want: []string{`"version":4`, `no. 3`}},
		{name: "a kasi may not edit, and nothing is written", method: "PATCH", path: "/api/v1/complaints/7", user: apicompKasi,
			body: `{"version":3,"text":"x"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an edit without its version writes nothing", method: "PATCH", path: "/api/v1/complaints/7", body: `{"text":"x"}`,
			status: 400, want: []string{`"field":"version"`}},
		{name: "an edit of no complaint", method: "PATCH", path: "/api/v1/complaints/abc", body: `{"version":3}`,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a stale edit", method: "PATCH", path: "/api/v1/complaints/7", body: `{"version":2,"text":"x"}`,
			fake: func(f *apicompFakes) {
				f.complaints.edit = func(int64, int64, aduan.ComplaintPatch) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`}},
		{name: "an edit's store failure is a 500 that tells nothing", method: "PATCH", path: "/api/v1/complaints/7", body: `{"version":3,"text":"x"}`,
			fake: func(f *apicompFakes) {
				f.complaints.edit = func(int64, int64, aduan.ComplaintPatch) (*aduan.Complaint, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "a note", method: "POST", path: "/api/v1/complaints/7/notes", body: `{"kind":"note","note":"Warga dihubungi"}`,
			fake: func(f *apicompFakes) {
				f.writes.note = func(id int64, in store.NoteInput) (*aduan.Event, error) {
					if id != 7 || in.Kind != "note" || in.Text != "Warga dihubungi" {
						t.Errorf("noted %d %+v", id, in)
					}
					return noteEvent, nil
				}
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
			},
			status: 201, want: []string{`"complaint_id":7`, `"number":"ADU-2026-000007"`, `"status":"recorded"`, `"action":"note"`, `"actor_name":"Siti"`}},
		{name: "a note the store refuses to the role", method: "POST", path: "/api/v1/complaints/7/notes", user: apicompAdmin, body: `{"kind":"note","note":"x"}`,
			fake: func(f *apicompFakes) {
				f.writes.note = func(int64, store.NoteInput) (*aduan.Event, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{`"event"`}},
		{name: "a note that is not JSON writes nothing", method: "POST", path: "/api/v1/complaints/7/notes", body: `{"kind":`,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "a note on no complaint writes nothing", method: "POST", path: "/api/v1/complaints/0/notes", body: `{"kind":"note","note":"x"}`,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a call-back without its outcome names the field", method: "POST", path: "/api/v1/complaints/7/notes", body: `{"kind":"callback","note":"x"}`,
			fake: func(f *apicompFakes) {
				f.writes.note = func(int64, store.NoteInput) (*aduan.Event, error) { return nil, apicompInvalid("outcome") }
			},
			status: 400, want: []string{`"field":"outcome"`}},
		{name: "a note's store failure is a 500 that tells nothing", method: "POST", path: "/api/v1/complaints/7/notes", body: `{"kind":"note","note":"x"}`,
			fake: func(f *apicompFakes) {
				f.writes.note = func(int64, store.NoteInput) (*aduan.Event, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
	})
}

// TestApicompCitizenHandlers checks looking a caller up, reading and
// correcting a citizen, and the identity a caller typed through an
// unverified channel: only the call center sees or changes a citizen, and
// a role without the right to personal data reads none of it.
func TestApicompCitizenHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/citizens":                         a.FindCitizen,
			"GET /api/v1/citizens/{id}":                    a.GetCitizen,
			"PATCH /api/v1/citizens/{id}":                  a.UpdateCitizen,
			"GET /api/v1/complaints/{id}":                  a.GetComplaint,
			"POST /api/v1/complaints/{id}/stated_identity": a.SettleStatedIdentity,
		}
	}
	past := func(f *apicompFakes) {
		f.complaints.list = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) {
			if fl.CitizenID != 11 {
				t.Errorf("listed %+v", fl)
			}
			return []*aduan.Complaint{apicompFiled()}, 0, nil
		}
	}
	anonymous := func() *aduan.Complaint {
		c := apicompFiled()
		c.Confidentiality, c.AgencyID, c.Status = aduan.Anonymous, 2, aduan.StatusForwarded
		return c
	}
	stated := &store.StatedIdentity{ComplaintID: 7, Name: "Rahmawati S.", Email: "rahma.baru@contoh.id", CreatedAt: handlerNow}
	apicompRun(t, routes, []apicompCase{
		{name: "find by phone", method: "GET", path: "/api/v1/citizens?phone=081234567890",
			fake: func(f *apicompFakes) {
				f.citizens.byPhone = func(raw string) (*aduan.Citizen, error) {
					if raw != "081234567890" {
						t.Errorf("looked up %q", raw)
					}
					return apicompCitizen(), nil
				}
				past(f)
			},
			status: 200, want: []string{`"citizen":{"id":11`, `"name":"Rahmawati Susanto"`, `"phone":"+6281234567890"`, `"complaints":[{`, "ADU-2026-000007"}},
		{name: "a kasi may not look a caller up", method: "GET", path: "/api/v1/citizens?phone=081234567890", user: apicompKasi,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: apicompPersonal},
		{name: "an agency operator may not look a caller up", method: "GET", path: "/api/v1/citizens?phone=081234567890", user: apicompAgency,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: apicompPersonal},
		{name: "a look-up without a phone", method: "GET", path: "/api/v1/citizens",
			status: 400, want: []string{`"field":"phone"`}},
		{name: "an unknown caller", method: "GET", path: "/api/v1/citizens?phone=081299999999",
			fake: func(f *apicompFakes) {
				f.citizens.byPhone = func(string) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a look-up's store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/citizens?phone=081234567890",
			fake: func(f *apicompFakes) {
				f.citizens.byPhone = func(string) (*aduan.Citizen, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
		{name: "a past complaints' failure is a 500 that tells nothing", method: "GET", path: "/api/v1/citizens/11",
			fake: func(f *apicompFakes) {
				f.citizens.citizen = func(int64) (*aduan.Citizen, error) { return apicompCitizen(), nil }
				f.complaints.list = func(aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error) { return nil, 0, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: append(apicompInternal, apicompPersonal...)},

		{name: "get a citizen", method: "GET", path: "/api/v1/citizens/11",
			fake: func(f *apicompFakes) {
				f.citizens.citizen = func(id int64) (*aduan.Citizen, error) {
					if id != 11 {
						t.Errorf("read citizen %d", id)
					}
					return apicompCitizen(), nil
				}
				past(f)
			},
			status: 200, want: []string{`"name":"Rahmawati Susanto"`, `"email":"rahma@contoh.id"`, `"version":2`}},
		{name: "a citizen the store refuses to a kasi", method: "GET", path: "/api/v1/citizens/11", user: apicompKasi,
			fake: func(f *apicompFakes) {
				f.citizens.citizen = func(int64) (*aduan.Citizen, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: apicompPersonal},
		{name: "no citizen", method: "GET", path: "/api/v1/citizens/x", status: 404, want: []string{`"code":"not_found"`}},

		{name: "correct a citizen", method: "PATCH", path: "/api/v1/citizens/11", body: `{"version":2,"name":"Rahmawati Susanto","email":"rahma@contoh.id"}`,
			fake: func(f *apicompFakes) {
				f.citizens.update = func(id, v int64, in aduan.CitizenInput) (*aduan.Citizen, error) {
					if id != 11 || v != 2 || in.Email != "rahma@contoh.id" {
						t.Errorf("updated %d v%d %+v", id, v, in)
					}
					c := apicompCitizen()
					c.Version = 3
					return c, nil
				}
			},
			status: 200, want: []string{`"id":11`, `"version":3`}, header: map[string]string{"Location": "/api/v1/citizens/11"}},
		{name: "a kasi may not correct a citizen, and nothing is written", method: "PATCH", path: "/api/v1/citizens/11", user: apicompKasi,
			body: `{"version":2,"name":"X"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an agency operator may not correct a citizen", method: "PATCH", path: "/api/v1/citizens/11", user: apicompAgency,
			body: `{"version":2,"name":"X"}`, status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a correction without its version writes nothing", method: "PATCH", path: "/api/v1/citizens/11", body: `{"name":"X"}`,
			status: 400, want: []string{`"field":"version"`}},
		{name: "a correction the domain refuses names its field", method: "PATCH", path: "/api/v1/citizens/11", body: `{"version":2,"phone":"12"}`,
			fake: func(f *apicompFakes) {
				f.citizens.update = func(int64, int64, aduan.CitizenInput) (*aduan.Citizen, error) { return nil, apicompInvalid("phone") }
			},
			status: 400, want: []string{`"field":"phone"`}},
		{name: "a correction's store failure is a 500 that tells nothing", method: "PATCH", path: "/api/v1/citizens/11", body: `{"version":2,"name":"X"}`,
			fake: func(f *apicompFakes) {
				f.citizens.update = func(int64, int64, aduan.CitizenInput) (*aduan.Citizen, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "a complaint shows the call center what its caller typed", method: "GET", path: "/api/v1/complaints/7",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.citizens.stated = func(c *aduan.Complaint) (*store.StatedIdentity, error) { return stated, nil }
			},
			status: 200, want: []string{`"stated_identity":{"name":"Rahmawati S."`, "rahma.baru@contoh.id"}},
		{name: "a kasi reads a complaint without who filed it", method: "GET", path: "/api/v1/complaints/7", user: apicompKasi,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
			},
			status: 200, want: []string{`"identity_hidden":true`}, notWant: append([]string{"stated_identity", "Rahmawati S."}, apicompPersonal...)},
		{name: "an agency reads an anonymous complaint without who filed it", method: "GET", path: "/api/v1/complaints/7", user: apicompAgency,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return anonymous(), nil }
			},
			status: 200, want: []string{`"identity_hidden":true`}, notWant: append([]string{"stated_identity", "Rahmawati S."}, apicompPersonal...)},
		{name: "a stated identity's store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/complaints/7",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.citizens.stated = func(*aduan.Complaint) (*store.StatedIdentity, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: append(apicompInternal, apicompPersonal...)},

		{name: "adopt a stated identity", method: "POST", path: "/api/v1/complaints/7/stated_identity", body: `{"adopt":true,"version":2}`,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.citizens.settle = func(id, v int64, adopt bool) (*aduan.Citizen, error) {
					if id != 7 || v != 2 || !adopt {
						t.Errorf("settled %d v%d adopt=%v", id, v, adopt)
					}
					c := apicompCitizen()
					c.Name, c.Version = "Rahmawati S.", 3
					return c, nil
				}
			},
			status: 200, want: []string{`"name":"Rahmawati S."`, `"version":3`}},
		{name: "a settling the store refuses to a kasi", method: "POST", path: "/api/v1/complaints/7/stated_identity", user: apicompKasi, body: `{"adopt":false,"version":2}`,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.citizens.settle = func(int64, int64, bool) (*aduan.Citizen, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: apicompPersonal},
		{name: "a settling that is not JSON writes nothing", method: "POST", path: "/api/v1/complaints/7/stated_identity", body: `{"adopt":"ya"}`,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
			},
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "a settling of no complaint writes nothing", method: "POST", path: "/api/v1/complaints/x/stated_identity", body: `{"adopt":true,"version":2}`,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a settling's store failure is a 500 that tells nothing", method: "POST", path: "/api/v1/complaints/7/stated_identity", body: `{"adopt":true,"version":2}`,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.citizens.settle = func(int64, int64, bool) (*aduan.Citizen, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
	})
}

// TestApicompContactAndExportHandlers checks logging a contact, the call
// backs due, and an export's start and progress: a contact naming an
// unknown complaint or with a bad number is not logged, a role without
// complaints exports nothing.
func TestApicompContactAndExportHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"POST /api/v1/contacts":                   a.LogContact,
			"GET /api/v1/contacts/callbacks":          a.Callbacks,
			"GET /api/v1/exports/complaints/{format}": a.ExportComplaints,
			"GET /api/v1/exports/progress/{id}":       a.ExportProgress,
		}
	}
	missed := aduan.Contact{ID: 21, Kind: aduan.ContactMissed, Channel: aduan.ChannelPhone, Phone: "+6281234567890", StartedAt: handlerNow}
	apicompRun(t, routes, []apicompCase{
		{name: "log a follow-up", method: "POST", path: "/api/v1/contacts",
			body: `{"kind":"follow_up","channel":"telepon","phone":"081234567890","duration_s":95,"complaint":"ADU-2026-000007","note":"Menanyakan progres"}`,
			fake: func(f *apicompFakes) {
				f.writes.ref = func(ref string) (int64, error) {
					if ref != "ADU-2026-000007" {
						t.Errorf("resolved %q", ref)
					}
					return 7, nil
				}
				f.citizens.logCall = func(c *aduan.Contact) error {
					if c.Kind != aduan.ContactFollowUp || c.ComplaintID != 7 || c.Phone != "+6281234567890" || c.Duration != 95*time.Second {
						t.Errorf("logged %+v", c)
					}
					c.ID, c.OperatorID, c.Operator, c.StartedAt = 30, 5, "Siti", handlerNow
					return nil
				}
			},
			status: 201, want: []string{`"id":30`, `"kind":"follow_up"`, `"complaint_id":7`, `"duration_s":95`, `"operator":"Siti"`}},
		{name: "a contact with a bad number is not logged", method: "POST", path: "/api/v1/contacts", body: `{"kind":"information","channel":"telepon","phone":"12ab"}`,
			status: 400, want: []string{`"field":"phone"`}},
		{name: "a contact naming an unknown complaint is not logged", method: "POST", path: "/api/v1/contacts",
			body: `{"kind":"follow_up","channel":"telepon","phone":"081234567890","complaint":"ADU-2026-999999"}`,
			fake: func(f *apicompFakes) {
				f.writes.ref = func(string) (int64, error) { return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint") }
			},
			status: 400, want: []string{`"field":"complaint"`}},
		{name: "a contact with an unknown field is not logged", method: "POST", path: "/api/v1/contacts", body: `{"jenis":"information"}`,
			status: 400, want: []string{"jenis"}},
		{name: "a contact the store refuses to a kasi", method: "POST", path: "/api/v1/contacts", user: apicompKasi, body: `{"kind":"information","channel":"telepon"}`,
			fake: func(f *apicompFakes) {
				f.citizens.logCall = func(*aduan.Contact) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a contact's store failure is a 500 that tells nothing", method: "POST", path: "/api/v1/contacts", body: `{"kind":"information","channel":"telepon"}`,
			fake: func(f *apicompFakes) {
				f.citizens.logCall = func(*aduan.Contact) error { return errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
		{name: "call backs due", method: "GET", path: "/api/v1/contacts/callbacks",
			fake: func(f *apicompFakes) {
				f.citizens.callbacks = func() ([]aduan.Contact, error) { return []aduan.Contact{missed}, nil }
			},
			status: 200, want: []string{`"items":[{"id":21`, `"kind":"missed"`, `"phone":"+6281234567890"`, `"called_back_at":null`}},
		{name: "none due is an empty list", method: "GET", path: "/api/v1/contacts/callbacks",
			fake: func(f *apicompFakes) {
				f.citizens.callbacks = func() ([]aduan.Contact, error) { return nil, nil }
			},
			status: 200, want: []string{`"items":[]`}},
		{name: "call backs the store refuses to a kasi", method: "GET", path: "/api/v1/contacts/callbacks", user: apicompKasi,
			fake: func(f *apicompFakes) {
				f.citizens.callbacks = func() ([]aduan.Contact, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: apicompPersonal},
		{name: "call backs' store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/contacts/callbacks",
			fake: func(f *apicompFakes) {
				f.citizens.callbacks = func() ([]aduan.Contact, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		// The exporter is nil: a refused export must not reach it.
		{name: "an admin may not export", method: "GET", path: "/api/v1/exports/complaints/csv", user: apicompAdmin,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "an unknown format", method: "GET", path: "/api/v1/exports/complaints/pdf",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "an export with a bad filter names it", method: "GET", path: "/api/v1/exports/complaints/csv?status=lost",
			status: 400, want: []string{`"field":"status"`}},

		{name: "an export's progress", method: "GET", path: "/api/v1/exports/progress/ab12cd34",
			fake: func(f *apicompFakes) {
				f.progress.get = func(uid int64, id string) (*store.ExportProgress, error) {
					if uid != 5 || id != "ab12cd34" {
						t.Errorf("progress of user %d %q", uid, id)
					}
					return &store.ExportProgress{ID: id, Format: "csv", Total: 3, Done: 1, StartedAt: handlerNow, UpdatedAt: handlerNow}, nil
				}
			},
			status: 200, want: []string{`"id":"ab12cd34"`, `"total":3`, `"done":1`, `"percent":33.3`, `"finished":false`}},
		{name: "a finished empty export is whole", method: "GET", path: "/api/v1/exports/progress/ab12cd34",
			fake: func(f *apicompFakes) {
				f.progress.get = func(int64, string) (*store.ExportProgress, error) {
					return &store.ExportProgress{ID: "ab12cd34", Format: "xlsx", Finished: true, StartedAt: handlerNow, UpdatedAt: handlerNow}, nil
				}
			},
			status: 200, want: []string{`"percent":100`, `"finished":true`}},
		{name: "an admin reads no export's progress", method: "GET", path: "/api/v1/exports/progress/ab12cd34", user: apicompAdmin,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "another's or no export", method: "GET", path: "/api/v1/exports/progress/zz",
			fake: func(f *apicompFakes) {
				f.progress.get = func(int64, string) (*store.ExportProgress, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a progress' store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/exports/progress/ab12cd34",
			fake: func(f *apicompFakes) {
				f.progress.get = func(int64, string) (*store.ExportProgress, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
	})
}

// apicompMessages is the Messages a handler test gives.
type apicompMessages struct {
	t             *testing.T
	ofComplaint   func(id int64) ([]*channel.Message, error)
	list          func(f store.MessageFilter) ([]*channel.Message, int64, error)
	templates     func() ([]channel.Template, error)
	template      func(key string) (channel.Template, error)
	saveTemplate  func(t channel.Template) (channel.Template, error)
	notifications func(unread bool, limit int) ([]store.Notification, error)
	markRead      func(id int64) error
}

func (f *apicompMessages) unexpected(name string) {
	f.t.Helper()
	f.t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *apicompMessages) ComplaintMessages(_ context.Context, _ aduan.Actor, id int64) ([]*channel.Message, error) {
	if f.ofComplaint == nil {
		f.unexpected("ComplaintMessages")
	}
	return f.ofComplaint(id)
}

func (f *apicompMessages) ListMessages(_ context.Context, _ aduan.Actor, fl store.MessageFilter) ([]*channel.Message, int64, error) {
	if f.list == nil {
		f.unexpected("ListMessages")
	}
	return f.list(fl)
}

func (f *apicompMessages) Templates(context.Context, aduan.Actor) ([]channel.Template, error) {
	if f.templates == nil {
		f.unexpected("Templates")
	}
	return f.templates()
}

func (f *apicompMessages) Template(_ context.Context, _ aduan.Actor, key string) (channel.Template, error) {
	if f.template == nil {
		f.unexpected("Template")
	}
	return f.template(key)
}

func (f *apicompMessages) SaveTemplate(_ context.Context, _ aduan.Actor, t channel.Template) (channel.Template, error) {
	if f.saveTemplate == nil {
		f.unexpected("SaveTemplate")
	}
	return f.saveTemplate(t)
}

func (f *apicompMessages) Notifications(_ context.Context, _ aduan.Actor, unread bool, limit int) ([]store.Notification, error) {
	if f.notifications == nil {
		f.unexpected("Notifications")
	}
	return f.notifications(unread, limit)
}

func (f *apicompMessages) MarkNotificationRead(_ context.Context, _ aduan.Actor, id int64) error {
	if f.markRead == nil {
		f.unexpected("MarkNotificationRead")
	}
	return f.markRead(id)
}

// TestApicompMessageHandlers checks a complaint's messages and the
// message list (to whom and what hidden from a role that may not see who
// complained), the templates (changed by the koordinator only) and the
// caller's notices.
func TestApicompMessageHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/complaints/{id}/messages": a.ComplaintMessages,
			"GET /api/v1/messages":                 a.ListMessages,
			"GET /api/v1/templates":                a.ListTemplates,
			"GET /api/v1/templates/{key}":          a.GetTemplate,
			"PUT /api/v1/templates/{key}":          a.PutTemplate,
			"GET /api/v1/notifications":            a.ListNotifications,
			"POST /api/v1/notifications/{id}/read": a.ReadNotification,
		}
	}
	koordinator := &aduan.User{ID: 4, Name: "Rina", Role: aduan.RoleKoordinatorCC, Active: true}
	sms := func() []*channel.Message {
		return []*channel.Message{{ID: 51, ComplaintID: 7, ComplaintNumber: "ADU-2026-000007", Channel: channel.SMS, Direction: channel.Out,
			Purpose: channel.PurposeRequestIdentity, To: "+6281234567890", Body: "Yth. Rahmawati, mohon lengkapi alamat Anda.",
			Status: channel.StatusFailed, Attempts: 3, CreatedAt: handlerNow, UpdatedAt: handlerNow}}
	}
	smsWords := []string{"6281234567890", "Rahmawati", "mohon lengkapi"}
	tpl := channel.Template{Key: "receipt", Body: "Pengaduan {{.Number}} diterima.", UpdatedAt: handlerNow, UpdatedBy: "Rina"}
	apicompRun(t, routes, []apicompCase{
		{name: "a complaint's messages", method: "GET", path: "/api/v1/complaints/7/messages",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.messages.ofComplaint = func(id int64) ([]*channel.Message, error) {
					if id != 7 {
						t.Errorf("messages of %d", id)
					}
					return sms(), nil
				}
			},
			status: 200, want: []string{`"id":51`, `"to":"+6281234567890"`, "mohon lengkapi", `"status":"failed"`, `"retryable":true`}},
		{name: "a kasi reads a complaint's messages without to whom or what", method: "GET", path: "/api/v1/complaints/7/messages", user: apicompKasi,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.messages.ofComplaint = func(int64) ([]*channel.Message, error) { return sms(), nil }
			},
			status: 200, want: []string{`"id":51`, `"hidden":true`}, notWant: smsWords},
		{name: "an agency reads an anonymous complaint's messages without to whom or what", method: "GET", path: "/api/v1/complaints/7/messages", user: apicompAgency,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) {
					c := apicompFiled()
					c.Confidentiality, c.AgencyID, c.Status = aduan.Anonymous, 2, aduan.StatusForwarded
					return c, nil
				}
				f.messages.ofComplaint = func(int64) ([]*channel.Message, error) { return sms(), nil }
			},
			status: 200, want: []string{`"hidden":true`}, notWant: smsWords},
		{name: "messages of no complaint", method: "GET", path: "/api/v1/complaints/x/messages",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a complaint's messages' store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/complaints/7/messages",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return apicompFiled(), nil }
				f.messages.ofComplaint = func(int64) ([]*channel.Message, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "the failed messages", method: "GET", path: "/api/v1/messages?status=failed&direction=out",
			fake: func(f *apicompFakes) {
				f.messages.list = func(fl store.MessageFilter) ([]*channel.Message, int64, error) {
					if len(fl.Statuses) != 1 || fl.Statuses[0] != channel.StatusFailed || fl.Direction != channel.Out {
						t.Errorf("filter %+v", fl)
					}
					return sms(), 51, nil
				}
			},
			status: 200, want: []string{`"items":[{"id":51`, "mohon lengkapi", `"next_cursor":"51"`}},
		{name: "IT staff read the list without to whom or what", method: "GET", path: "/api/v1/messages?status=failed", user: apicompAdmin,
			fake: func(f *apicompFakes) {
				f.messages.list = func(store.MessageFilter) ([]*channel.Message, int64, error) { return sms(), 0, nil }
			},
			status: 200, want: []string{`"hidden":true`}, notWant: smsWords},
		{name: "a kasi reads the list without to whom or what", method: "GET", path: "/api/v1/messages", user: apicompKasi,
			fake: func(f *apicompFakes) {
				f.messages.list = func(store.MessageFilter) ([]*channel.Message, int64, error) { return sms(), 0, nil }
			},
			status: 200, want: []string{`"hidden":true`}, notWant: smsWords},
		{name: "a list with a bad direction asks nothing of the store", method: "GET", path: "/api/v1/messages?direction=sideways",
			status: 400, want: []string{`"field":"direction"`}},
		{name: "a list with a bad status asks nothing of the store", method: "GET", path: "/api/v1/messages?status=lost",
			status: 400, want: []string{`"field":"status"`}},
		{name: "the list's store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/messages",
			fake: func(f *apicompFakes) {
				f.messages.list = func(store.MessageFilter) ([]*channel.Message, int64, error) { return nil, 0, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "the templates", method: "GET", path: "/api/v1/templates", user: koordinator,
			fake: func(f *apicompFakes) {
				f.messages.templates = func() ([]channel.Template, error) { return []channel.Template{tpl}, nil }
			},
			status: 200, want: []string{`"items":[{`, `"key":"receipt"`, "{{.Number}} diterima"}},
		{name: "one template", method: "GET", path: "/api/v1/templates/receipt", user: koordinator,
			fake: func(f *apicompFakes) {
				f.messages.template = func(key string) (channel.Template, error) {
					if key != "receipt" {
						t.Errorf("template %q", key)
					}
					return tpl, nil
				}
			},
			status: 200, want: []string{`"key":"receipt"`}},
		{name: "no such template", method: "GET", path: "/api/v1/templates/nope", user: koordinator,
			fake: func(f *apicompFakes) {
				f.messages.template = func(string) (channel.Template, error) {
					return channel.Template{}, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "change a template", method: "PUT", path: "/api/v1/templates/receipt", user: koordinator, body: `{"body":"Pengaduan {{.Number}} kami terima."}`,
			fake: func(f *apicompFakes) {
				f.messages.saveTemplate = func(in channel.Template) (channel.Template, error) {
					if in.Key != "receipt" || in.Body != "Pengaduan {{.Number}} kami terima." {
						t.Errorf("saved %+v", in)
					}
					in.UpdatedAt, in.UpdatedBy = handlerNow, "Rina"
					return in, nil
				}
			},
			status: 200, want: []string{"kami terima"}},
		{name: "an operator may not change a template, and nothing is written", method: "PUT", path: "/api/v1/templates/receipt", body: `{"body":"x"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a kasi may not change a template", method: "PUT", path: "/api/v1/templates/receipt", user: apicompKasi, body: `{"body":"x"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a template with an unknown field writes nothing", method: "PUT", path: "/api/v1/templates/receipt", user: koordinator, body: `{"isi":"x"}`,
			status: 400, want: []string{"isi"}},
		{name: "a template the store refuses names its field", method: "PUT", path: "/api/v1/templates/receipt", user: koordinator, body: `{"body":"{{.Nope"}`,
			fake: func(f *apicompFakes) {
				f.messages.saveTemplate = func(channel.Template) (channel.Template, error) { return channel.Template{}, apicompInvalid("body") }
			},
			status: 400, want: []string{`"field":"body"`}},
		{name: "a template's store failure is a 500 that tells nothing", method: "PUT", path: "/api/v1/templates/receipt", user: koordinator, body: `{"body":"x"}`,
			fake: func(f *apicompFakes) {
				f.messages.saveTemplate = func(channel.Template) (channel.Template, error) { return channel.Template{}, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},

		{name: "the unread notices", method: "GET", path: "/api/v1/notifications?unread=true&limit=5",
			fake: func(f *apicompFakes) {
				f.messages.notifications = func(unread bool, limit int) ([]store.Notification, error) {
					if !unread || limit != 5 {
						t.Errorf("notices unread=%v limit=%d", unread, limit)
					}
					due := handlerNow.Add(time.Hour)
					return []store.Notification{{ID: 3, ComplaintID: 7, ComplaintNumber: "ADU-2026-000007", Kind: "sla_warning", Step: "verify", DueAt: &due, CreatedAt: handlerNow}}, nil
				}
			},
			status: 200, want: []string{`"id":3`, `"kind":"sla_warning"`, "ADU-2026-000007 nears the deadline", `"read":false`}},
		{name: "notices with a bad limit ask nothing of the store", method: "GET", path: "/api/v1/notifications?limit=-1",
			status: 400, want: []string{`"field":"limit"`}},
		{name: "the notices' store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/notifications",
			fake: func(f *apicompFakes) {
				f.messages.notifications = func(bool, int) ([]store.Notification, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
		{name: "read a notice", method: "POST", path: "/api/v1/notifications/3/read",
			fake: func(f *apicompFakes) {
				f.messages.markRead = func(id int64) error {
					if id != 3 {
						t.Errorf("read notice %d", id)
					}
					return nil
				}
			},
			status: 204},
		{name: "read no notice", method: "POST", path: "/api/v1/notifications/x/read",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "read another's notice", method: "POST", path: "/api/v1/notifications/4/read",
			fake: func(f *apicompFakes) {
				f.messages.markRead = func(int64) error { return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notification") }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "reading a notice's store failure is a 500 that tells nothing", method: "POST", path: "/api/v1/notifications/3/read",
			fake: func(f *apicompFakes) {
				f.messages.markRead = func(int64) error { return errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
	})
}

// TestApicompGatewayWebhooks checks the gateways' callbacks: a wrong
// secret, verify token or signature is refused and reaches no queue. The
// queue is a zero jobs.Queue with no database: a case that reached it
// would fail with a nil dereference.
func TestApicompGatewayWebhooks(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/channels/kannel/dlr": a.KannelDLR,
			"GET /api/v1/channels/kannel/mo":  a.KannelMO,
			"GET /api/v1/channels/whatsapp":   a.WhatsAppVerify,
			"POST /api/v1/channels/whatsapp":  a.WhatsAppWebhook,
		}
	}
	gw := &msgsvc.Messaging{Queue: &jobs.Queue{}, KannelSecret: "kannel-s3cret", WhatsAppAppSecret: "app-s3cret", WhatsAppVerifyToken: "verify-t0ken"}
	sign := func(body, secret string) string {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(body))
		return "sha256=" + hex.EncodeToString(m.Sum(nil))
	}
	apicompRun(t, routes, []apicompCase{
		{name: "a delivery report with a wrong secret", method: "GET", path: "/api/v1/channels/kannel/dlr?secret=guess&id=51&type=1", messaging: gw,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"kannel-s3cret"}},
		{name: "a delivery report without a secret", method: "GET", path: "/api/v1/channels/kannel/dlr?id=51&type=1", messaging: gw,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a delivery report with bad parameters is ignored", method: "GET", path: "/api/v1/channels/kannel/dlr?secret=kannel-s3cret&id=x&type=1", messaging: gw,
			status: 200, want: []string{"ignored"}},
		{name: "an incoming SMS with a wrong secret", method: "GET", path: "/api/v1/channels/kannel/mo?secret=guess&from=%2B6281234567890&text=halo", messaging: gw,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "kannel while messaging is off", method: "GET", path: "/api/v1/channels/kannel/mo?secret=kannel-s3cret&from=%2B6281234567890&text=halo",
			status: 503, want: []string{`"code":"unavailable"`}},
		{name: "the handshake", method: "GET", path: "/api/v1/channels/whatsapp?hub.mode=subscribe&hub.verify_token=verify-t0ken&hub.challenge=1158201444", messaging: gw,
			status: 200, want: []string{"1158201444"}},
		{name: "a handshake with a wrong token", method: "GET", path: "/api/v1/channels/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444", messaging: gw,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"1158201444"}},
		{name: "a webhook with a wrong signature", method: "POST", path: "/api/v1/channels/whatsapp", messaging: gw,
			body:      `{"entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.1","status":"delivered"}]}}]}]}`,
			reqHeader: map[string]string{"X-Hub-Signature-256": sign(`{"entry":[]}`, "app-s3cret")},
			status:    401, want: []string{`"code":"unauthorized"`}},
		{name: "a webhook signed with another secret", method: "POST", path: "/api/v1/channels/whatsapp", messaging: gw, body: `{"entry":[]}`,
			reqHeader: map[string]string{"X-Hub-Signature-256": sign(`{"entry":[]}`, "guess")},
			status:    401, want: []string{`"code":"unauthorized"`}},
		{name: "a webhook without a signature", method: "POST", path: "/api/v1/channels/whatsapp", messaging: gw, body: `{"entry":[]}`,
			status: 401, want: []string{`"code":"unauthorized"`}},
		{name: "a signed webhook with nothing in it", method: "POST", path: "/api/v1/channels/whatsapp", messaging: gw, body: `{"object":"whatsapp_business_account","entry":[]}`,
			reqHeader: map[string]string{"X-Hub-Signature-256": sign(`{"object":"whatsapp_business_account","entry":[]}`, "app-s3cret")},
			status:    200, want: []string{"ok"}},
	})
}

// apicompSettings is a Settings from one function.
type apicompSettings func() (map[string]string, error)

func (f apicompSettings) Settings(context.Context) (map[string]string, error) { return f() }

// TestApicompSMSCountAndRetryHandlers checks the SMS part count under the
// long-SMS setting, and a retry's refusals before the queue.
func TestApicompSMSCountAndRetryHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"POST /api/v1/sms/count":           a.SMSCount,
			"POST /api/v1/messages/{id}/retry": a.RetryMessage,
		}
	}
	long := strings.Repeat("Lampu PJU mati di Jl. Kenari. ", 8) // 240 GSM characters: two parts
	gw := &msgsvc.Messaging{Queue: &jobs.Queue{}}
	apicompRun(t, routes, []apicompCase{
		{name: "a short text", method: "POST", path: "/api/v1/sms/count", body: `{"text":"Pengaduan Anda diterima."}`,
			fake: func(f *apicompFakes) {
				f.settings = func() (map[string]string, error) { return map[string]string{}, nil }
			},
			status: 200, want: []string{`"parts":1`, `"allowed":true`, `"mode":"split"`}},
		{name: "a long text split", method: "POST", path: "/api/v1/sms/count", body: `{"text":"` + long + `"}`,
			fake: func(f *apicompFakes) {
				f.settings = func() (map[string]string, error) { return map[string]string{}, nil }
			},
			status: 200, want: []string{`"parts":2`, `"allowed":true`}},
		{name: "a long text the setting refuses", method: "POST", path: "/api/v1/sms/count", body: `{"text":"` + long + `"}`,
			fake: func(f *apicompFakes) {
				f.settings = func() (map[string]string, error) { return map[string]string{jobs.SettingLongSMS: "refuse"}, nil }
			},
			status: 200, want: []string{`"parts":2`, `"allowed":false`, `"max_parts":1`, `"mode":"refuse"`}},
		{name: "a kasi counts nothing", method: "POST", path: "/api/v1/sms/count", user: apicompKasi, body: `{"text":"x"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a count that is not JSON", method: "POST", path: "/api/v1/sms/count", body: `{"text":`,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "a count's settings failure is a 500 that tells nothing", method: "POST", path: "/api/v1/sms/count", body: `{"text":"x"}`,
			fake: func(f *apicompFakes) {
				f.settings = func() (map[string]string, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
		{name: "a retry while messaging is off", method: "POST", path: "/api/v1/messages/51/retry",
			status: 503, want: []string{`"code":"unavailable"`}},
		{name: "a retry of no message reaches no queue", method: "POST", path: "/api/v1/messages/x/retry", messaging: gw,
			status: 404, want: []string{`"code":"not_found"`}},
	})
}

// apicompAttachments is the Attachments a handler test gives, from the
// case's photos and photo functions (nil: must not be reached).
type apicompAttachments struct {
	t *testing.T
	f *apicompFakes
}

func (a *apicompAttachments) Attachments(_ context.Context, _ aduan.Actor, complaintID int64) ([]*attach.Attachment, error) {
	if a.f.photos == nil {
		a.t.Fatalf("the handler called Attachments, which this case must not reach")
	}
	return a.f.photos(complaintID)
}

func (a *apicompAttachments) Attachment(_ context.Context, _ aduan.Actor, id int64) (*attach.Attachment, error) {
	if a.f.photo == nil {
		a.t.Fatalf("the handler called Attachment, which this case must not reach")
	}
	return a.f.photo(id)
}

// TestApicompAttachmentHandlers checks a complaint's photo list and a
// photo's refusals before any file is read.
func TestApicompAttachmentHandlers(t *testing.T) {
	routes := func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/complaints/{id}/attachments": a.ComplaintAttachments,
			"GET /api/v1/attachments/{id}":            a.GetAttachment,
		}
	}
	gw := &msgsvc.Messaging{Queue: &jobs.Queue{}}
	apicompRun(t, routes, []apicompCase{
		{name: "a complaint's photos", method: "GET", path: "/api/v1/complaints/7/attachments",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				f.photos = func(id int64) ([]*attach.Attachment, error) {
					if id != 7 {
						t.Errorf("photos of %d", id)
					}
					return []*attach.Attachment{{ID: 90, ComplaintID: 7, Filename: "lampu.jpg", ContentType: "image/jpeg", Size: 2048, Width: 800, Height: 600, CreatedAt: handlerNow}}, nil
				}
			},
			status: 200, want: []string{`"id":90`, `"filename":"lampu.jpg"`, `"url":"/api/v1/attachments/90"`, `"thumb_url":"/api/v1/attachments/90?thumb=1"`}},
		{name: "photos of a complaint the store refuses", method: "GET", path: "/api/v1/complaints/7/attachments", user: apicompAdmin,
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"lampu.jpg"}},
		{name: "photos of no complaint", method: "GET", path: "/api/v1/complaints/x/attachments",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "the photos' store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/complaints/7/attachments",
			fake: func(f *apicompFakes) {
				f.complaints.complaint = func(int64) (*aduan.Complaint, error) { return recorded(), nil }
				f.photos = func(int64) ([]*attach.Attachment, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
		{name: "a photo while messaging is off", method: "GET", path: "/api/v1/attachments/90",
			status: 503, want: []string{`"code":"unavailable"`}},
		{name: "no photo", method: "GET", path: "/api/v1/attachments/x", messaging: gw,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a photo the store refuses", method: "GET", path: "/api/v1/attachments/90", user: apicompAdmin, messaging: gw,
			fake: func(f *apicompFakes) {
				f.photo = func(int64) (*attach.Attachment, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a photo's store failure is a 500 that tells nothing", method: "GET", path: "/api/v1/attachments/90", messaging: gw,
			fake: func(f *apicompFakes) {
				f.photo = func(int64) (*attach.Attachment, error) { return nil, errApicompFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apicompInternal},
	})
}
