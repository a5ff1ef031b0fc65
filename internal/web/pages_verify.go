// The public check of a copy of a report (/verify): the file or the code
// printed on it, with no log-in.

package web

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// verifyPage is /verify.
type verifyPage struct {
	Checked bool
	Match   bool
	SHA     string
	Format  string
	Report  *report.Report
	Error   string
}

// Verify is the public check of a copy: upload the file or type the code
// printed on it; no log-in.
func (w *Web) Verify(rw http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	d := &verifyPage{}
	if r.Method == http.MethodPost {
		if err := w.Stores.Admin.VerifyLimit(rw, r); err != nil {
			_, msg, ok := formErrors(lang, err)
			if !ok {
				return err
			}
			d.Error = msg
			return w.render(rw, r, http.StatusTooManyRequests, "reports_verify", &Page{Title: i18n.T(lang, "rep.web.verify_title"), Data: d})
		}
		r.Body = http.MaxBytesReader(rw, r.Body, auth.MaxVerifyUpload)
		var mbe *http.MaxBytesError
		if err := r.ParseMultipartForm(1 << 20); errors.As(err, &mbe) {
			d.Error = i18n.T(lang, "err.too_large", auth.MaxVerifyUpload>>10)
			return w.render(rw, r, http.StatusRequestEntityTooLarge, "reports_verify", &Page{Title: i18n.T(lang, "rep.web.verify_title"), Data: d})
		}
	}
	sha := strings.TrimSpace(r.FormValue("hash"))
	if r.Method == http.MethodPost && sha == "" {
		if f, _, err := r.FormFile("file"); err == nil {
			body, rerr := io.ReadAll(f)
			f.Close()
			if rerr != nil {
				d.Error = i18n.T(lang, "err.too_large", auth.MaxVerifyUpload>>10)
			} else if len(body) > 0 {
				sha = report.HashBytes(body)
			}
		}
		if sha == "" && d.Error == "" {
			d.Error = i18n.T(lang, "err.report.empty_file")
		}
	}
	status := http.StatusOK
	if sha != "" {
		d.Checked, d.SHA = true, strings.ToLower(sha)
		m, err := w.Stores.Admin.VerifyReport(r.Context(), sha)
		switch {
		case err == nil:
			d.Match, d.Report, d.Format = true, m.Report, m.Format
		case aduan.ErrorCode(err) == aduan.ENOTFOUND:
		default:
			_, msg, ok := formErrors(lang, err)
			if !ok {
				return err
			}
			d.Checked, d.Error, status = false, msg, http.StatusUnprocessableEntity
		}
	}
	return w.render(rw, r, status, "reports_verify", &Page{Title: i18n.T(lang, "rep.web.verify_title"), Data: d})
}
