package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/ppidsvc"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// ppidFake is PPIDData with a function per method: a nil one is a method
// the case must not reach (so a refused or bad form that calls no Register,
// Act, SavePublicInfo or CreateReport recorded nothing).
type ppidFake struct {
	t            *testing.T
	requests     func(actor aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error)
	register     func(actor aduan.Actor, in aduan.NewInfoRequest) (*aduan.InfoRequest, error)
	request      func(actor aduan.Actor, id int64) (*aduan.InfoRequest, error)
	events       func(id int64) ([]aduan.InfoEvent, error)
	atasan       func() (aduan.InfoAtasan, bool, error)
	calendar     func() (*aduan.Calendar, error)
	messages     func(r *aduan.InfoRequest) ([]*channel.Message, error)
	act          func(actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error)
	document     func(id int64) (*store.InfoFile, error)
	track        func(number, last4 string) (*aduan.InfoRequest, error)
	publicList   func(q string) ([]*aduan.PublicInfo, error)
	save         func(actor aduan.Actor, e *aduan.PublicInfo) error
	del          func(actor aduan.Actor, id int64) error
	annual       func(actor aduan.Actor, year int) (*store.InfoAnnual, error)
	annualReport func(year int) (*report.Report, error)
	createReport func(actor aduan.Actor, in report.NewReport) (*report.Report, error)
	letterhead   func() (render.Settings, error)
	registerFile func(actor aduan.Actor, book string, year int, format string) (*ppidsvc.File, error)
	annualFile   func(a *store.InfoAnnual) (*ppidsvc.File, error)

	// withDocument is the file a decision's transaction was to record.
	withDocument *store.InfoFile
}

func (p *ppidFake) unexpected(name string) {
	p.t.Helper()
	p.t.Fatalf("the handler called PPID.%s, which this case must not reach", name)
}

func (p *ppidFake) Requests(_ context.Context, actor aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error) {
	if p.requests == nil {
		p.unexpected("Requests")
	}
	return p.requests(actor, f)
}

func (p *ppidFake) Register(_ context.Context, actor aduan.Actor, in aduan.NewInfoRequest, _ store.InfoNotify) (*aduan.InfoRequest, error) {
	if p.register == nil {
		p.unexpected("Register")
	}
	return p.register(actor, in)
}

func (p *ppidFake) Request(_ context.Context, actor aduan.Actor, id int64) (*aduan.InfoRequest, error) {
	if p.request == nil {
		p.unexpected("Request")
	}
	return p.request(actor, id)
}

func (p *ppidFake) Events(_ context.Context, id int64) ([]aduan.InfoEvent, error) {
	if p.events == nil {
		p.unexpected("Events")
	}
	return p.events(id)
}

func (p *ppidFake) Atasan(context.Context) (aduan.InfoAtasan, bool, error) {
	if p.atasan == nil {
		p.unexpected("Atasan")
	}
	return p.atasan()
}

func (p *ppidFake) Calendar(context.Context) (*aduan.Calendar, error) {
	if p.calendar == nil {
		p.unexpected("Calendar")
	}
	return p.calendar()
}

func (p *ppidFake) Messages(_ context.Context, _ aduan.Actor, r *aduan.InfoRequest) ([]*channel.Message, error) {
	if p.messages == nil {
		p.unexpected("Messages")
	}
	return p.messages(r)
}

func (p *ppidFake) Act(_ context.Context, actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput, _ store.InfoNotify) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
	if p.act == nil {
		p.unexpected("Act")
	}
	return p.act(actor, id, version, act, in)
}

func (p *ppidFake) WithDocument(f *store.InfoFile, notify store.InfoNotify) store.InfoNotify {
	p.withDocument = f
	return notify
}

func (p *ppidFake) Document(_ context.Context, id int64) (*store.InfoFile, error) {
	if p.document == nil {
		p.unexpected("Document")
	}
	return p.document(id)
}

func (p *ppidFake) TrackInfo(_ context.Context, number, last4 string) (*aduan.InfoRequest, error) {
	if p.track == nil {
		p.unexpected("TrackInfo")
	}
	return p.track(number, last4)
}

func (p *ppidFake) PublicList(_ context.Context, q string) ([]*aduan.PublicInfo, error) {
	if p.publicList == nil {
		p.unexpected("PublicList")
	}
	return p.publicList(q)
}

func (p *ppidFake) SavePublicInfo(_ context.Context, actor aduan.Actor, e *aduan.PublicInfo) error {
	if p.save == nil {
		p.unexpected("SavePublicInfo")
	}
	return p.save(actor, e)
}

func (p *ppidFake) DeletePublicInfo(_ context.Context, actor aduan.Actor, id int64) error {
	if p.del == nil {
		p.unexpected("DeletePublicInfo")
	}
	return p.del(actor, id)
}

func (p *ppidFake) Annual(_ context.Context, actor aduan.Actor, year int) (*store.InfoAnnual, error) {
	if p.annual == nil {
		p.unexpected("Annual")
	}
	return p.annual(actor, year)
}

func (p *ppidFake) AnnualReport(_ context.Context, _ aduan.Actor, year int, _ bool) (*report.Report, error) {
	if p.annualReport == nil {
		p.unexpected("AnnualReport")
	}
	return p.annualReport(year)
}

func (p *ppidFake) CreateReport(_ context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error) {
	if p.createReport == nil {
		p.unexpected("CreateReport")
	}
	return p.createReport(actor, in)
}

func (p *ppidFake) Letterhead(context.Context) (render.Settings, error) {
	if p.letterhead == nil {
		p.unexpected("Letterhead")
	}
	return p.letterhead()
}

func (p *ppidFake) RegisterFile(_ context.Context, actor aduan.Actor, book string, year int, format string, _ i18n.Lang) (*ppidsvc.File, error) {
	if p.registerFile == nil {
		p.unexpected("RegisterFile")
	}
	return p.registerFile(actor, book, year, format)
}

func (p *ppidFake) AnnualFile(_ context.Context, _ aduan.Actor, a *store.InfoAnnual, _ i18n.Lang) (*ppidsvc.File, error) {
	if p.annualFile == nil {
		p.unexpected("AnnualFile")
	}
	return p.annualFile(a)
}

// ppidFiles is an attachment storage in memory.
type ppidFiles map[string][]byte

func (m ppidFiles) Put(_ context.Context, key, _ string, data []byte) error {
	m[key] = data
	return nil
}

func (m ppidFiles) Get(_ context.Context, key string) (io.ReadCloser, error) {
	b, ok := m[key]
	if !ok {
		return nil, errors.New("no such file")
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (m ppidFiles) Delete(_ context.Context, key string) error {
	delete(m, key)
	return nil
}

// ppidCase is a page case with the PPID's fake: ppid fills it, after
// checks what it was given.
type ppidCase struct {
	pageCase
	ppid  func(p *ppidFake)
	after func(t *testing.T, p *ppidFake)
}

// runPPID runs the cases through runPages with a fresh ppidFake each,
// failing through the case's own test.
func runPPID(t *testing.T, routes func(w *Web, p *Public) map[string]HandlerFunc, cases []ppidCase) {
	t.Helper()
	pcs := make([]pageCase, len(cases))
	for i, c := range cases {
		pc := c.pageCase
		var pf *ppidFake
		setup := pc.setup
		pc.setup = func(w *Web) {
			pf = &ppidFake{t: w.Stores.Clock.(*fakeStores).t}
			if c.ppid != nil {
				c.ppid(pf)
			}
			w.Stores.PPID = pf
			if setup != nil {
				setup(w)
			}
		}
		check := pc.check
		pc.check = func(t *testing.T, f *fakeStores, rw *httptest.ResponseRecorder) {
			if check != nil {
				check(t, f, rw)
			}
			if c.after != nil {
				c.after(t, pf)
			}
		}
		if pc.fake == nil {
			pc.fake = func(*fakeStores) {}
		}
		pcs[i] = pc
	}
	runPages(t, routes, pcs)
}

// infoRequest is a request with its requester: none of requester may show
// where the reader may not see who asked.
func ppidInfo(st aduan.InfoStatus) *aduan.InfoRequest {
	return &aduan.InfoRequest{ID: 7, Number: "PPID-2026-000007", Status: st, Channel: aduan.ChannelPhone, Name: "Dewi Lestari",
		Address: "Jl. Anggrek 5", Phone: "+6281311112222", Email: "dewi@contoh.id", IDNumber: "3276015501900001",
		Information: "Rincian anggaran pemeliharaan jalan 2026", Purpose: "Penelitian skripsi", Medium: "softcopy", Delivery: "email",
		ReceivedAt: pageNow, DueAt: pageNow.AddDate(0, 0, 14), CreatedAt: pageNow, UpdatedAt: pageNow, Version: 2}
}

func ppidDecided() *aduan.InfoRequest {
	r := ppidInfo(aduan.InfoDecided)
	at := pageNow.Add(-24 * time.Hour)
	r.Decision, r.DecidedAt, r.Answer, r.NoticeNumber = aduan.InfoGranted, &at, "Terlampir rincian anggaran pemeliharaan jalan.", "PPID-2026-000007/SPT"
	return r
}

var ppidRequester = []string{"Dewi", "Anggrek", "81311112222", "1111-2222", "dewi@contoh.id", "3276015501900001"}

// readsOf fills the reads of one request's page with r.
func ppidReads(t *testing.T, r *aduan.InfoRequest) func(p *ppidFake) {
	return func(p *ppidFake) {
		p.request = func(_ aduan.Actor, id int64) (*aduan.InfoRequest, error) {
			if id != r.ID {
				t.Errorf("read request %d", id)
			}
			c := *r
			return &c, nil
		}
		p.events = func(int64) ([]aduan.InfoEvent, error) {
			return []aduan.InfoEvent{{ID: 1, RequestID: r.ID, Action: aduan.InfoActRegister, To: aduan.InfoReceived, At: pageNow, ActorName: "Siti"}}, nil
		}
		p.atasan = func() (aduan.InfoAtasan, bool, error) { return aduan.InfoAtasan{Role: aduan.RoleKasiKabid}, true, nil }
		p.calendar = func() (*aduan.Calendar, error) { return aduan.NewCalendar(nil), nil }
		p.messages = func(*aduan.InfoRequest) ([]*channel.Message, error) { return nil, nil }
	}
}

func ppidInvalid(field, key string) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: field, Key: key}}}
}

func ppidLocation(want string) func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
	return func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
		t.Helper()
		if loc := w.Header().Get("Location"); loc != want {
			t.Errorf("sent to %q, want %q", loc, want)
		}
	}
}

var (
	ppidInternal  = []string{"Terjadi kesalahan pada sistem."}
	ppidForbidden = []string{"Peran Anda tidak berhak melakukan tindakan ini."}
)

func ppidConsoleRoutes(w *Web, _ *Public) map[string]HandlerFunc {
	return map[string]HandlerFunc{"GET /ppid": w.PPIDList, "POST /ppid": w.PPIDRegister, "GET /ppid/new": w.PPIDNewPage,
		"POST /ppid/new": w.PPIDFromDesk, "GET /ppid/{id}": w.PPIDRequest, "POST /ppid/{id}": w.PPIDAct,
		"GET /ppid/{id}/surat/{kind}": w.PPIDNotice, "GET /ppid/{id}/berkas/unduh": w.PPIDDocument,
		"GET /ppid/buku/{book}/unduh/{file}": w.PPIDBook, "GET /ppid/laporan/{year}": w.PPIDAnnual, "POST /ppid/laporan/{year}": w.PPIDAnnualPrepare,
		"GET /ppid/laporan/{year}/unduh/{file}": w.PPIDAnnual, "GET /ppid/daftar": w.PPIDDaftar, "POST /ppid/daftar": w.PPIDDaftarSave,
		"POST /ppid/daftar/{id}/hapus": w.PPIDDaftarDelete}
}

// TestPPIDListAndRegisterHandlers checks the PPID's list and the register
// form (from the menu and from the desk) with the store replaced by a fake.
func TestPPIDListAndRegisterHandlers(t *testing.T) {
	listOf := func(rs ...*aduan.InfoRequest) func(p *ppidFake) {
		return func(p *ppidFake) {
			p.requests = func(aduan.Actor, store.InfoFilter) ([]*aduan.InfoRequest, error) { return rs, nil }
		}
	}
	hidden := ppidInfo(aduan.InfoReceived)
	hidden.HideIdentity(aduan.Actor{Role: aduan.RoleKasiKabid})
	good := func() url.Values {
		return url.Values{"name": {"Dewi Lestari"}, "address": {"Jl. Anggrek 5"}, "phone": {"081311112222"}, "id_number": {"3276015501900001"},
			"information": {"Rincian anggaran pemeliharaan jalan 2026"}, "purpose": {"Penelitian skripsi"}, "medium": {"softcopy"},
			"delivery": {"email"}, "email": {"dewi@contoh.id"}, "channel": {"telepon"}, "received_at": {"2026-03-02T08:30"}, "call_id": {" C-991 "}}
	}
	var registered aduan.NewInfoRequest
	registerAs := func(r *aduan.InfoRequest, err error) func(p *ppidFake) {
		return func(p *ppidFake) {
			p.register = func(_ aduan.Actor, in aduan.NewInfoRequest) (*aduan.InfoRequest, error) {
				registered = in
				return r, err
			}
		}
	}
	runPPID(t, ppidConsoleRoutes, []ppidCase{
		// The list.
		{pageCase: pageCase{name: "the PPID Utama lists the requests with who asked, and may register one", method: "GET", path: "/ppid", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"Permohonan informasi publik", "PPID-2026-000007", "Dewi Lestari", "Rincian anggaran", "Diterima", `href="/ppid/new"`}},
			ppid: listOf(ppidInfo(aduan.InfoReceived))},
		{pageCase: pageCase{name: "the overdue view asks for the overdue ones", method: "GET", path: "/ppid?view=overdue", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"Belum ada permohonan."}},
			ppid: func(p *ppidFake) {
				p.requests = func(_ aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error) {
					if !f.Overdue || f.Objected || f.Limit != 500 {
						t.Errorf("filter %+v", f)
					}
					return nil, nil
				}
			}},
		{pageCase: pageCase{name: "the objections view asks for the objected ones", method: "GET", path: "/ppid?view=objections", role: aduan.RolePPIDUtama,
			status: 200},
			ppid: func(p *ppidFake) {
				p.requests = func(_ aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error) {
					if f.Overdue || !f.Objected {
						t.Errorf("filter %+v", f)
					}
					return nil, nil
				}
			}},
		{pageCase: pageCase{name: "a kasi reads the list as the store hides it, with no register button", method: "GET", path: "/ppid", role: aduan.RoleKasiKabid,
			status: 200, want: []string{"PPID-2026-000007", "Disembunyikan untuk peran Anda"}, notWant: append([]string{`href="/ppid/new"`}, ppidRequester...)},
			ppid: listOf(hidden)},
		{pageCase: pageCase{name: "the admin's list is the store's refusal", method: "GET", path: "/ppid", role: aduan.RoleAdmin,
			status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				p.requests = func(aduan.Actor, store.InfoFilter) ([]*aduan.InfoRequest, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "a list the store fails to read is a 500 that tells nothing", method: "GET", path: "/ppid", role: aduan.RolePPIDUtama,
			status: 500, want: ppidInternal, notWant: []string{"PPID.Requests", "no such table"}},
			ppid: func(p *ppidFake) {
				p.requests = func(aduan.Actor, store.InfoFilter) ([]*aduan.InfoRequest, error) {
					return nil, errors.New("PPID.Requests(): no such table: info_requests")
				}
			}},

		// The empty form and the desk's.
		{pageCase: pageCase{name: "the register form opens with the time now and e-mail delivery", method: "GET", path: "/ppid/new", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"Catat permohonan informasi", `name="received_at"`, "2026-03-02T09:00", `value="email" selected`}}},
		{pageCase: pageCase{name: "a kasi gets no register form", method: "GET", path: "/ppid/new", role: aduan.RoleKasiKabid,
			status: 403, want: ppidForbidden}},
		{pageCase: pageCase{name: "the desk's call opens the form with what the operator typed, recording nothing", method: "POST", path: "/ppid/new",
			role: aduan.RoleOperatorCC, form: url.Values{"name": {"Dewi Lestari"}, "phone": {"081311112222"}, "text": {"Minta data anggaran jalan"}, "call_id": {"C-991"}},
			status: 200, want: []string{`value="Dewi Lestari"`, `value="081311112222"`, "Minta data anggaran jalan", `name="from_desk" value="1"`, `value="C-991"`,
				`value="telepon" selected`}}},
		{pageCase: pageCase{name: "a kasi cannot turn a call into a request", method: "POST", path: "/ppid/new", role: aduan.RoleKasiKabid,
			form: url.Values{"name": {"Dewi Lestari"}}, status: 403, want: ppidForbidden, notWant: []string{"Dewi Lestari"}}},

		// Registering.
		{pageCase: pageCase{name: "the PPID registers a request and goes to it", method: "POST", path: "/ppid", role: aduan.RolePPIDUtama, form: good(),
			status: 303, check: ppidLocation("/ppid/12?ok=web.ok.ppid_registered")},
			ppid: registerAs(&aduan.InfoRequest{ID: 12, Number: "PPID-2026-000012"}, nil),
			after: func(t *testing.T, _ *ppidFake) {
				if registered.Name != "Dewi Lestari" || registered.IDNumber != "3276015501900001" || registered.Channel != aduan.ChannelPhone ||
					!registered.ReceivedAt.Equal(time.Date(2026, 3, 2, 8, 30, 0, 0, aduan.WIB)) || registered.Contact != nil {
					t.Errorf("registered %+v", registered)
				}
			}},
		{pageCase: pageCase{name: "the call center's request logs its call with the call's ID", method: "POST", path: "/ppid", role: aduan.RoleOperatorCC, form: good(),
			status: 303, check: ppidLocation("/ppid/12?ok=web.ok.ppid_registered")},
			ppid: registerAs(&aduan.InfoRequest{ID: 12}, nil),
			after: func(t *testing.T, _ *ppidFake) {
				if c := registered.Contact; c == nil || c.CallID != "C-991" || c.Channel != aduan.ChannelPhone || !c.StartedAt.Equal(registered.ReceivedAt) {
					t.Errorf("contact %+v", c)
				}
			}},
		{pageCase: pageCase{name: "a received time that is not one is marked in Indonesian and nothing is registered", method: "POST", path: "/ppid",
			role: aduan.RolePPIDUtama, form: with(good(), "received_at", "kemarin sore"),
			status: 422, want: []string{"Data yang dikirim tidak valid.", "Tanggal harus berformat", `value="Dewi Lestari"`, `value="kemarin sore"`}}},
		{pageCase: pageCase{name: "what the store finds wrong comes back beside its field, as typed", method: "POST", path: "/ppid", role: aduan.RolePPIDUtama,
			form: with(good(), "id_number", "12"), status: 422, want: []string{"Data yang dikirim tidak valid.", `value="12"`, `aria-invalid="true"`, "Rincian anggaran"}},
			ppid: registerAs(nil, ppidInvalid("id_number", "err.ppid.id_number"))},
		{pageCase: pageCase{name: "a kasi's request is the store's refusal", method: "POST", path: "/ppid", role: aduan.RoleKasiKabid, form: good(),
			status: 403, want: ppidForbidden, notWant: ppidRequester},
			ppid: registerAs(nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden"))},
		{pageCase: pageCase{name: "a request the store fails to write is a 500 that tells nothing", method: "POST", path: "/ppid", role: aduan.RolePPIDUtama, form: good(),
			status: 500, want: ppidInternal, notWant: []string{"UNIQUE constraint", "info_requests"}},
			ppid: registerAs(nil, errors.New("PPID.Register(): UNIQUE constraint failed: info_requests.number"))},
	})
}

// multipartForm is fields and one file "document" as a multipart body.
func ppidMultipart(t *testing.T, fields url.Values, filename string, data []byte) (string, *bytes.Buffer) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	fw, err := mw.CreateFormFile("document", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return mw.FormDataContentType(), &b
}

// TestPPIDRequestHandlers checks one request's page, its steps, its
// information file and its notices with the store replaced by a fake.
func TestPPIDRequestHandlers(t *testing.T) {
	assigned := ppidInfo(aduan.InfoAssigned)
	assigned.AgencyID, assigned.AgencyName = 3, "Dinas PUPR"
	attached := ppidDecided()
	attached.DocumentAttached, attached.DocumentName = true, "anggaran-jalan.pdf"
	var acted aduan.InfoInput
	actAs := func(want aduan.InfoAction, err error) func(p *ppidFake) {
		return func(p *ppidFake) {
			ppidReads(t, ppidInfo(aduan.InfoReceived))(p)
			p.act = func(actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
				if id != 7 || version != 2 || act != want || actor.Role != aduan.RolePPIDUtama {
					t.Errorf("acted %s on %d v%d as %s", act, id, version, actor.Role)
				}
				acted = in
				return nil, nil, err
			}
		}
	}
	files := ppidFiles{"ppid/7/abc.pdf": []byte("%PDF-1.4 anggaran")}
	withFiles := func(w *Web) { w.Extras.Files = files }
	runPPID(t, ppidConsoleRoutes, []ppidCase{
		// The page.
		{pageCase: pageCase{name: "the PPID Utama reads the request with who asked and the steps it may take", method: "GET", path: "/ppid/7", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"PPID-2026-000007", "Diterima", "Dewi Lestari", "Jl. Anggrek 5", "dewi@contoh.id", "3276015501900001",
				"Rincian anggaran pemeliharaan jalan 2026", `name="action" value="assign"`, `name="action" value="decide"`, "Dinas Perhubungan"}},
			ppid: ppidReads(t, ppidInfo(aduan.InfoReceived))},
		{pageCase: pageCase{name: "a kasi reads the request without who asked (even were the store to give it) and with no step", method: "GET", path: "/ppid/7",
			role: aduan.RoleKasiKabid, status: 200, want: []string{"PPID-2026-000007", "Rincian anggaran", "Disembunyikan untuk peran Anda"},
			notWant: append([]string{`name="action"`}, ppidRequester...)},
			ppid: ppidReads(t, ppidInfo(aduan.InfoReceived))},
		{pageCase: pageCase{name: "another agency's PPID Pembantu does not see who asked", method: "GET", path: "/ppid/7", role: aduan.RolePPIDPembantu,
			status: 200, want: []string{"Dinas PUPR", "Disembunyikan untuk peran Anda"}, notWant: append([]string{`name="action"`}, ppidRequester...)},
			ppid: ppidReads(t, assigned)},
		{pageCase: pageCase{name: "a request that does not exist is a 404 in Indonesian", method: "GET", path: "/ppid/8", role: aduan.RolePPIDUtama,
			status: 404, want: []string{"Permohonan informasi tidak ditemukan."}},
			ppid: func(p *ppidFake) {
				p.request = func(aduan.Actor, int64) (*aduan.InfoRequest, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
				}
			}},
		{pageCase: pageCase{name: "what is not a request's ID is a 404 with no look-up", method: "GET", path: "/ppid/abc", role: aduan.RolePPIDUtama,
			status: 404, want: []string{"Permohonan informasi tidak ditemukan."}}},
		{pageCase: pageCase{name: "a request's log the store fails to read is a 500 that tells nothing", method: "GET", path: "/ppid/7", role: aduan.RolePPIDUtama,
			status: 500, want: ppidInternal, notWant: append([]string{"database is locked"}, ppidRequester...)},
			ppid: func(p *ppidFake) {
				ppidReads(t, ppidInfo(aduan.InfoReceived))(p)
				p.events = func(int64) ([]aduan.InfoEvent, error) { return nil, errors.New("PPID.Events(7): database is locked") }
			}},

		// Its steps.
		{pageCase: pageCase{name: "a decision is taken with what the form says and the page says so", method: "POST", path: "/ppid/7", role: aduan.RolePPIDUtama,
			form:   url.Values{"action": {"decide"}, "version": {"2"}, "decision": {"granted"}, "answer": {"Terlampir."}, "document_url": {"https://ppid.depok.example/a.pdf"}},
			status: 303, check: ppidLocation("/ppid/7?ok=web.ok.ppid_decide")},
			ppid: actAs(aduan.InfoActDecide, nil),
			after: func(t *testing.T, _ *ppidFake) {
				if acted.Decision != aduan.InfoGranted || acted.Answer != "Terlampir." || acted.DocumentURL != "https://ppid.depok.example/a.pdf" {
					t.Errorf("input %+v", acted)
				}
			}},
		{pageCase: pageCase{name: "a decision the store finds incomplete comes back open, as typed, in Indonesian", method: "POST", path: "/ppid/7",
			role: aduan.RolePPIDUtama, form: url.Values{"action": {"decide"}, "version": {"2"}, "decision": {"refused"}, "answer": {"Dikecualikan."}},
			status: 422, want: []string{"Data yang dikirim tidak valid.", "Wajib diisi.", `<details class="ppid-act" open><summary>`, "Dikecualikan."}},
			ppid: actAs(aduan.InfoActDecide, ppidInvalid("ground", "err.field.required"))},
		{pageCase: pageCase{name: "a step the state does not allow is said in Indonesian", method: "POST", path: "/ppid/7", role: aduan.RolePPIDUtama,
			form: url.Values{"action": {"extend"}, "version": {"2"}, "reason": {"Data tersebar"}}, status: 422, want: []string{"Jangka waktu hanya dapat diperpanjang satu kali"}},
			ppid: actAs(aduan.InfoActExtend, aduan.Errorf(aduan.EINVALID, "err.ppid.extended_twice"))},
		{pageCase: pageCase{name: "a kasi's step is the store's refusal", method: "POST", path: "/ppid/7", role: aduan.RoleKasiKabid,
			form: url.Values{"action": {"decide"}, "version": {"2"}, "decision": {"granted"}}, status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				p.act = func(aduan.Actor, int64, int64, aduan.InfoAction, aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					return nil, nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "a step the store fails to write is a 500 that tells nothing", method: "POST", path: "/ppid/7", role: aduan.RolePPIDUtama,
			form: url.Values{"action": {"decide"}, "version": {"2"}, "decision": {"granted"}}, status: 500, want: ppidInternal, notWant: []string{"disk full"}},
			ppid: actAs(aduan.InfoActDecide, errors.New("PPID.Act(7): disk full"))},

		// Its information file.
		{pageCase: pageCase{name: "the PPID downloads the request's information file", method: "GET", path: "/ppid/7/berkas/unduh", role: aduan.RolePPIDUtama,
			setup: withFiles, status: 200, want: []string{"%PDF-1.4 anggaran"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=anggaran-jalan.pdf` {
					t.Errorf("Content-Disposition %q", cd)
				}
			}},
			ppid: func(p *ppidFake) {
				p.request = func(aduan.Actor, int64) (*aduan.InfoRequest, error) { return attached, nil }
				p.document = func(int64) (*store.InfoFile, error) {
					return &store.InfoFile{RequestID: 7, Key: "ppid/7/abc.pdf", Filename: "anggaran-jalan.pdf", ContentType: "application/pdf"}, nil
				}
			}},
		{pageCase: pageCase{name: "the information file of a request the reader may not read is not looked up", method: "GET", path: "/ppid/7/berkas/unduh",
			role: aduan.RoleAdmin, setup: withFiles, status: 403, want: ppidForbidden, notWant: []string{"%PDF"}},
			ppid: func(p *ppidFake) {
				p.request = func(aduan.Actor, int64) (*aduan.InfoRequest, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "without file storage the file is said not to exist", method: "GET", path: "/ppid/7/berkas/unduh", role: aduan.RolePPIDUtama,
			status: 404, want: []string{"Permohonan ini tidak memiliki berkas informasi."}},
			ppid: func(p *ppidFake) {
				p.request = func(aduan.Actor, int64) (*aduan.InfoRequest, error) { return attached, nil }
				p.document = func(int64) (*store.InfoFile, error) { return &store.InfoFile{Key: "ppid/7/abc.pdf"}, nil }
			}},

		// Its notices.
		{pageCase: pageCase{name: "the PPID Utama prints the decision's notice", method: "GET", path: "/ppid/7/surat/decision.pdf", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"%PDF"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if ct := w.Header().Get("Content-Type"); ct != "application/pdf" {
					t.Errorf("Content-Type %q", ct)
				}
			}},
			ppid: func(p *ppidFake) {
				ppidReads(t, ppidDecided())(p)
				p.letterhead = func() (render.Settings, error) { return render.Settings{}, nil }
			}},
		{pageCase: pageCase{name: "a kasi gets no notice: it is addressed to the requester", method: "GET", path: "/ppid/7/surat/decision.pdf", role: aduan.RoleKasiKabid,
			status: 404, want: []string{"Surat pemberitahuan ini belum ada untuk permohonan tersebut."}, notWant: append([]string{"%PDF"}, ppidRequester...)},
			ppid: func(p *ppidFake) {
				p.request = func(aduan.Actor, int64) (*aduan.InfoRequest, error) { return ppidDecided(), nil }
			}},
		{pageCase: pageCase{name: "a notice whose letterhead the store fails to read is a 500 that tells nothing", method: "GET", path: "/ppid/7/surat/decision.pdf",
			role: aduan.RolePPIDUtama, status: 500, want: ppidInternal, notWant: []string{"unreadable"}},
			ppid: func(p *ppidFake) {
				ppidReads(t, ppidDecided())(p)
				p.letterhead = func() (render.Settings, error) {
					return render.Settings{}, errors.New("RefData.Logo(): logo row unreadable")
				}
			}},
	})
}

// TestPPIDDocumentWithDecision sends a step with an information file
// (multipart, which runPages does not send): with a decision the file is
// kept and its record goes with it; a decision the store refuses leaves no
// file behind; a file sent with another step is refused beside its field
// before the step, and kept nowhere.
func TestPPIDDocumentWithDecision(t *testing.T) {
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, action string
		refuse       bool
		status       int
		kept         int
		want         string
	}{
		{name: "a decision keeps its file", action: "decide", status: 303, kept: 1},
		{name: "a refused decision leaves no file", action: "decide", refuse: true, status: 403, kept: 0, want: "Peran Anda tidak berhak"},
		{name: "an extension takes no file", action: "extend", status: 422, kept: 0, want: "Berkas informasi hanya dilampirkan pada keputusan"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeStores{t: t}
			pf := &ppidFake{t: t}
			files := ppidFiles{}
			if tc.action == "decide" {
				pf.act = func(_ aduan.Actor, id, _ int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					if id != 7 || act != aduan.InfoActDecide || in.DocumentName != "anggaran.pdf" || len(files) != 1 {
						t.Errorf("acted %s on %d with %+v, files %d", act, id, in, len(files))
					}
					if tc.refuse {
						return nil, nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
					}
					return nil, nil, nil
				}
			} else {
				ppidReads(t, ppidInfo(aduan.InfoReceived))(pf)
			}
			w := &Web{Stores: f.stores(), Log: slog.New(slog.DiscardHandler)}
			w.once.Do(func() { w.pages = pages })
			w.Stores.PPID, w.Extras.Files = pf, files
			ctype, body := ppidMultipart(t, url.Values{"action": {tc.action}, "version": {"2"}, "decision": {"granted"}}, `C:\dok\anggaran.pdf`, []byte("%PDF-1.4 isi"))
			r := httptest.NewRequest("POST", "/ppid/7", body)
			r.Header.Set("Content-Type", ctype)
			r = r.WithContext(withTestUser(r.Context(), aduan.RolePPIDUtama))
			mux := http.NewServeMux()
			mux.Handle("POST /ppid/{id}", w.Handle(w.PPIDAct))
			rw := httptest.NewRecorder()
			mux.ServeHTTP(rw, r)
			if rw.Code != tc.status || !strings.Contains(rw.Body.String(), tc.want) {
				t.Errorf("status %d, want %d with %q: %s", rw.Code, tc.status, tc.want, rw.Body.String())
			}
			if len(files) != tc.kept {
				t.Errorf("%d files kept, want %d", len(files), tc.kept)
			}
			if tc.kept == 1 && (pf.withDocument == nil || pf.withDocument.Filename != "anggaran.pdf" || !strings.HasPrefix(pf.withDocument.Key, "ppid/7/") ||
				files[pf.withDocument.Key] == nil) {
				t.Errorf("the decision records %+v, files %v", pf.withDocument, files)
			}
			if tc.action != "decide" && pf.withDocument != nil {
				t.Errorf("an extension records the file %+v", pf.withDocument)
			}
		})
	}
}

// TestPPIDDaftarBookAnnualHandlers checks the console's daftar informasi
// publik, the registers' downloads and the annual report with the store
// replaced by a fake.
func TestPPIDDaftarBookAnnualHandlers(t *testing.T) {
	entries := func(p *ppidFake) {
		p.publicList = func(string) ([]*aduan.PublicInfo, error) {
			return []*aduan.PublicInfo{{ID: 4, Title: "APBD Kota Depok 2026", Kind: "berkala", Holder: "BKD", UpdatedAt: pageNow}}, nil
		}
	}
	var saved aduan.PublicInfo
	saveAs := func(err error) func(p *ppidFake) {
		return func(p *ppidFake) {
			entries(p)
			p.save = func(_ aduan.Actor, e *aduan.PublicInfo) error {
				saved = *e
				return err
			}
		}
	}
	entry := func() url.Values {
		return url.Values{"title": {"Rencana kerja Dinas PUPR 2026"}, "kind": {"berkala"}, "holder": {"Sekretariat"}, "format": {"PDF"}, "period": {"2026"}}
	}
	annual := func(provisional bool) func(p *ppidFake) {
		return func(p *ppidFake) {
			p.annual = func(_ aduan.Actor, year int) (*store.InfoAnnual, error) {
				return &store.InfoAnnual{Year: year, Provisional: provisional, Received: 41, Decided: 38, OverdueList: []string{"PPID-2025-000031"}}, nil
			}
			p.annualReport = func(int) (*report.Report, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report") }
		}
	}
	runPPID(t, ppidConsoleRoutes, []ppidCase{
		// The daftar.
		{pageCase: pageCase{name: "the PPID Utama reads the daftar with its form to keep it", method: "GET", path: "/ppid/daftar?q=apbd", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"Daftar Informasi Publik", "APBD Kota Depok 2026", `action="/ppid/daftar"`, "Dinas Perhubungan"}},
			ppid: func(p *ppidFake) {
				entries(p)
				p.publicList = func(q string) ([]*aduan.PublicInfo, error) {
					if q != "apbd" {
						t.Errorf("searched %q", q)
					}
					return []*aduan.PublicInfo{{ID: 4, Title: "APBD Kota Depok 2026", Kind: "berkala", UpdatedAt: pageNow}}, nil
				}
			}},
		{pageCase: pageCase{name: "a kasi reads the daftar as the public does", method: "GET", path: "/ppid/daftar", role: aduan.RoleKasiKabid,
			status: 200, want: []string{"APBD Kota Depok 2026"}, notWant: []string{`method="post" action="/ppid/daftar"`}},
			ppid: entries},
		{pageCase: pageCase{name: "the admin has no daftar in the console, and nothing is read", method: "GET", path: "/ppid/daftar", role: aduan.RoleAdmin,
			status: 403, want: ppidForbidden}},
		{pageCase: pageCase{name: "a daftar the store fails to read is a 500 that tells nothing", method: "GET", path: "/ppid/daftar", role: aduan.RolePPIDUtama,
			status: 500, want: ppidInternal, notWant: []string{"fts5"}},
			ppid: func(p *ppidFake) {
				p.publicList = func(string) ([]*aduan.PublicInfo, error) {
					return nil, errors.New("PPID.PublicList(): fts5: syntax error")
				}
			}},
		{pageCase: pageCase{name: "a PPID Pembantu's entry is its agency's", method: "POST", path: "/ppid/daftar", role: aduan.RolePPIDPembantu, form: entry(),
			status: 303, check: ppidLocation("/ppid/daftar?ok=web.ok.ppid_daftar_saved")},
			ppid: saveAs(nil),
			after: func(t *testing.T, _ *ppidFake) {
				if saved.ID != 0 || saved.AgencyID != 2 || saved.Title != "Rencana kerja Dinas PUPR 2026" || saved.Kind != "berkala" {
					t.Errorf("saved %+v", saved)
				}
			}},
		{pageCase: pageCase{name: "an entry the store finds wrong comes back beside its field", method: "POST", path: "/ppid/daftar", role: aduan.RolePPIDUtama,
			form: with(url.Values{"kind": {"berkala"}}, "title", ""), status: 422, want: []string{"Wajib diisi."}},
			ppid: saveAs(ppidInvalid("title", "err.field.required"))},
		{pageCase: pageCase{name: "an entry of another agency is the store's refusal", method: "POST", path: "/ppid/daftar", role: aduan.RolePPIDPembantu,
			form: with(entry(), "agency_id", "3"), status: 403, want: ppidForbidden},
			ppid: saveAs(aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden"))},
		{pageCase: pageCase{name: "an entry is removed", method: "POST", path: "/ppid/daftar/4/hapus", role: aduan.RolePPIDUtama,
			status: 303, check: ppidLocation("/ppid/daftar?ok=web.ok.ppid_daftar_deleted")},
			ppid: func(p *ppidFake) {
				p.del = func(_ aduan.Actor, id int64) error {
					if id != 4 {
						t.Errorf("removed %d", id)
					}
					return nil
				}
			}},
		{pageCase: pageCase{name: "what is not an entry's ID removes nothing", method: "POST", path: "/ppid/daftar/x/hapus", role: aduan.RolePPIDUtama,
			status: 404, want: []string{"Informasi tidak ditemukan dalam daftar."}}},
		{pageCase: pageCase{name: "a kasi's removal is the store's refusal", method: "POST", path: "/ppid/daftar/4/hapus", role: aduan.RoleKasiKabid,
			status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				p.del = func(aduan.Actor, int64) error { return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			}},

		// The registers.
		{pageCase: pageCase{name: "a register of a year downloads as the file its name says", method: "GET", path: "/ppid/buku/permohonan/unduh/register.csv?year=2025",
			role: aduan.RolePPIDUtama, status: 200, want: []string{"Nomor;Nama"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="buku-permohonan-2025.csv"` {
					t.Errorf("Content-Disposition %q", cd)
				}
			}},
			ppid: func(p *ppidFake) {
				p.registerFile = func(_ aduan.Actor, book string, year int, format string) (*ppidsvc.File, error) {
					if book != "permohonan" || year != 2025 || format != "csv" {
						t.Errorf("register %s %d %s", book, year, format)
					}
					return &ppidsvc.File{Name: "buku-permohonan-2025.csv", ContentType: "text/csv", Body: []byte("Nomor;Nama\n")}, nil
				}
			}},
		{pageCase: pageCase{name: "a year that is not one is this year's register", method: "GET", path: "/ppid/buku/keberatan/unduh/register.xlsx?year=99",
			role: aduan.RolePPIDUtama, status: 200},
			ppid: func(p *ppidFake) {
				p.registerFile = func(_ aduan.Actor, book string, year int, format string) (*ppidsvc.File, error) {
					if book != "keberatan" || year != 2026 || format != "xlsx" {
						t.Errorf("register %s %d %s", book, year, format)
					}
					return &ppidsvc.File{Name: "b.xlsx", ContentType: "application/octet-stream"}, nil
				}
			}},
		{pageCase: pageCase{name: "the admin's register is the store's refusal", method: "GET", path: "/ppid/buku/permohonan/unduh/register.csv", role: aduan.RoleAdmin,
			status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				p.registerFile = func(aduan.Actor, string, int, string) (*ppidsvc.File, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},

		// The annual report.
		{pageCase: pageCase{name: "last year's figures with no report yet offer to prepare it", method: "GET", path: "/ppid/laporan/2025", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"2025", `data-fig="received">41<`, "PPID-2025-000031", `id="annual-prepare"`}},
			ppid: annual(false)},
		{pageCase: pageCase{name: "this year's figures are provisional: nothing to prepare", method: "GET", path: "/ppid/laporan/2026", role: aduan.RolePPIDUtama,
			status: 200, want: []string{`data-fig="received">41<`}, notWant: []string{`id="annual-prepare"`}},
			ppid: annual(true)},
		{pageCase: pageCase{name: "a kasi reads the figures but prepares nothing", method: "GET", path: "/ppid/laporan/2025", role: aduan.RoleKasiKabid,
			status: 200, want: []string{`data-fig="decided">38<`}, notWant: []string{`id="annual-prepare"`}},
			ppid: annual(false)},
		{pageCase: pageCase{name: "a year that is not one is a 404 with no look-up", method: "GET", path: "/ppid/laporan/20x5", role: aduan.RolePPIDUtama,
			status: 404}},
		{pageCase: pageCase{name: "the admin's annual report is the store's refusal", method: "GET", path: "/ppid/laporan/2025", role: aduan.RoleAdmin,
			status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				p.annual = func(aduan.Actor, int) (*store.InfoAnnual, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "figures the store fails to compute are a 500 that tells nothing", method: "GET", path: "/ppid/laporan/2025", role: aduan.RolePPIDUtama,
			status: 500, want: ppidInternal, notWant: []string{"sql:"}},
			ppid: func(p *ppidFake) {
				p.annual = func(aduan.Actor, int) (*store.InfoAnnual, error) {
					return nil, errors.New("PPID.Annual(2025): sql: connection is already closed")
				}
			}},
		{pageCase: pageCase{name: "the annual report's PDF", method: "GET", path: "/ppid/laporan/2025/unduh/laporan-ppid-2025.pdf", role: aduan.RolePPIDUtama,
			status: 200, want: []string{"%PDF-1.7 tahunan"},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if cd := w.Header().Get("Content-Disposition"); cd != `inline; filename="laporan-ppid-2025.pdf"` {
					t.Errorf("Content-Disposition %q", cd)
				}
			}},
			ppid: func(p *ppidFake) {
				annual(false)(p)
				p.annualReport = nil
				p.annualFile = func(a *store.InfoAnnual) (*ppidsvc.File, error) {
					return &ppidsvc.File{Name: "laporan-ppid-2025.pdf", ContentType: "application/pdf", Body: []byte("%PDF-1.7 tahunan")}, nil
				}
			}},
		{pageCase: pageCase{name: "preparing a year's report with none under way starts it", method: "POST", path: "/ppid/laporan/2025", role: aduan.RolePPIDUtama,
			form: url.Values{"narrative": {"Tahun yang tertib."}}, status: 303, check: ppidLocation("/reports/31?ok=web.ok.rep_created")},
			ppid: func(p *ppidFake) {
				annual(false)(p)
				p.createReport = func(_ aduan.Actor, in report.NewReport) (*report.Report, error) {
					if in.Kind != report.Annual || in.Year != 2025 || in.Narrative != "Tahun yang tertib." || in.Corrects != 0 {
						t.Errorf("created %+v", in)
					}
					return &report.Report{ID: 31}, nil
				}
			}},
		{pageCase: pageCase{name: "preparing a year's report with one under way continues it, starting none", method: "POST", path: "/ppid/laporan/2025",
			role: aduan.RolePPIDUtama, form: url.Values{}, status: 303, check: ppidLocation("/reports/30")},
			ppid: func(p *ppidFake) {
				p.annualReport = func(int) (*report.Report, error) { return &report.Report{ID: 30, Status: report.StatusDraft}, nil }
			}},
		{pageCase: pageCase{name: "a kasi's report is the store's refusal", method: "POST", path: "/ppid/laporan/2025", role: aduan.RoleKasiKabid,
			form: url.Values{}, status: 403, want: ppidForbidden},
			ppid: func(p *ppidFake) {
				annual(false)(p)
				p.createReport = func(aduan.Actor, report.NewReport) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
	})
}

// TestPPIDPublicHandlers checks the citizens' request form, its sent page,
// the tracking page and the public daftar with the store replaced by a
// fake: what the requester reads in Indonesian, that bad input records
// nothing, and that no requester's identity shows.
func TestPPIDPublicHandlers(t *testing.T) {
	tokenAt := func(issued time.Time) string {
		f := &fakeStores{t: t}
		p := &Public{Web: &Web{Stores: f.stores()}}
		tok, err := p.newTokenAt(context.Background(), issued)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	good := func() url.Values {
		return url.Values{"token": {tokenAt(pageNow.Add(-time.Minute))}, "name": {"Dewi Lestari"}, "address": {"Jl. Anggrek 5"}, "phone": {"081311112222"},
			"email": {"dewi@contoh.id"}, "id_number": {"3276015501900001"}, "information": {"Rincian anggaran pemeliharaan jalan 2026"},
			"purpose": {"Penelitian skripsi"}, "medium": {"softcopy"}, "delivery": {"email"}, "consent": {"1"}}
	}
	without := func(v url.Values, keys ...string) url.Values {
		for _, k := range keys {
			v.Del(k)
		}
		return v
	}
	fresh := func(f *fakeStores) { f.useNonce = func(string) (bool, error) { return true, nil } }
	var registered aduan.NewInfoRequest
	var registeredBy aduan.Actor
	registerAs := func(r *aduan.InfoRequest, err error) func(p *ppidFake) {
		return func(p *ppidFake) {
			p.register = func(actor aduan.Actor, in aduan.NewInfoRequest) (*aduan.InfoRequest, error) {
				registered, registeredBy = in, actor
				return r, err
			}
		}
	}
	tracked := func(r *aduan.InfoRequest) func(p *ppidFake) {
		return func(p *ppidFake) {
			p.track = func(n, last4 string) (*aduan.InfoRequest, error) {
				if n != "PPID-2026-000007" || last4 != "2222" {
					t.Errorf("tracked %q %q", n, last4)
				}
				c := *r
				return &c, nil
			}
			p.calendar = func() (*aduan.Calendar, error) { return aduan.NewCalendar(nil), nil }
		}
	}
	other := ppidDecided()
	other.Answer = "Permohonan ditolak."
	routes := func(_ *Web, p *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /informasi": p.InfoTrackPage, "POST /informasi": p.InfoTrack, "GET /informasi/mohon": p.InfoFormPage,
			"POST /informasi/mohon": p.InfoForm, "GET /informasi/terkirim": p.InfoSent, "GET /informasi/daftar": p.InfoList,
			"GET /informasi/verifikasi": p.InfoVerify}
	}
	runPPID(t, routes, []ppidCase{
		// The form.
		{pageCase: pageCase{name: "the form page", method: "GET", path: "/informasi/mohon",
			status: 200, want: []string{"Ajukan permohonan informasi publik", `name="token"`, `name="id_number"`, "Kota Depok"}}},
		{pageCase: pageCase{name: "a good form registers the request from the web and leads to its number", method: "POST", path: "/informasi/mohon", form: good(),
			fake: fresh, status: 303, check: ppidLocation("/informasi/terkirim?nomor=PPID-2026-000012")},
			ppid: registerAs(&aduan.InfoRequest{ID: 12, Number: "PPID-2026-000012"}, nil),
			after: func(t *testing.T, _ *ppidFake) {
				if !registeredBy.IsSystem() || registered.Channel != aduan.ChannelWeb || registered.Name != "Dewi Lestari" || registered.Contact != nil ||
					!registered.ReceivedAt.IsZero() && !registered.ReceivedAt.Equal(pageNow) {
					t.Errorf("registered %+v by %+v", registered, registeredBy)
				}
			}},
		{pageCase: pageCase{name: "staff's fields are not read from the public form", method: "POST", path: "/informasi/mohon",
			form: with(with(good(), "channel", "walk_in"), "received_at", "2026-01-01T08:00"), fake: fresh, status: 303},
			ppid: registerAs(&aduan.InfoRequest{ID: 12, Number: "PPID-2026-000012"}, nil),
			after: func(t *testing.T, _ *ppidFake) {
				if registered.Channel != aduan.ChannelWeb || registered.ReceivedAt.Year() == 2026 && registered.ReceivedAt.Month() == 1 {
					t.Errorf("registered %+v", registered)
				}
			}},
		{pageCase: pageCase{name: "a form without name, ID number, information or consent names each in Indonesian and records nothing", method: "POST",
			path: "/informasi/mohon", form: without(good(), "name", "id_number", "information", "consent"),
			status: 400, want: []string{"Data yang dikirim tidak valid.", "Wajib diisi.", "Persetujuan diperlukan agar permohonan informasi dapat diproses.",
				`value="Jl. Anggrek 5"`, "Penelitian skripsi"}, notWant: []string{"agar pengaduan dapat ditangani"}}},
		{pageCase: pageCase{name: "a form with neither phone nor e-mail asks for one, nothing recorded", method: "POST", path: "/informasi/mohon",
			form:   with(without(good(), "phone", "email"), "delivery", "post"),
			status: 400, want: []string{"Isi nomor HP atau alamat e-mail pemohon"}}},
		{pageCase: pageCase{name: "a form filled faster than a person could is refused with its fields kept, nothing recorded", method: "POST", path: "/informasi/mohon",
			form: with(good(), "token", tokenAt(pageNow)), status: 400, want: []string{"Formulir terkirim terlalu cepat.", "Rincian anggaran pemeliharaan"}}},
		{pageCase: pageCase{name: "a form sent twice records once", method: "POST", path: "/informasi/mohon", form: good(),
			fake:   func(f *fakeStores) { f.useNonce = func(string) (bool, error) { return false, nil } },
			status: 400, want: []string{"Formulir ini sudah pernah dikirim"}}},
		{pageCase: pageCase{name: "a robot's form records nothing", method: "POST", path: "/informasi/mohon", form: with(good(), "website", "http://spam.example"),
			status: 400, want: []string{"Permohonan tidak dapat dikirim."}}},
		{pageCase: pageCase{name: "forms over the address's limit are a 429 naming the call center, nothing recorded", method: "POST", path: "/informasi/mohon", form: good(),
			fake: func(f *fakeStores) {
				f.hit = func(bucket string, _ int) (bool, time.Duration, error) {
					if bucket != "report-ip:203.0.113.7" {
						t.Errorf("bucket %s", bucket)
					}
					return false, 20 * time.Minute, nil
				}
			},
			status: 429, want: []string{"Terlalu banyak formulir dikirim dari jaringan ini dalam satu jam. Coba lagi dalam 21 menit, atau hubungi Call Center 112."}}},
		{pageCase: pageCase{name: "a phone the store refuses is marked beside it", method: "POST", path: "/informasi/mohon", form: with(good(), "phone", "0812"),
			fake: fresh, status: 400, want: []string{"Nomor HP tidak valid.", `value="0812"`}},
			ppid: registerAs(nil, ppidInvalid("phone", "err.field.phone"))},
		{pageCase: pageCase{name: "a request the store fails to write is a 500 that tells nothing", method: "POST", path: "/informasi/mohon", form: good(),
			fake: fresh, status: 500, want: ppidInternal, notWant: []string{"constraint"}},
			ppid: registerAs(nil, errors.New("PPID.Register(): CHECK constraint failed"))},

		// The sent page.
		{pageCase: pageCase{name: "the sent page gives the number", method: "GET", path: "/informasi/terkirim?nomor=ppid-2026-000012",
			status: 200, want: []string{"Permohonan informasi terkirim", `<p class="number" id="number">PPID-2026-000012</p>`, `href="/informasi?nomor=PPID-2026-000012"`}}},
		{pageCase: pageCase{name: "a sent page for what is not a number is a 404 in Indonesian", method: "GET", path: "/informasi/terkirim?nomor=%3Cscript%3E",
			status: 404, want: []string{"Permohonan informasi tidak ditemukan."}, notWant: []string{"<script>"}}},

		// Tracking.
		{pageCase: pageCase{name: "the tracking form takes the number from a message's link", method: "GET", path: "/informasi?nomor=ppid-2026-000007",
			status: 200, want: []string{`value="PPID-2026-000007"`, `name="hp4" value=""`}}},
		{pageCase: pageCase{name: "a decided request shows its decision, its notice and the objection form, and nothing of who asked", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"ppid-2026-000007"}, "hp4": {"2222"}},
			status: 200, want: []string{"PPID-2026-000007", "Sudah diputuskan", "Dikabulkan seluruhnya", "Terlampir rincian anggaran", `name="surat" value="decision"`,
				`name="keberatan" value="1"`}, notWant: ppidRequester},
			ppid: tracked(ppidDecided())},
		{pageCase: pageCase{name: "tracking with bad input says what to type, looks nothing up and counts no guess", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"abc' OR 1=1"}, "hp4": {"12"}},
			status: 400, want: []string{"Isi nomor permohonan (contoh PPID-2026-000123) dan 4 angka terakhir nomor HP atau nomor identitas."},
			check: func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
				if strings.Join(f.hits, " ") != "ppid-track-ip:203.0.113.7" {
					t.Errorf("limiter buckets %v", f.hits)
				}
			}}},
		{pageCase: pageCase{name: "a good number with digits that are not four is bad input too", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"22222"}},
			status: 400, want: []string{"Isi nomor permohonan"}}},
		{pageCase: pageCase{name: "wrong digits show nothing and count a failed guess on the number", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"9999"}},
			status: 404, want: []string{"Nomor permohonan atau 4 angka terakhir nomor HP tidak cocok."}, notWant: append([]string{"Dikabulkan"}, ppidRequester...),
			check: func(t *testing.T, f *fakeStores, _ *httptest.ResponseRecorder) {
				if strings.Join(f.hits, " ") != "ppid-track-ip:203.0.113.7 ppid-track-number:PPID-2026-000007" {
					t.Errorf("limiter buckets %v", f.hits)
				}
			}},
			ppid: func(p *ppidFake) {
				p.track = func(string, string) (*aduan.InfoRequest, error) {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
				}
			}},
		{pageCase: pageCase{name: "tracking over the address's limit is a 429 that says when to try again, looking nothing up", method: "POST", path: "/informasi",
			form: url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"2222"}},
			fake: func(f *fakeStores) {
				f.hit = func(string, int) (bool, time.Duration, error) { return false, 9 * time.Minute, nil }
			},
			status: 429, want: []string{"Terlalu banyak percobaan. Demi keamanan, coba lagi dalam 10 menit."},
			check: func(t *testing.T, _ *fakeStores, w *httptest.ResponseRecorder) {
				if w.Header().Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
			}}},
		{pageCase: pageCase{name: "an objection in time is recorded for the requester and said so", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"2222"}, "keberatan": {"1"}, "objection_reason": {"not_as_asked"}, "reason": {"Bukan data yang saya minta."}},
			status: 200, want: []string{"Keberatan Anda tercatat. Tanggapan atasan PPID paling lambat"}, notWant: ppidRequester},
			ppid: func(p *ppidFake) {
				tracked(ppidDecided())(p)
				p.act = func(actor aduan.Actor, id, _ int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					if !actor.IsSystem() || id != 7 || act != aduan.InfoActObject || in.ObjectionReason != "not_as_asked" || in.Reason != "Bukan data yang saya minta." {
						t.Errorf("acted %s on %d as %+v with %+v", act, id, actor, in)
					}
					r := ppidDecided()
					due := pageNow.AddDate(0, 1, 0)
					r.Status, r.ObjectedAt, r.ObjectionDueAt = aduan.InfoObjected, &pageNow, &due
					return r, nil, nil
				}
			}},
		{pageCase: pageCase{name: "an objection without its reason comes back beside its field, as typed", method: "POST", path: "/informasi",
			form:   url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"2222"}, "keberatan": {"1"}, "objection_reason": {"refused"}, "reason": {""}},
			status: 422, want: []string{"Data yang dikirim tidak valid.", "Wajib diisi.", `value="refused" selected`}, notWant: ppidRequester},
			ppid: func(p *ppidFake) {
				tracked(ppidDecided())(p)
				p.act = func(aduan.Actor, int64, int64, aduan.InfoAction, aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					return nil, nil, ppidInvalid("reason", "err.field.required")
				}
			}},
		{pageCase: pageCase{name: "a tracked request the store fails to read is a 500 that tells nothing", method: "POST", path: "/informasi",
			form: url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"2222"}}, status: 500, want: ppidInternal, notWant: []string{"i/o timeout"}},
			ppid: func(p *ppidFake) {
				p.track = func(string, string) (*aduan.InfoRequest, error) {
					return nil, errors.New("PPID.TrackInfo(): read tcp: i/o timeout")
				}
			}},
		{pageCase: pageCase{name: "a notice downloaded from the tracking page is the requester's", method: "POST", path: "/informasi",
			form: url.Values{"nomor": {"PPID-2026-000007"}, "hp4": {"2222"}, "surat": {"decision"}}, status: 200, want: []string{"%PDF"}},
			ppid: func(p *ppidFake) {
				tracked(other)(p)
				p.letterhead = func() (render.Settings, error) { return render.Settings{}, nil }
			}},

		// The public daftar.
		{pageCase: pageCase{name: "the public daftar lists what is published, without the console's form", method: "GET", path: "/informasi/daftar?q=apbd",
			status: 200, want: []string{"Daftar Informasi Publik", "APBD Kota Depok 2026"}, notWant: []string{`action="/ppid/daftar"`}},
			ppid: func(p *ppidFake) {
				p.publicList = func(q string) ([]*aduan.PublicInfo, error) {
					if q != "apbd" {
						t.Errorf("searched %q", q)
					}
					return []*aduan.PublicInfo{{ID: 4, Title: "APBD Kota Depok 2026", Kind: "berkala", UpdatedAt: pageNow}}, nil
				}
			}},
		{pageCase: pageCase{name: "a search the store refuses is said on the page", method: "GET", path: "/informasi/daftar?q=%22",
			status: 400, want: []string{"Data yang dikirim tidak valid."}},
			ppid: func(p *ppidFake) {
				p.publicList = func(string) ([]*aduan.PublicInfo, error) {
					return nil, aduan.Errorf(aduan.EINVALID, "err.invalid_input")
				}
			}},
		{pageCase: pageCase{name: "a daftar the store fails to read is a 500 that tells nothing", method: "GET", path: "/informasi/daftar",
			status: 500, want: ppidInternal, notWant: []string{"malformed"}},
			ppid: func(p *ppidFake) {
				p.publicList = func(string) ([]*aduan.PublicInfo, error) {
					return nil, errors.New("PPID.PublicList(): database disk image is malformed")
				}
			}},

		// The old verification address.
		{pageCase: pageCase{name: "the old verification address leads to /verify with the hash", method: "GET", path: "/informasi/verifikasi?sha=ab12",
			status: 301, check: ppidLocation("/verify?hash=ab12")}},
	})
}
