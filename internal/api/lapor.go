package api

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/sheet"
	"github.com/kotakita/aduan/internal/store"
)

// SP4N-LAPOR! (issue 20): the reports LAPOR! dispositions to the city,
// registered by tracking ID or imported from LAPOR!'s export, their
// deadlines, and the follow-ups that go back. Only the call center's roles
// (complaint.create) work LAPOR!'s admin page, so only they use these.

// LaporIntakeJSON is the body of POST /lapor/reports: a report as LAPOR!
// shows it, pasted.
type LaporIntakeJSON struct {
	TrackingID      string `json:"tracking_id"`
	Text            string `json:"text"`
	Category        string `json:"category"`
	DispositionedAt string `json:"dispositioned_at"` // RFC 3339; now when empty
	Name            string `json:"name"`
	Phone           string `json:"phone"`
	Email           string `json:"email"`
	Address         string `json:"address"`
	Anonymous       bool   `json:"anonymous"`
	Confidential    bool   `json:"confidential"`
}

// LaporReportJSON is a LAPOR! report with LAPOR!'s deadlines.
type LaporReportJSON struct {
	TrackingID      string  `json:"tracking_id"`
	ComplaintID     int64   `json:"complaint_id"`
	Number          string  `json:"number"`
	Status          string  `json:"status"`
	Category        string  `json:"category"`
	DispositionedAt string  `json:"dispositioned_at"`
	Source          string  `json:"source"`
	VerifyDue       string  `json:"verify_due"`
	VerifiedAt      *string `json:"verified_at"`
	VerifyMet       *bool   `json:"verify_met"`
	FollowUpDue     string  `json:"follow_up_due"`
	FollowedUpAt    *string `json:"followed_up_at"`
	FollowUpMet     *bool   `json:"follow_up_met"`
	AutoCloseAt     *string `json:"auto_close_at"`
	// FollowUps are the report's steps to post to LAPOR!, with their
	// tindak lanjut texts (one report only).
	FollowUps []LaporFollowUpJSON `json:"follow_ups,omitempty"`
}

// LaporFollowUpJSON is one follow-up to post to LAPOR!.
type LaporFollowUpJSON struct {
	TrackingID  string   `json:"tracking_id"`
	Number      string   `json:"number"`
	Kind        string   `json:"kind"`
	At          string   `json:"at"`
	Text        string   `json:"text"`
	Attachments []string `json:"attachments"`
}

// LaporImportJSON is the answer to an import: each row's outcome.
type LaporImportJSON struct {
	Created int                  `json:"created"`
	Refused int                  `json:"refused"`
	Rows    []LaporImportRowJSON `json:"rows"`
}

// LaporImportRowJSON is one row's outcome.
type LaporImportRowJSON struct {
	Row        int    `json:"row"`
	TrackingID string `json:"tracking_id"`
	Number     string `json:"number,omitempty"`
	Error      string `json:"error,omitempty"`
}

func laporReportJSON(r *store.LaporReport, now time.Time, loc *time.Location) LaporReportJSON {
	d := r.Deadlines
	return LaporReportJSON{TrackingID: r.TrackingID, ComplaintID: r.ComplaintID, Number: r.Number, Status: string(r.Status), Category: r.Category,
		DispositionedAt: export.Time(loc, r.Dispositioned), Source: r.Source, VerifyDue: export.Time(loc, d.VerifyDue), VerifiedAt: export.TimePtr(loc, d.VerifiedAt),
		VerifyMet: d.VerifyMet(now), FollowUpDue: export.Time(loc, d.FollowUpDue), FollowedUpAt: export.TimePtr(loc, d.FollowedAt), FollowUpMet: d.FollowUpMet(now),
		AutoCloseAt: export.TimePtr(loc, d.AutoCloseAt)}
}

func followUpJSON(f lapor.FollowUp, loc *time.Location) LaporFollowUpJSON {
	att := f.Attachments
	if att == nil {
		att = []string{}
	}
	return LaporFollowUpJSON{TrackingID: f.TrackingID, Number: f.Number, Kind: string(f.Kind), At: export.Time(loc, f.At), Text: f.Text, Attachments: att}
}

// RegisterLapor records a LAPOR! report by its tracking ID and pasted text.
func (a *API) RegisterLapor(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	var in LaporIntakeJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	intake := lapor.Intake{TrackingID: in.TrackingID, Text: in.Text, Category: in.Category, Name: in.Name, Phone: in.Phone, Email: in.Email,
		Address: in.Address, Anonymous: in.Anonymous, Confidential: in.Confidential}
	if in.DispositionedAt != "" {
		t, err := time.Parse(time.RFC3339, in.DispositionedAt)
		if err != nil {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "dispositioned_at", Key: "err.field.datetime"}}}
		}
		intake.Dispositioned = t
	}
	lp := a.laporStore()
	c, err := lp.Register(r.Context(), act, intake, "manual")
	if err != nil {
		return err
	}
	rep, err := lp.Of(r.Context(), act, c.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, laporReportJSON(rep, a.now(), loc))
}

// ImportLapor registers the reports of a LAPOR! export (CSV or XLSX) sent
// as the form's file, read with the form's mapping (a JSON file or text;
// the default mapping without one). Each row is registered on its own.
func (a *API) ImportLapor(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	name, data, mapping, err := laporUpload(r)
	if err != nil {
		return err
	}
	res, err := ImportLaporFile(r, a.laporStore(), act, name, data, mapping)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, res)
}

// laporUpload reads the import: a multipart form with file, and mapping
// as a file or text; or the file as the raw body, named by ?name=, read
// with the default mapping.
func laporUpload(r *http.Request) (name string, data, mapping []byte, err error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if data, err = io.ReadAll(r.Body); err != nil {
			return "", nil, nil, err
		}
		name = r.URL.Query().Get("name")
		if name == "" {
			name = "import.csv"
		}
		return name, data, nil, nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return "", nil, nil, aduan.Errorf(aduan.EINVALID, "lapor.err.upload")
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		return "", nil, nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "file", Key: "err.field.required"}}}
	}
	defer f.Close()
	if data, err = io.ReadAll(f); err != nil {
		return "", nil, nil, err
	}
	if mf, _, err := r.FormFile("mapping"); err == nil {
		defer mf.Close()
		if mapping, err = io.ReadAll(mf); err != nil {
			return "", nil, nil, err
		}
	} else if s := strings.TrimSpace(r.FormValue("mapping")); s != "" {
		mapping = []byte(s)
	}
	return h.Filename, data, mapping, nil
}

// ImportLaporFile parses and registers an export, for the API and the
// console alike.
func ImportLaporFile(r *http.Request, imp LaporImporter, act aduan.Actor, name string, data, mappingFile []byte) (LaporImportJSON, error) {
	m := lapor.DefaultMapping
	if len(mappingFile) > 0 {
		var err error
		if m, err = lapor.ParseMapping(mappingFile); err != nil {
			return LaporImportJSON{}, err
		}
	}
	rows, rowErrs, err := lapor.ParseFile(name, data, m)
	if err != nil {
		return LaporImportJSON{}, err
	}
	res, err := imp.Import(r.Context(), act, name, rows, rowErrs)
	if err != nil {
		return LaporImportJSON{}, err
	}
	lang := reqctx.Lang(r)
	out := LaporImportJSON{Rows: []LaporImportRowJSON{}}
	for _, x := range res {
		row := LaporImportRowJSON{Row: x.Row, TrackingID: x.TrackingID, Number: x.Number}
		if x.Err != nil {
			out.Refused++
			row.Error = errorText(lang, x.Err)
		} else {
			out.Created++
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// errorText is a refused row's reason in the reader's language: the
// message and each field's.
func errorText(lang i18n.Lang, err error) string {
	e, ok := aduan.AsError(err)
	if !ok {
		return i18n.T(lang, "err.internal")
	}
	parts := []string{i18n.T(lang, e.Key, e.Args...)}
	for _, f := range e.Fields {
		if m := i18n.T(lang, f.Key, f.Args...); m != parts[0] {
			parts = append(parts, f.Field+": "+m)
		}
	}
	return strings.Join(parts, " ")
}

// ListLapor lists the LAPOR! reports with their deadlines.
func (a *API) ListLapor(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	list, err := a.laporStore().Reports(r.Context(), act)
	if err != nil {
		return err
	}
	now := a.now()
	out := list0[LaporReportJSON]()
	for i := range list {
		out.Items = append(out.Items, laporReportJSON(&list[i], now, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

func list0[T any]() list[T] { return list[T]{Items: []T{}} }

// GetLapor is one LAPOR! report, by tracking ID, with its follow-ups.
func (a *API) GetLapor(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	rep, fus, err := a.laporStore().Report(r.Context(), act, r.PathValue("tracking_id"))
	if err != nil {
		return err
	}
	j := laporReportJSON(rep, a.now(), loc)
	j.FollowUps = []LaporFollowUpJSON{}
	for _, f := range fus {
		j.FollowUps = append(j.FollowUps, followUpJSON(f, loc))
	}
	return writeJSON(w, http.StatusOK, j)
}

// LaporFollowUps is the daily list of follow-ups due to LAPOR!: a day's
// (?day=2026-03-09, today by default, in the city's zone) steps of LAPOR!
// reports with their tracking IDs, as JSON or, with ?format=csv, a CSV for
// the operator who keeps LAPOR!'s admin page in sync.
func (a *API) LaporFollowUps(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	p := newParams(r)
	day := a.now().In(loc)
	if s := p.str("day"); s != "" {
		t, err := time.ParseInLocation("2006-01-02", s, loc)
		if err != nil {
			p.errs.Add("day", "err.field.date")
		}
		day = t
	}
	format := p.str("format")
	if format != "" && format != "csv" && format != "json" {
		p.errs.Add("format", "err.field.choice")
	}
	if err := p.err(); err != nil {
		return err
	}
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	fus, err := a.laporStore().FollowUps(r.Context(), act, from, from.AddDate(0, 0, 1), 0)
	if err != nil {
		return err
	}
	if format == "csv" {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write([]string{"tracking_id", "nomor_pengaduan", "jenis", "waktu", "tindak_lanjut", "lampiran"})
		for _, f := range fus {
			// The texts come from agencies and citizens: a cell that a
			// spreadsheet would run as a formula is written as text.
			row := []string{f.TrackingID, f.Number, string(f.Kind), export.Time(loc, f.At), f.Text, strings.Join(f.Attachments, " ")}
			for i := range row {
				row[i] = sheet.Neutralize(row[i])
			}
			cw.Write(row)
		}
		cw.Flush()
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="lapor-tindak-lanjut-`+from.Format("2006-01-02")+`.csv"`)
		w.Header().Set("Cache-Control", "no-store")
		_, err := w.Write(buf.Bytes())
		return err
	}
	out := list0[LaporFollowUpJSON]()
	for _, f := range fus {
		out.Items = append(out.Items, followUpJSON(f, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}
