package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/store"
)

// Reports is what the reports area (daily, monthly and one report with
// its review and paraf), the dashboard and the agencies' reach page read
// and write: store.Reports, the report documents' service for the steps
// that render a final document (reportsvc.Service.Act), and the two
// reference-data warnings those pages show.
type Reports interface {
	Reports(ctx context.Context, actor aduan.Actor, f store.ReportFilter) ([]*report.Report, int64, error)
	Report(ctx context.Context, actor aduan.Actor, id int64) (*report.Report, error)
	ReportData(ctx context.Context, actor aduan.Actor, r *report.Report) (json.RawMessage, error)
	DailyData(ctx context.Context, actor aduan.Actor, operatorID int64, day string) (*report.DailyData, error)
	DailyReportStatus(ctx context.Context, actor aduan.Actor, from, to time.Time) ([]report.DailyStatusLine, error)
	MonthlyData(ctx context.Context, actor aduan.Actor, from, to time.Time, f report.Filter) (*report.MonthlyData, error)
	CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error)
	EditReport(ctx context.Context, actor aduan.Actor, id, version int64, narrative string) (*report.Report, error)
	DashboardFor(ctx context.Context, actor aduan.Actor, now time.Time) (*store.Dashboard, error)
	SatisfactionFor(ctx context.Context, actor aduan.Actor, from, to time.Time) (report.Satisfaction, error)
	// Act submits, returns or initials a report (reportsvc.Service.Act):
	// EUNAVAILABLE when the console has no documents' service.
	Act(ctx context.Context, act aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error)
	// HolidayWarning is a year whose holiday table is missing and
	// matters now (0: none); AgencyReaches is each agency's reach.
	HolidayWarning(ctx context.Context) (int, error)
	AgencyReaches(ctx context.Context, actor aduan.Actor) ([]aduan.AgencyReach, error)
}

// Figures is what the citizens' pages without a log-in read of the
// figures and the survey: a year's public figures, a survey link by its
// token, and the answer to it.
type Figures interface {
	PublicFigures(ctx context.Context, year int) (*report.PublicFigures, error)
	SKMLinkByToken(ctx context.Context, token string) (*store.SKMLinkInfo, error)
	AnswerSKM(ctx context.Context, token string, a aduan.SKMAnswer) error
}

// Messages is what the messages area reads and writes: the lists of
// messages (failed, unmatched, under review), the templates and the
// switches beside them, the user's notifications, and the queue's retry
// and assignment (jobs.Queue, EUNAVAILABLE when messaging is off).
type Messages interface {
	ListMessages(ctx context.Context, actor aduan.Actor, f store.MessageFilter) ([]*channel.Message, int64, error)
	ReviewCount(ctx context.Context, actor aduan.Actor) (int64, error)
	ReviewList(ctx context.Context, actor aduan.Actor, limit int) ([]*channel.Message, error)
	Templates(ctx context.Context, actor aduan.Actor) ([]channel.Template, error)
	SaveTemplate(ctx context.Context, actor aduan.Actor, t channel.Template) (channel.Template, error)
	SetSettings(ctx context.Context, actor aduan.Actor, values map[string]string) error
	Notifications(ctx context.Context, actor aduan.Actor, unreadOnly bool, limit int) ([]store.Notification, error)
	MarkNotificationRead(ctx context.Context, actor aduan.Actor, id int64) error
	MarkAllNotificationsRead(ctx context.Context, actor aduan.Actor) (int64, error)
	Retry(ctx context.Context, actor aduan.Actor, id int64) (*channel.Message, error)
	Assign(ctx context.Context, actor aduan.Actor, id int64, number string) (*channel.Message, error)
}

// Exports writes the queue's complaints as a file (export.Exporter).
type Exports interface {
	Complaints(w http.ResponseWriter, r *http.Request, act aduan.Actor, f aduan.ComplaintFilter, format, progress string, lang i18n.Lang, query url.Values) error
}

// storeReports is Reports over the store and the documents' service
// (nil: none). The store's reports are embedded under another name, as
// their field would otherwise hide their Reports method.
type storeReports struct {
	*reportsOfStore
	rf   *store.RefData
	docs *reportsvc.Service
}

type reportsOfStore = store.Reports

func newStoreReports(st *store.Store, docs *reportsvc.Service) storeReports {
	return storeReports{reportsOfStore: st.Reports(), rf: st.RefData(), docs: docs}
}

func (s storeReports) Act(ctx context.Context, act aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error) {
	if s.docs == nil {
		return nil, aduan.Errorf(aduan.EUNAVAILABLE, "err.internal")
	}
	return s.docs.Act(ctx, act, id, version, action, comment)
}

func (s storeReports) HolidayWarning(ctx context.Context) (int, error) {
	return s.rf.HolidayWarning(ctx)
}

func (s storeReports) AgencyReaches(ctx context.Context, actor aduan.Actor) ([]aduan.AgencyReach, error) {
	return s.rf.AgencyReaches(ctx, actor)
}

// storeFigures is Figures over the store.
type storeFigures struct {
	*store.Open311
	rp *store.Reports
}

func (s storeFigures) PublicFigures(ctx context.Context, year int) (*report.PublicFigures, error) {
	return s.rp.PublicFigures(ctx, year)
}

// storeMessages is Messages over the store and the messaging service
// (nil: messaging off).
type storeMessages struct {
	*store.Messages
	rf  *store.RefData
	msg *msgsvc.Messaging
}

func newStoreMessages(st *store.Store, msg *msgsvc.Messaging) storeMessages {
	return storeMessages{Messages: st.Messages(), rf: st.RefData(), msg: msg}
}

func (s storeMessages) SetSettings(ctx context.Context, actor aduan.Actor, values map[string]string) error {
	return s.rf.SetSettings(ctx, actor, values)
}

func (s storeMessages) Retry(ctx context.Context, actor aduan.Actor, id int64) (*channel.Message, error) {
	q, err := s.msg.Jobs()
	if err != nil {
		return nil, err
	}
	return q.Retry(ctx, actor, id)
}

func (s storeMessages) Assign(ctx context.Context, actor aduan.Actor, id int64, number string) (*channel.Message, error) {
	q, err := s.msg.Jobs()
	if err != nil {
		return nil, err
	}
	return q.Assign(ctx, actor, id, number)
}

// withServices gives the reports, messages and exports the services New
// is built with; StoresOf alone has none (reports' steps and the
// messages' queue answer EUNAVAILABLE, exports are off).
func (s *Stores) withServices(st *store.Store, svc Services) {
	s.Reports = newStoreReports(st, svc.ReportDocs)
	s.Messages = newStoreMessages(st, svc.Messaging)
	if svc.Exports != nil {
		s.Exports = svc.Exports
	}
}
