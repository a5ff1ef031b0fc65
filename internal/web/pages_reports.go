package web

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// The reports area's pages (SOP steps 11–14): the operator's daily report
// (/reports/daily), the coordinator's and section head's overview
// (/reports), the monthly draft (/reports/monthly/new), one report with its
// versions, review and paraf (/reports/{id}), the public check of a copy
// (/verify, pages_verify.go) and the queue's exports (pages_export.go).
// They call the store and report packages directly, with the same rules as
// the JSON API.

// figures is a report's decoded figures with the charts built from them.
type figures struct {
	Daily   *report.DailyData
	Monthly *report.MonthlyData
	// Annual is the PPID's annual public-information service report.
	Annual *report.InfoAnnual
	Live   bool
	// Charts of a monthly report.
	DayChart  template.HTML
	Steps     []BarItem
	Agencies  []BarItem
	Channels  []BarItem
	Operators []BarItem
	KecMax    int
	Change    string // against the previous period
}

// DurMS formats milliseconds for people.
func (p *Page) DurMS(ms int64) string {
	return i18n.Duration(p.Lang, time.Duration(ms)*time.Millisecond)
}

// Std writes a step's standard ("10 menit" in the figures) in the reader's
// language: 10 min, 2 h, 3 working days.
func (p *Page) Std(s string) string {
	n, unit, ok := strings.Cut(s, " ")
	if !ok || !i18n.Has("rep.unit."+unit) {
		return s
	}
	return n + " " + i18n.T(p.Lang, "rep.unit."+unit)
}

// Day writes a calendar day given as YYYY-MM-DD the reader's way: 2
// November 2026; anything else comes back as it is.
func (p *Page) Day(s string) string {
	from, _, ok := report.DayRange(s, p.zone())
	if !ok {
		return s
	}
	return i18n.Date(p.Lang, from)
}

// DayShort is a day for a narrow column heading: Sen, 2 Nov.
func (p *Page) DayShort(s string) string {
	from, _, ok := report.DayRange(s, p.zone())
	if !ok {
		return s
	}
	return fmt.Sprintf("%s, %d %s", string([]rune(i18n.Weekday(p.Lang, from))[:3]), from.Day(), i18n.MonthShort(p.Lang, from.Month()))
}

// signedPct is a change in percent with its sign: +12,5%, -3,0%.
func signedPct(lang i18n.Lang, v float64) string {
	if v > 0 {
		return "+" + i18n.Percent(lang, v)
	}
	return i18n.Percent(lang, v)
}

func decodeFigures(k report.Kind, data json.RawMessage, lang i18n.Lang) (*figures, error) {
	if len(data) == 0 {
		return nil, nil
	}
	f := &figures{}
	if k == report.Daily {
		f.Daily = &report.DailyData{}
		if err := json.Unmarshal(data, f.Daily); err != nil {
			return nil, err
		}
		return f, nil
	}
	if k == report.Annual {
		f.Annual = &report.InfoAnnual{}
		if err := json.Unmarshal(data, f.Annual); err != nil {
			return nil, err
		}
		return f, nil
	}
	f.Monthly = &report.MonthlyData{}
	if err := json.Unmarshal(data, f.Monthly); err != nil {
		return nil, err
	}
	f.charts(lang)
	return f, nil
}

func rateClass(rate float64) string {
	switch {
	case rate >= 90:
		return "ok"
	case rate >= 70:
		return "warn"
	}
	return "bad"
}

// charts builds the monthly charts, every figure written the reader's way.
func (f *figures) charts(lang i18n.Lang) {
	m := f.Monthly
	pct := func(v float64) string { return i18n.Percent(lang, v) }
	num := func(n int) string { return i18n.Number(lang, int64(n)) }
	f.Change = "–"
	if c := m.Volume.ChangePct; c != nil {
		f.Change = signedPct(lang, *c)
	}
	var labels []string
	var values []float64
	for _, d := range m.Volume.ByDay {
		label := d.Day
		if len(label) == 10 {
			label = label[8:] + "/" + label[5:7]
		}
		labels = append(labels, label)
		values = append(values, float64(d.N))
	}
	f.DayChart = columnChart(labels, values, func(v float64) string { return i18n.Number(lang, int64(v)) }, 640)
	for _, s := range m.Steps {
		if s.Total == 0 {
			continue
		}
		f.Steps = append(f.Steps, BarItem{Label: s.SOP + ". " + i18n.T(lang, "step."+s.Step), Value: s.Rate, Text: pct(s.Rate), Class: rateClass(s.Rate)})
	}
	for _, a := range m.Agencies {
		if a.Total == 0 {
			continue
		}
		f.Agencies = append(f.Agencies, BarItem{Label: a.Name, Value: a.Rate, Text: pct(a.Rate) + " (" + num(a.Total) + ")", Class: rateClass(a.Rate)})
	}
	for _, o := range m.Operators {
		if o.Total == 0 {
			continue
		}
		f.Operators = append(f.Operators, BarItem{Label: o.Name, Value: o.Rate, Text: pct(o.Rate) + " (" + num(o.Total) + ")", Class: rateClass(o.Rate)})
	}
	for _, c := range m.Volume.ByChannel {
		f.Channels = append(f.Channels, BarItem{Label: i18n.T(lang, "channel."+c.Key), Value: float64(c.N), Text: num(c.N) + " (" + num(c.Previous) + ")"})
	}
	for _, k := range m.Kecamatan {
		if k.N > f.KecMax {
			f.KecMax = k.N
		}
	}
}

// reportView is one report as its page shows it.
type reportView struct {
	R        *report.Report
	Figures  *figures
	Actions  []string
	Editable bool
	State    string // daily: on_time, late, missing, pending
	// Provisional: a monthly report whose period runs still; its figures
	// are sementara and it can be neither submitted nor initialled.
	Provisional bool
	Ends        string // the day from which a provisional report can be submitted
	Versions    []report.Version
	Events      []report.Event
	// CanCorrect: the coordinator (the PPID Utama for the annual report)
	// may start a correction of this final report (one that no correction
	// has replaced yet); CorrectAction is where the correction is started.
	CanCorrect    bool
	CorrectAction string
	// Workbook: the report has an XLSX beside its PDF (the annual report,
	// a letter, has none).
	Workbook bool
}

func (w *Web) viewReport(r *http.Request, rep *report.Report, live bool) (*reportView, error) {
	act, lang := actorOf(r), langOf(r)
	v := &reportView{R: rep, Editable: rep.Editable() && rep.OwnerID == act.UserID, Versions: rep.History, Events: rep.Events,
		CanCorrect:    rep.Kind.Reviewed() && rep.Status == report.StatusComplete && rep.SupersededBy == 0 && report.CanCreate(act, rep.Kind),
		CorrectAction: "/reports/monthly/new", Workbook: rep.Kind != report.Annual}
	if rep.Kind == report.Annual {
		v.CorrectAction = fmt.Sprintf("/ppid/laporan/%d", rep.From.In(rep.Loc()).Year())
	}
	v.Provisional = rep.Kind.Reviewed() && rep.Running(w.Stores.Clock.Now())
	v.Ends = i18n.Date(lang, rep.To.In(rep.Loc()))
	for _, a := range report.AllowedActions(rep, act) {
		if v.Provisional && (a == report.ActionSubmit || a == report.ActionParaf) {
			continue // the store would refuse; the page says why instead
		}
		v.Actions = append(v.Actions, string(a))
	}
	if rep.Kind == report.Daily && rep.DueAt != nil {
		v.State = string(report.DailyState(rep.SubmittedAt, *rep.DueAt, w.Stores.Clock.Now()))
	}
	var data json.RawMessage
	if cur := rep.Current(); cur != nil {
		data = cur.Data
	}
	if rep.Editable() && live {
		d, err := w.Stores.Reports.ReportData(r.Context(), act, rep)
		if err != nil {
			return nil, err
		}
		data = d
	}
	f, err := decodeFigures(rep.Kind, data, lang)
	if err != nil {
		return nil, err
	}
	if f != nil {
		f.Live = rep.Editable() && live
	}
	v.Figures = f
	return v, nil
}

// today is the day of now in the city's zone (the page's Now is in it).
func today(now time.Time) string { return now.Format("2006-01-02") }

// zone is the city's zone the page shows times in.
func (p *Page) zone() *time.Location {
	if p.Zone == nil {
		return aduan.WIB
	}
	return p.Zone
}

// zone is the city's zone (the time_zone setting), in which the consoles
// show times and count days and years. It is the store's Zone, as on the
// API, Open311 and the exports: a fault reading it is the request's error,
// not WIB shown as if it were the city's.
func (w *Web) zone(ctx context.Context) (*time.Location, error) { return w.Stores.Clock.Zone(ctx) }

// cityNow is the time now in the city's zone.
func (w *Web) cityNow(r *http.Request) (time.Time, error) {
	loc, err := w.zone(r.Context())
	if err != nil {
		return time.Time{}, err
	}
	return w.Stores.Clock.Now().In(loc), nil
}

// dailyPage is /reports/daily.
type dailyPage struct {
	Mode    string
	Day     string
	Report  *reportView
	Preview *figures
	Notes   string
	Past    []*report.Report
	States  map[int64]string
	Errors  map[string]string
	Error   string
}

// todaysDaily finds the operator's daily report of today, if started.
func (w *Web) todaysDaily(r *http.Request, day string) (*report.Report, error) {
	act := actorOf(r)
	next := day
	if from, _, ok := report.DayRange(day, time.UTC); ok {
		next = from.AddDate(0, 0, 1).Format("2006-01-02")
	}
	list, _, err := w.Stores.Reports.Reports(r.Context(), act, store.ReportFilter{Kind: report.Daily, OwnerID: act.UserID, From: day, To: next, Limit: 1})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return w.Stores.Reports.Report(r.Context(), act, list[0].ID)
}

// DailyReport shows the operator's daily report of today: the figures
// compiled from their recorded work, the notes and the submit button, and
// their past daily reports.
func (w *Web) DailyReport(rw http.ResponseWriter, r *http.Request) error {
	return w.dailyPage(rw, r, http.StatusOK, nil)
}

func (w *Web) dailyPage(rw http.ResponseWriter, r *http.Request, status int, formErr error) error {
	act, lang := actorOf(r), langOf(r)
	if !report.CanCreate(act, report.Daily) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	d := &dailyPage{Mode: "daily", Day: today(cityNow), States: map[int64]string{}}
	rep, err := w.todaysDaily(r, d.Day)
	if err != nil {
		return err
	}
	if rep != nil {
		if d.Report, err = w.viewReport(r, rep, true); err != nil {
			return err
		}
		d.Notes = rep.Narrative
	} else {
		data, err := w.Stores.Reports.DailyData(r.Context(), act, act.UserID, d.Day)
		if err != nil {
			return err
		}
		d.Preview = &figures{Daily: data, Live: true}
	}
	if formErr != nil {
		fields, msg, ok := formErrors(lang, formErr)
		if !ok {
			return formErr
		}
		d.Errors, d.Error, d.Notes = fields, msg, r.PostFormValue("narrative")
	}
	past, _, err := w.Stores.Reports.Reports(r.Context(), act, store.ReportFilter{Kind: report.Daily, OwnerID: act.UserID, Limit: 31})
	if err != nil {
		return err
	}
	now := w.Stores.Clock.Now()
	for _, p := range past {
		if p.DueAt != nil {
			d.States[p.ID] = string(report.DailyState(p.SubmittedAt, *p.DueAt, now))
		}
	}
	d.Past = past
	return w.render(rw, r, status, "reports", &Page{Title: i18n.T(lang, "rep.web.daily_title"), Data: d})
}

// SubmitDaily saves the operator's notes on today's report and, when asked,
// submits it (starting it first if needed).
func (w *Web) SubmitDaily(rw http.ResponseWriter, r *http.Request) error {
	act := actorOf(r)
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	notes := r.PostFormValue("narrative")
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	day := today(cityNow)
	rep, err := w.todaysDaily(r, day)
	if err != nil {
		return err
	}
	if rep == nil {
		if _, err := report.CheckNarrative(notes); err != nil {
			return w.dailyPage(rw, r, http.StatusUnprocessableEntity, err)
		}
		rep, err = w.Stores.Reports.CreateReport(r.Context(), act, report.NewReport{Kind: report.Daily, Day: day, Narrative: strings.TrimSpace(notes)})
		if err != nil {
			return w.dailyPage(rw, r, http.StatusUnprocessableEntity, err)
		}
	} else if rep.Editable() && strings.TrimSpace(notes) != rep.Narrative {
		edited, err := w.Stores.Reports.EditReport(r.Context(), act, rep.ID, rep.Version, notes)
		if err != nil {
			return w.dailyPage(rw, r, http.StatusUnprocessableEntity, err)
		}
		rep = edited
	}
	if r.PostFormValue("submit") == "" {
		return redirect(rw, r, "/reports/daily", "web.ok.rep_saved")
	}
	if err := w.reportAction(r, rep, report.ActionSubmit, ""); err != nil {
		return w.dailyPage(rw, r, http.StatusUnprocessableEntity, err)
	}
	return redirect(rw, r, "/reports/daily", "web.ok.rep_submitted")
}

func (w *Web) reportAction(r *http.Request, rep *report.Report, act report.Action, comment string) error {
	_, err := w.Stores.Reports.Act(r.Context(), actorOf(r), rep.ID, rep.Version, act, comment)
	return err
}

// overviewPage is /reports.
type overviewPage struct {
	Mode      string
	Days      []string
	Operators []statusRow
	Monthly   []*report.Report
	CanCreate bool
	// Agency is the Pimpinan PD's view: its agency's figures of this
	// month so far (compliance, overdue list), and of last month.
	Agency     *figures
	AgencyPrev *figures
	AgencyName string
}

// statusRow is one operator's daily reports over the days shown.
type statusRow struct {
	Name  string
	Cells []report.DailyStatusLine
}

// Reports is the overview of the coordinator and the section head: which
// daily reports came in on time, late or not at all over the last week, and
// the monthly reports.
func (w *Web) Reports(rw http.ResponseWriter, r *http.Request) error {
	act, lang := actorOf(r), langOf(r)
	if act.Role == aduan.RoleOperatorCC {
		http.Redirect(rw, r, "/reports/daily", http.StatusSeeOther)
		return nil
	}
	if !report.CanList(act, report.Monthly) && !report.CanList(act, report.Daily) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	d := &overviewPage{Mode: "overview", CanCreate: report.CanCreate(act, report.Monthly)}
	if report.CanList(act, report.Daily) {
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		now := cityNow
		to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location()).AddDate(0, 0, 1)
		from := to.AddDate(0, 0, -7)
		lines, err := w.Stores.Reports.DailyReportStatus(r.Context(), act, from, to)
		if err != nil {
			return err
		}
		for t := from; t.Before(to); t = t.AddDate(0, 0, 1) {
			d.Days = append(d.Days, t.Format("2006-01-02"))
		}
		idx := map[int64]int{}
		for _, l := range lines {
			i, ok := idx[l.OperatorID]
			if !ok {
				i = len(d.Operators)
				idx[l.OperatorID] = i
				d.Operators = append(d.Operators, statusRow{Name: l.OperatorName, Cells: make([]report.DailyStatusLine, len(d.Days))})
			}
			for j, day := range d.Days {
				if day == l.Day {
					d.Operators[i].Cells[j] = l
				}
			}
		}
	}
	if report.CanList(act, report.Monthly) {
		list, _, err := w.Stores.Reports.Reports(r.Context(), act, store.ReportFilter{Kind: report.Monthly, Limit: 50})
		if err != nil {
			return err
		}
		d.Monthly = list
	}
	if report.OnlyAgency(act) {
		if a, err := w.Stores.RefData.Agency(r.Context(), act.AgencyID); err == nil {
			d.AgencyName = a.Name
		}
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		now := cityNow
		start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
		for _, p := range []struct {
			to   **figures
			from time.Time
		}{{&d.Agency, start}, {&d.AgencyPrev, start.AddDate(0, -1, 0)}} {
			m, err := w.Stores.Reports.MonthlyData(r.Context(), act, p.from, p.from.AddDate(0, 1, 0), report.Filter{AgencyID: act.AgencyID})
			if err != nil {
				return err
			}
			f := &figures{Monthly: m, Live: true}
			f.charts(lang)
			*p.to = f
		}
	}
	return w.render(rw, r, http.StatusOK, "reports", &Page{Title: i18n.T(lang, "rep.web.title"), Data: d})
}

// newMonthlyPage is /reports/monthly/new.
type newMonthlyPage struct {
	Mode       string
	Q          url.Values
	Preview    *figures
	Agencies   []aduan.Agency
	Categories []aduan.Category
	Kecamatan  []aduan.Kecamatan
	Channels   []aduan.Channel
	Errors     map[string]string
	Error      string
	// Provisional says that the previewed period runs still (sementara).
	Provisional string
}

func monthlyInput(q url.Values) report.NewReport {
	num := func(k string) int64 { n, _ := strconv.ParseInt(q.Get(k), 10, 64); return n }
	return report.NewReport{Kind: report.Monthly, Month: strings.TrimSpace(q.Get("month")), Narrative: q.Get("narrative"), Corrects: num("corrects"),
		Filter: report.Filter{KecamatanCode: q.Get("kecamatan"), AgencyID: num("agency_id"), CategoryID: num("category_id"), Channel: aduan.Channel(q.Get("channel"))}}
}

// NewMonthly is the coordinator's form for a monthly report: pick the month
// and any filters, preview the figures, write the narrative, create it.
func (w *Web) NewMonthly(rw http.ResponseWriter, r *http.Request) error {
	return w.newMonthly(rw, r, r.URL.Query(), http.StatusOK, nil)
}

func (w *Web) newMonthly(rw http.ResponseWriter, r *http.Request, q url.Values, status int, formErr error) error {
	act, lang := actorOf(r), langOf(r)
	if !report.CanCreate(act, report.Monthly) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if q.Get("month") == "" {
		// The last complete month: the one a report is made of (the
		// running month cannot be submitted until it ends).
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		q.Set("month", lastCompleteMonth(cityNow))
	}
	d := &newMonthlyPage{Mode: "new", Q: q, Channels: aduan.Channels}
	var err error
	if d.Agencies, err = w.Stores.RefData.Agencies(r.Context()); err != nil {
		return err
	}
	if d.Categories, err = w.Stores.RefData.Categories(r.Context()); err != nil {
		return err
	}
	if d.Kecamatan, err = w.Stores.RefData.Kecamatans(r.Context()); err != nil {
		return err
	}
	if formErr == nil && q.Get("preview") != "" {
		in := monthlyInput(q)
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		from, to, err := in.Normalize(cityNow)
		if err == nil {
			var m *report.MonthlyData
			if m, err = w.Stores.Reports.MonthlyData(r.Context(), act, from, to, in.Filter); err == nil {
				d.Preview = &figures{Monthly: m, Live: true}
				d.Preview.charts(lang)
				if w.Stores.Clock.Now().Before(to) {
					d.Provisional = i18n.T(lang, "rep.provisional_note", i18n.Date(lang, to))
				}
			}
		}
		formErr = err
		if err != nil {
			status = http.StatusUnprocessableEntity
		}
	}
	if formErr != nil {
		fields, msg, ok := formErrors(lang, formErr)
		if !ok {
			return formErr
		}
		d.Errors, d.Error = fields, msg
	}
	return w.render(rw, r, status, "reports", &Page{Title: i18n.T(lang, "rep.web.new_title"), Data: d})
}

// lastCompleteMonth is the month before now's, as YYYY-MM.
func lastCompleteMonth(now time.Time) string {
	return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()).AddDate(0, -1, 0).Format("2006-01")
}

// CreateMonthly creates the monthly draft and opens it.
func (w *Web) CreateMonthly(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	in := monthlyInput(r.PostForm)
	rep, err := w.Stores.Reports.CreateReport(r.Context(), actorOf(r), in)
	if err != nil {
		return w.newMonthly(rw, r, r.PostForm, http.StatusUnprocessableEntity, err)
	}
	return redirect(rw, r, "/reports/"+strconv.FormatInt(rep.ID, 10), "web.ok.rep_created")
}

// reportPage is /reports/{id}.
type reportPage struct {
	Mode string
	*reportView
	Narrative string
	Comment   string
	Errors    map[string]string
	Error     string
	LiveAsked bool
}

func (w *Web) reportParam(r *http.Request) (*report.Report, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report")
	}
	return w.Stores.Reports.Report(r.Context(), actorOf(r), id)
}

// ReportPage shows one report: its figures, versions, the reviewer's
// comments and the buttons the reader may use.
func (w *Web) ReportPage(rw http.ResponseWriter, r *http.Request) error {
	rep, err := w.reportParam(r)
	if err != nil {
		return err
	}
	return w.reportPage(rw, r, rep, http.StatusOK, nil)
}

func (w *Web) reportPage(rw http.ResponseWriter, r *http.Request, rep *report.Report, status int, formErr error) error {
	lang := langOf(r)
	// A monthly draft's live figures take a while on a large database:
	// only on request, as in the API.
	live := rep.Kind == report.Daily || rep.Kind == report.Annual || r.URL.Query().Get("live") == "true"
	v, err := w.viewReport(r, rep, live)
	if err != nil {
		return err
	}
	d := &reportPage{Mode: "view", reportView: v, Narrative: rep.Narrative, LiveAsked: live}
	if formErr != nil {
		fields, msg, ok := formErrors(lang, formErr)
		if !ok {
			return formErr
		}
		d.Errors, d.Error = fields, msg
		d.Narrative, d.Comment = r.PostFormValue("narrative"), r.PostFormValue("comment")
	}
	return w.render(rw, r, status, "reports", &Page{Title: rep.Title, Data: d})
}

// ReportActionForm saves a narrative, submits, returns (with a comment) or
// initials a report, with the version the reader saw.
func (w *Web) ReportActionForm(rw http.ResponseWriter, r *http.Request) error {
	rep, err := w.reportParam(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if version != rep.Version {
		return w.reportPage(rw, r, rep, http.StatusConflict, aduan.Errorf(aduan.ECONFLICT, "err.stale"))
	}
	act := actorOf(r)
	to := "/reports/" + strconv.FormatInt(rep.ID, 10)
	action := r.PostFormValue("action")
	switch action {
	case "save", string(report.ActionSubmit):
		if narr := r.PostFormValue("narrative"); strings.TrimSpace(narr) != rep.Narrative && rep.Editable() {
			edited, err := w.Stores.Reports.EditReport(r.Context(), act, rep.ID, rep.Version, narr)
			if err != nil {
				return w.reportPage(rw, r, rep, http.StatusUnprocessableEntity, err)
			}
			rep = edited
		}
		if action == "save" {
			return redirect(rw, r, to, "web.ok.rep_saved")
		}
		if err := w.reportAction(r, rep, report.ActionSubmit, ""); err != nil {
			return w.reportPage(rw, r, rep, http.StatusUnprocessableEntity, err)
		}
		return redirect(rw, r, to, "web.ok.rep_submitted")
	case string(report.ActionReturn), string(report.ActionParaf):
		if action == string(report.ActionParaf) && r.PostFormValue("confirm") != "1" {
			// A paraf cannot be undone: it is taken only with the box
			// that says so ticked.
			return w.reportPage(rw, r, rep, http.StatusUnprocessableEntity, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "confirm", Key: "kasi.paraf.confirm_needed"}}})
		}
		if err := w.reportAction(r, rep, report.Action(action), r.PostFormValue("comment")); err != nil {
			return w.reportPage(rw, r, rep, http.StatusUnprocessableEntity, err)
		}
		if action == string(report.ActionReturn) {
			return redirect(rw, r, to, "web.ok.rep_return")
		}
		return redirect(rw, r, to, "web.ok.rep_paraf")
	}
	return aduan.Errorf(aduan.EINVALID, "err.report.unknown_action", action)
}
