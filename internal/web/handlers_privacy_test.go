package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/store"
)

// fakePrivacy is the personal-data pages' store (PrivacyData), one
// function per method. Each method first refuses, as store.Privacy does,
// a role the role table does not give the permission; a method whose
// function is nil and that the role may call fails the case with its
// name: a case that must write nothing leaves the write nil.
type fakePrivacy struct {
	t          *testing.T
	requests   func() ([]*aduan.PrivacyRequest, error)
	find       func(phone, email string) ([]*aduan.PrivacyRequest, error)
	create     func(in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error)
	request    func(id int64) (*aduan.PrivacyRequest, error)
	lookup     func(id int64) (*store.Dossier, error)
	plan       func(id int64) (*store.ErasurePlan, error)
	ack        func(id, version int64) (*aduan.PrivacyRequest, error)
	closeReq   func(id, version int64, status aduan.PrivacyRequestStatus, note string) (*aduan.PrivacyRequest, error)
	correct    func(id, version, citizenID, citizenVersion int64, in aduan.CitizenInput) (*aduan.PrivacyRequest, error)
	erase      func(id, version int64, files attach.Storage) (*aduan.PrivacyRequest, error)
	breaches   func() ([]*aduan.Breach, error)
	breach     func(id int64) (*aduan.Breach, error)
	saveBreach func(id, version int64, in aduan.BreachInput) (*aduan.Breach, error)
	retention  func(dryRun bool) (*store.RetentionReport, error)
}

// may is the store's check of the role table, then the case's: false
// when the store would refuse (err set) or the case gave no function.
func (f *fakePrivacy) may(actor aduan.Actor, perm aduan.Perm, name string, given bool) error {
	f.t.Helper()
	if err := actor.Require(perm); err != nil {
		return err
	}
	if !given {
		f.t.Fatalf("the handler called %s, which this case must not reach", name)
	}
	return nil
}

func (f *fakePrivacy) Requests(_ context.Context, a aduan.Actor) ([]*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Requests", f.requests != nil); err != nil {
		return nil, err
	}
	return f.requests()
}

func (f *fakePrivacy) FindRequestsBySubject(_ context.Context, a aduan.Actor, phone, email string) ([]*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "FindRequestsBySubject", f.find != nil); err != nil {
		return nil, err
	}
	return f.find(phone, email)
}

func (f *fakePrivacy) CreateRequest(_ context.Context, a aduan.Actor, in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "CreateRequest", f.create != nil); err != nil {
		return nil, err
	}
	return f.create(in)
}

func (f *fakePrivacy) Request(_ context.Context, a aduan.Actor, id int64) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Request", f.request != nil); err != nil {
		return nil, err
	}
	return f.request(id)
}

func (f *fakePrivacy) Lookup(_ context.Context, a aduan.Actor, id int64) (*store.Dossier, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Lookup", f.lookup != nil); err != nil {
		return nil, err
	}
	return f.lookup(id)
}

func (f *fakePrivacy) PlanErasure(_ context.Context, a aduan.Actor, id int64) (*store.ErasurePlan, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "PlanErasure", f.plan != nil); err != nil {
		return nil, err
	}
	return f.plan(id)
}

func (f *fakePrivacy) Acknowledge(_ context.Context, a aduan.Actor, id, version int64) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Acknowledge", f.ack != nil); err != nil {
		return nil, err
	}
	return f.ack(id, version)
}

func (f *fakePrivacy) CloseRequest(_ context.Context, a aduan.Actor, id, version int64, status aduan.PrivacyRequestStatus, note string) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "CloseRequest", f.closeReq != nil); err != nil {
		return nil, err
	}
	return f.closeReq(id, version, status, note)
}

func (f *fakePrivacy) Correct(_ context.Context, a aduan.Actor, id, version, citizenID, citizenVersion int64, in aduan.CitizenInput) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Correct", f.correct != nil); err != nil {
		return nil, err
	}
	return f.correct(id, version, citizenID, citizenVersion, in)
}

func (f *fakePrivacy) Erase(_ context.Context, a aduan.Actor, id, version int64, files attach.Storage) (*aduan.PrivacyRequest, error) {
	if err := f.may(a, aduan.PermPrivacyRequest, "Erase", f.erase != nil); err != nil {
		return nil, err
	}
	return f.erase(id, version, files)
}

func (f *fakePrivacy) Breaches(_ context.Context, a aduan.Actor) ([]*aduan.Breach, error) {
	if err := f.may(a, aduan.PermPrivacyBreach, "Breaches", f.breaches != nil); err != nil {
		return nil, err
	}
	return f.breaches()
}

func (f *fakePrivacy) Breach(_ context.Context, a aduan.Actor, id int64) (*aduan.Breach, error) {
	if err := f.may(a, aduan.PermPrivacyBreach, "Breach", f.breach != nil); err != nil {
		return nil, err
	}
	return f.breach(id)
}

func (f *fakePrivacy) SaveBreach(_ context.Context, a aduan.Actor, id, version int64, in aduan.BreachInput) (*aduan.Breach, error) {
	if err := f.may(a, aduan.PermPrivacyBreach, "SaveBreach", f.saveBreach != nil); err != nil {
		return nil, err
	}
	return f.saveBreach(id, version, in)
}

func (f *fakePrivacy) Retention(_ context.Context, a aduan.Actor, dryRun bool, _ attach.Storage) (*store.RetentionReport, error) {
	if err := f.may(a, aduan.PermPrivacyRetention, "Retention", f.retention != nil); err != nil {
		return nil, err
	}
	return f.retention(dryRun)
}

// privacyCase is a page case with the privacy store's functions.
type privacyCase struct {
	pageCase
	privacy func(p *fakePrivacy)
}

// privacyPages is each case's pageCase with a fresh fakePrivacy made
// for it (its functions set by the case) and given to the console.
func privacyPages(cases []privacyCase) []pageCase {
	out := make([]pageCase, 0, len(cases))
	for _, c := range cases {
		pc := c.pageCase
		var fp *fakePrivacy
		fake, setup := pc.fake, pc.setup
		pc.fake = func(f *fakeStores) {
			fp = &fakePrivacy{t: f.t}
			if c.privacy != nil {
				c.privacy(fp)
			}
			if fake != nil {
				fake(f)
			}
		}
		pc.setup = func(w *Web) {
			w.Stores.Privacy = fp
			if setup != nil {
				setup(w)
			}
		}
		out = append(out, pc)
	}
	return out
}

// failingSettings is the reference data whose settings cannot be read.
type failingSettings struct{ RefData }

func (failingSettings) Settings(context.Context) (map[string]string, error) {
	return nil, errors.New("Settings(): database is locked")
}

// subjectRequest is a data subject's request of caller(), received an
// hour before now and due in 72 hours.
func subjectRequest(kind aduan.PrivacyRequestKind, st aduan.PrivacyRequestStatus) *aduan.PrivacyRequest {
	return &aduan.PrivacyRequest{ID: 3, Kind: kind, Status: st, SubjectPhone: "+6281234567890", SubjectEmail: "ratna@contoh.id",
		Requester: "Ratna Dewi (sendiri)", Via: "loket", ReceivedAt: pageNow.Add(-time.Hour), DueAt: pageNow.Add(71 * time.Hour),
		CreatedByName: "Koordinator Uji", Version: 2}
}

// dossier is what is held about caller(): their record, a done
// complaint and an open one, a message, and the audit of an operator
// (named; the subject's copy names the role only).
func dossier() *store.Dossier {
	done := pageComplaint(aduan.StatusClosed)
	open := pageComplaint(aduan.StatusForwarded)
	open.ID, open.Number, open.Text = 8, "ADU-2026-000008", "Selokan tersumbat di Gg. Mawar"
	cz := *caller()
	cz.Version, cz.KelurahanCode = 4, "32.76.01.1007"
	return &store.Dossier{Phone: "+6281234567890", Email: "ratna@contoh.id", At: pageNow, Citizens: []aduan.Citizen{cz},
		Complaints: []*aduan.Complaint{done, open},
		Events: map[int64][]aduan.Event{7: {{ID: 1, ComplaintID: 7, Action: aduan.ActionCreate, To: aduan.StatusRecorded, At: pageNow,
			ActorName: "Siti Operator", ActorRole: aduan.RoleOperatorCC}}},
		Messages: []*channel.Message{{ID: 11, ComplaintNumber: "ADU-2026-000007", Channel: channel.SMS, Direction: channel.Out,
			To: "+6281234567890", Body: "Pengaduan ADU-2026-000007 sudah dijawab.", Status: channel.StatusSent, CreatedAt: pageNow}},
		Audit: []aduan.AuditEntry{{ID: 21, At: pageNow, ActorName: "Siti Operator", ActorRole: aduan.RoleOperatorCC, Action: "complaint.create",
			Entity: "complaint", EntityID: "7"}}}
}

// subjectShown is how the pages write caller()'s contact and record.
var subjectShown = []string{"0812-3456-7890", "ratna@contoh.id", "Ratna Dewi", "Jl. Melati 12"}

// TestPrivacyPageHandlers checks the personal-data pages (UU 27/2022)
// with the stores replaced by fakes: the data subjects' requests (their
// list and look-up by contact, a new one recorded or refused in
// Indonesian, one request with everything held about its subject, its
// steps and its export), the breach log, retention's dry run and run,
// and the processing record; each for the roles that may and, with
// nothing of the subject shown and nothing written, for those that may
// not.
func TestPrivacyPageHandlers(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /privacy": w.Privacy, "GET /privacy/requests": w.PrivacyRequests, "POST /privacy/requests": w.CreatePrivacyRequest,
			"GET /privacy/requests/{id}": w.PrivacyRequestPage, "POST /privacy/requests/{id}": w.PrivacyRequestAct,
			"GET /privacy/requests/{id}/{format}": w.PrivacyExport, "GET /privacy/breaches": w.Breaches, "POST /privacy/breaches": w.SaveBreachForm,
			"GET /privacy/breaches/{id}": w.BreachPage, "POST /privacy/breaches/{id}": w.SaveBreachForm, "GET /privacy/retention": w.Retention,
			"POST /privacy/retention": w.RunRetentionForm, "GET /privacy/record": w.ProcessingRecord}
	}
	listed := func(p *fakePrivacy) {
		p.requests = func() ([]*aduan.PrivacyRequest, error) {
			erased := subjectRequest(aduan.RequestErasure, aduan.RequestDone)
			erased.ID, erased.SubjectPhone, erased.SubjectEmail, erased.Requester = 2, "", "", "Kuasa hukum"
			return []*aduan.PrivacyRequest{subjectRequest(aduan.RequestAccess, aduan.RequestReceived), erased}, nil
		}
	}
	// held gives request 3 of kind and status, and the dossier of its
	// subject.
	held := func(kind aduan.PrivacyRequestKind, st aduan.PrivacyRequestStatus) func(p *fakePrivacy) {
		return func(p *fakePrivacy) {
			p.request = func(id int64) (*aduan.PrivacyRequest, error) {
				if id != 3 {
					t.Errorf("request %d", id)
				}
				return subjectRequest(kind, st), nil
			}
			p.lookup = func(int64) (*store.Dossier, error) { return dossier(), nil }
		}
	}
	erasureHeld := func(p *fakePrivacy) {
		held(aduan.RequestErasure, aduan.RequestAcknowledged)(p)
		p.plan = func(int64) (*store.ErasurePlan, error) {
			d := dossier()
			return &store.ErasurePlan{Anonymise: d.Complaints[:1],
				Kept: []aduan.KeptComplaint{{Number: "ADU-2026-000008", Status: aduan.StatusForwarded, Reason: aduan.KeepReasonOpen}}}, nil
		}
	}
	newRequest := url.Values{"kind": {"erasure"}, "phone": {"0812-3456-7890"}, "email": {""}, "requester": {"Ratna Dewi"}, "via": {"loket"},
		"notes": {"KTP diperiksa"}, "received_at": {"2026-03-02T08:15"}}
	with := func(v url.Values, k, val string) url.Values {
		out := url.Values{}
		for key, vals := range v {
			out[key] = append([]string(nil), vals...)
		}
		out.Set(k, val)
		return out
	}
	breach := func() *aduan.Breach {
		return &aduan.Breach{ID: 4, Title: "Laptop operator hilang", Description: "Laptop berisi ekspor antrean tertinggal di angkot.",
			DiscoveredAt: pageNow.Add(-2 * time.Hour), Affected: "pelapor Februari", AffectedCount: 120, DataKinds: []string{"name", "phone"},
			DueAt: pageNow.Add(70 * time.Hour), Version: 2}
	}
	goodBreach := url.Values{"title": {"Laptop operator hilang"}, "description": {"Laptop berisi ekspor antrean."}, "discovered_at": {"2026-03-02T07:00"},
		"occurred_at": {""}, "affected_count": {"120"}, "data_kinds": {"name", "phone"}, "version": {"0"}}
	report := func(p *fakePrivacy) {
		p.retention = func(dry bool) (*store.RetentionReport, error) {
			if !dry {
				t.Error("the page ran retention for real")
			}
			return &store.RetentionReport{DryRun: true, At: pageNow,
				Days:   map[aduan.RetentionKind]int{aduan.RetainPersonal: 730, aduan.RetainMessages: 365, aduan.RetainPhotos: 0, aduan.RetainAudit: 1825},
				Counts: store.RetentionCounts{Citizens: 14, Complaints: 21, Messages: 96, Photos: 0, Audit: 3}}, nil
		}
	}
	refused := []string{"Peran Anda tidak berhak melakukan tindakan ini."}
	internal := []string{"Terjadi kesalahan pada sistem."}

	runPages(t, routes, privacyPages([]privacyCase{
		// The menu entry opens the first tab the role may see.
		{pageCase: pageCase{name: "the coordinator's privacy menu opens the requests", method: "GET", path: "/privacy", role: aduan.RoleKoordinatorCC,
			status: 303, check: sentTo("/privacy/requests")}},
		{pageCase: pageCase{name: "the admin's opens the breach log, having no requests", method: "GET", path: "/privacy", role: aduan.RoleAdmin,
			status: 303, check: sentTo("/privacy/breaches")}},
		{pageCase: pageCase{name: "the PPID's opens the processing record", method: "GET", path: "/privacy", role: aduan.RolePPIDUtama,
			status: 303, check: sentTo("/privacy/record")}},
		{pageCase: pageCase{name: "an operator has no privacy pages", method: "GET", path: "/privacy", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},

		// The requests' list.
		{pageCase: pageCase{name: "the coordinator lists the requests with their subjects, deadlines and a form dated now", method: "GET",
			path: "/privacy/requests", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Permintaan subjek data", "paling lambat 72 jam", "akses dan salinan", "0812-3456-7890 · ratna@contoh.id",
				"Ratna Dewi (sendiri)", "diterima", "(dihapus; hanya sidik kontaknya disimpan)", "Kuasa hukum", `name="received_at" type="datetime-local" value="2026-03-02T09:00"`,
				`href="/privacy/breaches"`}},
			privacy: listed},
		{pageCase: pageCase{name: "the deadline follows the privacy_request_hours setting", method: "GET", path: "/privacy/requests", role: aduan.RoleKoordinatorCC,
			setup:  func(w *Web) { w.Stores.RefData = hoursSetting{w.Stores.RefData} },
			status: 200, want: []string{"paling lambat 24 jam"}},
			privacy: func(p *fakePrivacy) { p.requests = func() ([]*aduan.PrivacyRequest, error) { return nil, nil } }},
		{pageCase: pageCase{name: "a contact looked for lists that person's requests, erased ones too", method: "GET",
			path: "/privacy/requests?find_phone=0812-3456-7890", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{`<a href="/privacy/requests/2">#2</a> penghapusan`}},
			privacy: func(p *fakePrivacy) {
				p.requests = func() ([]*aduan.PrivacyRequest, error) { return nil, nil }
				p.find = func(phone, email string) ([]*aduan.PrivacyRequest, error) {
					if phone != "0812-3456-7890" || email != "" {
						t.Errorf("looked for %q %q", phone, email)
					}
					r := subjectRequest(aduan.RequestErasure, aduan.RequestDone)
					r.ID, r.SubjectPhone, r.SubjectEmail = 2, "", ""
					return []*aduan.PrivacyRequest{r}, nil
				}
			}},
		{pageCase: pageCase{name: "a contact that cannot be read is said so in Indonesian on the list", method: "GET",
			path: "/privacy/requests?find_phone=abc", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{`<p class="form-error" role="alert">Nomor HP tidak valid. Contoh: 0812-3456-7890.</p>`}},
			privacy: func(p *fakePrivacy) {
				p.requests = func() ([]*aduan.PrivacyRequest, error) { return nil, nil }
				p.find = func(string, string) ([]*aduan.PrivacyRequest, error) {
					return nil, aduan.Errorf(aduan.EINVALID, "err.field.phone")
				}
			}},
		{pageCase: pageCase{name: "a kasi may not read the requests, nor anyone's contact", method: "GET", path: "/privacy/requests?find_phone=0812",
			role: aduan.RoleKasiKabid, status: 403, want: refused, notWant: subjectShown},
			privacy: listed},
		{pageCase: pageCase{name: "the admin may not either", method: "GET", path: "/privacy/requests", role: aduan.RoleAdmin,
			status: 403, want: refused, notWant: subjectShown},
			privacy: listed},
		{pageCase: pageCase{name: "requests the store fails to read are a 500 that tells nothing", method: "GET", path: "/privacy/requests",
			role: aduan.RoleKoordinatorCC, status: 500, want: internal, notWant: []string{"privacy_requests", "no such table"}},
			privacy: func(p *fakePrivacy) {
				p.requests = func() ([]*aduan.PrivacyRequest, error) {
					return nil, errors.New("Privacy.Requests(): no such table: privacy_requests")
				}
			}},

		// A new request.
		{pageCase: pageCase{name: "a request recorded goes to its page, received at the time typed in the city's zone", method: "POST",
			path: "/privacy/requests", form: newRequest, role: aduan.RoleKoordinatorCC,
			status: 303, check: sentTo("/privacy/requests/12?ok=web.ok.privacy_request_saved")},
			privacy: func(p *fakePrivacy) {
				p.create = func(in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
					want := time.Date(2026, 3, 2, 8, 15, 0, 0, aduan.WIB)
					if in.Kind != aduan.RequestErasure || in.Phone != "0812-3456-7890" || in.Requester != "Ratna Dewi" || in.Via != "loket" ||
						in.Notes != "KTP diperiksa" || !in.ReceivedAt.Equal(want) {
						t.Errorf("recorded %+v", in)
					}
					return &aduan.PrivacyRequest{ID: 12}, nil
				}
			}},
		{pageCase: pageCase{name: "a received time that cannot be read is marked, the form kept, nothing recorded", method: "POST",
			path: "/privacy/requests", form: with(newRequest, "received_at", "kemarin sore"), role: aduan.RoleKoordinatorCC,
			status: 422, want: []string{"Tanggal harus berformat", `value="kemarin sore"`, `value="0812-3456-7890"`, "KTP diperiksa",
				`<option value="erasure" selected>`}},
			privacy: func(p *fakePrivacy) { p.requests = func() ([]*aduan.PrivacyRequest, error) { return nil, nil } }},
		{pageCase: pageCase{name: "a request the store finds without a contact is marked in Indonesian with the form kept", method: "POST",
			path: "/privacy/requests", form: with(newRequest, "phone", ""), role: aduan.RoleKoordinatorCC,
			status: 422, want: []string{`<p class="field-error" role="alert">Wajib diisi.</p>`, `value="Ratna Dewi"`, `value="2026-03-02T08:15"`}},
			privacy: func(p *fakePrivacy) {
				p.requests = func() ([]*aduan.PrivacyRequest, error) { return nil, nil }
				p.create = func(aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
					var v aduan.Validation
					v.Add("phone", "err.field.required")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "an operator records no request", method: "POST", path: "/privacy/requests", form: newRequest,
			role: aduan.RoleOperatorCC, status: 403, want: refused, notWant: []string{"KTP diperiksa"}}},
		{pageCase: pageCase{name: "a request the store fails to record is a 500 that tells nothing", method: "POST", path: "/privacy/requests",
			form: newRequest, role: aduan.RoleKoordinatorCC, status: 500, want: internal, notWant: []string{"disk I/O"}},
			privacy: func(p *fakePrivacy) {
				p.create = func(aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
					return nil, errors.New("Privacy.CreateRequest(): disk I/O error")
				}
			}},

		// One request.
		{pageCase: pageCase{name: "an open erasure shows everything held, what would go and what stays and why", method: "GET",
			path: "/privacy/requests/3", role: aduan.RoleKoordinatorCC,
			status: 200, want: append([]string{"Permintaan #3 · penghapusan", "Ratna Dewi (sendiri) · loket", "1 catatan warga, 2 pengaduan, 1 pesan, 0 berkas, 1 catatan audit",
				"ADU-2026-000007", "Selokan tersumbat", "Identitas akan dihapus dari pengaduan yang sudah selesai ini", "Yang tetap disimpan, dan alasannya:",
				"ADU-2026-000008 · Diteruskan ke PD — pengaduan masih ditangani", "Hapus data pribadi ini", `href="/privacy/requests/3/export.html"`,
				`name="do" value="close"`}, subjectShown...),
			notWant: []string{`value="acknowledge"`, `value="correct"`}},
			privacy: erasureHeld},
		{pageCase: pageCase{name: "a received access request offers its acknowledgement and no erasure", method: "GET",
			path: "/privacy/requests/3", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Permintaan #3 · akses dan salinan", "Tandai sudah ditanggapi", "Ratna Dewi"},
			notWant: []string{"Hapus data pribadi ini", `value="correct"`}},
			privacy: held(aduan.RequestAccess, aduan.RequestReceived)},
		{pageCase: pageCase{name: "an open correction offers the subject's record to correct", method: "GET", path: "/privacy/requests/3",
			role:   aduan.RoleKoordinatorCC,
			status: 200, want: []string{`name="citizen_id" value="9"`, `name="citizen_version" value="4"`, `name="name" value="Ratna Dewi"`,
				`name="address" value="Jl. Melati 12"`, "Simpan perbaikan"}},
			privacy: held(aduan.RequestCorrection, aduan.RequestAcknowledged)},
		{pageCase: pageCase{name: "a closed request shows its outcome and no step", method: "GET", path: "/privacy/requests/3", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"selesai", "Identitas dihapus dari: ADU-2026-000007", "1 pesan disamarkan, 0 foto dihapus."},
			notWant: []string{`name="do"`, "Hapus data pribadi ini"}},
			privacy: func(p *fakePrivacy) {
				held(aduan.RequestErasure, aduan.RequestDone)(p)
				p.request = func(int64) (*aduan.PrivacyRequest, error) {
					r := subjectRequest(aduan.RequestErasure, aduan.RequestDone)
					r.Outcome = aduan.RequestOutcome{Anonymised: []string{"ADU-2026-000007"}, Messages: 1}
					return r, nil
				}
			}},
		{pageCase: pageCase{name: "a request that is not a number is a 404 in Indonesian", method: "GET", path: "/privacy/requests/tiga",
			role: aduan.RoleKoordinatorCC, status: 404, want: []string{"Permintaan subjek data tidak ditemukan."}}},
		{pageCase: pageCase{name: "a request the store does not find is a 404 in Indonesian", method: "GET", path: "/privacy/requests/3",
			role: aduan.RoleKoordinatorCC, status: 404, want: []string{"Permintaan subjek data tidak ditemukan."}},
			privacy: func(p *fakePrivacy) {
				p.request = func(int64) (*aduan.PrivacyRequest, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.privacy_request")
				}
			}},
		{pageCase: pageCase{name: "a kasi reads nothing of a request's subject", method: "GET", path: "/privacy/requests/3", role: aduan.RoleKasiKabid,
			status: 403, want: refused, notWant: append([]string{"Selokan", "ADU-2026-000008"}, subjectShown...)},
			privacy: erasureHeld},
		{pageCase: pageCase{name: "an agency operator reads nothing of it either", method: "GET", path: "/privacy/requests/3", role: aduan.RoleOperatorPD,
			status: 403, want: refused, notWant: subjectShown},
			privacy: erasureHeld},
		{pageCase: pageCase{name: "a look-up the store fails is a 500 that tells nothing of the subject", method: "GET", path: "/privacy/requests/3",
			role: aduan.RoleKoordinatorCC, status: 500, want: internal, notWant: append([]string{"+6281234567890"}, subjectShown...)},
			privacy: func(p *fakePrivacy) {
				held(aduan.RequestAccess, aduan.RequestReceived)(p)
				p.lookup = func(int64) (*store.Dossier, error) {
					return nil, errors.New("Privacy.Lookup(3): dossier +6281234567890 ratna@contoh.id: database is locked")
				}
			}},

		// A request's steps.
		{pageCase: pageCase{name: "a request acknowledged goes back to it", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"acknowledge"}, "version": {"2"}}, role: aduan.RoleKoordinatorCC,
			status: 303, check: sentTo("/privacy/requests/3?ok=web.ok.privacy_acknowledged")},
			privacy: func(p *fakePrivacy) {
				p.ack = func(id, version int64) (*aduan.PrivacyRequest, error) {
					if id != 3 || version != 2 {
						t.Errorf("acknowledged %d v%d", id, version)
					}
					return subjectRequest(aduan.RequestAccess, aduan.RequestAcknowledged), nil
				}
			}},
		{pageCase: pageCase{name: "a request erased goes back to it, its photos deleted where the console keeps them", method: "POST",
			path: "/privacy/requests/3", form: url.Values{"do": {"erase"}, "version": {"2"}}, role: aduan.RoleKoordinatorCC,
			status: 303, check: sentTo("/privacy/requests/3?ok=web.ok.privacy_erased")},
			privacy: func(p *fakePrivacy) {
				p.erase = func(id, version int64, files attach.Storage) (*aduan.PrivacyRequest, error) {
					if id != 3 || version != 2 || files != nil {
						t.Errorf("erased %d v%d with %v", id, version, files)
					}
					return subjectRequest(aduan.RequestErasure, aduan.RequestDone), nil
				}
			}},
		{pageCase: pageCase{name: "a refusal without its reason is marked on the page with the note kept", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"close"}, "version": {"2"}, "status": {"refused"}, "note": {"  "}}, role: aduan.RoleKoordinatorCC,
			status: 400, want: []string{`<p class="field-error" role="alert">Wajib diisi.</p>`, "Permintaan #3"}},
			privacy: func(p *fakePrivacy) {
				held(aduan.RequestAccess, aduan.RequestAcknowledged)(p)
				p.closeReq = func(id, version int64, st aduan.PrivacyRequestStatus, note string) (*aduan.PrivacyRequest, error) {
					if st != aduan.RequestRefused || note != "  " {
						t.Errorf("closed as %s %q", st, note)
					}
					var v aduan.Validation
					v.Add("note", "err.field.required")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "a correction the store refuses shows what was typed on that citizen's form", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"correct"}, "version": {"2"}, "citizen_id": {"9"}, "citizen_version": {"4"}, "name": {"Ratna Dewi Lestari"},
				"phone": {"12"}, "email": {"ratna@contoh.id"}, "address": {"Jl. Melati 14"}, "kelurahan_code": {"32.76.01.1007"}},
			role:   aduan.RoleKoordinatorCC,
			status: 400, want: []string{`name="name" value="Ratna Dewi Lestari"`, `name="phone" value="12"`, `name="address" value="Jl. Melati 14"`,
				"Nomor HP tidak valid."}},
			privacy: func(p *fakePrivacy) {
				held(aduan.RequestCorrection, aduan.RequestAcknowledged)(p)
				p.correct = func(id, version, cid, cver int64, in aduan.CitizenInput) (*aduan.PrivacyRequest, error) {
					if id != 3 || version != 2 || cid != 9 || cver != 4 || in.Name != "Ratna Dewi Lestari" || in.KelurahanCode != "32.76.01.1007" {
						t.Errorf("corrected %d v%d citizen %d v%d: %+v", id, version, cid, cver, in)
					}
					var v aduan.Validation
					v.Add("phone", "err.field.phone")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "a step on a request changed meanwhile says so, on the request as it now is", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"acknowledge"}, "version": {"1"}}, role: aduan.RoleKoordinatorCC,
			status: 409, want: []string{"Data ini baru saja diubah oleh orang lain.", "Permintaan #3"}},
			privacy: func(p *fakePrivacy) {
				held(aduan.RequestAccess, aduan.RequestAcknowledged)(p)
				p.ack = func(int64, int64) (*aduan.PrivacyRequest, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			}},
		{pageCase: pageCase{name: "a step the page does not know takes none", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"publish"}, "version": {"2"}}, role: aduan.RoleKoordinatorCC,
			status: 400, want: []string{"Data yang dikirim tidak valid."}}},
		{pageCase: pageCase{name: "an operator erases nothing", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"erase"}, "version": {"2"}}, role: aduan.RoleOperatorCC, status: 403, want: refused}},
		{pageCase: pageCase{name: "the admin erases nothing either", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"erase"}, "version": {"2"}}, role: aduan.RoleAdmin, status: 403, want: refused}},
		{pageCase: pageCase{name: "an erasure the store fails is a 500 that tells nothing", method: "POST", path: "/privacy/requests/3",
			form: url.Values{"do": {"erase"}, "version": {"2"}}, role: aduan.RoleKoordinatorCC, status: 500, want: internal,
			notWant: []string{"tx rollback"}},
			privacy: func(p *fakePrivacy) {
				p.erase = func(int64, int64, attach.Storage) (*aduan.PrivacyRequest, error) {
					return nil, errors.New("Privacy.Erase(3): tx rollback")
				}
			}},

		// The subject's copy.
		{pageCase: pageCase{name: "the subject's copy as JSON is a download kept by no cache, staff named by role only", method: "GET",
			path: "/privacy/requests/3/export.json", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{`"+6281234567890"`, `"Ratna Dewi"`, "Pengaduan ADU-2026-000007 sudah dijawab.", "Operator Call Center"},
			notWant: []string{"Siti Operator", "Koordinator Uji"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				h := w.Header()
				if h.Get("Content-Type") != "application/json; charset=utf-8" || h.Get("Cache-Control") != "no-store" ||
					h.Get("Content-Disposition") != `attachment; filename="data-pribadi-permintaan-3.json"` {
					t.Errorf("headers %v", h)
				}
				var out map[string]any
				if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
					t.Errorf("not JSON: %v", err)
				}
			}},
			privacy: held(aduan.RequestAccess, aduan.RequestAcknowledged)},
		{pageCase: pageCase{name: "the subject's copy to print, in Indonesian, staff named by role only", method: "GET",
			path: "/privacy/requests/3/export.html", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Data pribadi yang kami simpan tentang Anda", "Ratna Dewi", "0812-3456-7890", "Selokan tersumbat", "Operator Call Center",
				"#3 · akses dan salinan"},
			notWant: []string{"Siti Operator", "Koordinator Uji"}},
			privacy: held(aduan.RequestAccess, aduan.RequestAcknowledged)},
		{pageCase: pageCase{name: "a copy in a format there is not is a 404", method: "GET", path: "/privacy/requests/3/export.pdf",
			role: aduan.RoleKoordinatorCC, status: 404, want: []string{"Alamat tidak ditemukan."}},
			privacy: held(aduan.RequestAccess, aduan.RequestAcknowledged)},
		{pageCase: pageCase{name: "a PPID takes no copy of anyone's data", method: "GET", path: "/privacy/requests/3/export.json", role: aduan.RolePPIDUtama,
			status: 403, want: refused, notWant: append([]string{"+6281234567890"}, subjectShown...)},
			privacy: held(aduan.RequestAccess, aduan.RequestAcknowledged)},

		// The breach log.
		{pageCase: pageCase{name: "the admin's breach log lists each breach with its countdowns and a form dated now", method: "GET",
			path: "/privacy/breaches", role: aduan.RoleAdmin,
			status: 200, want: []string{"Laptop operator hilang", "120 orang · pelapor Februari", "Catat insiden", "paling lambat 72 jam",
				`name="discovered_at" value="2026-03-02T09:00"`},
			notWant: []string{`href="/privacy/requests"`}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) { return []*aduan.Breach{breach()}, nil }
			}},
		{pageCase: pageCase{name: "one breach's page fills its form to record the notifications", method: "GET", path: "/privacy/breaches/4",
			role:   aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Insiden #4", `action="/privacy/breaches/4"`, `name="version" value="2"`, `name="title" value="Laptop operator hilang"`,
				`value="name" checked`, `value="phone" checked`, `name="affected_count" inputmode="numeric" value="120"`},
			notWant: []string{`value="email" checked`}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) { return []*aduan.Breach{breach()}, nil }
				p.breach = func(id int64) (*aduan.Breach, error) {
					if id != 4 {
						t.Errorf("breach %d", id)
					}
					return breach(), nil
				}
			}},
		{pageCase: pageCase{name: "a breach not found is a 404 in Indonesian", method: "GET", path: "/privacy/breaches/5", role: aduan.RoleAdmin,
			status: 404, want: []string{"Catatan insiden tidak ditemukan."}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) { return nil, nil }
				p.breach = func(int64) (*aduan.Breach, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.breach") }
			}},
		{pageCase: pageCase{name: "an operator has no breach log", method: "GET", path: "/privacy/breaches", role: aduan.RoleOperatorCC,
			status: 403, want: refused, notWant: []string{"Laptop operator hilang"}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) { return []*aduan.Breach{breach()}, nil }
			}},
		{pageCase: pageCase{name: "a breach log the store fails to read is a 500 that tells nothing", method: "GET", path: "/privacy/breaches",
			role: aduan.RoleAdmin, status: 500, want: internal, notWant: []string{"breaches:"}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) {
					return nil, errors.New("Privacy.Breaches(): breaches: bad connection")
				}
			}},

		// A breach recorded.
		{pageCase: pageCase{name: "a breach recorded goes to its page, its times in the city's zone", method: "POST", path: "/privacy/breaches",
			form: goodBreach, role: aduan.RoleAdmin, status: 303, check: sentTo("/privacy/breaches/9?ok=web.ok.privacy_breach_saved")},
			privacy: func(p *fakePrivacy) {
				p.saveBreach = func(id, version int64, in aduan.BreachInput) (*aduan.Breach, error) {
					if id != 0 || version != 0 || in.Title != "Laptop operator hilang" || in.AffectedCount != 120 || strings.Join(in.DataKinds, ",") != "name,phone" ||
						!in.DiscoveredAt.Equal(time.Date(2026, 3, 2, 7, 0, 0, 0, aduan.WIB)) || in.OccurredAt != nil || in.Closed {
						t.Errorf("saved %d v%d: %+v", id, version, in)
					}
					return &aduan.Breach{ID: 9}, nil
				}
			}},
		{pageCase: pageCase{name: "a breach's notifications recorded on its own page", method: "POST", path: "/privacy/breaches/4",
			form: with(with(with(goodBreach, "version", "2"), "subjects_notified_at", "2026-03-02T08:30"), "closed", "1"), role: aduan.RoleKoordinatorCC,
			status: 303, check: sentTo("/privacy/breaches/4?ok=web.ok.privacy_breach_saved")},
			privacy: func(p *fakePrivacy) {
				p.saveBreach = func(id, version int64, in aduan.BreachInput) (*aduan.Breach, error) {
					if id != 4 || version != 2 || in.SubjectsNotifiedAt == nil || !in.SubjectsNotifiedAt.Equal(time.Date(2026, 3, 2, 8, 30, 0, 0, aduan.WIB)) || !in.Closed {
						t.Errorf("saved %d v%d: %+v", id, version, in)
					}
					return &aduan.Breach{ID: 4}, nil
				}
			}},
		{pageCase: pageCase{name: "a number of people that is not one is marked, the form kept, nothing saved", method: "POST", path: "/privacy/breaches",
			form: with(goodBreach, "affected_count", "-3"), role: aduan.RoleAdmin,
			status: 400, want: []string{"Harus antara 0 dan 2147483647.", `name="title" value="Laptop operator hilang"`, `value="name" checked`}},
			privacy: func(p *fakePrivacy) { p.breaches = func() ([]*aduan.Breach, error) { return nil, nil } }},
		{pageCase: pageCase{name: "a breach the store finds without its title is marked in Indonesian", method: "POST", path: "/privacy/breaches",
			form: with(goodBreach, "title", ""), role: aduan.RoleAdmin,
			status: 400, want: []string{`<p class="field-error" role="alert">Wajib diisi.</p>`, "Laptop berisi ekspor antrean."}},
			privacy: func(p *fakePrivacy) {
				p.breaches = func() ([]*aduan.Breach, error) { return nil, nil }
				p.saveBreach = func(int64, int64, aduan.BreachInput) (*aduan.Breach, error) {
					var v aduan.Validation
					v.Add("title", "err.field.required")
					return nil, v.Err()
				}
			}},
		{pageCase: pageCase{name: "a kasi records no breach", method: "POST", path: "/privacy/breaches", form: goodBreach, role: aduan.RoleKasiKabid,
			status: 403, want: refused}},

		// Retention.
		{pageCase: pageCase{name: "retention's dry run shows what a run would change now, each kind with its period", method: "GET",
			path: "/privacy/retention", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Uji coba per", "setelah 730 hari", "warga dianonimkan: 14", "(pengaduan: 21)", "pesan dihapus isinya: 96",
				"disimpan selamanya", "Jalankan sekarang"},
			notWant: []string{`href="/admin/settings"`}},
			privacy: report},
		{pageCase: pageCase{name: "the admin's has the link to the periods' settings", method: "GET", path: "/privacy/retention", role: aduan.RoleAdmin,
			status: 200, want: []string{`href="/admin/settings"`}},
			privacy: report},
		{pageCase: pageCase{name: "a kasi has no retention page", method: "GET", path: "/privacy/retention", role: aduan.RoleKasiKabid,
			status: 403, want: refused}, privacy: report},
		{pageCase: pageCase{name: "a dry run the store fails is a 500 that tells nothing", method: "GET", path: "/privacy/retention",
			role: aduan.RoleAdmin, status: 500, want: internal, notWant: []string{"canceling statement"}},
			privacy: func(p *fakePrivacy) {
				p.retention = func(bool) (*store.RetentionReport, error) {
					return nil, errors.New("Privacy.Retention(): canceling statement due to statement timeout")
				}
			}},
		{pageCase: pageCase{name: "a kasi runs no retention", method: "POST", path: "/privacy/retention", role: aduan.RoleKasiKabid,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a run asked for while messaging is off says so and runs nothing", method: "POST", path: "/privacy/retention",
			role: aduan.RoleAdmin, status: 503, want: []string{"Layanan pesan belum berjalan."}}},

		// The processing record.
		{pageCase: pageCase{name: "the PPID reads the processing record of the city at now", method: "GET", path: "/privacy/record", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"Catatan pemrosesan data pribadi", "Kota Depok", "Identitas pelapor", "Log insiden", "per 2 Maret 2026 09.00 WIB"},
			notWant: []string{`href="/privacy/requests"`, `href="/privacy/breaches"`}}},
		{pageCase: pageCase{name: "an operator has no processing record", method: "GET", path: "/privacy/record", role: aduan.RoleOperatorCC,
			status: 403, want: refused}},
		{pageCase: pageCase{name: "a record whose settings cannot be read is a 500 that tells nothing", method: "GET", path: "/privacy/record",
			role: aduan.RoleAdmin, setup: func(w *Web) { w.Stores.RefData = failingSettings{w.Stores.RefData} },
			status: 500, want: internal, notWant: []string{"database is locked"}}},
	}))
}

// hoursSetting is the reference data with privacy_request_hours at 24.
type hoursSetting struct{ RefData }

func (h hoursSetting) Settings(ctx context.Context) (map[string]string, error) {
	s, err := h.RefData.Settings(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]string{aduan.SettingPrivacyRequestHours: "24"}
	for k, v := range s {
		out[k] = v
	}
	return out, nil
}
