package api

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// ReportsStore is what the report handlers read and write of the store
// (store.Reports), declared here so that handler tests give a fake
// (handlers_apirep_test.go) and run without a database.
type ReportsStore interface {
	Reports(ctx context.Context, actor aduan.Actor, f store.ReportFilter) ([]*report.Report, int64, error)
	Report(ctx context.Context, actor aduan.Actor, id int64) (*report.Report, error)
	CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error)
	EditReport(ctx context.Context, actor aduan.Actor, id, version int64, narrative string) (*report.Report, error)
	ReportData(ctx context.Context, actor aduan.Actor, r *report.Report) (json.RawMessage, error)
	ReportFile(ctx context.Context, actor aduan.Actor, id int64, format string) ([]byte, error)
	VerifyReport(ctx context.Context, sha string) (*report.Match, error)
	DailyReportStatus(ctx context.Context, actor aduan.Actor, from, to time.Time) ([]report.DailyStatusLine, error)
	DailyData(ctx context.Context, actor aduan.Actor, operatorID int64, day string) (*report.DailyData, error)
	MonthlyData(ctx context.Context, actor aduan.Actor, from, to time.Time, f report.Filter) (*report.MonthlyData, error)
	PublicFigures(ctx context.Context, year int) (*report.PublicFigures, error)
}

// reportsStore is a.ReportsStore when set (tests), else the store's.
func (a *API) reportsStore() ReportsStore {
	if a.ReportsStore != nil {
		return a.ReportsStore
	}
	return a.Store.Reports()
}

// ReportSteps takes a report through its workflow (reportsvc.Service:
// a step that makes it final renders its documents).
type ReportSteps interface {
	Act(ctx context.Context, act aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error)
}

// reportSteps is a.ReportSteps when set (tests), else a.Reports.
func (a *API) reportSteps() ReportSteps {
	if a.ReportSteps != nil {
		return a.ReportSteps
	}
	return a.Reports
}

// PrivacyStore is what the privacy handlers read and write of the store
// (store.Privacy): the data subjects' requests, the breach log, the
// retention run.
type PrivacyStore interface {
	Requests(ctx context.Context, actor aduan.Actor) ([]*aduan.PrivacyRequest, error)
	Request(ctx context.Context, actor aduan.Actor, id int64) (*aduan.PrivacyRequest, error)
	CreateRequest(ctx context.Context, actor aduan.Actor, in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error)
	Lookup(ctx context.Context, actor aduan.Actor, id int64) (*store.Dossier, error)
	Breaches(ctx context.Context, actor aduan.Actor) ([]*aduan.Breach, error)
	Retention(ctx context.Context, actor aduan.Actor, dryRun bool, files attach.Storage) (*store.RetentionReport, error)
}

// privacyStore is a.PrivacyStore when set (tests), else the store's.
func (a *API) privacyStore() PrivacyStore {
	if a.PrivacyStore != nil {
		return a.PrivacyStore
	}
	return a.Store.Privacy()
}

// PPIDStore is what the PPID's request handlers read and write of the
// store (store.PPID): requests for public information, their log and
// steps, and the annual report.
type PPIDStore interface {
	Requests(ctx context.Context, actor aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error)
	Request(ctx context.Context, actor aduan.Actor, id int64) (*aduan.InfoRequest, error)
	Register(ctx context.Context, actor aduan.Actor, in aduan.NewInfoRequest, notify store.InfoNotify) (*aduan.InfoRequest, error)
	Events(ctx context.Context, id int64) ([]aduan.InfoEvent, error)
	Atasan(ctx context.Context) (aduan.InfoAtasan, bool, error)
	Act(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput, notify store.InfoNotify) (*aduan.InfoRequest, *aduan.InfoEvent, error)
	Annual(ctx context.Context, actor aduan.Actor, year int) (*store.InfoAnnual, error)
	// AuditRegister records that a register was read or exported.
	AuditRegister(ctx context.Context, actor aduan.Actor, book, format string, year, rows int) error
}

// ppidStore is a.PPIDStore when set (tests), else the store's.
func (a *API) ppidStore() PPIDStore {
	if a.PPIDStore != nil {
		return a.PPIDStore
	}
	return a.Store.PPID()
}

// LaporStore is what the LAPOR! handlers read and write of the store
// (store.Lapor): reports registered by tracking ID and their follow-ups.
type LaporStore interface {
	Register(ctx context.Context, actor aduan.Actor, in lapor.Intake, source string) (*aduan.Complaint, error)
	Of(ctx context.Context, actor aduan.Actor, complaintID int64) (*store.LaporReport, error)
	Report(ctx context.Context, actor aduan.Actor, trackingID string) (*store.LaporReport, []lapor.FollowUp, error)
	Reports(ctx context.Context, actor aduan.Actor) ([]store.LaporReport, error)
	FollowUps(ctx context.Context, actor aduan.Actor, from, to time.Time, complaintID int64) ([]lapor.FollowUp, error)
	LaporImporter
}

// LaporImporter registers the rows of a LAPOR! export (store.Lapor.Import).
type LaporImporter interface {
	Import(ctx context.Context, actor aduan.Actor, file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error)
}

// laporStore is a.LaporStore when set (tests), else the store's.
func (a *API) laporStore() LaporStore {
	if a.LaporStore != nil {
		return a.LaporStore
	}
	return a.Store.Lapor()
}
