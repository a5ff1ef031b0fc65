// Package reportsvc renders the daily and monthly reports' final
// documents and takes a report through its steps with them, for the JSON
// API and the console alike.
package reportsvc

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// Service renders reports over the store.
type Service struct {
	Store *store.Store
	// Outbox sends the heads of agencies their figures when the city's
	// monthly report is final (nil: messaging off, in-app only).
	Outbox Outbox
}

// Outbox records an outgoing message and enqueues its send job inside the
// change's transaction (jobs.Queue).
type Outbox interface {
	EnqueueTx(ctx context.Context, tx *sql.Tx, m *channel.Message) error
}

// PurposeReportNotice marks the message that tells a Pimpinan PD its
// agency's figures in the city's final monthly report.
const PurposeReportNotice channel.Purpose = "report_notice"

// Renderer returns the renderer of final documents: always in
// Indonesian, the language of the office's records, with the city's
// letterhead as it stands now.
func (s *Service) Renderer(ctx context.Context) (store.Renderer, error) {
	letterhead, err := Letterhead(ctx, s.Store)
	if err != nil {
		return nil, err
	}
	return func(r *report.Report, c *report.Content) ([]report.File, error) {
		if r.Kind == report.Annual {
			// The PPID's annual report is a letter: a PDF, no workbook.
			pdf, err := render.AnnualContentPDF(r, c, letterhead, i18n.ID, false)
			if err != nil {
				return nil, err
			}
			return []report.File{{Format: "pdf", Body: pdf}}, nil
		}
		d, err := render.NewDoc(r, c, letterhead, i18n.ID, false)
		if err != nil {
			return nil, err
		}
		pdf, err := render.PDF(d)
		if err != nil {
			return nil, err
		}
		xlsx, err := render.XLSX(d)
		if err != nil {
			return nil, err
		}
		return []report.File{{Format: "pdf", Body: pdf}, {Format: "xlsx", Body: xlsx}}, nil
	}, nil
}

// Letterhead is what the city's documents print as they stand now: the
// settings (letterhead, address, number pattern…), the logo the admin
// uploaded and the NIPs of those who sign. Reports and the PPID's letters
// read it alike.
func Letterhead(ctx context.Context, st *store.Store) (render.Settings, error) {
	stored, err := st.RefData().Settings(ctx)
	if err != nil {
		return render.Settings{}, err
	}
	set := render.SettingsFrom(stored)
	switch l, err := st.RefData().Logo(ctx); {
	case err == nil:
		set.Logo = l.PNG
	case aduan.ErrorCode(err) != aduan.ENOTFOUND:
		return render.Settings{}, err
	}
	if set.NIPs, err = st.RefData().NIPs(ctx); err != nil {
		return render.Settings{}, err
	}
	return set, nil
}

// Act takes report id (at version) through action for act; a step that
// makes the report final renders its documents with the letterhead as it
// stands now.
func (s *Service) Act(ctx context.Context, act aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error) {
	rnd, err := s.Renderer(ctx)
	if err != nil {
		return nil, err
	}
	return s.Store.Reports().ReportActionTelling(ctx, act, id, version, action, comment, rnd, s.tellHead)
}

// tellHead sends a Pimpinan PD, by SMS to their mobile through the
// outbox (in the paraf's transaction), its agency's figures of the month
// in the city's final report, beside the in-app notice. A head without a
// mobile number has the notice only.
func (s *Service) tellHead(ctx context.Context, tx *sql.Tx, r *report.Report, head aduan.User, fig *report.AgencyStat) error {
	if s.Outbox == nil || !head.Phone.Mobile() {
		return nil // messaging off, or no mobile: the console's notice stands
	}
	set, err := s.Store.RefData().Settings(ctx)
	if err != nil {
		return err
	}
	month := i18n.MonthYear(i18n.ID, r.From.In(r.Loc()))
	link := strings.TrimRight(set["public_base_url"], "/") + "/reports"
	body := i18n.T(i18n.ID, "rep.sms.head_none", month, link)
	if fig != nil {
		body = i18n.T(i18n.ID, "rep.sms.head", month, fig.Name, i18n.Number(i18n.ID, int64(fig.Forwarded)), i18n.Number(i18n.ID, int64(fig.Answered)),
			i18n.Percent(i18n.ID, fig.Rate), link)
	}
	return s.Outbox.EnqueueTx(ctx, tx, &channel.Message{Channel: channel.SMS, Purpose: PurposeReportNotice, Template: "report_final",
		To: string(head.Phone), Body: body, UserID: head.ID, AgencyID: head.AgencyID})
}
