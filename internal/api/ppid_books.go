package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/ppidsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// The PPID's registers and annual report through the API: the rows and
// figures as JSON, and the same files the console downloads (?format=).
// The store decides who reads what, as for the console.

// InfoAnnualJSON is the annual public-information service report of a
// year; sha256 is set once the year's report is final (its content hash,
// checked at /api/v1/reports/verify or /verify, as the monthly report's).
type InfoAnnualJSON struct {
	Report store.InfoAnnual `json:"report"`
	SHA256 string           `json:"sha256,omitempty"`
}

// pathYear reads {year}.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 2000 || y > 9999 {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	return y, nil
}

// writeFile sends a document as a download.
func writeFile(w http.ResponseWriter, f *ppidsvc.File) error {
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(f.Body)
	return err
}

// InfoRegister: GET /api/v1/ppid/registers/{book}?year=&format= — the
// register of requests (permohonan) or of objections (keberatan) of a year
// (this year by default): JSON rows, or a csv, xlsx or pdf file.
func (a *API) InfoRegister(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	year := int(p.int("year"))
	format := p.str("format")
	if err := p.err(); err != nil {
		return err
	}
	if year == 0 {
		year = a.now().In(loc).Year()
	}
	if year < 2000 || year > 9999 {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	actor, lang, book := reqctx.Actor(r), reqctx.Lang(r), r.PathValue("book")
	if format != "" && format != "json" {
		f, err := ppidsvc.RegisterFile(r.Context(), a.Store, actor, book, year, format, lang)
		if err != nil {
			return err
		}
		return writeFile(w, f)
	}
	rs, err := ppidsvc.RegisterRows(r.Context(), a.ppidStore(), actor, book, year)
	if err != nil {
		return err
	}
	if err := a.ppidStore().AuditRegister(r.Context(), actor, book, "json", year, len(rs)); err != nil {
		return err
	}
	now := a.now()
	out := list[InfoRequestJSON]{Items: []InfoRequestJSON{}}
	for _, x := range rs {
		out.Items = append(out.Items, InfoRequestOut(x, now, lang, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

// InfoAnnual: GET /api/v1/ppid/annual/{year}?format=pdf — the annual
// report: the figures of the year's final report (made final through
// /api/v1/reports, kind info_annual, as the monthly report), or computed
// now (provisional while the year runs).
func (a *API) InfoAnnual(w http.ResponseWriter, r *http.Request) error {
	year, err := pathYear(r)
	if err != nil {
		return err
	}
	format := newParams(r).str("format")
	rep, err := a.ppidStore().Annual(r.Context(), reqctx.Actor(r), year)
	if err != nil {
		return err
	}
	switch format {
	case "", "json":
		return writeJSON(w, http.StatusOK, InfoAnnualJSON{Report: *rep, SHA256: rep.SHA256})
	case "pdf":
		f, err := ppidsvc.AnnualFile(r.Context(), a.Store, reqctx.Actor(r), rep, reqctx.Lang(r))
		if err != nil {
			return err
		}
		return writeFile(w, f)
	}
	return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
}
