package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// Reports (SOP steps 11–14): daily and monthly reports, their review and
// paraf, their documents, the check of a copy, and the public figures.

// ReportJSON is a report as the API shows it.
type ReportJSON struct {
	ID          int64         `json:"id"`
	Kind        string        `json:"kind"`
	Status      string        `json:"status"`
	StatusLabel string        `json:"status_label"`
	Title       string        `json:"title"`
	OwnerID     int64         `json:"owner_id"`
	OwnerName   string        `json:"owner_name"`
	Day         string        `json:"day,omitempty"`
	From        string        `json:"from"`
	To          string        `json:"to"`
	Filter      report.Filter `json:"filter"`
	Narrative   string        `json:"narrative"`
	Versions    int           `json:"versions"`
	DueAt       *string       `json:"due_at,omitempty"`
	DailyState  string        `json:"daily_state,omitempty"`
	CreatedAt   string        `json:"created_at"`
	UpdatedAt   string        `json:"updated_at"`
	SubmittedAt *string       `json:"submitted_at,omitempty"`
	ParafName   string        `json:"paraf_name,omitempty"`
	ParafAt     *string       `json:"paraf_at,omitempty"`
	ContentHash string        `json:"content_hash,omitempty"`
	// Corrects is the final report this one corrects; SupersededBy the
	// correction that replaced this one (then it no longer stands).
	Corrects       int64             `json:"corrects,omitempty"`
	SupersededBy   int64             `json:"superseded_by,omitempty"`
	SupersededAt   *string           `json:"superseded_at,omitempty"`
	Frozen         bool              `json:"frozen"`
	Editable       bool              `json:"editable"`
	Version        int64             `json:"version"`
	AllowedActions []string          `json:"allowed_actions"`
	History        []ReportVersion   `json:"history,omitempty"`
	Events         []ReportEventJSON `json:"events,omitempty"`
	// Data is the figures: of the latest version, or compiled live for a
	// draft (then DataLive is true).
	Data     json.RawMessage `json:"data,omitempty"`
	DataLive bool            `json:"data_live,omitempty"`
}

// ReportVersion is one submission of a report.
type ReportVersion struct {
	Seq           int     `json:"seq"`
	Narrative     string  `json:"narrative"`
	SubmittedName string  `json:"submitted_name"`
	SubmittedAt   string  `json:"submitted_at"`
	Outcome       string  `json:"outcome,omitempty"`
	ReviewComment string  `json:"review_comment,omitempty"`
	ReviewedName  string  `json:"reviewed_name,omitempty"`
	ReviewedAt    *string `json:"reviewed_at,omitempty"`
}

// ReportEventJSON is one timed step of a report's workflow.
type ReportEventJSON struct {
	Action    string  `json:"action"`
	Step      string  `json:"step,omitempty"`
	StepLabel string  `json:"step_label,omitempty"`
	ActorName string  `json:"actor_name"`
	ActorRole string  `json:"actor_role"`
	At        string  `json:"at"`
	Deadline  *string `json:"deadline,omitempty"`
	Met       *bool   `json:"met,omitempty"`
	ElapsedMS int64   `json:"elapsed_ms"`
	Comment   string  `json:"comment,omitempty"`
}

func reportJSON(r *report.Report, a aduan.Actor, lang i18n.Lang, now time.Time, full bool) ReportJSON {
	loc := r.Loc()
	j := ReportJSON{ID: r.ID, Kind: string(r.Kind), Status: string(r.Status), StatusLabel: i18n.T(lang, "rep.status."+string(r.Status)),
		Title: r.Title, OwnerID: r.OwnerID, OwnerName: r.OwnerName, Day: r.Day, From: export.Time(loc, r.From), To: export.Time(loc, r.To),
		Filter: r.Filter, Narrative: r.Narrative, Versions: r.Versions, DueAt: export.TimePtr(loc, r.DueAt), CreatedAt: export.Time(loc, r.CreatedAt),
		UpdatedAt: export.Time(loc, r.UpdatedAt), SubmittedAt: export.TimePtr(loc, r.SubmittedAt), ParafName: r.ParafName, ParafAt: export.TimePtr(loc, r.ParafAt),
		ContentHash: r.ContentHash, Corrects: r.CorrectsID, SupersededBy: r.SupersededBy, SupersededAt: export.TimePtr(loc, r.SupersededAt), Frozen: r.Frozen(), Editable: r.Editable() && r.OwnerID == a.UserID, Version: r.Version, AllowedActions: []string{}}
	if r.Kind == report.Daily && r.DueAt != nil {
		j.DailyState = string(report.DailyState(r.SubmittedAt, *r.DueAt, now))
	}
	for _, act := range report.AllowedActions(r, a) {
		j.AllowedActions = append(j.AllowedActions, string(act))
	}
	if !full {
		return j
	}
	for _, v := range r.History {
		j.History = append(j.History, ReportVersion{Seq: v.Seq, Narrative: v.Narrative, SubmittedName: v.SubmittedName,
			SubmittedAt: export.Time(loc, v.SubmittedAt), Outcome: v.Outcome, ReviewComment: v.ReviewComment, ReviewedName: v.ReviewedName,
			ReviewedAt: export.TimePtr(loc, v.ReviewedAt)})
	}
	for _, e := range r.Events {
		ej := ReportEventJSON{Action: string(e.Action), Step: string(e.Step), ActorName: e.ActorName, ActorRole: string(e.ActorRole),
			At: export.Time(loc, e.At), Deadline: export.TimePtr(loc, e.Deadline), Met: e.Met, ElapsedMS: e.Elapsed.Milliseconds(), Comment: e.Comment}
		if e.Step != "" {
			ej.StepLabel = i18n.T(lang, "step."+string(e.Step))
		}
		j.Events = append(j.Events, ej)
	}
	if cur := r.Current(); cur != nil {
		j.Data = cur.Data
	}
	return j
}

// NewReportJSON is the body of POST /reports.
type NewReportJSON struct {
	Kind  string `json:"kind"`
	Day   string `json:"day"`
	Month string `json:"month"`
	// Year is the calendar year of the PPID's annual report (kind
	// info_annual).
	Year      int           `json:"year,omitempty"`
	From      *time.Time    `json:"from"`
	To        *time.Time    `json:"to"`
	Filter    report.Filter `json:"filter"`
	Narrative string        `json:"narrative"`
	// Corrects names a final monthly or annual report to correct: the new report
	// takes its period and scope, and supersedes it once initialled.
	Corrects int64 `json:"corrects,omitempty"`
}

// ReportPatchJSON is the body of PATCH /reports/{id}.
type ReportPatchJSON struct {
	Version   int64  `json:"version"`
	Narrative string `json:"narrative"`
}

// ReportActionJSON is the body of POST /reports/{id}/actions/{action}.
type ReportActionJSON struct {
	Version int64  `json:"version"`
	Comment string `json:"comment"`
}

func (a *API) ListReports(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r)
	f := store.ReportFilter{Kind: report.Kind(p.str("kind")), Status: report.Status(p.str("status")), OwnerID: p.int("owner_id"),
		From: p.str("from"), To: p.str("to"), Before: p.int("cursor"), Limit: int(p.int("limit"))}
	if f.Kind != "" && !f.Kind.Valid() {
		p.errs.Add("kind", "err.bad_param", "kind")
	}
	if f.Status != "" && !validStatus(f.Status) {
		p.errs.Add("status", "err.bad_param", "status")
	}
	for _, d := range []string{f.From, f.To} {
		if _, _, ok := report.DayRange(d, time.UTC); d != "" && !ok {
			p.errs.Add("from", "err.field.date")
		}
	}
	if err := p.err(); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	list, next, err := a.reportsStore().Reports(r.Context(), act, f)
	if err != nil {
		return err
	}
	lang, now := reqctx.Lang(r), a.now()
	page := Page[ReportJSON]{Items: make([]ReportJSON, 0, len(list))}
	for _, x := range list {
		page.Items = append(page.Items, reportJSON(x, act, lang, now, false))
	}
	if next != 0 {
		page.NextCursor = strconv.FormatInt(next, 10)
	}
	return writeJSON(w, http.StatusOK, page)
}

func validStatus(s report.Status) bool {
	for _, x := range report.Statuses {
		if x == s {
			return true
		}
	}
	return false
}

func (a *API) CreateReport(w http.ResponseWriter, r *http.Request) error {
	var in NewReportJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	rep, err := a.reportsStore().CreateReport(r.Context(), act, report.NewReport{Kind: report.Kind(in.Kind), Day: strings.TrimSpace(in.Day),
		Month: strings.TrimSpace(in.Month), Year: in.Year, From: in.From, To: in.To, Filter: in.Filter, Narrative: in.Narrative, Corrects: in.Corrects})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/reports/"+strconv.FormatInt(rep.ID, 10))
	return writeJSON(w, http.StatusCreated, reportJSON(rep, act, reqctx.Lang(r), a.now(), true))
}

func (a *API) reportParam(r *http.Request) (*report.Report, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report")
	}
	return a.reportsStore().Report(r.Context(), reqctx.Actor(r), id)
}

func (a *API) GetReport(w http.ResponseWriter, r *http.Request) error {
	rep, err := a.reportParam(r)
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	j := reportJSON(rep, act, reqctx.Lang(r), a.now(), true)
	// A draft (or a returned report being revised) shows the figures as
	// they stand now: what a submission would freeze. A day's figures are
	// cheap; a month's take seconds on a large database, so they come only
	// when asked for (?live=true).
	if rep.Editable() && (rep.Kind == report.Daily || r.URL.Query().Get("live") == "true") {
		data, err := a.reportsStore().ReportData(r.Context(), act, rep)
		if err != nil {
			return err
		}
		j.Data, j.DataLive = data, true
	}
	return writeJSON(w, http.StatusOK, j)
}

func (a *API) EditReport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report")
	}
	var in ReportPatchJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	act := reqctx.Actor(r)
	rep, err := a.reportsStore().EditReport(r.Context(), act, id, in.Version, in.Narrative)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reportJSON(rep, act, reqctx.Lang(r), a.now(), true))
}

func (a *API) ReportAction(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report")
	}
	var in ReportActionJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	act := reqctx.Actor(r)
	rep, err := a.reportSteps().Act(r.Context(), act, id, in.Version, report.Action(r.PathValue("action")), in.Comment)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reportJSON(rep, act, reqctx.Lang(r), a.now(), true))
}

var fileTypes = map[string]string{
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json",
}

// ReportFile serves a report's document. A final report's documents are
// the stored bytes, exactly as initialled, so that a download verifies;
// any other version (or a draft) is rendered on the fly and says it is
// not final.
func (a *API) ReportFile(w http.ResponseWriter, r *http.Request) error {
	format := r.PathValue("format")
	ctype, ok := fileTypes[format]
	if !ok {
		return aduan.Errorf(aduan.ENOTFOUND, "err.report.format", format)
	}
	rep, err := a.reportParam(r)
	if err != nil {
		return err
	}
	p := newParams(r)
	seq := int(p.int("version"))
	if err := p.err(); err != nil {
		return err
	}
	if seq < 0 || seq > rep.Versions {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.report")
	}
	name := "laporan-" + strconv.FormatInt(rep.ID, 10)
	var body []byte
	if rep.Frozen() && (seq == 0 || seq == rep.Versions) {
		body, err = a.reportsStore().ReportFile(r.Context(), reqctx.Actor(r), rep.ID, format)
		if err != nil {
			return err
		}
		name += "-final"
	} else {
		body, err = a.renderVersion(r, rep, seq, format)
		if err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + "." + format}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, err = w.Write(body)
	return err
}

func (a *API) renderVersion(r *http.Request, rep *report.Report, seq int, format string) ([]byte, error) {
	var v *report.Version
	draft := false
	if seq > 0 {
		v = &rep.History[seq-1]
	} else if rep.Editable() || rep.Versions == 0 {
		data, err := a.reportsStore().ReportData(r.Context(), reqctx.Actor(r), rep)
		if err != nil {
			return nil, err
		}
		v = &report.Version{Seq: rep.Versions + 1, Data: data, Narrative: rep.Narrative, SubmittedName: rep.OwnerName, SubmittedAt: a.now()}
		draft = true
	} else {
		v = rep.Current()
	}
	c := report.ContentOf(rep, v)
	if format == "json" {
		return c.Canonical(), nil
	}
	set, err := reportsvc.Letterhead(r.Context(), a.Store)
	if err != nil {
		return nil, err
	}
	// Only the current version of a final report is final; show any other
	// as what it was.
	shown := *rep
	if seq > 0 && seq < rep.Versions || !rep.Frozen() {
		shown.ContentHash, shown.ParafAt, shown.ParafName = "", nil, ""
		if shown.Status == report.StatusComplete {
			shown.Status = report.StatusReturned
		}
	}
	if rep.Kind == report.Annual {
		if format != "pdf" {
			return nil, aduan.Errorf(aduan.ENOTFOUND, "err.report.format", format)
		}
		return render.AnnualContentPDF(&shown, c, set, reqctx.Lang(r), draft)
	}
	d, err := render.NewDoc(&shown, c, set, reqctx.Lang(r), draft)
	if err != nil {
		return nil, err
	}
	if format == "pdf" {
		return render.PDF(d)
	}
	return render.XLSX(d)
}

// VerifyJSON is the answer of the verify endpoint.
type VerifyJSON struct {
	Match   bool        `json:"match"`
	Message string      `json:"message"`
	SHA256  string      `json:"sha256"`
	Format  string      `json:"format,omitempty"`
	Report  *VerifiedAs `json:"report,omitempty"`
}

// VerifiedAs is what a check reveals of the matching report: what a
// printed copy shows anyway, nothing more.
type VerifiedAs struct {
	ID          int64   `json:"id"`
	Kind        string  `json:"kind"`
	Title       string  `json:"title"`
	Version     int     `json:"version"`
	From        string  `json:"from"`
	To          string  `json:"to"`
	OwnerName   string  `json:"owner_name"`
	ParafName   string  `json:"paraf_name,omitempty"`
	ParafAt     *string `json:"paraf_at,omitempty"`
	SubmittedAt *string `json:"submitted_at,omitempty"`
	ContentHash string  `json:"content_hash"`
	// SupersededBy is the correction that replaced this report (0: it
	// stands); Corrects the report this one corrected.
	SupersededBy int64   `json:"superseded_by,omitempty"`
	SupersededAt *string `json:"superseded_at,omitempty"`
	Corrects     int64   `json:"corrects,omitempty"`
}

// VerifyReport checks a copy of a report: the file itself as the body (or
// as the form field "file"), or ?hash= with the code printed on it. No
// log-in: anyone holding a copy may check it.
func (a *API) VerifyReport(w http.ResponseWriter, r *http.Request) error {
	sha := strings.TrimSpace(r.URL.Query().Get("hash"))
	if sha == "" && r.Method == http.MethodPost {
		if err := a.Sessions.VerifyLimit(w, r); err != nil {
			return err
		}
		body, err := uploadedFile(w, r)
		if err != nil {
			return err
		}
		if len(body) == 0 {
			return aduan.Errorf(aduan.EINVALID, "err.report.empty_file")
		}
		sha = report.HashBytes(body)
	}
	if sha == "" {
		return aduan.Errorf(aduan.EINVALID, "err.report.empty_file")
	}
	lang := reqctx.Lang(r)
	m, err := a.reportsStore().VerifyReport(r.Context(), sha)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		return writeJSON(w, http.StatusOK, VerifyJSON{Match: false, SHA256: strings.ToLower(sha), Message: i18n.T(lang, "err.report.no_match")})
	}
	if err != nil {
		return err
	}
	rep := m.Report
	by := rep.ParafName
	if by == "" {
		by = rep.OwnerName
	}
	return writeJSON(w, http.StatusOK, VerifyJSON{Match: true, SHA256: strings.ToLower(sha), Format: m.Format,
		Message: verifyMessage(lang, rep, by),
		Report: &VerifiedAs{ID: rep.ID, Kind: string(rep.Kind), Title: rep.Title, Version: rep.Versions, From: export.Time(rep.Loc(), rep.From),
			To: export.Time(rep.Loc(), rep.To), OwnerName: rep.OwnerName, ParafName: rep.ParafName, ParafAt: export.TimePtr(rep.Loc(), rep.ParafAt),
			SubmittedAt: export.TimePtr(rep.Loc(), rep.SubmittedAt), ContentHash: rep.ContentHash,
			SupersededBy: rep.SupersededBy, SupersededAt: export.TimePtr(rep.Loc(), rep.SupersededAt), Corrects: rep.CorrectsID}})
}

func uploadedFile(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, auth.MaxVerifyUpload)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var rd io.Reader = r.Body
	if mt == "multipart/form-data" {
		f, _, err := r.FormFile("file")
		if err != nil {
			return nil, tooLarge(err, aduan.Errorf(aduan.EINVALID, "err.report.empty_file"))
		}
		defer f.Close()
		rd = f
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, tooLarge(err, err)
	}
	return b, nil
}

func tooLarge(err, otherwise error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", auth.MaxVerifyUpload/1024)
	}
	return otherwise
}

// DailyStatusJSON is one operator's daily report of one day.
type DailyStatusJSON struct {
	Day          string  `json:"day"`
	OperatorID   int64   `json:"operator_id"`
	OperatorName string  `json:"operator_name"`
	ReportID     int64   `json:"report_id,omitempty"`
	SubmittedAt  *string `json:"submitted_at,omitempty"`
	DueAt        string  `json:"due_at"`
	State        string  `json:"state"`
	StateLabel   string  `json:"state_label"`
	Worked       bool    `json:"worked"`
}

// DailyReportStatus lists daily reports on time, late, missing and not yet
// due, per operator and day (default: the last 7 days).
func (a *API) DailyReportStatus(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	from, to := p.time("from", loc), p.time("to", loc)
	lateOnly := p.str("late") == "true"
	if err := p.err(); err != nil {
		return err
	}
	now := a.now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	if to == nil {
		t := today.AddDate(0, 0, 1)
		to = &t
	}
	if from == nil {
		f := to.AddDate(0, 0, -7)
		from = &f
	}
	lines, err := a.reportsStore().DailyReportStatus(r.Context(), reqctx.Actor(r), *from, *to)
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	out := list[DailyStatusJSON]{Items: []DailyStatusJSON{}}
	for _, l := range lines {
		if lateOnly && l.State != report.DailyLate && l.State != report.DailyMissing {
			continue
		}
		out.Items = append(out.Items, DailyStatusJSON{Day: l.Day, OperatorID: l.OperatorID, OperatorName: l.OperatorName, ReportID: l.ReportID,
			SubmittedAt: export.TimePtr(loc, l.SubmittedAt), DueAt: export.Time(loc, l.DueAt), State: string(l.State),
			StateLabel: i18n.T(lang, "rep.daily_state."+string(l.State)), Worked: l.Worked})
	}
	return writeJSON(w, http.StatusOK, out)
}

// PreviewDaily compiles an operator's figures of a day without saving.
func (a *API) PreviewDaily(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r)
	day, op := p.str("day"), p.int("operator_id")
	if err := p.err(); err != nil {
		return err
	}
	if day == "" {
		loc, err := a.zone(r)
		if err != nil {
			return err
		}
		day = a.now().In(loc).Format("2006-01-02")
	}
	d, err := a.reportsStore().DailyData(r.Context(), reqctx.Actor(r), op, day)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

// PreviewMonthly compiles the figures of a month (?month=2026-11) or any
// period (?from=&to=), with the monthly report's filters, without saving.
func (a *API) PreviewMonthly(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	in := report.NewReport{Kind: report.Monthly, Month: p.str("month"), From: p.time("from", loc), To: p.time("to", loc),
		Filter: report.Filter{KecamatanCode: p.str("kecamatan"), AgencyID: p.int("agency_id"), CategoryID: p.int("category_id"), Channel: aduan.Channel(p.str("channel"))}}
	if err := p.err(); err != nil {
		return err
	}
	if in.Month == "" && in.From == nil && in.To == nil {
		in.Month = a.now().In(loc).Format("2006-01")
	}
	from, to, err := in.Normalize(a.now().In(loc))
	if err != nil {
		return err
	}
	m, err := a.reportsStore().MonthlyData(r.Context(), reqctx.Actor(r), from, to, in.Filter)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, m)
}

// PublicFigures serves a year's monthly volumes and compliance per agency
// to anyone: counts and rates only, no personal data.
func (a *API) PublicFigures(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r)
	year := int(p.int("year"))
	if err := p.err(); err != nil {
		return err
	}
	if year == 0 {
		loc, err := a.zone(r)
		if err != nil {
			return err
		}
		year = a.now().In(loc).Year()
	}
	f, err := a.reportsStore().PublicFigures(r.Context(), year)
	if err != nil {
		return err
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	return writeJSON(w, http.StatusOK, f)
}

// verifyMessage says what a copy matched, and plainly when that report has
// been superseded by a correction.
func verifyMessage(lang i18n.Lang, rep *report.Report, by string) string {
	msg := i18n.T(lang, "rep.verify.match", rep.Title, rep.Versions, by)
	if rep.SupersededBy != 0 {
		msg += " " + i18n.T(lang, "rep.verify.superseded", rep.SupersededBy)
	}
	return msg
}
