package web

import (
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// The SP4N-LAPOR! page (issue 20): the call center registers the reports
// LAPOR! dispositions to the city by tracking ID and pasted text, or
// imports LAPOR!'s export; sees LAPOR!'s deadlines beside each; and copies
// each follow-up back to LAPOR! from the report's page or the day's list.

type laporPageData struct {
	Reports  []store.LaporReport
	Now      time.Time
	Form     laporForm
	Errors   map[string]string
	Error    string
	Imported *laporImported
	Day      string
	Report   *store.LaporReport
	Follow   []lapor.FollowUp
	Q        string
	Month    store.LaporCompliance // this month's compliance with LAPOR!'s deadlines
}

type laporForm struct {
	TrackingID, Category, Text, Name, Phone, Dispositioned string
	Anonymous, Confidential                                bool
}

type laporImported struct {
	Created, Refused int
	Rows             []laporImportedRow
}

type laporImportedRow struct {
	Row                int
	TrackingID, Number string
	Error              string
}

// Met gives a deadline's state for the page: "met", "late" or "" (running).
func (d *laporPageData) Met(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "met"
	}
	return "late"
}

// laporMonth is LAPOR!'s deadline compliance of the reports dispositioned
// in now's month (for the dashboard and the LAPOR! page).
func (w *Web) laporMonth(r *http.Request, now time.Time) (store.LaporCompliance, error) {
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	return w.Stores.Lapor.Compliance(r.Context(), actorOf(r), start, start.AddDate(0, 1, 0), w.Stores.Clock.Now())
}

// LaporPage lists the LAPOR! reports with the forms; ?q= finds one by
// tracking ID.
func (w *Web) LaporPage(rw http.ResponseWriter, r *http.Request) error {
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		if id, ok := lapor.NormalizeTrackingID(q); ok {
			if _, err := w.Stores.Lapor.ByTrackingID(r.Context(), actorOf(r), id); err == nil {
				return redirect(rw, r, "/sp4n-lapor/"+id, "")
			}
		}
		return w.laporPage(rw, r, http.StatusNotFound, &laporPageData{Q: q, Error: i18n.T(langOf(r), "err.not_found.lapor")})
	}
	return w.laporPage(rw, r, http.StatusOK, &laporPageData{})
}

func (w *Web) laporPage(rw http.ResponseWriter, r *http.Request, status int, d *laporPageData) error {
	if err := actorOf(r).Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	var err error
	if d.Reports, err = w.Stores.Lapor.Reports(r.Context(), actorOf(r)); err != nil {
		return err
	}
	d.Now = w.Stores.Clock.Now()
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	d.Day = today(cityNow)
	if d.Month, err = w.laporMonth(r, cityNow); err != nil {
		return err
	}
	return w.render(rw, r, status, "lapor", &Page{Title: i18n.T(langOf(r), "lapor.web.title"), Data: d})
}

// RegisterLapor registers one report from the form.
func (w *Web) RegisterLapor(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	pf := r.PostForm
	f := laporForm{TrackingID: pf.Get("tracking_id"), Category: pf.Get("category"), Text: pf.Get("text"), Name: pf.Get("name"),
		Phone: pf.Get("phone"), Dispositioned: pf.Get("dispositioned_at"), Anonymous: pf.Get("anonymous") == "1", Confidential: pf.Get("confidential") == "1"}
	in := lapor.Intake{TrackingID: f.TrackingID, Category: f.Category, Text: f.Text, Name: f.Name, Phone: f.Phone, Anonymous: f.Anonymous, Confidential: f.Confidential}
	var err error
	if f.Dispositioned != "" {
		// The form's datetime-local, in the city's zone. The zone is read
		// into its own variable: err must stay the outer one, or a time
		// that cannot be read is lost and the report registered as
		// dispositioned now.
		cityLoc, zerr := w.zone(r.Context())
		if zerr != nil {
			return zerr
		}
		t, perr := time.ParseInLocation("2006-01-02T15:04", f.Dispositioned, cityLoc)
		if perr != nil {
			err = &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "dispositioned_at", Key: "err.field.datetime"}}}
		}
		in.Dispositioned = t
	}
	if err == nil {
		_, err = w.Stores.Lapor.Register(r.Context(), actorOf(r), in, "manual")
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || (aduan.ErrorCode(err) != aduan.EINVALID && aduan.ErrorCode(err) != aduan.ECONFLICT) {
			return err
		}
		return w.laporPage(rw, r, http.StatusBadRequest, &laporPageData{Form: f, Errors: fields, Error: msg})
	}
	id, _ := lapor.NormalizeTrackingID(f.TrackingID)
	return redirect(rw, r, "/sp4n-lapor/"+id, "web.ok.lapor_registered")
}

// ImportLapor imports a LAPOR! export with an optional mapping file and
// shows each row's outcome.
func (w *Web) ImportLapor(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return w.laporPage(rw, r, http.StatusBadRequest, &laporPageData{Error: i18n.T(langOf(r), "lapor.err.upload")})
	}
	file, h, err := r.FormFile("file")
	if err != nil {
		return w.laporPage(rw, r, http.StatusBadRequest, &laporPageData{Error: i18n.T(langOf(r), "lapor.err.upload")})
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	m := lapor.DefaultMapping
	if mf, _, err := r.FormFile("mapping"); err == nil {
		defer mf.Close()
		b, err := io.ReadAll(mf)
		if err != nil {
			return err
		}
		if m, err = lapor.ParseMapping(b); err != nil {
			_, msg, _ := formErrors(langOf(r), err)
			return w.laporPage(rw, r, http.StatusBadRequest, &laporPageData{Error: msg})
		}
	}
	rows, rowErrs, err := lapor.ParseFile(h.Filename, data, m)
	var res []store.LaporImportResult
	if err == nil {
		res, err = w.Stores.Lapor.Import(r.Context(), actorOf(r), h.Filename, rows, rowErrs)
	}
	if err != nil {
		_, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		return w.laporPage(rw, r, http.StatusBadRequest, &laporPageData{Error: msg})
	}
	imp := &laporImported{}
	for _, x := range res {
		row := laporImportedRow{Row: x.Row, TrackingID: x.TrackingID, Number: x.Number}
		if x.Err != nil {
			imp.Refused++
			_, row.Error, _ = formErrors(langOf(r), x.Err)
		} else {
			imp.Created++
		}
		imp.Rows = append(imp.Rows, row)
	}
	return w.laporPage(rw, r, http.StatusOK, &laporPageData{Imported: imp})
}

// LaporReport shows one LAPOR! report: its deadlines and every follow-up
// with the tindak lanjut text and photos to copy to LAPOR!.
func (w *Web) LaporReport(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	rep, fus, err := w.Stores.Lapor.Report(r.Context(), actor, r.PathValue("tracking_id"))
	if err != nil {
		return err
	}
	d := &laporPageData{Report: rep, Follow: fus, Now: w.Stores.Clock.Now()}
	return w.render(rw, r, http.StatusOK, "lapor_report", &Page{Title: "LAPOR! " + rep.TrackingID, Data: d})
}
