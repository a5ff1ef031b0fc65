package ppidsvc

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/store"
)

// The registers and the annual report as files, for the console's
// download links and the API alike: the same rows for the same reader.

// File is a document to send.
type File struct {
	Name, ContentType string
	Body              []byte
}

// YearRange is the year's span in the city's zone: the registers hold the
// requests received in it.
func YearRange(year int) (from, to time.Time) {
	from = time.Date(year, 1, 1, 0, 0, 0, 0, aduan.WIB)
	return from, from.AddDate(1, 0, 0)
}

// InfoRequests reads the requests for public information as an actor
// may see them (store.PPID).
type InfoRequests interface {
	Requests(ctx context.Context, actor aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error)
}

// RegisterRows reads a register's requests of a year as actor may see them.
func RegisterRows(ctx context.Context, reqs InfoRequests, actor aduan.Actor, book string, year int) ([]*aduan.InfoRequest, error) {
	if book != BookRequests && book != BookObjections {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	from, to := YearRange(year)
	return reqs.Requests(ctx, actor, store.InfoFilter{From: &from, To: &to, Objected: book == BookObjections})
}

// RegisterFile writes a register of a year in format (csv, xlsx, pdf) for
// actor; the export is audited, as it holds requesters' identities.
func RegisterFile(ctx context.Context, st *store.Store, actor aduan.Actor, book string, year int, format string, lang i18n.Lang) (*File, error) {
	rs, err := RegisterRows(ctx, st.PPID(), actor, book, year)
	if err != nil {
		return nil, err
	}
	now := st.Now()
	tb, err := Register(book, rs, now, lang)
	if err != nil {
		return nil, err
	}
	lh, err := reportsvc.Letterhead(ctx, st)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	ctype, err := tb.Write(&buf, format, lh, now, lang)
	if err != nil {
		return nil, err
	}
	if err := st.PPID().AuditRegister(ctx, actor, book, format, year, len(tb.Rows)); err != nil {
		return nil, err
	}
	return &File{Name: FileName(book, year, format), ContentType: ctype, Body: buf.Bytes()}, nil
}

// AnnualFile is the annual report as its PDF: the final report's PDF as
// it was kept at the paraf (the copy whose hash /verify knows), or the
// figures computed now, marked not final.
func AnnualFile(ctx context.Context, st *store.Store, actor aduan.Actor, a *store.InfoAnnual, lang i18n.Lang) (*File, error) {
	var b []byte
	var err error
	if a.ReportID != 0 {
		b, err = st.Reports().ReportFile(ctx, actor, a.ReportID, "pdf")
	} else {
		var lh render.Settings
		if lh, err = reportsvc.Letterhead(ctx, st); err != nil {
			return nil, err
		}
		b, err = render.AnnualPDF(nil, a, lh, st.Now(), lang, true)
	}
	if err != nil {
		return nil, err
	}
	return &File{Name: fmt.Sprintf("laporan-ppid-%d.pdf", a.Year), ContentType: "application/pdf", Body: b}, nil
}
