// Package export writes what the service holds as files for people to
// take away: complaint lists (CSV, XLSX) and a data subject's dossier.
package export

import (
	"context"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
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

// Exporter writes complaint lists as files, for the JSON API and the
// console's queue alike: the same rules, progress and audit.
type Exporter struct {
	Store *store.Store
	Log   *slog.Logger
}

// ContentTypes are the media types of the formats an export is written in.
var ContentTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// Check refuses an export in an unknown format (404) or by someone who may
// not read complaints; a surface calls it before it reads its filters.
func Check(act aduan.Actor, format string) error {
	if format != "csv" && format != "xlsx" {
		return aduan.Errorf(aduan.ENOTFOUND, "err.report.format", format)
	}
	return act.Require(aduan.PermComplaintRead)
}

// Complaints writes the complaints act may read that f selects as format
// (csv or xlsx), in lang, to w; progress names the export for the progress
// poll ("" none); query is what the audit records as the filter (the
// caller's own parameters).
func (e *Exporter) Complaints(w http.ResponseWriter, r *http.Request, act aduan.Actor, f aduan.ComplaintFilter, format, progress string, lang i18n.Lang, query url.Values) error {
	if err := Check(act, format); err != nil {
		return err
	}
	f.Before, f.Limit, f.Offset = 0, 0, 0
	if progress != "" && !progressIDRe.MatchString(progress) {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "progress", Key: "err.report.export_id"}}}
	}
	// The export outlives the ordinary request timeout on purpose.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), MaxExportTime)
	defer cancel()
	total, err := e.Store.Reports().CountComplaints(ctx, act, f)
	if err != nil {
		return err
	}
	now := e.Store.Now()
	track := func(done int64, finished, failed bool) {
		if progress == "" {
			return
		}
		err := e.Store.Reports().SetExportProgress(ctx, act.UserID, store.ExportProgress{ID: progress, Format: format, Total: total, Done: done, Finished: finished, Failed: failed})
		if err != nil {
			e.Log.Warn("export progress", "err", err)
		}
	}
	track(0, false, false)
	loc, err := e.Store.Zone(ctx)
	if err != nil {
		return err
	}
	name := "pengaduan-" + now.In(loc).Format("20060102-1504") + "." + format
	h := w.Header()
	h.Set("Content-Type", ContentTypes[format])
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Export-Total", strconv.FormatInt(total, 10))
	var out render.ComplaintWriter
	if format == "csv" {
		out, err = render.NewCSV(w, act, lang, now, loc)
	} else {
		out, err = render.NewXLSX(w, act, lang, now, loc)
	}
	if err != nil {
		track(0, true, true)
		return err
	}
	var n int64
	percent := max(total/100, 1)
	err = e.Store.Reports().EachComplaint(ctx, act, f, func(c *aduan.Complaint) error {
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
		e.Log.Warn("export failed", "err", err, "rows", n, "request_id", reqctx.RequestID(r.Context()))
		return nil
	}
	track(n, true, false)
	if err := e.Store.Reports().AuditExport(ctx, act, format, query, n); err != nil {
		e.Log.Warn("export audit", "err", err)
	}
	return nil
}
