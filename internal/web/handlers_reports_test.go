package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// fakeReports is the reports area's store and documents' service, one
// function per method: a nil one is a call the case must not make (so a
// refused or bad form that leaves create, edit and act nil writes
// nothing). calls names the methods called, in order.
type fakeReports struct {
	t            *testing.T
	reports      func(f store.ReportFilter) ([]*report.Report, int64, error)
	report       func(id int64) (*report.Report, error)
	reportData   func(r *report.Report) (json.RawMessage, error)
	dailyData    func(operatorID int64, day string) (*report.DailyData, error)
	dailyStatus  func(from, to time.Time) ([]report.DailyStatusLine, error)
	monthlyData  func(from, to time.Time, f report.Filter) (*report.MonthlyData, error)
	create       func(in report.NewReport) (*report.Report, error)
	edit         func(id, version int64, narrative string) (*report.Report, error)
	dashboard    func(now time.Time) (*store.Dashboard, error)
	satisfaction func(from, to time.Time) (report.Satisfaction, error)
	act          func(id, version int64, action report.Action, comment string) (*report.Report, error)
	holiday      func() (int, error)
	reaches      func() ([]aduan.AgencyReach, error)

	calls []string
}

func (f *fakeReports) call(name string, missing bool) {
	f.t.Helper()
	f.calls = append(f.calls, name)
	if missing {
		f.t.Fatalf("the handler called %s, which this case must not reach", name)
	}
}

func (f *fakeReports) called(name string) bool {
	for _, c := range f.calls {
		if c == name {
			return true
		}
	}
	return false
}

func (f *fakeReports) Reports(_ context.Context, _ aduan.Actor, fl store.ReportFilter) ([]*report.Report, int64, error) {
	f.call("Reports", f.reports == nil)
	return f.reports(fl)
}

func (f *fakeReports) Report(_ context.Context, _ aduan.Actor, id int64) (*report.Report, error) {
	f.call("Report", f.report == nil)
	return f.report(id)
}

func (f *fakeReports) ReportData(_ context.Context, _ aduan.Actor, r *report.Report) (json.RawMessage, error) {
	f.call("ReportData", f.reportData == nil)
	return f.reportData(r)
}

func (f *fakeReports) DailyData(_ context.Context, _ aduan.Actor, operatorID int64, day string) (*report.DailyData, error) {
	f.call("DailyData", f.dailyData == nil)
	return f.dailyData(operatorID, day)
}

func (f *fakeReports) DailyReportStatus(_ context.Context, _ aduan.Actor, from, to time.Time) ([]report.DailyStatusLine, error) {
	f.call("DailyReportStatus", f.dailyStatus == nil)
	return f.dailyStatus(from, to)
}

func (f *fakeReports) MonthlyData(_ context.Context, _ aduan.Actor, from, to time.Time, fl report.Filter) (*report.MonthlyData, error) {
	f.call("MonthlyData", f.monthlyData == nil)
	return f.monthlyData(from, to, fl)
}

func (f *fakeReports) CreateReport(_ context.Context, _ aduan.Actor, in report.NewReport) (*report.Report, error) {
	f.call("CreateReport", f.create == nil)
	return f.create(in)
}

func (f *fakeReports) EditReport(_ context.Context, _ aduan.Actor, id, version int64, narrative string) (*report.Report, error) {
	f.call("EditReport", f.edit == nil)
	return f.edit(id, version, narrative)
}

func (f *fakeReports) DashboardFor(_ context.Context, _ aduan.Actor, now time.Time) (*store.Dashboard, error) {
	f.call("DashboardFor", f.dashboard == nil)
	return f.dashboard(now)
}

func (f *fakeReports) SatisfactionFor(_ context.Context, _ aduan.Actor, from, to time.Time) (report.Satisfaction, error) {
	f.call("SatisfactionFor", f.satisfaction == nil)
	return f.satisfaction(from, to)
}

func (f *fakeReports) Act(_ context.Context, _ aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error) {
	f.call("Act", f.act == nil)
	return f.act(id, version, action, comment)
}

func (f *fakeReports) HolidayWarning(context.Context) (int, error) {
	f.call("HolidayWarning", f.holiday == nil)
	return f.holiday()
}

func (f *fakeReports) AgencyReaches(context.Context, aduan.Actor) ([]aduan.AgencyReach, error) {
	f.call("AgencyReaches", f.reaches == nil)
	return f.reaches()
}

// fakeFigures is the public figures and the survey's links.
type fakeFigures struct {
	t       *testing.T
	figures func(year int) (*report.PublicFigures, error)
	link    func(token string) (*store.SKMLinkInfo, error)
	answer  func(token string, a aduan.SKMAnswer) error
	calls   []string
}

func (f *fakeFigures) PublicFigures(_ context.Context, year int) (*report.PublicFigures, error) {
	f.calls = append(f.calls, "PublicFigures")
	if f.figures == nil {
		f.t.Fatalf("the handler called PublicFigures, which this case must not reach")
	}
	return f.figures(year)
}

func (f *fakeFigures) SKMLinkByToken(_ context.Context, token string) (*store.SKMLinkInfo, error) {
	if f.link == nil {
		f.t.Fatalf("the handler called SKMLinkByToken, which this case must not reach")
	}
	return f.link(token)
}

func (f *fakeFigures) AnswerSKM(_ context.Context, token string, a aduan.SKMAnswer) error {
	if f.answer == nil {
		f.t.Fatalf("the handler called AnswerSKM, which this case must not reach")
	}
	return f.answer(token, a)
}

// fakeExports is the queue's export.
type fakeExports struct {
	t          *testing.T
	complaints func(rw http.ResponseWriter, f aduan.ComplaintFilter, format, progress string, lang i18n.Lang, q url.Values) error
}

func (f *fakeExports) Complaints(rw http.ResponseWriter, _ *http.Request, _ aduan.Actor, fl aduan.ComplaintFilter, format, progress string, lang i18n.Lang, q url.Values) error {
	if f.complaints == nil {
		f.t.Fatalf("the handler called Complaints (the export), which this case must not reach")
	}
	return f.complaints(rw, fl, format, progress, lang, q)
}

// svcFakes are the fakes of one case beside fakeStores.
type svcFakes struct {
	reports  *fakeReports
	figures  *fakeFigures
	messages *fakeMessages
	exports  *fakeExports
}

// svcCase is a pageCase whose handlers also read the reports area, the
// public figures and survey, the messages area and the exports: each is
// a fake with the case's functions (none: every call fails the case).
type svcCase struct {
	pageCase
	reports  func(f *fakeReports)
	figures  func(f *fakeFigures)
	messages func(f *fakeMessages)
	exports  func(f *fakeExports)
	// noExports leaves the console without its export (off).
	noExports bool
	after     func(t *testing.T, s *svcFakes, rw *httptest.ResponseRecorder)
}

func runSvcPages(t *testing.T, routes func(w *Web, p *Public) map[string]HandlerFunc, cases []svcCase) {
	t.Helper()
	pcs := make([]pageCase, 0, len(cases))
	for _, c := range cases {
		pc := c.pageCase
		s := &svcFakes{}
		fake, setup, check := pc.fake, pc.setup, pc.check
		pc.fake = func(f *fakeStores) {
			// The case's own t, for the fakes' failures.
			s.reports, s.figures, s.messages, s.exports = &fakeReports{t: f.t}, &fakeFigures{t: f.t}, &fakeMessages{t: f.t}, &fakeExports{t: f.t}
			if fake != nil {
				fake(f)
			}
		}
		pc.setup = func(w *Web) {
			if c.reports != nil {
				c.reports(s.reports)
			}
			if c.figures != nil {
				c.figures(s.figures)
			}
			if c.messages != nil {
				c.messages(s.messages)
			}
			if c.exports != nil {
				c.exports(s.exports)
			}
			w.Stores.Reports, w.Stores.Figures, w.Stores.Messages, w.Stores.Exports = s.reports, s.figures, s.messages, s.exports
			if c.noExports {
				w.Stores.Exports = nil
			}
			if setup != nil {
				setup(w)
			}
		}
		pc.check = func(t *testing.T, f *fakeStores, rw *httptest.ResponseRecorder) {
			if check != nil {
				check(t, f, rw)
			}
			if c.after != nil {
				c.after(t, s, rw)
			}
		}
		pcs = append(pcs, pc)
	}
	runPages(t, routes, pcs)
}

// errStoreDown is a store's own failure: its words must not reach the page.
var errStoreDown = errors.New("Reports(): pq: relation \"reports\" does not exist")

var leak = []string{"pq:", "relation", "Reports()"}

const forbidden = "Peran Anda tidak berhak melakukan tindakan ini."
const internalErr = "Terjadi kesalahan pada sistem."

func dailyReport(st report.Status) *report.Report {
	due := time.Date(2026, 3, 2, 23, 59, 0, 0, aduan.WIB)
	return &report.Report{ID: 21, Kind: report.Daily, Status: st, OwnerID: 5, OwnerName: "Petugas Uji", Day: "2026-03-02",
		From: time.Date(2026, 3, 2, 0, 0, 0, 0, aduan.WIB), To: time.Date(2026, 3, 3, 0, 0, 0, 0, aduan.WIB),
		Title: "Laporan harian Petugas Uji 2 Maret 2026", Narrative: "Gangguan telepon pukul 10", DueAt: &due, Version: 2}
}

func monthlyReport(st report.Status) *report.Report {
	data, _ := json.Marshal(report.MonthlyData{Volume: report.Volume{Total: 1234}})
	sub := pageNow.Add(-time.Hour)
	return &report.Report{ID: 31, Kind: report.Monthly, Status: st, OwnerID: 6, OwnerName: "Koordinator Uji",
		From: time.Date(2026, 2, 1, 0, 0, 0, 0, aduan.WIB), To: time.Date(2026, 3, 1, 0, 0, 0, 0, aduan.WIB),
		Title: "Laporan bulanan Februari 2026", Narrative: "Volume naik karena banjir", Versions: 1, Version: 4, SubmittedAt: &sub,
		History: []report.Version{{Seq: 1, Data: data, Narrative: "Volume naik karena banjir", SubmittedName: "Koordinator Uji", SubmittedAt: sub}}}
}

func reportRoutes(w *Web, p *Public) map[string]HandlerFunc {
	return map[string]HandlerFunc{"GET /reports": w.Reports, "GET /reports/daily": w.DailyReport, "POST /reports/daily": w.SubmitDaily,
		"GET /reports/monthly/new": w.NewMonthly, "POST /reports/monthly/new": w.CreateMonthly,
		"GET /reports/{id}": w.ReportPage, "POST /reports/{id}/action": w.ReportActionForm}
}

// TestReportPageHandlers checks the reports area with its store and
// documents' service replaced by fakes: the operator's daily report, the
// overview, the monthly draft, one report and its steps (save, submit,
// return, paraf).
func TestReportPageHandlers(t *testing.T) {
	// noneToday is an operator without a daily report today, with one
	// past report.
	noneToday := func(f *fakeReports) {
		f.reports = func(fl store.ReportFilter) ([]*report.Report, int64, error) {
			if fl.Kind != report.Daily || fl.OwnerID != 5 {
				t.Errorf("listed %+v", fl)
			}
			if fl.From != "" {
				if fl.From != "2026-03-02" || fl.To != "2026-03-03" {
					t.Errorf("today's report looked up as %+v", fl)
				}
				return nil, 0, nil
			}
			past := dailyReport(report.StatusSubmitted)
			past.ID, past.Day = 20, "2026-02-27"
			return []*report.Report{past}, 1, nil
		}
		f.dailyData = func(op int64, day string) (*report.DailyData, error) {
			if op != 5 || day != "2026-03-02" {
				t.Errorf("daily data of %d on %s", op, day)
			}
			return &report.DailyData{Day: day, Recorded: 17, ByChannel: []report.Count{{Key: "phone", N: 17}}}, nil
		}
	}
	// startedToday is an operator whose draft of today is started.
	startedToday := func(f *fakeReports) {
		f.reports = func(fl store.ReportFilter) ([]*report.Report, int64, error) {
			return []*report.Report{dailyReport(report.StatusDraft)}, 1, nil
		}
		f.report = func(id int64) (*report.Report, error) {
			if id != 21 {
				t.Errorf("report %d", id)
			}
			return dailyReport(report.StatusDraft), nil
		}
		f.reportData = func(*report.Report) (json.RawMessage, error) {
			return json.Marshal(report.DailyData{Day: "2026-03-02", Recorded: 9})
		}
	}
	with := func(fills ...func(f *fakeReports)) func(f *fakeReports) {
		return func(f *fakeReports) {
			for _, fill := range fills {
				fill(f)
			}
		}
	}
	oneReport := func(rep *report.Report) func(f *fakeReports) {
		return func(f *fakeReports) {
			f.report = func(id int64) (*report.Report, error) {
				if id != rep.ID {
					t.Errorf("report %d", id)
				}
				return rep, nil
			}
		}
	}
	paraf := url.Values{"version": {"4"}, "action": {"paraf"}, "confirm": {"1"}}
	runSvcPages(t, reportRoutes, []svcCase{
		// The operator's daily report.
		{pageCase: pageCase{name: "an operator's daily report before it is started shows today's figures and the past reports", method: "GET",
			path: "/reports/daily", role: aduan.RoleOperatorCC, status: 200,
			want: []string{"Laporan harian saya", `data-fig="recorded">17<`, "27 Februari 2026", `href="/reports/20"`, `id="daily-submit"`}},
			reports: noneToday},
		{pageCase: pageCase{name: "a started daily report shows its live figures and notes", method: "GET", path: "/reports/daily",
			role: aduan.RoleOperatorCC, status: 200, want: []string{`data-fig="recorded">9<`, "Gangguan telepon pukul 10", `href="/reports/21"`}},
			reports: startedToday},
		{pageCase: pageCase{name: "a kasi writes no daily report", method: "GET", path: "/reports/daily", role: aduan.RoleKasiKabid,
			status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "daily figures the store fails to compile are a 500 that tells nothing", method: "GET", path: "/reports/daily",
			role: aduan.RoleOperatorCC, status: 500, want: []string{internalErr}, notWant: leak},
			reports: with(noneToday, func(f *fakeReports) {
				f.dailyData = func(int64, string) (*report.DailyData, error) { return nil, errStoreDown }
			})},

		{pageCase: pageCase{name: "the first save of the notes starts today's report with them", method: "POST", path: "/reports/daily",
			role: aduan.RoleOperatorCC, form: url.Values{"narrative": {"  Sistem lambat pagi hari \n"}, "save": {"1"}}, status: 303,
			check: sentTo("/reports/daily?ok=web.ok.rep_saved")},
			reports: with(noneToday, func(f *fakeReports) {
				f.create = func(in report.NewReport) (*report.Report, error) {
					if in.Kind != report.Daily || in.Day != "2026-03-02" || in.Narrative != "Sistem lambat pagi hari" {
						t.Errorf("created %+v", in)
					}
					return dailyReport(report.StatusDraft), nil
				}
			}),
			after: func(t *testing.T, s *svcFakes, _ *httptest.ResponseRecorder) {
				if s.reports.called("Act") {
					t.Error("a save submitted the report")
				}
			}},
		{pageCase: pageCase{name: "submitting today's report saves changed notes and submits the version saved", method: "POST", path: "/reports/daily",
			role: aduan.RoleOperatorCC, form: url.Values{"narrative": {"Gangguan telepon pukul 10 dan 14"}, "submit": {"1"}}, status: 303,
			check: sentTo("/reports/daily?ok=web.ok.rep_submitted")},
			reports: with(startedToday, func(f *fakeReports) {
				f.edit = func(id, version int64, n string) (*report.Report, error) {
					if id != 21 || version != 2 || n != "Gangguan telepon pukul 10 dan 14" {
						t.Errorf("edited %d v%d %q", id, version, n)
					}
					r := dailyReport(report.StatusDraft)
					r.Version, r.Narrative = 3, n
					return r, nil
				}
				f.act = func(id, version int64, a report.Action, _ string) (*report.Report, error) {
					if id != 21 || version != 3 || a != report.ActionSubmit {
						t.Errorf("act %d v%d %s", id, version, a)
					}
					return nil, nil
				}
			})},
		{pageCase: pageCase{name: "notes over the limit are named on the page and nothing is started", method: "POST", path: "/reports/daily",
			role: aduan.RoleOperatorCC, form: url.Values{"narrative": {strings.Repeat("a", report.MaxNarrative+1)}, "submit": {"1"}}, status: 422,
			want: []string{"Laporan harian saya", "aria-invalid"}},
			reports: noneToday},
		{pageCase: pageCase{name: "a kasi's daily report refused by the store is a 403, nothing started", method: "POST", path: "/reports/daily",
			role: aduan.RoleKasiKabid, form: url.Values{"narrative": {"catatan"}}, status: 403, want: []string{forbidden}},
			reports: func(f *fakeReports) {
				f.reports = func(store.ReportFilter) ([]*report.Report, int64, error) { return nil, 0, nil }
				f.create = func(report.NewReport) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "a submit the documents' service fails is a 500 that tells nothing", method: "POST", path: "/reports/daily",
			role: aduan.RoleOperatorCC, form: url.Values{"narrative": {"Gangguan telepon pukul 10"}, "submit": {"1"}}, status: 500,
			want: []string{internalErr}, notWant: leak},
			reports: with(startedToday, func(f *fakeReports) {
				f.act = func(int64, int64, report.Action, string) (*report.Report, error) { return nil, errStoreDown }
			})},

		// The overview.
		{pageCase: pageCase{name: "the koordinator's overview shows the week's daily reports and the monthly ones", method: "GET", path: "/reports",
			role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Siti Operator", `href="/reports/20"`, "Laporan bulanan Februari 2026", `id="new-monthly"`}},
			reports: func(f *fakeReports) {
				f.dailyStatus = func(from, to time.Time) ([]report.DailyStatusLine, error) {
					if !to.Equal(time.Date(2026, 3, 3, 0, 0, 0, 0, aduan.WIB)) || to.Sub(from) != 7*24*time.Hour {
						t.Errorf("days %v to %v", from, to)
					}
					return []report.DailyStatusLine{{OperatorID: 8, OperatorName: "Siti Operator", Day: "2026-03-01", ReportID: 20, State: report.DailyOnTime}}, nil
				}
				f.reports = func(fl store.ReportFilter) ([]*report.Report, int64, error) {
					if fl.Kind != report.Monthly {
						t.Errorf("listed %+v", fl)
					}
					return []*report.Report{monthlyReport(report.StatusSubmitted)}, 1, nil
				}
			}},
		{pageCase: pageCase{name: "an operator's overview is their daily report", method: "GET", path: "/reports", role: aduan.RoleOperatorCC,
			status: 303, check: sentTo("/reports/daily")}},
		{pageCase: pageCase{name: "the admin has no reports", method: "GET", path: "/reports", role: aduan.RoleAdmin, status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "an agency head sees the agency's month, not the call center's daily reports", method: "GET", path: "/reports",
			role: aduan.RolePimpinanPD, status: 200, want: []string{"Dinas Perhubungan", `id="agency-figures"`, `id="agency-figures-prev"`},
			notWant: []string{"daily-status"}},
			reports: func(f *fakeReports) {
				f.reports = func(store.ReportFilter) ([]*report.Report, int64, error) { return nil, 0, nil }
				f.monthlyData = func(from, to time.Time, fl report.Filter) (*report.MonthlyData, error) {
					if fl.AgencyID != 2 {
						t.Errorf("figures of %+v", fl)
					}
					return &report.MonthlyData{From: from, To: to}, nil
				}
			}},
		{pageCase: pageCase{name: "an overview the store fails to read is a 500 that tells nothing", method: "GET", path: "/reports",
			role: aduan.RoleKasiKabid, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) {
				f.dailyStatus = func(time.Time, time.Time) ([]report.DailyStatusLine, error) { return nil, errStoreDown }
			}},

		// The monthly draft.
		{pageCase: pageCase{name: "the monthly form offers last month", method: "GET", path: "/reports/monthly/new", role: aduan.RoleKoordinatorCC,
			status: 200, want: []string{"Susun laporan bulanan", `name="month" value="2026-02"`, "Pancoran Mas"}}},
		{pageCase: pageCase{name: "the monthly preview shows the month's figures", method: "GET", path: "/reports/monthly/new?month=2026-02&preview=1&agency_id=2",
			role: aduan.RoleKoordinatorCC, status: 200, want: []string{"Susun laporan bulanan", "1.234"}, notWant: []string{"provisional-note"}},
			reports: func(f *fakeReports) {
				f.monthlyData = func(from, to time.Time, fl report.Filter) (*report.MonthlyData, error) {
					if !from.Equal(time.Date(2026, 2, 1, 0, 0, 0, 0, aduan.WIB)) || !to.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, aduan.WIB)) || fl.AgencyID != 2 {
						t.Errorf("figures %v-%v %+v", from, to, fl)
					}
					return &report.MonthlyData{From: from, To: to, Volume: report.Volume{Total: 1234}}, nil
				}
			}},
		{pageCase: pageCase{name: "a month that is no month is named and nothing is compiled", method: "GET", path: "/reports/monthly/new?month=2026-13&preview=1",
			role: aduan.RoleKoordinatorCC, status: 422, want: []string{i18n.T(i18n.ID, "err.report.month")}}},
		{pageCase: pageCase{name: "a kasi prepares no monthly report", method: "GET", path: "/reports/monthly/new", role: aduan.RoleKasiKabid,
			status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "a preview the store fails to compile is a 500 that tells nothing", method: "GET", path: "/reports/monthly/new?month=2026-02&preview=1",
			role: aduan.RoleKoordinatorCC, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) {
				f.monthlyData = func(time.Time, time.Time, report.Filter) (*report.MonthlyData, error) { return nil, errStoreDown }
			}},
		{pageCase: pageCase{name: "creating the monthly draft opens it", method: "POST", path: "/reports/monthly/new", role: aduan.RoleKoordinatorCC,
			form: url.Values{"month": {"2026-02"}, "kecamatan": {"32.76.01"}, "narrative": {"Ringkasan"}}, status: 303,
			check: sentTo("/reports/31?ok=web.ok.rep_created")},
			reports: func(f *fakeReports) {
				f.create = func(in report.NewReport) (*report.Report, error) {
					if in.Kind != report.Monthly || in.Month != "2026-02" || in.Filter.KecamatanCode != "32.76.01" || in.Narrative != "Ringkasan" {
						t.Errorf("created %+v", in)
					}
					return monthlyReport(report.StatusDraft), nil
				}
			}},
		{pageCase: pageCase{name: "a monthly draft the store refuses comes back with the reason and what was typed", method: "POST", path: "/reports/monthly/new",
			role: aduan.RoleKoordinatorCC, form: url.Values{"month": {"2026-02"}, "narrative": {"Ringkasan panjang"}}, status: 422,
			want: []string{i18n.T(i18n.ID, "err.report.month"), "Ringkasan panjang"}},
			reports: func(f *fakeReports) {
				f.create = func(report.NewReport) (*report.Report, error) {
					return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "month", Key: "err.report.month"}}}
				}
			}},
		{pageCase: pageCase{name: "a kasi's monthly draft refused by the store is a 403", method: "POST", path: "/reports/monthly/new",
			role: aduan.RoleKasiKabid, form: url.Values{"month": {"2026-02"}}, status: 403, want: []string{forbidden}},
			reports: func(f *fakeReports) {
				f.create = func(report.NewReport) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			}},
		{pageCase: pageCase{name: "a monthly draft the store fails to write is a 500 that tells nothing", method: "POST", path: "/reports/monthly/new",
			role: aduan.RoleKoordinatorCC, form: url.Values{"month": {"2026-02"}}, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) {
				f.create = func(report.NewReport) (*report.Report, error) { return nil, errStoreDown }
			}},

		// One report.
		{pageCase: pageCase{name: "a kasi reads a submitted monthly report with its figures and the decision", method: "GET", path: "/reports/31",
			role: aduan.RoleKasiKabid, status: 200,
			want:    []string{"Laporan bulanan Februari 2026", "Volume naik karena banjir", "1.234", `id="form-paraf"`, `id="form-return"`, "Koordinator Uji"},
			notWant: []string{`id="rep-submit"`}},
			reports: oneReport(monthlyReport(report.StatusSubmitted))},
		{pageCase: pageCase{name: "the operator's own draft shows its live figures and the submit button", method: "GET", path: "/reports/21",
			role: aduan.RoleOperatorCC, status: 200, want: []string{`data-fig="recorded">9<`, `id="rep-submit"`}, notWant: []string{`id="form-paraf"`}},
			reports: startedToday},
		{pageCase: pageCase{name: "a report that is no number is a 404 in Indonesian", method: "GET", path: "/reports/abc", role: aduan.RoleKasiKabid,
			status: 404, want: []string{"Laporan tidak ditemukan."}}},
		{pageCase: pageCase{name: "a report the reader may not see is a 404", method: "GET", path: "/reports/31", role: aduan.RolePimpinanPD,
			status: 404, want: []string{"Laporan tidak ditemukan."}, notWant: []string{"Volume naik"}},
			reports: func(f *fakeReports) {
				f.report = func(int64) (*report.Report, error) { return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report") }
			}},
		{pageCase: pageCase{name: "a report the store fails to read is a 500 that tells nothing", method: "GET", path: "/reports/31",
			role: aduan.RoleKasiKabid, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) { f.report = func(int64) (*report.Report, error) { return nil, errStoreDown } }},

		// Its steps.
		{pageCase: pageCase{name: "a kasi's paraf with the box ticked is taken on the version seen", method: "POST", path: "/reports/31/action",
			role: aduan.RoleKasiKabid, form: paraf, status: 303, check: sentTo("/reports/31?ok=web.ok.rep_paraf")},
			reports: with(oneReport(monthlyReport(report.StatusSubmitted)), func(f *fakeReports) {
				f.act = func(id, version int64, a report.Action, _ string) (*report.Report, error) {
					if id != 31 || version != 4 || a != report.ActionParaf {
						t.Errorf("act %d v%d %s", id, version, a)
					}
					return nil, nil
				}
			})},
		{pageCase: pageCase{name: "a kasi's return carries the comment", method: "POST", path: "/reports/31/action", role: aduan.RoleKasiKabid,
			form: url.Values{"version": {"4"}, "action": {"return"}, "comment": {"Tambahkan analisis"}}, status: 303,
			check: sentTo("/reports/31?ok=web.ok.rep_return")},
			reports: with(oneReport(monthlyReport(report.StatusSubmitted)), func(f *fakeReports) {
				f.act = func(_, _ int64, a report.Action, comment string) (*report.Report, error) {
					if a != report.ActionReturn || comment != "Tambahkan analisis" {
						t.Errorf("act %s %q", a, comment)
					}
					return nil, nil
				}
			})},
		{pageCase: pageCase{name: "a paraf without the box ticked is refused in Indonesian and not taken", method: "POST", path: "/reports/31/action",
			role: aduan.RoleKasiKabid, form: url.Values{"version": {"4"}, "action": {"paraf"}}, status: 422,
			want: []string{"Centang kotak konfirmasi dulu: paraf tidak dapat dibatalkan."}},
			reports: oneReport(monthlyReport(report.StatusSubmitted))},
		{pageCase: pageCase{name: "a step on a version changed since is a 409 and not taken", method: "POST", path: "/reports/31/action",
			role: aduan.RoleKasiKabid, form: url.Values{"version": {"3"}, "action": {"paraf"}, "confirm": {"1"}}, status: 409,
			want: []string{"Data ini baru saja diubah oleh orang lain."}},
			reports: oneReport(monthlyReport(report.StatusSubmitted))},
		{pageCase: pageCase{name: "an unknown step is named", method: "POST", path: "/reports/31/action", role: aduan.RoleKasiKabid,
			form: url.Values{"version": {"4"}, "action": {"hapus"}}, status: 400, want: []string{`Langkah laporan &#34;hapus&#34; tidak dikenal.`}},
			reports: oneReport(monthlyReport(report.StatusSubmitted))},
		{pageCase: pageCase{name: "an operator's paraf refused by the service is said on the page", method: "POST", path: "/reports/31/action",
			role: aduan.RoleOperatorCC, form: paraf, status: 422, want: []string{forbidden}},
			reports: with(oneReport(monthlyReport(report.StatusSubmitted)), func(f *fakeReports) {
				f.act = func(int64, int64, report.Action, string) (*report.Report, error) {
					return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
				}
			})},
		{pageCase: pageCase{name: "saving the draft's narrative edits it and submits nothing", method: "POST", path: "/reports/31/action",
			role: aduan.RoleKoordinatorCC, form: url.Values{"version": {"4"}, "action": {"save"}, "narrative": {"Volume naik karena banjir bandang"}},
			status: 303, check: sentTo("/reports/31?ok=web.ok.rep_saved")},
			reports: with(oneReport(monthlyReport(report.StatusDraft)), func(f *fakeReports) {
				f.edit = func(id, version int64, n string) (*report.Report, error) {
					if id != 31 || version != 4 || n != "Volume naik karena banjir bandang" {
						t.Errorf("edited %d v%d %q", id, version, n)
					}
					return monthlyReport(report.StatusDraft), nil
				}
			})},
		{pageCase: pageCase{name: "a paraf the service fails is a 500 that tells nothing", method: "POST", path: "/reports/31/action",
			role: aduan.RoleKasiKabid, form: paraf, status: 500, want: []string{internalErr}, notWant: leak},
			reports: with(oneReport(monthlyReport(report.StatusSubmitted)), func(f *fakeReports) {
				f.act = func(int64, int64, report.Action, string) (*report.Report, error) { return nil, errStoreDown }
			})},
	})
}

// TestReachFiguresSurveyExportHandlers checks the agencies' reach page,
// the public figures, the survey form and the queue's export with their
// stores and the exporter replaced by fakes.
func TestReachFiguresSurveyExportHandlers(t *testing.T) {
	routes := func(w *Web, p *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /agencies/reach": w.Reach, "GET /angka": p.Figures, "GET /survei/{token}": p.SurveyPage,
			"POST /survei/{token}": p.Survey, "GET /queue/export/{format}": w.ExportQueue}
	}
	reaches := func(f *fakeReports) {
		f.reaches = func() ([]aduan.AgencyReach, error) {
			return []aduan.AgencyReach{
				{Agency: aduan.Agency{ID: 2, Code: "DISHUB", Name: "Dinas Perhubungan", Email: "dishub@depok.go.id"}, Operators: 2, OperatorMobiles: 1},
				{Agency: aduan.Agency{ID: 4, Code: "DISDUK", Name: "Dinas Kependudukan"}, Operators: 0},
			}, nil
		}
	}
	figuresOf := func(year int) func(f *fakeFigures) {
		return func(f *fakeFigures) {
			f.figures = func(y int) (*report.PublicFigures, error) {
				if y != year {
					t.Errorf("figures of %d, want %d", y, year)
				}
				return &report.PublicFigures{Year: y, Months: []report.PublicMonth{{Month: "2025-01", Received: 1234, Closed: 1100, Steps: 10, StepsMet: 9, Rate: 90}},
					Agencies: []report.Compliance{{Name: "Dinas Perhubungan", Total: 10, Met: 9, Rate: 90}}}, nil
			}
		}
	}
	link := func(l *store.SKMLinkInfo) func(f *fakeFigures) {
		return func(f *fakeFigures) {
			f.link = func(token string) (*store.SKMLinkInfo, error) {
				if token != "tok3n" {
					t.Errorf("token %q", token)
				}
				if l == nil {
					return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
				}
				return l, nil
			}
		}
	}
	open := &store.SKMLinkInfo{ID: 1, ComplaintID: 7, Number: "ADU-2026-000007", ExpiresAt: pageNow.Add(24 * time.Hour)}
	expired := &store.SKMLinkInfo{ID: 1, ComplaintID: 7, Number: "ADU-2026-000007", ExpiresAt: pageNow.Add(-time.Minute)}
	answered := &store.SKMLinkInfo{ID: 1, ComplaintID: 7, Number: "ADU-2026-000007", ExpiresAt: pageNow.Add(time.Hour), AnsweredAt: &pageNow}
	answers := func() url.Values {
		v := url.Values{"umur": {"34"}, "saran": {"Cepat ditangani"}}
		for i := range aduan.SKMUnsurs {
			v.Set(aduan.SKMField(i), "4")
		}
		return v
	}
	exported := func(f *fakeExports) {
		f.complaints = func(rw http.ResponseWriter, fl aduan.ComplaintFilter, format, progress string, lang i18n.Lang, q url.Values) error {
			if format != "csv" || fl.AgencyID != 2 || q.Get("agency_id") != "2" || q.Get("lang") != "id" || progress != "p1" || q.Get("progress") != "p1" {
				t.Errorf("exported %s %+v %v %q", format, fl, q, progress)
			}
			rw.Header().Set("Content-Type", "text/csv")
			_, err := rw.Write([]byte("nomor,status\nADU-2026-000007,diteruskan\n"))
			return err
		}
	}
	runSvcPages(t, routes, []svcCase{
		// The agencies' reach.
		{pageCase: pageCase{name: "the reach page names the agencies a forward cannot notify and those without operators", method: "GET",
			path: "/agencies/reach", role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"Tidak dapat diberi tahu: 1 dari 2 PD", "Tanpa operator: 1 dari 2 PD", `data-code="DISDUK"`}, notWant: []string{`data-code="DISHUB"`}},
			reports: reaches},
		{pageCase: pageCase{name: "the reach page a role may not read is the store's 403", method: "GET", path: "/agencies/reach",
			role: aduan.RoleOperatorPD, status: 403, want: []string{forbidden}, notWant: []string{"Dinas Kependudukan"}},
			reports: func(f *fakeReports) {
				f.reaches = func() ([]aduan.AgencyReach, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			}},
		{pageCase: pageCase{name: "a reach the store fails to read is a 500 that tells nothing", method: "GET", path: "/agencies/reach",
			role: aduan.RoleAdmin, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) { f.reaches = func() ([]aduan.AgencyReach, error) { return nil, errStoreDown } }},

		// The public figures.
		{pageCase: pageCase{name: "the public figures of a year show its months and agencies, cacheable", method: "GET", path: "/angka?tahun=2025",
			status: 200, want: []string{"Angka pengaduan 2025", "1.234", "Dinas Perhubungan", "90,0%"},
			check: func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
				if cc := rw.Header().Get("Cache-Control"); cc != "public, max-age=300" {
					t.Errorf("Cache-Control %q", cc)
				}
			}},
			figures: figuresOf(2025)},
		{pageCase: pageCase{name: "the figures default to this year", method: "GET", path: "/angka", status: 200, want: []string{"Angka pengaduan 2026"}},
			figures: figuresOf(2026)},
		{pageCase: pageCase{name: "a year after this one is refused in Indonesian and nothing is compiled", method: "GET", path: "/angka?tahun=2027",
			status: 400, want: []string{"Tahun harus antara 2000 dan 2026."}}},
		{pageCase: pageCase{name: "figures the store fails to compile are a 500 that tells nothing", method: "GET", path: "/angka",
			status: 500, want: []string{internalErr}, notWant: leak},
			figures: func(f *fakeFigures) {
				f.figures = func(int) (*report.PublicFigures, error) { return nil, errStoreDown }
			}},

		// The survey.
		{pageCase: pageCase{name: "an open survey link shows the form for its complaint, and tells no page its token", method: "GET", path: "/survei/tok3n",
			status: 200, want: []string{"ADU-2026-000007", `name="u1"`, `name="u9"`},
			check: func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
				if rw.Header().Get("Referrer-Policy") != "no-referrer" {
					t.Error("the token may leak in a Referer")
				}
			}},
			figures: link(open)},
		{pageCase: pageCase{name: "an unknown link says so", method: "GET", path: "/survei/tok3n", status: 404, want: []string{i18n.T(i18n.ID, "skm.unknown")}},
			figures: link(nil)},
		{pageCase: pageCase{name: "an expired link says so and offers no form", method: "GET", path: "/survei/tok3n", status: 410,
			want: []string{i18n.T(i18n.ID, "skm.expired", "ADU-2026-000007")}, notWant: []string{`name="u1"`}},
			figures: link(expired)},
		{pageCase: pageCase{name: "a link answered before says so and offers no form", method: "GET", path: "/survei/tok3n", status: 409,
			want: []string{"sudah diisi"}, notWant: []string{`name="u1"`}},
			figures: link(answered)},
		{pageCase: pageCase{name: "a survey answered thanks the citizen", method: "POST", path: "/survei/tok3n", form: answers(), status: 200,
			want: []string{i18n.T(i18n.ID, "skm.thanks", "ADU-2026-000007")}},
			figures: func(f *fakeFigures) {
				link(open)(f)
				f.answer = func(_ string, a aduan.SKMAnswer) error {
					if a.Scores[0] != 4 || a.Scores[8] != 4 || a.Age != 34 || a.Comment != "Cepat ditangani" {
						t.Errorf("answered %+v", a)
					}
					return nil
				}
			}},
		{pageCase: pageCase{name: "a survey refused by the store is shown again as chosen, with the reason", method: "POST", path: "/survei/tok3n",
			form: answers(), status: 400, want: []string{"Wajib diisi.", "Cepat ditangani", `value="34"`}},
			figures: func(f *fakeFigures) {
				link(open)(f)
				f.answer = func(string, aduan.SKMAnswer) error {
					return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "u3", Key: "err.field.required"}}}
				}
			}},
		{pageCase: pageCase{name: "an answer to an unknown link records nothing", method: "POST", path: "/survei/tok3n", form: answers(), status: 404,
			want: []string{i18n.T(i18n.ID, "skm.unknown")}},
			figures: link(nil)},
		{pageCase: pageCase{name: "an answer the store fails to record is a 500 that tells nothing", method: "POST", path: "/survei/tok3n",
			form: answers(), status: 500, want: []string{internalErr}, notWant: leak},
			figures: func(f *fakeFigures) {
				link(open)(f)
				f.answer = func(string, aduan.SKMAnswer) error { return errStoreDown }
			}},

		// The queue's export.
		{pageCase: pageCase{name: "the queue's export gets the queue's filters, the console's language and the progress name", method: "GET",
			path: "/queue/export/csv?status=open&agency=2&progress=p1&cursor=9", role: aduan.RoleKoordinatorCC, status: 200,
			want: []string{"ADU-2026-000007,diteruskan"}},
			exports: exported},
		{pageCase: pageCase{name: "the admin exports no complaints", method: "GET", path: "/queue/export/csv", role: aduan.RoleAdmin,
			status: 403, want: []string{forbidden}}},
		{pageCase: pageCase{name: "an export in no known format is a 404 naming it", method: "GET", path: "/queue/export/pdf",
			role: aduan.RoleKoordinatorCC, status: 404, want: []string{"pdf"}}},
		{pageCase: pageCase{name: "a console without its exporter says it cannot, with a retry", method: "GET", path: "/queue/export/csv",
			role: aduan.RoleKoordinatorCC, status: 503,
			check: func(t *testing.T, _ *fakeStores, rw *httptest.ResponseRecorder) {
				if rw.Header().Get("Retry-After") == "" {
					t.Error("no Retry-After")
				}
			}},
			noExports: true},
		{pageCase: pageCase{name: "an export that fails before it starts is a 500 that tells nothing", method: "GET", path: "/queue/export/xlsx",
			role: aduan.RoleKoordinatorCC, status: 500, want: []string{internalErr}, notWant: leak},
			exports: func(f *fakeExports) {
				f.complaints = func(http.ResponseWriter, aduan.ComplaintFilter, string, string, i18n.Lang, url.Values) error {
					return errStoreDown
				}
			}},
	})
}

// dashLapor is the LAPOR! store of the dashboard's cases: only this
// month's compliance is read there.
type dashLapor struct {
	LaporData
	t          *testing.T
	compliance func(from, to time.Time) (store.LaporCompliance, error)
}

func (l dashLapor) Compliance(_ context.Context, _ aduan.Actor, from, to, _ time.Time) (store.LaporCompliance, error) {
	if l.compliance == nil {
		l.t.Fatalf("the handler called Compliance, which this case must not reach")
	}
	return l.compliance(from, to)
}

// TestDashboardHandler checks the dashboard with its stores replaced by
// fakes: the figures of the month, the reports awaiting the kasi's
// paraf, the messages under review (without whom or what), the late
// complaints page by page, and the agency head's own agency.
func TestDashboardHandler(t *testing.T) {
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /dashboard": w.Dashboard}
	}
	lapor := func(w *Web) {
		w.Stores.Lapor = dashLapor{t: t, compliance: func(from, to time.Time) (store.LaporCompliance, error) {
			if !from.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, aduan.WIB)) || !to.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, aduan.WIB)) {
				t.Errorf("LAPOR! of %v to %v", from, to)
			}
			return store.LaporCompliance{}, nil
		}}
	}
	confidential := pageComplaint(aduan.StatusForwarded)
	confidential.Confidentiality, confidential.Text = aduan.Confidential, "Pungutan liar di kantor kelurahan"
	overdue := func(list ...*aduan.Complaint) func(f *fakeStores) {
		return func(f *fakeStores) {
			f.urgency = func(fl aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
				if !fl.Overdue || fl.Open == nil || !*fl.Open || fl.Limit != 20 {
					t.Errorf("late complaints %+v", fl)
				}
				if fl.Offset == 20 {
					return list, 40, nil
				}
				return list, 0, nil
			}
		}
	}
	figures := func(f *fakeReports) {
		f.dashboard = func(now time.Time) (*store.Dashboard, error) {
			if !now.Equal(pageNow) {
				t.Errorf("dashboard at %v", now)
			}
			return &store.Dashboard{Today: 12, Month: 345, OverdueTotal: 41, OpenAll: 90,
				OpenByAgency:   []store.AgencyLoad{{ID: 2, Name: "Dinas Perhubungan", Open: 30, Late: 4}},
				StepCompliance: []store.Compliance{{Key: "forward", Met: 9, Total: 10}},
				MonthByDay:     []store.Count{{Key: "2026-03-02", N: 12}}}, nil
		}
		f.satisfaction = func(from, to time.Time) (report.Satisfaction, error) {
			return report.Satisfaction{Collected: true, Responses: 4, Average: 4.5, Distribution: [5]int{0, 0, 0, 2, 2}}, nil
		}
		f.holiday = func() (int, error) { return 0, nil }
	}
	awaiting := func(f *fakeReports) {
		f.reports = func(fl store.ReportFilter) ([]*report.Report, int64, error) {
			if fl.Status != report.StatusSubmitted {
				t.Errorf("listed %+v", fl)
			}
			if fl.Kind == report.Monthly {
				return []*report.Report{monthlyReport(report.StatusSubmitted)}, 1, nil
			}
			return nil, 0, nil
		}
	}
	with := func(fills ...func(f *fakeReports)) func(f *fakeReports) {
		return func(f *fakeReports) {
			for _, fill := range fills {
				fill(f)
			}
		}
	}
	runSvcPages(t, routes, []svcCase{
		{pageCase: pageCase{name: "a kasi's dashboard shows the month, the reports awaiting the paraf and the late complaints, no caller",
			method: "GET", path: "/dashboard", role: aduan.RoleKasiKabid, fake: overdue(confidential), setup: lapor, status: 200,
			want:    []string{"345", "Dinas Perhubungan", "Laporan bulanan Februari 2026", `id="await-paraf"`, "ADU-2026-000007"},
			notWant: append([]string{"Pungutan liar", `id="review-tile"`}, personal...)},
			reports: with(figures, awaiting)},
		{pageCase: pageCase{name: "the koordinator's dashboard counts the messages under review, naming no one and no text",
			method: "GET", path: "/dashboard", role: aduan.RoleKoordinatorCC, fake: overdue(), setup: lapor, status: 200,
			want: []string{`id="review-tile"`, `id="review-41"`, "ADU-2026-000007"}, notWant: citizenSMS},
			reports: figures,
			messages: func(f *fakeMessages) {
				f.reviewCount = func() (int64, error) { return 1, nil }
				f.reviewList = func(limit int) ([]*channel.Message, error) {
					if limit != 10 {
						t.Errorf("review rows %d", limit)
					}
					m := failedSMS()
					m.Status = channel.StatusReview
					return []*channel.Message{m}, nil
				}
			}},
		{pageCase: pageCase{name: "a missing holiday table is warned of", method: "GET", path: "/dashboard", role: aduan.RoleKoordinatorCC,
			fake: overdue(), setup: lapor, status: 200, want: []string{`data-warning="holidays"`, "2027"}},
			reports:  with(figures, func(f *fakeReports) { f.holiday = func() (int, error) { return 2027, nil } }),
			messages: func(f *fakeMessages) { f.reviewCount = func() (int64, error) { return 0, nil } }},
		{pageCase: pageCase{name: "the late complaints go on page by page", method: "GET", path: "/dashboard?late=20", role: aduan.RoleKasiKabid,
			fake: overdue(pageComplaint(aduan.StatusForwarded)), setup: lapor, status: 200,
			want: []string{`href="?late=0#overdue"`, `href="?late=40#overdue"`}},
			reports: with(figures, awaiting)},
		{pageCase: pageCase{name: "an agency head's dashboard names the agency", method: "GET", path: "/dashboard", role: aduan.RolePimpinanPD,
			fake: overdue(), setup: lapor, status: 200, want: []string{"Dinas Perhubungan"}, notWant: []string{`id="await-paraf"`, `id="review-tile"`}},
			reports: figures},
		{pageCase: pageCase{name: "a dashboard the store refuses the role is its 403", method: "GET", path: "/dashboard", role: aduan.RoleAdmin,
			status: 403, want: []string{forbidden}},
			reports: func(f *fakeReports) {
				f.dashboard = func(time.Time) (*store.Dashboard, error) { return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden") }
			}},
		{pageCase: pageCase{name: "a dashboard the store fails to compute is a 500 that tells nothing", method: "GET", path: "/dashboard",
			role: aduan.RoleKasiKabid, status: 500, want: []string{internalErr}, notWant: leak},
			reports: func(f *fakeReports) {
				f.dashboard = func(time.Time) (*store.Dashboard, error) { return nil, errStoreDown }
			}},
	})
}
