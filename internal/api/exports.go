package api

import (
	"context"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// Complaint exports: the list of GET /complaints, with the very same
// filters, as CSV or XLSX. Rows are read a page at a time and written as
// they come (CSV), or into excelize's stream writer (XLSX), so memory stays
// flat for a million rows.
//
// Progress: the response carries X-Export-Total (the rows to come) before
// the first row. A client that names the export (?progress=ID) can also
// poll GET /api/v1/exports/progress/{id}, which any instance answers since
// the progress is kept in the database; this is what an XLSX download
// needs, as its bytes only start once the workbook is assembled.

// MaxExportTime bounds one export; it runs past the ordinary request
// timeout, and stops early when the client goes away (a write fails).
const MaxExportTime = 30 * time.Minute

// progressEvery is how often (in rows) the progress record is updated at
// least; it is also updated at every whole percent, so that a bar moves
// evenly for a few thousand rows as for a million (at most about 100 +
// rows/5000 writes).
const progressEvery = 5000

var progressIDRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ExportProgressJSON is how far an export has got.
type ExportProgressJSON struct {
	ID        string  `json:"id"`
	Format    string  `json:"format"`
	Total     int64   `json:"total"`
	Done      int64   `json:"done"`
	Percent   float64 `json:"percent"`
	Finished  bool    `json:"finished"`
	Failed    bool    `json:"failed"`
	StartedAt string  `json:"started_at"`
	UpdatedAt string  `json:"updated_at"`
}

func (a *API) ExportComplaints(w http.ResponseWriter, r *http.Request) error {
	format := r.PathValue("format")
	if format != "csv" && format != "xlsx" {
		return aduan.Errorf(aduan.ENOTFOUND, "err.report.format", format)
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	f, err := complaintFilterParams(r)
	if err != nil {
		return err
	}
	f.Before, f.Limit = 0, 0
	progress := r.URL.Query().Get("progress")
	if progress != "" && !progressIDRe.MatchString(progress) {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "progress", Key: "err.report.export_id"}}}
	}
	// The export outlives the ordinary request timeout on purpose.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), MaxExportTime)
	defer cancel()
	total, err := a.Store.CountComplaints(ctx, act, f)
	if err != nil {
		return err
	}
	now := a.Store.Now()
	track := func(done int64, finished, failed bool) {
		if progress == "" {
			return
		}
		err := a.Store.SetExportProgress(ctx, act.UserID, store.ExportProgress{ID: progress, Format: format, Total: total, Done: done, Finished: finished, Failed: failed})
		if err != nil {
			a.Log.Warn("export progress", "err", err)
		}
	}
	track(0, false, false)
	lang := reqctx.Lang(r)
	name := "pengaduan-" + now.In(aduan.WIB).Format("20060102-1504") + "." + format
	h := w.Header()
	h.Set("Content-Type", fileTypes[format])
	if format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Export-Total", strconv.FormatInt(total, 10))
	var out render.ComplaintWriter
	if format == "csv" {
		out, err = render.NewCSV(w, act, lang, now)
	} else {
		out, err = render.NewXLSX(w, act, lang, now)
	}
	if err != nil {
		track(0, true, true)
		return err
	}
	var n int64
	percent := max(total/100, 1)
	err = a.Store.EachComplaint(ctx, act, f, func(c *aduan.Complaint) error {
		if err := out.Write(c); err != nil {
			return err
		}
		n++
		if n%progressEvery == 0 || n%percent == 0 {
			track(n, false, false)
		}
		return nil
	})
	if err == nil {
		err = out.Close()
	}
	if err != nil {
		// Headers (and maybe rows) are out: the client sees a cut file.
		// Say so in the log and the progress record; nothing more can be
		// sent.
		track(n, true, true)
		a.Log.Warn("export failed", "err", err, "rows", n, "request_id", reqctx.RequestID(r.Context()))
		return nil
	}
	track(n, true, false)
	if err := a.Store.AuditExport(ctx, act, format, r.URL.Query(), n); err != nil {
		a.Log.Warn("export audit", "err", err)
	}
	return nil
}

func (a *API) ExportProgress(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	p, err := a.Store.GetExportProgress(r.Context(), act.UserID, r.PathValue("id"))
	if err != nil {
		return err
	}
	j := ExportProgressJSON{ID: p.ID, Format: p.Format, Total: p.Total, Done: p.Done, Finished: p.Finished, Failed: p.Failed,
		StartedAt: formatTime(p.StartedAt), UpdatedAt: formatTime(p.UpdatedAt)}
	if p.Total > 0 {
		j.Percent = float64(p.Done*1000/p.Total) / 10
	} else if p.Finished {
		j.Percent = 100
	}
	return writeJSON(w, http.StatusOK, j)
}
