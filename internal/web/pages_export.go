// The queue's exports: the links (with the queue's filters, or a monthly
// report's complaints), their progress bar, and the download itself.

package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// ExportHref is the link of the queue's export in a format with the
// queue's filters (the query built here: html/template would escape a
// whole query string typed into an href as one value).
func (p *Page) ExportHref(format string, q url.Values) template.URL {
	e := url.Values{}
	for k, v := range q {
		if k != "cursor" && k != "ok" {
			e[k] = v
		}
	}
	return template.URL("/queue/export/" + url.PathEscape(format) + "?" + e.Encode())
}

// ReportExportHref is the link of the complaints behind a monthly report
// (its period and filters, every status) in a format, through the queue's
// export; "" for a daily report.
func (p *Page) ReportExportHref(format string, r *report.Report) template.URL {
	if r.Kind != report.Monthly || !r.To.After(r.From) {
		return ""
	}
	q := url.Values{"status": {"all"}, "from": {r.From.In(r.Loc()).Format("2006-01-02")},
		"to": {r.To.Add(-time.Millisecond).In(r.Loc()).Format("2006-01-02")}}
	if r.Filter.KecamatanCode != "" {
		q.Set("kecamatan", r.Filter.KecamatanCode)
	}
	if r.Filter.AgencyID != 0 {
		q.Set("agency", strconv.FormatInt(r.Filter.AgencyID, 10))
	}
	if r.Filter.CategoryID != 0 {
		q.Set("category", strconv.FormatInt(r.Filter.CategoryID, 10))
	}
	if r.Filter.Channel != "" {
		q.Set("channel", string(r.Filter.Channel))
	}
	return template.URL("/queue/export/" + url.PathEscape(format) + "?" + q.Encode())
}

// ExportProgress is the progress bar of the exports whose links name it
// (data-export="id"): hidden until app.js starts an export, with the
// texts it shows in the reader's language.
func (p *Page) ExportProgress(id string) template.HTML {
	t := func(k string) string { return template.HTMLEscapeString(i18n.T(p.Lang, k)) }
	return template.HTML(`<div class="export-progress" id="` + template.HTMLEscapeString(id) + `" hidden role="status" aria-live="polite"` +
		` data-t-start="` + t("rep.web.progress.start") + `" data-t-rows="` + t("rep.web.progress.rows") + `"` +
		` data-t-assemble="` + t("rep.web.progress.assemble") + `" data-t-done="` + t("rep.web.progress.done") + `"` +
		` data-t-failed="` + t("rep.web.progress.failed") + `">` +
		`<progress max="100" aria-label="` + t("rep.web.progress.label") + `"></progress> <span class="export-status"></span></div>`)
}

// ExportQueue streams the queue's complaints with the queue's filters as
// CSV or XLSX, through the export shared with the API (same rules, audit
// and progress). The parameters the API would take are recorded in the
// audit as the filter.
func (w *Web) ExportQueue(rw http.ResponseWriter, r *http.Request) error {
	if w.Stores.Exports == nil {
		return aduan.Errorf(aduan.EUNAVAILABLE, "err.internal")
	}
	actor, format := actorOf(r), r.PathValue("format")
	if err := export.Check(actor, format); err != nil {
		return err
	}
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	f, _ := queueFilter(r.URL.Query(), langOf(r), cityLoc)
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("q", f.Query)
	set("kecamatan", f.KecamatanCode)
	set("channel", string(f.Channel))
	if f.AgencyID != 0 {
		q.Set("agency_id", strconv.FormatInt(f.AgencyID, 10))
	}
	if f.CategoryID != 0 {
		q.Set("category_id", strconv.FormatInt(f.CategoryID, 10))
	}
	var st []string
	for _, s := range f.Statuses {
		st = append(st, string(s))
	}
	set("status", strings.Join(st, ","))
	if f.Open != nil {
		q.Set("open", strconv.FormatBool(*f.Open))
	}
	if f.Overdue {
		q.Set("overdue", "true")
	}
	if f.From != nil {
		q.Set("from", f.From.Format(time.RFC3339))
	}
	if f.To != nil {
		q.Set("to", f.To.Format(time.RFC3339))
	}
	// The file speaks the console's language, not the browser's.
	lang := langOf(r)
	q.Set("lang", string(lang))
	// The console's script names the export to follow its progress.
	progress := r.URL.Query().Get("progress")
	set("progress", progress)
	return w.Stores.Exports.Complaints(rw, r, actor, f, format, progress, lang, q)
}
