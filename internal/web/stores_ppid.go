package web

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/ppidsvc"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/store"
)

// PPIDData is what the PPID's pages (ppid.go) and the citizens' request
// form and tracking (ppid_form.go, ppid_public.go) read and write: the
// requests for public information and their steps, the daftar informasi
// publik, the annual report, and the files made of them (the registers,
// the annual PDF, the notices' letterhead). store.PPID checks every read
// and step against the procedure's table; the handlers only draw pages.
type PPIDData interface {
	Requests(ctx context.Context, actor aduan.Actor, f store.InfoFilter) ([]*aduan.InfoRequest, error)
	Register(ctx context.Context, actor aduan.Actor, in aduan.NewInfoRequest, notify store.InfoNotify) (*aduan.InfoRequest, error)
	Request(ctx context.Context, actor aduan.Actor, id int64) (*aduan.InfoRequest, error)
	Events(ctx context.Context, id int64) ([]aduan.InfoEvent, error)
	Atasan(ctx context.Context) (aduan.InfoAtasan, bool, error)
	Calendar(ctx context.Context) (*aduan.Calendar, error)
	Messages(ctx context.Context, actor aduan.Actor, r *aduan.InfoRequest) ([]*channel.Message, error)
	Act(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput, notify store.InfoNotify) (*aduan.InfoRequest, *aduan.InfoEvent, error)
	// WithDocument wraps a decision's notify so that its transaction
	// records the information file sent with it.
	WithDocument(f *store.InfoFile, notify store.InfoNotify) store.InfoNotify
	Document(ctx context.Context, id int64) (*store.InfoFile, error)
	TrackInfo(ctx context.Context, number, last4 string) (*aduan.InfoRequest, error)
	PublicList(ctx context.Context, q string) ([]*aduan.PublicInfo, error)
	SavePublicInfo(ctx context.Context, actor aduan.Actor, e *aduan.PublicInfo) error
	DeletePublicInfo(ctx context.Context, actor aduan.Actor, id int64) error
	Annual(ctx context.Context, actor aduan.Actor, year int) (*store.InfoAnnual, error)
	AnnualReport(ctx context.Context, actor aduan.Actor, year int, final bool) (*report.Report, error)
	// CreateReport starts the year's annual report (store.Reports).
	CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error)
	// Letterhead is the city's letterhead the notices are printed on
	// (reportsvc.Letterhead).
	Letterhead(ctx context.Context) (render.Settings, error)
	// RegisterFile and AnnualFile are the registers and the annual report
	// as files (ppidsvc), read as actor may.
	RegisterFile(ctx context.Context, actor aduan.Actor, book string, year int, format string, lang i18n.Lang) (*ppidsvc.File, error)
	AnnualFile(ctx context.Context, actor aduan.Actor, a *store.InfoAnnual, lang i18n.Lang) (*ppidsvc.File, error)
}

// storePPID is PPIDData over the store: its PPID track, its reports and
// the services that write files from them.
type storePPID struct {
	*store.PPID
	st *store.Store
}

func (p storePPID) CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error) {
	return p.st.Reports().CreateReport(ctx, actor, in)
}

func (p storePPID) Letterhead(ctx context.Context) (render.Settings, error) {
	return reportsvc.Letterhead(ctx, p.st)
}

func (p storePPID) RegisterFile(ctx context.Context, actor aduan.Actor, book string, year int, format string, lang i18n.Lang) (*ppidsvc.File, error) {
	return ppidsvc.RegisterFile(ctx, p.st, actor, book, year, format, lang)
}

func (p storePPID) AnnualFile(ctx context.Context, actor aduan.Actor, a *store.InfoAnnual, lang i18n.Lang) (*ppidsvc.File, error) {
	return ppidsvc.AnnualFile(ctx, p.st, actor, a, lang)
}
