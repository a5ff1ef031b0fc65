package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// apirepFakeReports is the ReportsStore a report handler test gives: one
// function per method, nil for those the case must not reach.
type apirepFakeReports struct {
	t             *testing.T
	reports       func(f store.ReportFilter) ([]*report.Report, int64, error)
	report        func(id int64) (*report.Report, error)
	create        func(in report.NewReport) (*report.Report, error)
	edit          func(id, version int64, narrative string) (*report.Report, error)
	data          func(r *report.Report) (json.RawMessage, error)
	file          func(id int64, format string) ([]byte, error)
	verify        func(sha string) (*report.Match, error)
	dailyStatus   func(from, to time.Time) ([]report.DailyStatusLine, error)
	dailyData     func(operatorID int64, day string) (*report.DailyData, error)
	monthlyData   func(from, to time.Time, f report.Filter) (*report.MonthlyData, error)
	publicFigures func(year int) (*report.PublicFigures, error)
}

func apirepUnexpected(t *testing.T, name string) {
	t.Helper()
	t.Fatalf("the handler called %s, which this case must not reach", name)
}

func (f *apirepFakeReports) Reports(_ context.Context, _ aduan.Actor, fl store.ReportFilter) ([]*report.Report, int64, error) {
	if f.reports == nil {
		apirepUnexpected(f.t, "Reports")
	}
	return f.reports(fl)
}

func (f *apirepFakeReports) Report(_ context.Context, _ aduan.Actor, id int64) (*report.Report, error) {
	if f.report == nil {
		apirepUnexpected(f.t, "Report")
	}
	return f.report(id)
}

func (f *apirepFakeReports) CreateReport(_ context.Context, _ aduan.Actor, in report.NewReport) (*report.Report, error) {
	if f.create == nil {
		apirepUnexpected(f.t, "CreateReport")
	}
	return f.create(in)
}

func (f *apirepFakeReports) EditReport(_ context.Context, _ aduan.Actor, id, version int64, narrative string) (*report.Report, error) {
	if f.edit == nil {
		apirepUnexpected(f.t, "EditReport")
	}
	return f.edit(id, version, narrative)
}

func (f *apirepFakeReports) ReportData(_ context.Context, _ aduan.Actor, r *report.Report) (json.RawMessage, error) {
	if f.data == nil {
		apirepUnexpected(f.t, "ReportData")
	}
	return f.data(r)
}

func (f *apirepFakeReports) ReportFile(_ context.Context, _ aduan.Actor, id int64, format string) ([]byte, error) {
	if f.file == nil {
		apirepUnexpected(f.t, "ReportFile")
	}
	return f.file(id, format)
}

func (f *apirepFakeReports) VerifyReport(_ context.Context, sha string) (*report.Match, error) {
	if f.verify == nil {
		apirepUnexpected(f.t, "VerifyReport")
	}
	return f.verify(sha)
}

func (f *apirepFakeReports) DailyReportStatus(_ context.Context, _ aduan.Actor, from, to time.Time) ([]report.DailyStatusLine, error) {
	if f.dailyStatus == nil {
		apirepUnexpected(f.t, "DailyReportStatus")
	}
	return f.dailyStatus(from, to)
}

func (f *apirepFakeReports) DailyData(_ context.Context, _ aduan.Actor, op int64, day string) (*report.DailyData, error) {
	if f.dailyData == nil {
		apirepUnexpected(f.t, "DailyData")
	}
	return f.dailyData(op, day)
}

func (f *apirepFakeReports) MonthlyData(_ context.Context, _ aduan.Actor, from, to time.Time, fl report.Filter) (*report.MonthlyData, error) {
	if f.monthlyData == nil {
		apirepUnexpected(f.t, "MonthlyData")
	}
	return f.monthlyData(from, to, fl)
}

func (f *apirepFakeReports) PublicFigures(_ context.Context, year int) (*report.PublicFigures, error) {
	if f.publicFigures == nil {
		apirepUnexpected(f.t, "PublicFigures")
	}
	return f.publicFigures(year)
}

// apirepFakeSteps is the ReportSteps: act nil means no step may be taken.
type apirepFakeSteps struct {
	t   *testing.T
	act func(a aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error)
}

func (f *apirepFakeSteps) Act(_ context.Context, a aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error) {
	if f.act == nil {
		apirepUnexpected(f.t, "Act")
	}
	return f.act(a, id, version, action, comment)
}

// apirepFakePrivacy is the PrivacyStore of the privacy handler tests.
type apirepFakePrivacy struct {
	t         *testing.T
	requests  func(a aduan.Actor) ([]*aduan.PrivacyRequest, error)
	request   func(a aduan.Actor, id int64) (*aduan.PrivacyRequest, error)
	create    func(in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error)
	lookup    func(id int64) (*store.Dossier, error)
	breaches  func(a aduan.Actor) ([]*aduan.Breach, error)
	retention func(dryRun bool, files attach.Storage) (*store.RetentionReport, error)
}

func (f *apirepFakePrivacy) Requests(_ context.Context, a aduan.Actor) ([]*aduan.PrivacyRequest, error) {
	if f.requests == nil {
		apirepUnexpected(f.t, "Requests")
	}
	return f.requests(a)
}

func (f *apirepFakePrivacy) Request(_ context.Context, a aduan.Actor, id int64) (*aduan.PrivacyRequest, error) {
	if f.request == nil {
		apirepUnexpected(f.t, "Request")
	}
	return f.request(a, id)
}

func (f *apirepFakePrivacy) CreateRequest(_ context.Context, _ aduan.Actor, in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
	if f.create == nil {
		apirepUnexpected(f.t, "CreateRequest")
	}
	return f.create(in)
}

func (f *apirepFakePrivacy) Lookup(_ context.Context, _ aduan.Actor, id int64) (*store.Dossier, error) {
	if f.lookup == nil {
		apirepUnexpected(f.t, "Lookup")
	}
	return f.lookup(id)
}

func (f *apirepFakePrivacy) Breaches(_ context.Context, a aduan.Actor) ([]*aduan.Breach, error) {
	if f.breaches == nil {
		apirepUnexpected(f.t, "Breaches")
	}
	return f.breaches(a)
}

func (f *apirepFakePrivacy) Retention(_ context.Context, _ aduan.Actor, dryRun bool, files attach.Storage) (*store.RetentionReport, error) {
	if f.retention == nil {
		apirepUnexpected(f.t, "Retention")
	}
	return f.retention(dryRun, files)
}

// apirepNow is a week after November 2026 ended in the city.
var apirepNow = time.Date(2026, 12, 8, 9, 0, 0, 0, aduan.WIB)

var (
	apirepOperator    = &aduan.User{ID: 5, Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	apirepKasi        = &aduan.User{ID: 9, Name: "Bambang", Role: aduan.RoleKasiKabid, Active: true}
	apirepKoordinator = &aduan.User{ID: 3, Name: "Dewi", Role: aduan.RoleKoordinatorCC, Active: true}
	apirepAdmin       = &aduan.User{ID: 1, Name: "Admin", Role: aduan.RoleAdmin, Active: true}
)

// apirepMonthly is Siti's November report, submitted and awaiting the
// section head's paraf.
func apirepMonthly() *report.Report {
	sub := time.Date(2026, 12, 2, 10, 0, 0, 0, aduan.WIB)
	return &report.Report{ID: 12, Kind: report.Monthly, Status: report.StatusSubmitted, OwnerID: 5, OwnerName: "Siti",
		From: time.Date(2026, 11, 1, 0, 0, 0, 0, aduan.WIB), To: time.Date(2026, 12, 1, 0, 0, 0, 0, aduan.WIB),
		Title: "Laporan Bulanan November 2026", Narrative: "Volume naik.", Versions: 1, SubmittedAt: &sub,
		CreatedAt: sub, UpdatedAt: sub, Version: 4,
		History: []report.Version{{Seq: 1, Narrative: "Volume naik.", SubmittedName: "Siti", SubmittedAt: sub, Data: json.RawMessage(`{"received":42}`)}}}
}

// apirepDailyDraft is Siti's daily report of 7 December, still a draft.
func apirepDailyDraft() *report.Report {
	due := time.Date(2026, 12, 8, 10, 0, 0, 0, aduan.WIB)
	return &report.Report{ID: 13, Kind: report.Daily, Status: report.StatusDraft, OwnerID: 5, OwnerName: "Siti", Day: "2026-12-07",
		From: time.Date(2026, 12, 7, 0, 0, 0, 0, aduan.WIB), To: time.Date(2026, 12, 8, 0, 0, 0, 0, aduan.WIB),
		Title: "Laporan Harian 7 Desember 2026", DueAt: &due, CreatedAt: apirepNow, UpdatedAt: apirepNow, Version: 1}
}

// apirepComplete is the November report once initialled.
func apirepComplete() *report.Report {
	r := apirepMonthly()
	at := apirepNow
	r.Status, r.ParafBy, r.ParafName, r.ParafAt, r.ContentHash, r.Version = report.StatusComplete, 9, "Bambang", &at, "ab12cd34", 5
	return r
}

// apirepCase is one request to a handler and what its caller must (and
// must not) read in the answer.
type apirepCase struct {
	name, method, path, body string
	user                     *aduan.User // the operator unless set
	lang                     string      // en unless set
	reports                  func(f *apirepFakeReports)
	steps                    func(f *apirepFakeSteps)
	privacy                  func(f *apirepFakePrivacy)
	ppid                     func(f *apirepFakePPID)
	lapor                    func(f *apirepFakeLapor)
	status                   int
	want, notWant            []string
	header                   map[string]string // headers the answer must carry
}

// apirepServe runs the cases through the API's error adapter on routes,
// the user in the context as the server's authentication puts it.
func apirepServe(t *testing.T, cases []apirepCase, routes func(a *API) map[string]reqctx.HandlerFunc) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fr, fs, fp := &apirepFakeReports{t: t}, &apirepFakeSteps{t: t}, &apirepFakePrivacy{t: t}
			if tc.reports != nil {
				tc.reports(fr)
			}
			if tc.steps != nil {
				tc.steps(fs)
			}
			if tc.privacy != nil {
				tc.privacy(fp)
			}
			fi, fl := &apirepFakePPID{t: t}, &apirepFakeLapor{t: t}
			if tc.lapor != nil {
				tc.lapor(fl)
			}
			if tc.ppid != nil {
				tc.ppid(fi)
			}
			a := &API{Complaints: &fakeComplaints{t: t}, ReportsStore: fr, ReportSteps: fs, PrivacyStore: fp, PPIDStore: fi, LaporStore: fl,
				Clock: func() time.Time { return apirepNow }, Log: slog.New(slog.DiscardHandler)}
			mux := http.NewServeMux()
			for pattern, h := range routes(a) {
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
			user := tc.user
			if user == nil {
				user = apirepOperator
			}
			r = r.WithContext(reqctx.WithUser(r.Context(), user))
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

// errApirepFault is a store failure whose words must not reach the caller.
var errApirepFault = errors.New(`pq: relation "reports" does not exist`)

var apirepInternal = []string{"pq:", "relation", "reports\\\" does"}

func apirepReportRoutes(a *API) map[string]reqctx.HandlerFunc {
	return map[string]reqctx.HandlerFunc{
		"GET /api/v1/reports":                        a.ListReports,
		"POST /api/v1/reports":                       a.CreateReport,
		"GET /api/v1/reports/{id}":                   a.GetReport,
		"PATCH /api/v1/reports/{id}":                 a.EditReport,
		"POST /api/v1/reports/{id}/actions/{action}": a.ReportAction,
		"GET /api/v1/reports/{id}/file/{format}":     a.ReportFile,
	}
}

// TestApirepReportHandlers checks the report endpoints (list, read,
// create, edit, the workflow's steps with the paraf, the documents) with
// the store and the report service replaced by fakes.
func TestApirepReportHandlers(t *testing.T) {
	cases := []apirepCase{
		{name: "list", method: "GET", path: "/api/v1/reports?kind=monthly&status=submitted",
			reports: func(f *apirepFakeReports) {
				f.reports = func(fl store.ReportFilter) ([]*report.Report, int64, error) {
					if fl.Kind != report.Monthly || fl.Status != report.StatusSubmitted {
						t.Errorf("filter %+v", fl)
					}
					return []*report.Report{apirepMonthly()}, 11, nil
				}
			},
			status: 200, want: []string{`"items":[{`, `"id":12`, `"kind":"monthly"`, `"status":"submitted"`, `"next_cursor":"11"`, `"version":4`},
			notWant: []string{`"history"`}},
		{name: "list with a bad kind asks nothing of the store", method: "GET", path: "/api/v1/reports?kind=weekly",
			status: 400, want: []string{`"code":"invalid"`, `"field":"kind"`}},
		{name: "list with a bad day asks nothing of the store", method: "GET", path: "/api/v1/reports?from=2026-13-40",
			status: 400, want: []string{`"field":"from"`}},
		{name: "list, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/reports",
			reports: func(f *apirepFakeReports) {
				f.reports = func(store.ReportFilter) ([]*report.Report, int64, error) { return nil, 0, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "the section head reads a submitted report: return and paraf are offered", method: "GET", path: "/api/v1/reports/12", user: apirepKasi,
			reports: func(f *apirepFakeReports) {
				f.report = func(id int64) (*report.Report, error) {
					if id != 12 {
						t.Errorf("read report %d", id)
					}
					return apirepMonthly(), nil
				}
			},
			status: 200, want: []string{`"allowed_actions":["return","paraf"]`, `"history":[{`, `"data":{"received":42}`, `"editable":false`},
			notWant: []string{`"data_live"`}},
		{name: "its owner is offered no paraf", method: "GET", path: "/api/v1/reports/12",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepMonthly(), nil }
			},
			status: 200, want: []string{`"allowed_actions":[]`}, notWant: []string{`"paraf"`}},
		{name: "a daily draft shows its figures live", method: "GET", path: "/api/v1/reports/13",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepDailyDraft(), nil }
				f.data = func(r *report.Report) (json.RawMessage, error) { return json.RawMessage(`{"calls":7}`), nil }
			},
			status: 200, want: []string{`"data":{"calls":7}`, `"data_live":true`, `"editable":true`, `"allowed_actions":["submit"]`, `"daily_state":"pending"`}},
		{name: "a path that is no id looks nothing up", method: "GET", path: "/api/v1/reports/abc",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a report the store hides", method: "GET", path: "/api/v1/reports/12",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"Laporan Bulanan"}},
		{name: "create", method: "POST", path: "/api/v1/reports", body: `{"kind":"monthly","month":" 2026-11 ","narrative":"Volume naik."}`,
			reports: func(f *apirepFakeReports) {
				f.create = func(in report.NewReport) (*report.Report, error) {
					if in.Kind != report.Monthly || in.Month != "2026-11" || in.Narrative != "Volume naik." {
						t.Errorf("created %+v", in)
					}
					r := apirepMonthly()
					r.Status, r.Versions, r.History, r.SubmittedAt = report.StatusDraft, 0, nil, nil
					return r, nil
				}
			},
			status: 201, want: []string{`"id":12`, `"status":"draft"`}, header: map[string]string{"Location": "/api/v1/reports/12"}},
		{name: "create, a body that is not JSON creates nothing", method: "POST", path: "/api/v1/reports", body: `{"kind":`,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "create, an unknown field creates nothing", method: "POST", path: "/api/v1/reports", body: `{"jenis":"monthly"}`,
			status: 400, want: []string{`jenis`}},
		{name: "create, a kind the domain refuses names its field", method: "POST", path: "/api/v1/reports", body: `{"kind":"weekly"}`,
			reports: func(f *apirepFakeReports) {
				f.create = func(report.NewReport) (*report.Report, error) {
					var v aduan.Validation
					v.Add("kind", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{`"field":"kind"`}},
		{name: "create, a role the store refuses", method: "POST", path: "/api/v1/reports", body: `{"kind":"monthly","month":"2026-11"}`, user: apirepAdmin,
			reports: func(f *apirepFakeReports) {
				f.create = func(report.NewReport) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "edit", method: "PATCH", path: "/api/v1/reports/13", body: `{"version":1,"narrative":"Sepi."}`,
			reports: func(f *apirepFakeReports) {
				f.edit = func(id, v int64, n string) (*report.Report, error) {
					if id != 13 || v != 1 || n != "Sepi." {
						t.Errorf("edited %d v%d %q", id, v, n)
					}
					r := apirepDailyDraft()
					r.Narrative, r.Version = n, 2
					return r, nil
				}
			},
			status: 200, want: []string{`"narrative":"Sepi."`, `"version":2`}},
		{name: "edit without its version changes nothing", method: "PATCH", path: "/api/v1/reports/13", body: `{"narrative":"Sepi."}`,
			status: 400, want: []string{`"field":"version"`}},
		{name: "a stale edit", method: "PATCH", path: "/api/v1/reports/13", body: `{"version":1,"narrative":"Sepi."}`, lang: "id",
			reports: func(f *apirepFakeReports) {
				f.edit = func(int64, int64, string) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`, "Data ini baru saja diubah oleh orang lain"}},
		{name: "the paraf", method: "POST", path: "/api/v1/reports/12/actions/paraf", body: `{"version":4}`, user: apirepKasi,
			steps: func(f *apirepFakeSteps) {
				f.act = func(a aduan.Actor, id, v int64, act report.Action, c string) (*report.Report, error) {
					if a.UserID != 9 || id != 12 || v != 4 || act != report.ActionParaf || c != "" {
						t.Errorf("acted %+v %d v%d %s %q", a, id, v, act, c)
					}
					return apirepComplete(), nil
				}
			},
			status: 200, want: []string{`"status":"complete"`, `"paraf_name":"Bambang"`, `"content_hash":"ab12cd34"`, `"frozen":true`, `"allowed_actions":[]`}},
		// The version is the section head's confirmation of what they
		// read: a paraf without it is refused before the service.
		{name: "a paraf without the version initials nothing", method: "POST", path: "/api/v1/reports/12/actions/paraf", body: `{}`, user: apirepKasi,
			status: 400, want: []string{`"field":"version"`}, notWant: []string{`"complete"`}},
		{name: "a paraf with an empty body initials nothing", method: "POST", path: "/api/v1/reports/12/actions/paraf", user: apirepKasi,
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "a paraf on a stale version", method: "POST", path: "/api/v1/reports/12/actions/paraf", body: `{"version":3}`, user: apirepKasi,
			steps: func(f *apirepFakeSteps) {
				f.act = func(_ aduan.Actor, _, v int64, _ report.Action, _ string) (*report.Report, error) {
					if v != 3 {
						t.Errorf("version %d", v)
					}
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`}, notWant: []string{`"status":"complete"`}},
		{name: "a paraf by an operator", method: "POST", path: "/api/v1/reports/12/actions/paraf", body: `{"version":4}`,
			steps: func(f *apirepFakeSteps) {
				f.act = func(a aduan.Actor, _, _ int64, act report.Action, _ string) (*report.Report, error) {
					// The refusal the domain gives this actor.
					for _, ok := range report.AllowedActions(apirepMonthly(), a) {
						if ok == act {
							t.Errorf("the domain allows %s to %s", a.Role, act)
						}
					}
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a return without its comment names the field", method: "POST", path: "/api/v1/reports/12/actions/return", body: `{"version":4}`, user: apirepKasi,
			steps: func(f *apirepFakeSteps) {
				f.act = func(aduan.Actor, int64, int64, report.Action, string) (*report.Report, error) {
					var v aduan.Validation
					v.Add("comment", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{`"field":"comment"`}},
		{name: "a step whose rendering fails is a 500 that tells nothing", method: "POST", path: "/api/v1/reports/12/actions/paraf", body: `{"version":4}`, user: apirepKasi,
			steps: func(f *apirepFakeSteps) {
				f.act = func(aduan.Actor, int64, int64, report.Action, string) (*report.Report, error) {
					return nil, errApirepFault
				}
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "a final report's document is the stored one", method: "GET", path: "/api/v1/reports/12/file/pdf", user: apirepKasi,
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepComplete(), nil }
				f.file = func(id int64, format string) ([]byte, error) {
					if id != 12 || format != "pdf" {
						t.Errorf("file %d %s", id, format)
					}
					return []byte("%PDF-stored"), nil
				}
			},
			status: 200, want: []string{"%PDF-stored"},
			header: map[string]string{"Content-Type": "application/pdf", "Content-Disposition": `attachment; filename=laporan-12-final.pdf`}},
		{name: "a format there is none of looks nothing up", method: "GET", path: "/api/v1/reports/12/file/docx",
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a version the report never had", method: "GET", path: "/api/v1/reports/12/file/json?version=2",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepMonthly(), nil }
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a submitted version as JSON, rendered from its history", method: "GET", path: "/api/v1/reports/12/file/json?version=1",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepMonthly(), nil }
			},
			status: 200, want: []string{`"received":42`}, header: map[string]string{"Content-Disposition": `attachment; filename=laporan-12.json`}},
		{name: "a draft's JSON is compiled now, and not called final", method: "GET", path: "/api/v1/reports/13/file/json",
			reports: func(f *apirepFakeReports) {
				f.report = func(int64) (*report.Report, error) { return apirepDailyDraft(), nil }
				f.data = func(*report.Report) (json.RawMessage, error) { return json.RawMessage(`{"calls":7}`), nil }
			},
			status: 200, want: []string{`"calls":7`}, header: map[string]string{"Content-Disposition": `attachment; filename=laporan-13.json`}},
	}
	apirepServe(t, cases, apirepReportRoutes)
}

// TestApirepReportFigureHandlers checks the check of a copy, the daily
// reports' punctuality, the previews and the public figures.
func TestApirepReportFigureHandlers(t *testing.T) {
	cases := []apirepCase{
		{name: "a printed code that matches", method: "GET", path: "/api/v1/reports/verify?hash=AB12CD34",
			reports: func(f *apirepFakeReports) {
				f.verify = func(sha string) (*report.Match, error) {
					if sha != "AB12CD34" {
						t.Errorf("verified %q", sha)
					}
					return &report.Match{Report: apirepComplete(), Format: "pdf"}, nil
				}
			},
			status: 200, want: []string{`"match":true`, `"sha256":"ab12cd34"`, `"format":"pdf"`, `"paraf_name":"Bambang"`, "Bambang"},
			notWant: []string{"Volume naik", `"narrative"`, `"received"`}},
		{name: "a code that matches nothing", method: "GET", path: "/api/v1/reports/verify?hash=ffff",
			reports: func(f *apirepFakeReports) {
				f.verify = func(string) (*report.Match, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report") }
			},
			status: 200, want: []string{`"match":false`, `"sha256":"ffff"`}, notWant: []string{`"report"`}},
		{name: "no code checks nothing", method: "GET", path: "/api/v1/reports/verify",
			status: 400, want: []string{`"code":"invalid"`}},
		{name: "a check the store fails is a 500 that tells nothing", method: "GET", path: "/api/v1/reports/verify?hash=ffff",
			reports: func(f *apirepFakeReports) {
				f.verify = func(string) (*report.Match, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "daily reports, the late ones only", method: "GET", path: "/api/v1/reports/daily-status?late=true", user: apirepKoordinator,
			reports: func(f *apirepFakeReports) {
				f.dailyStatus = func(from, to time.Time) ([]report.DailyStatusLine, error) {
					// The default: the seven days up to the end of today.
					if want := time.Date(2026, 12, 9, 0, 0, 0, 0, aduan.WIB); !to.Equal(want) || !from.Equal(want.AddDate(0, 0, -7)) {
						t.Errorf("from %s to %s", from, to)
					}
					due := time.Date(2026, 12, 7, 10, 0, 0, 0, aduan.WIB)
					return []report.DailyStatusLine{
						{Day: "2026-12-06", OperatorID: 5, OperatorName: "Siti", DueAt: due, State: report.DailyMissing, Worked: true},
						{Day: "2026-12-06", OperatorID: 6, OperatorName: "Rina", ReportID: 30, SubmittedAt: &due, DueAt: due, State: report.DailyOnTime},
					}, nil
				}
			},
			status: 200, want: []string{`"operator_name":"Siti"`, `"state":"missing"`, `"worked":true`}, notWant: []string{"Rina"}},
		{name: "daily reports with a bad day ask nothing", method: "GET", path: "/api/v1/reports/daily-status?from=kemarin",
			status: 400, want: []string{`"field":"from"`}},
		{name: "daily reports, a role the store refuses", method: "GET", path: "/api/v1/reports/daily-status",
			reports: func(f *apirepFakeReports) {
				f.dailyStatus = func(time.Time, time.Time) ([]report.DailyStatusLine, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a day's preview, today by default", method: "GET", path: "/api/v1/reports/preview/daily?operator_id=5",
			reports: func(f *apirepFakeReports) {
				f.dailyData = func(op int64, day string) (*report.DailyData, error) {
					if op != 5 || day != "2026-12-08" {
						t.Errorf("previewed %d %q", op, day)
					}
					return &report.DailyData{Day: day, OperatorID: op, OperatorName: "Siti"}, nil
				}
			},
			status: 200, want: []string{`"day":"2026-12-08"`, `"operator_name":"Siti"`}},
		{name: "a day's preview for a bad operator asks nothing", method: "GET", path: "/api/v1/reports/preview/daily?operator_id=siti",
			status: 400, want: []string{`"field":"operator_id"`}},
		{name: "a month's preview, this month by default", method: "GET", path: "/api/v1/reports/preview/monthly?agency_id=4",
			reports: func(f *apirepFakeReports) {
				f.monthlyData = func(from, to time.Time, fl report.Filter) (*report.MonthlyData, error) {
					if !from.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, aduan.WIB)) || fl.AgencyID != 4 {
						t.Errorf("previewed %s–%s %+v", from, to, fl)
					}
					return &report.MonthlyData{From: from, To: to}, nil
				}
			},
			status: 200, want: []string{`"from":"2026-12-01T00:00:00+07:00"`}},
		{name: "a month's preview with a bad agency asks nothing", method: "GET", path: "/api/v1/reports/preview/monthly?agency_id=x",
			status: 400, want: []string{`"field":"agency_id"`}},
		{name: "a month's preview, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/reports/preview/monthly?month=2026-11",
			reports: func(f *apirepFakeReports) {
				f.monthlyData = func(time.Time, time.Time, report.Filter) (*report.MonthlyData, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "the public figures, this year by default, to any site", method: "GET", path: "/api/v1/public/figures",
			reports: func(f *apirepFakeReports) {
				f.publicFigures = func(year int) (*report.PublicFigures, error) {
					if year != 2026 {
						t.Errorf("year %d", year)
					}
					return &report.PublicFigures{Year: year}, nil
				}
			},
			status: 200, want: []string{`"year":2026`}, header: map[string]string{"Access-Control-Allow-Origin": "*"}},
		{name: "the public figures of a bad year ask nothing", method: "GET", path: "/api/v1/public/figures?year=-1",
			status: 400, want: []string{`"field":"year"`}},
	}
	apirepServe(t, cases, func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/reports/verify":          a.VerifyReport,
			"GET /api/v1/reports/daily-status":    a.DailyReportStatus,
			"GET /api/v1/reports/preview/daily":   a.PreviewDaily,
			"GET /api/v1/reports/preview/monthly": a.PreviewMonthly,
			"GET /api/v1/public/figures":          a.PublicFigures,
		}
	})
}

// apirepSubjectPhone and apirepSubjectName are a data subject's, which only
// the coordinator (privacy.request) may read.
const (
	apirepSubjectPhone = "+6281234567890"
	apirepSubjectName  = "Joko Susilo"
)

func apirepRequest() *aduan.PrivacyRequest {
	return &aduan.PrivacyRequest{ID: 21, Kind: aduan.PrivacyRequestKind("access"), Status: aduan.PrivacyRequestStatus("open"), SubjectPhone: apirepSubjectPhone,
		Requester: apirepSubjectName, Via: "counter", ReceivedAt: apirepNow.Add(-time.Hour), DueAt: apirepNow.Add(71 * time.Hour),
		CreatedBy: 3, CreatedByName: "Dewi", CreatedAt: apirepNow, UpdatedAt: apirepNow, Version: 1}
}

// apirepPrivacyOnly is what the store answers a role without
// privacy.request: nothing of the subject.
func apirepPrivacyOnly(a aduan.Actor) error {
	if !a.Can(aduan.PermPrivacyRequest) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	return nil
}

// TestApirepPrivacyHandlers checks the data subjects' requests, the
// export of what is held about one, the breach log and the retention
// dry run, with the store's privacy replaced by a fake: the subject's
// phone and name never reach a role that may not see them.
func TestApirepPrivacyHandlers(t *testing.T) {
	personal := []string{apirepSubjectPhone, apirepSubjectName, "Jl. Kenari"}
	cases := []apirepCase{
		{name: "the coordinator lists the requests", method: "GET", path: "/api/v1/privacy/requests", user: apirepKoordinator,
			privacy: func(f *apirepFakePrivacy) {
				f.requests = func(a aduan.Actor) ([]*aduan.PrivacyRequest, error) {
					if err := apirepPrivacyOnly(a); err != nil {
						return nil, err
					}
					return []*aduan.PrivacyRequest{apirepRequest()}, nil
				}
			},
			status: 200, want: []string{`"items":[{`, `"id":21`, apirepSubjectPhone, apirepSubjectName, `"overdue":false`}},
		{name: "an operator lists no request", method: "GET", path: "/api/v1/privacy/requests",
			privacy: func(f *apirepFakePrivacy) {
				f.requests = func(a aduan.Actor) ([]*aduan.PrivacyRequest, error) {
					if err := apirepPrivacyOnly(a); err != nil {
						return nil, err
					}
					return []*aduan.PrivacyRequest{apirepRequest()}, nil
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "the list, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/privacy/requests", user: apirepKoordinator,
			privacy: func(f *apirepFakePrivacy) {
				f.requests = func(aduan.Actor) ([]*aduan.PrivacyRequest, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "the coordinator records a request", method: "POST", path: "/api/v1/privacy/requests", user: apirepKoordinator,
			body: `{"kind":"access","phone":"081234567890","requester":"Joko Susilo","via":"counter","received_at":"2026-12-08T08:00:00+07:00"}`,
			privacy: func(f *apirepFakePrivacy) {
				f.create = func(in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
					if in.Kind != "access" || in.Phone != "081234567890" || in.Requester != apirepSubjectName || !in.ReceivedAt.Equal(apirepNow.Add(-time.Hour)) {
						t.Errorf("created %+v", in)
					}
					return apirepRequest(), nil
				}
			},
			status: 201, want: []string{`"id":21`, `"due_at":"2026-12-11T08:00:00+07:00"`}},
		{name: "an operator records no request", method: "POST", path: "/api/v1/privacy/requests",
			body:   `{"kind":"access","phone":"081234567890","requester":"Joko Susilo"}`,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "nor does the admin", method: "POST", path: "/api/v1/privacy/requests", user: apirepAdmin,
			body:   `{"kind":"access","phone":"081234567890","requester":"Joko Susilo"}`,
			status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "a bad time of receipt records nothing", method: "POST", path: "/api/v1/privacy/requests", user: apirepKoordinator,
			body:   `{"kind":"access","phone":"081234567890","requester":"Joko Susilo","received_at":"kemarin"}`,
			status: 400, want: []string{`"field":"received_at"`}},
		{name: "a request the domain refuses names its field", method: "POST", path: "/api/v1/privacy/requests", user: apirepKoordinator,
			body: `{"kind":"forget"}`,
			privacy: func(f *apirepFakePrivacy) {
				f.create = func(aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error) {
					var v aduan.Validation
					v.Add("kind", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{`"field":"kind"`}},
		{name: "the coordinator exports what is held about the subject", method: "GET", path: "/api/v1/privacy/requests/21/export", user: apirepKoordinator,
			privacy: func(f *apirepFakePrivacy) {
				f.request = func(_ aduan.Actor, id int64) (*aduan.PrivacyRequest, error) {
					if id != 21 {
						t.Errorf("request %d", id)
					}
					return apirepRequest(), nil
				}
				f.lookup = func(int64) (*store.Dossier, error) {
					return &store.Dossier{Phone: apirepSubjectPhone, At: apirepNow,
						Citizens: []aduan.Citizen{{ID: 40, Name: apirepSubjectName, Phone: apirepSubjectPhone, Address: "Jl. Kenari 3", CreatedAt: apirepNow, UpdatedAt: apirepNow}}}, nil
				}
			},
			status: 200, want: []string{`"phone":"` + apirepSubjectPhone + `"`, `"citizens":[{`, "Jl. Kenari 3", `"request":{`}},
		{name: "an operator exports nothing: the subject is not looked up", method: "GET", path: "/api/v1/privacy/requests/21/export",
			privacy: func(f *apirepFakePrivacy) {
				f.request = func(a aduan.Actor, _ int64) (*aduan.PrivacyRequest, error) {
					if err := apirepPrivacyOnly(a); err != nil {
						return nil, err
					}
					return apirepRequest(), nil
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "an export of no request", method: "GET", path: "/api/v1/privacy/requests/x/export", user: apirepKoordinator,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "an export whose look-up fails is a 500 that tells nothing", method: "GET", path: "/api/v1/privacy/requests/21/export", user: apirepKoordinator,
			privacy: func(f *apirepFakePrivacy) {
				f.request = func(aduan.Actor, int64) (*aduan.PrivacyRequest, error) { return apirepRequest(), nil }
				f.lookup = func(int64) (*store.Dossier, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: append(personal, apirepInternal...)},
		{name: "the breach log", method: "GET", path: "/api/v1/privacy/breaches", user: apirepKoordinator,
			privacy: func(f *apirepFakePrivacy) {
				f.breaches = func(aduan.Actor) ([]*aduan.Breach, error) {
					return []*aduan.Breach{{ID: 2, Title: "Laptop hilang", DiscoveredAt: apirepNow, DueAt: apirepNow.Add(72 * time.Hour), AffectedCount: 12, Version: 1}}, nil
				}
			},
			status: 200, want: []string{`"title":"Laptop hilang"`, `"affected_count":12`, `"data_kinds":[]`, `"due_at":"2026-12-11T09:00:00+07:00"`}},
		{name: "the breach log, a role the store refuses", method: "GET", path: "/api/v1/privacy/breaches",
			privacy: func(f *apirepFakePrivacy) {
				f.breaches = func(aduan.Actor) ([]*aduan.Breach, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: []string{"Laptop"}},
		{name: "the retention dry run only counts", method: "GET", path: "/api/v1/privacy/retention", user: apirepAdmin,
			privacy: func(f *apirepFakePrivacy) {
				f.retention = func(dry bool, files attach.Storage) (*store.RetentionReport, error) {
					if !dry || files != nil {
						t.Errorf("retention dry %v files %v", dry, files)
					}
					return &store.RetentionReport{DryRun: true, At: apirepNow, Counts: store.RetentionCounts{Citizens: 3}}, nil
				}
			},
			status: 200, want: []string{`"dry_run":true`, `"citizens":3`}},
		{name: "the retention dry run, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/privacy/retention", user: apirepAdmin,
			privacy: func(f *apirepFakePrivacy) {
				f.retention = func(bool, attach.Storage) (*store.RetentionReport, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "the processing record is refused to an operator before the settings are read", method: "GET", path: "/api/v1/privacy/record",
			status: 403, want: []string{`"code":"forbidden"`}},
	}
	apirepServe(t, cases, func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/privacy/requests":             a.PrivacyRequests,
			"POST /api/v1/privacy/requests":            a.CreatePrivacyRequest,
			"GET /api/v1/privacy/requests/{id}/export": a.PrivacyExport,
			"GET /api/v1/privacy/breaches":             a.Breaches,
			"GET /api/v1/privacy/retention":            a.RetentionDryRun,
			"GET /api/v1/privacy/record":               a.ProcessingRecord,
		}
	})
}

// apirepFakePPID is the PPIDStore of the information request tests.
type apirepFakePPID struct {
	t        *testing.T
	requests func(a aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error)
	request  func(a aduan.Actor, id int64) (*aduan.InfoRequest, error)
	register func(in aduan.NewInfoRequest) (*aduan.InfoRequest, error)
	events   func(id int64) ([]aduan.InfoEvent, error)
	atasan   func() (aduan.InfoAtasan, bool, error)
	act      func(a aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error)
	annual   func(year int) (*store.InfoAnnual, error)
	// audited counts the registers' reads recorded (AuditRegister).
	audited []string
}

func (f *apirepFakePPID) Requests(_ context.Context, a aduan.Actor, fl store.InfoFilter) ([]*aduan.InfoRequest, error) {
	if f.requests == nil {
		apirepUnexpected(f.t, "PPID.Requests")
	}
	return f.requests(a, fl)
}

func (f *apirepFakePPID) Request(_ context.Context, a aduan.Actor, id int64) (*aduan.InfoRequest, error) {
	if f.request == nil {
		apirepUnexpected(f.t, "PPID.Request")
	}
	return f.request(a, id)
}

func (f *apirepFakePPID) Register(_ context.Context, _ aduan.Actor, in aduan.NewInfoRequest, _ store.InfoNotify) (*aduan.InfoRequest, error) {
	if f.register == nil {
		apirepUnexpected(f.t, "PPID.Register")
	}
	return f.register(in)
}

func (f *apirepFakePPID) Events(_ context.Context, id int64) ([]aduan.InfoEvent, error) {
	if f.events == nil {
		apirepUnexpected(f.t, "PPID.Events")
	}
	return f.events(id)
}

func (f *apirepFakePPID) Atasan(context.Context) (aduan.InfoAtasan, bool, error) {
	if f.atasan == nil {
		apirepUnexpected(f.t, "PPID.Atasan")
	}
	return f.atasan()
}

func (f *apirepFakePPID) Act(_ context.Context, a aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput, _ store.InfoNotify) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
	if f.act == nil {
		apirepUnexpected(f.t, "PPID.Act")
	}
	return f.act(a, id, version, act, in)
}

func (f *apirepFakePPID) Annual(_ context.Context, _ aduan.Actor, year int) (*store.InfoAnnual, error) {
	if f.annual == nil {
		apirepUnexpected(f.t, "PPID.Annual")
	}
	return f.annual(year)
}

var (
	apirepPPIDUtama = &aduan.User{ID: 7, Name: "Hendra", Role: aduan.RolePPIDUtama, Active: true}
	// apirepRequesterID is the requester's identity number, which only
	// the PPID may read.
	apirepRequesterID = "3374011203900001"
)

func apirepInfoRequest() *aduan.InfoRequest {
	return &aduan.InfoRequest{ID: 31, Number: "PPID-2026-000031", Status: aduan.InfoReceived, Channel: aduan.ChannelPhone,
		Name: apirepSubjectName, Address: "Jl. Kenari 3", Phone: aduan.Phone(apirepSubjectPhone), IDNumber: apirepRequesterID,
		Information: "Anggaran PJU 2026", Purpose: "Penelitian", ReceivedAt: apirepNow.Add(-time.Hour), DueAt: apirepNow.Add(240 * time.Hour), Version: 2}
}

// apirepPPIDOnly is the store's refusal of a role outside the PPID.
func apirepPPIDOnly(a aduan.Actor) error {
	if a.Role != aduan.RolePPIDUtama && a.Role != aduan.RolePPIDPembantu {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	return nil
}

// TestApirepPPIDHandlers checks the requests for public information:
// their list, one with its log and steps, a registration, a step, and
// the annual report, with the store's PPID replaced by a fake; the
// requester's name, phone and identity number reach no role outside the
// PPID.
func TestApirepPPIDHandlers(t *testing.T) {
	personal := []string{apirepSubjectName, apirepSubjectPhone, apirepRequesterID, "Jl. Kenari"}
	listed := func(f *apirepFakePPID) {
		f.requests = func(a aduan.Actor, fl store.InfoFilter) ([]*aduan.InfoRequest, error) {
			if err := apirepPPIDOnly(a); err != nil {
				return nil, err
			}
			if fl.Status != aduan.InfoReceived || fl.From == nil || fl.From.Year() != 2026 || !fl.Overdue {
				t.Errorf("filter %+v", fl)
			}
			return []*aduan.InfoRequest{apirepInfoRequest()}, nil
		}
	}
	cases := []apirepCase{
		{name: "the PPID lists the requests", method: "GET", path: "/api/v1/ppid/requests?status=received&year=2026&overdue=1", user: apirepPPIDUtama,
			ppid: listed, status: 200, want: []string{`"items":[{`, `"number":"PPID-2026-000031"`, apirepSubjectName, `"status":"received"`}},
		{name: "an operator lists none", method: "GET", path: "/api/v1/ppid/requests?status=received&year=2026&overdue=1",
			ppid: listed, status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "a bad agency asks nothing", method: "GET", path: "/api/v1/ppid/requests?agency_id=dinas", user: apirepPPIDUtama,
			status: 400, want: []string{`"field":"agency_id"`}},
		{name: "the list, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/ppid/requests", user: apirepPPIDUtama,
			ppid: func(f *apirepFakePPID) {
				f.requests = func(aduan.Actor, store.InfoFilter) ([]*aduan.InfoRequest, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "one request with its log and the steps the PPID may take", method: "GET", path: "/api/v1/ppid/requests/31", user: apirepPPIDUtama,
			ppid: func(f *apirepFakePPID) {
				f.request = func(_ aduan.Actor, id int64) (*aduan.InfoRequest, error) {
					if id != 31 {
						t.Errorf("request %d", id)
					}
					return apirepInfoRequest(), nil
				}
				f.events = func(int64) ([]aduan.InfoEvent, error) {
					return []aduan.InfoEvent{{ID: 1, RequestID: 31, Action: aduan.InfoActRegister, To: aduan.InfoReceived, ActorName: "Hendra", ActorRole: aduan.RolePPIDUtama, At: apirepNow}}, nil
				}
				f.atasan = func() (aduan.InfoAtasan, bool, error) { return aduan.InfoAtasan{Role: aduan.RoleKasiKabid}, true, nil }
			},
			status: 200, want: []string{`"request":{`, `"actions":["assign"`, `"action":"register"`, apirepRequesterID}},
		{name: "one request an operator may not read: no log looked up", method: "GET", path: "/api/v1/ppid/requests/31",
			ppid: func(f *apirepFakePPID) {
				f.request = func(a aduan.Actor, _ int64) (*aduan.InfoRequest, error) {
					if err := apirepPPIDOnly(a); err != nil {
						return nil, err
					}
					return apirepInfoRequest(), nil
				}
			},
			status: 403, want: []string{`"code":"forbidden"`}, notWant: personal},
		{name: "a registration", method: "POST", path: "/api/v1/ppid/requests", user: apirepPPIDUtama,
			body: `{"channel":"telepon","name":"Joko Susilo","phone":"081234567890","information":"Anggaran PJU 2026","purpose":"Penelitian"}`,
			ppid: func(f *apirepFakePPID) {
				f.register = func(in aduan.NewInfoRequest) (*aduan.InfoRequest, error) {
					if in.Name != apirepSubjectName || in.Channel != aduan.ChannelPhone || in.Information != "Anggaran PJU 2026" {
						t.Errorf("registered %+v", in)
					}
					return apirepInfoRequest(), nil
				}
			},
			status: 201, want: []string{`"id":31`, `"due_at":"2026-12-18T09:00:00+07:00"`}},
		{name: "a registration that is not JSON registers nothing", method: "POST", path: "/api/v1/ppid/requests", user: apirepPPIDUtama,
			body: `{"name":`, status: 400, want: []string{`"code":"invalid"`}},
		{name: "a registration the domain refuses names its field", method: "POST", path: "/api/v1/ppid/requests", user: apirepPPIDUtama,
			body: `{"channel":"telepon","name":"Joko Susilo"}`,
			ppid: func(f *apirepFakePPID) {
				f.register = func(aduan.NewInfoRequest) (*aduan.InfoRequest, error) {
					var v aduan.Validation
					v.Add("information", "err.field.required")
					return nil, v.Err()
				}
			},
			status: 400, want: []string{`"field":"information"`}},
		{name: "a step", method: "POST", path: "/api/v1/ppid/requests/31/actions/assign", user: apirepPPIDUtama, body: `{"version":2,"agency_id":4}`,
			ppid: func(f *apirepFakePPID) {
				f.act = func(_ aduan.Actor, id, v int64, act aduan.InfoAction, in aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					if id != 31 || v != 2 || act != aduan.InfoActAssign || in.AgencyID != 4 {
						t.Errorf("acted %d v%d %s %+v", id, v, act, in)
					}
					r := apirepInfoRequest()
					r.Status, r.AgencyID, r.Version = aduan.InfoAssigned, 4, 3
					return r, &aduan.InfoEvent{Action: act, From: aduan.InfoReceived, To: aduan.InfoAssigned, ActorName: "Hendra", At: apirepNow}, nil
				}
			},
			status: 200, want: []string{`"request":{`, `"status":"assigned"`, `"event":{`, `"action":"assign"`}},
		{name: "a stale step", method: "POST", path: "/api/v1/ppid/requests/31/actions/assign", user: apirepPPIDUtama, body: `{"version":1,"agency_id":4}`,
			ppid: func(f *apirepFakePPID) {
				f.act = func(aduan.Actor, int64, int64, aduan.InfoAction, aduan.InfoInput) (*aduan.InfoRequest, *aduan.InfoEvent, error) {
					return nil, nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`}},
		{name: "a step with an unknown field takes none", method: "POST", path: "/api/v1/ppid/requests/31/actions/assign", user: apirepPPIDUtama, body: `{"version":2,"dinas":4}`,
			status: 400, want: []string{"dinas"}},
		{name: "the annual report", method: "GET", path: "/api/v1/ppid/annual/2025", user: apirepPPIDUtama,
			ppid: func(f *apirepFakePPID) {
				f.annual = func(y int) (*store.InfoAnnual, error) {
					if y != 2025 {
						t.Errorf("year %d", y)
					}
					return &store.InfoAnnual{Year: y, Received: 17}, nil
				}
			},
			status: 200, want: []string{`"report":{`, `"year":2025`, `"received":17`}},
		{name: "the annual report of no year", method: "GET", path: "/api/v1/ppid/annual/1999", user: apirepPPIDUtama,
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "the annual report in a format there is none of", method: "GET", path: "/api/v1/ppid/annual/2025?format=docx", user: apirepPPIDUtama,
			ppid: func(f *apirepFakePPID) {
				f.annual = func(y int) (*store.InfoAnnual, error) { return &store.InfoAnnual{Year: y}, nil }
			},
			status: 404, want: []string{`"code":"not_found"`}},
	}
	apirepServe(t, cases, func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/ppid/requests":                        a.InfoRequests,
			"POST /api/v1/ppid/requests":                       a.CreateInfoRequest,
			"GET /api/v1/ppid/requests/{id}":                   a.GetInfoRequest,
			"POST /api/v1/ppid/requests/{id}/actions/{action}": a.InfoRequestAction,
			"GET /api/v1/ppid/annual/{year}":                   a.InfoAnnual,
		}
	})
}

// apirepFakeLapor is the LaporStore of the LAPOR! handler tests.
type apirepFakeLapor struct {
	t         *testing.T
	register  func(in lapor.Intake, source string) (*aduan.Complaint, error)
	of        func(complaintID int64) (*store.LaporReport, error)
	report    func(trackingID string) (*store.LaporReport, []lapor.FollowUp, error)
	reports   func() ([]store.LaporReport, error)
	followUps func(from, to time.Time, complaintID int64) ([]lapor.FollowUp, error)
	imported  func(file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error)
}

func (f *apirepFakeLapor) Register(_ context.Context, _ aduan.Actor, in lapor.Intake, source string) (*aduan.Complaint, error) {
	if f.register == nil {
		apirepUnexpected(f.t, "Lapor.Register")
	}
	return f.register(in, source)
}

func (f *apirepFakeLapor) Of(_ context.Context, _ aduan.Actor, id int64) (*store.LaporReport, error) {
	if f.of == nil {
		apirepUnexpected(f.t, "Lapor.Of")
	}
	return f.of(id)
}

func (f *apirepFakeLapor) Report(_ context.Context, _ aduan.Actor, tid string) (*store.LaporReport, []lapor.FollowUp, error) {
	if f.report == nil {
		apirepUnexpected(f.t, "Lapor.Report")
	}
	return f.report(tid)
}

func (f *apirepFakeLapor) Reports(context.Context, aduan.Actor) ([]store.LaporReport, error) {
	if f.reports == nil {
		apirepUnexpected(f.t, "Lapor.Reports")
	}
	return f.reports()
}

func (f *apirepFakeLapor) FollowUps(_ context.Context, _ aduan.Actor, from, to time.Time, id int64) ([]lapor.FollowUp, error) {
	if f.followUps == nil {
		apirepUnexpected(f.t, "Lapor.FollowUps")
	}
	return f.followUps(from, to, id)
}

func apirepLaporReport() *store.LaporReport {
	return &store.LaporReport{ComplaintID: 44, Number: "ADU-2026-000044", Status: aduan.StatusRecorded, TrackingID: "LAP-8812",
		Category: "Jalan", Dispositioned: apirepNow.Add(-2 * time.Hour), Source: "manual"}
}

// TestApirepLaporHandlers checks the LAPOR! endpoints (list, one report
// with its follow-ups, a registration, the day's follow-ups as JSON and
// CSV) with the store's LAPOR! replaced by a fake.
func TestApirepLaporHandlers(t *testing.T) {
	fus := []lapor.FollowUp{{TrackingID: "LAP-8812", Number: "ADU-2026-000044", Kind: lapor.FollowAnswer, At: apirepNow, Text: "=HYPERLINK(\"http://x\")"}}
	cases := []apirepCase{
		{name: "the list", method: "GET", path: "/api/v1/lapor/reports",
			lapor: func(f *apirepFakeLapor) {
				f.reports = func() ([]store.LaporReport, error) { return []store.LaporReport{*apirepLaporReport()}, nil }
			},
			status: 200, want: []string{`"items":[{`, `"tracking_id":"LAP-8812"`, `"number":"ADU-2026-000044"`}},
		{name: "the list is refused to the section head before any look-up", method: "GET", path: "/api/v1/lapor/reports", user: apirepKasi,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "the list, a store fault is a 500 that tells nothing", method: "GET", path: "/api/v1/lapor/reports",
			lapor: func(f *apirepFakeLapor) {
				f.reports = func() ([]store.LaporReport, error) { return nil, errApirepFault }
			},
			status: 500, want: []string{`"code":"internal"`}, notWant: apirepInternal},
		{name: "one report with its follow-ups", method: "GET", path: "/api/v1/lapor/reports/LAP-8812",
			lapor: func(f *apirepFakeLapor) {
				f.report = func(tid string) (*store.LaporReport, []lapor.FollowUp, error) {
					if tid != "LAP-8812" {
						t.Errorf("tracking ID %q", tid)
					}
					return apirepLaporReport(), fus, nil
				}
			},
			status: 200, want: []string{`"tracking_id":"LAP-8812"`, `"follow_ups":[{`, `"agency_answer"`}},
		{name: "a tracking ID not registered", method: "GET", path: "/api/v1/lapor/reports/LAP-0",
			lapor: func(f *apirepFakeLapor) {
				f.report = func(string) (*store.LaporReport, []lapor.FollowUp, error) {
					return nil, nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
				}
			},
			status: 404, want: []string{`"code":"not_found"`}},
		{name: "a registration", method: "POST", path: "/api/v1/lapor/reports",
			body: `{"tracking_id":"LAP-8812","text":"Jalan berlubang","name":"Joko Susilo","dispositioned_at":"2026-12-08T07:00:00+07:00"}`,
			lapor: func(f *apirepFakeLapor) {
				f.register = func(in lapor.Intake, src string) (*aduan.Complaint, error) {
					if in.TrackingID != "LAP-8812" || src != "manual" || !in.Dispositioned.Equal(apirepNow.Add(-2*time.Hour)) {
						t.Errorf("registered %+v from %s", in, src)
					}
					return &aduan.Complaint{ID: 44}, nil
				}
				f.of = func(id int64) (*store.LaporReport, error) {
					if id != 44 {
						t.Errorf("of %d", id)
					}
					return apirepLaporReport(), nil
				}
			},
			status: 201, want: []string{`"tracking_id":"LAP-8812"`}},
		{name: "a registration with a bad time registers nothing", method: "POST", path: "/api/v1/lapor/reports",
			body:   `{"tracking_id":"LAP-8812","text":"Jalan berlubang","dispositioned_at":"pagi"}`,
			status: 400, want: []string{`"field":"dispositioned_at"`}},
		{name: "a registration by the section head registers nothing", method: "POST", path: "/api/v1/lapor/reports", user: apirepKasi,
			body:   `{"tracking_id":"LAP-8812","text":"Jalan berlubang"}`,
			status: 403, want: []string{`"code":"forbidden"`}},
		{name: "a tracking ID already registered", method: "POST", path: "/api/v1/lapor/reports",
			body: `{"tracking_id":"LAP-8812","text":"Jalan berlubang"}`,
			lapor: func(f *apirepFakeLapor) {
				f.register = func(lapor.Intake, string) (*aduan.Complaint, error) {
					return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
				}
			},
			status: 409, want: []string{`"code":"conflict"`}},
		{name: "the day's follow-ups, today by default", method: "GET", path: "/api/v1/lapor/follow-ups",
			lapor: func(f *apirepFakeLapor) {
				f.followUps = func(from, to time.Time, id int64) ([]lapor.FollowUp, error) {
					if want := time.Date(2026, 12, 8, 0, 0, 0, 0, aduan.WIB); !from.Equal(want) || !to.Equal(want.AddDate(0, 0, 1)) || id != 0 {
						t.Errorf("follow-ups %s–%s of %d", from, to, id)
					}
					return fus, nil
				}
			},
			status: 200, want: []string{`"items":[{`, `"tracking_id":"LAP-8812"`}},
		{name: "the follow-ups as CSV, a formula written as text", method: "GET", path: "/api/v1/lapor/follow-ups?format=csv&day=2026-12-07",
			lapor: func(f *apirepFakeLapor) {
				f.followUps = func(from, _ time.Time, _ int64) ([]lapor.FollowUp, error) {
					if !from.Equal(time.Date(2026, 12, 7, 0, 0, 0, 0, aduan.WIB)) {
						t.Errorf("from %s", from)
					}
					return fus, nil
				}
			},
			status: 200, want: []string{"tracking_id,nomor_pengaduan", "LAP-8812", "'=HYPERLINK"}, notWant: []string{",=HYPERLINK", `,"=HYPERLINK`},
			header: map[string]string{"Content-Type": "text/csv; charset=utf-8"}},
		{name: "the follow-ups of a bad day and format ask nothing", method: "GET", path: "/api/v1/lapor/follow-ups?day=besok&format=pdf",
			status: 400, want: []string{`"field":"day"`, `"field":"format"`}},
	}
	apirepServe(t, cases, func(a *API) map[string]reqctx.HandlerFunc {
		return map[string]reqctx.HandlerFunc{
			"GET /api/v1/lapor/reports":               a.ListLapor,
			"POST /api/v1/lapor/reports":              a.RegisterLapor,
			"GET /api/v1/lapor/reports/{tracking_id}": a.GetLapor,
			"GET /api/v1/lapor/follow-ups":            a.LaporFollowUps,
		}
	})
}
