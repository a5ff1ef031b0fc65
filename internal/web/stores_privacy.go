package web

import (
	"context"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// PrivacyData is what the personal-data pages (UU 27/2022) read and
// change: the data subjects' requests (their list, one request, the
// look-up of everything held about its subject, and the steps that
// acknowledge, correct, erase and close it), the breach log and
// retention's dry run (store.Privacy). The store checks the role table on
// every call; the pages show its refusal.
type PrivacyData interface {
	Requests(ctx context.Context, actor aduan.Actor) ([]*aduan.PrivacyRequest, error)
	FindRequestsBySubject(ctx context.Context, actor aduan.Actor, rawPhone, email string) ([]*aduan.PrivacyRequest, error)
	CreateRequest(ctx context.Context, actor aduan.Actor, in aduan.NewPrivacyRequest) (*aduan.PrivacyRequest, error)
	Request(ctx context.Context, actor aduan.Actor, id int64) (*aduan.PrivacyRequest, error)
	Lookup(ctx context.Context, actor aduan.Actor, id int64) (*store.Dossier, error)
	PlanErasure(ctx context.Context, actor aduan.Actor, id int64) (*store.ErasurePlan, error)
	Acknowledge(ctx context.Context, actor aduan.Actor, id, version int64) (*aduan.PrivacyRequest, error)
	CloseRequest(ctx context.Context, actor aduan.Actor, id, version int64, status aduan.PrivacyRequestStatus, note string) (*aduan.PrivacyRequest, error)
	Correct(ctx context.Context, actor aduan.Actor, id, version, citizenID, citizenVersion int64, in aduan.CitizenInput) (*aduan.PrivacyRequest, error)
	Erase(ctx context.Context, actor aduan.Actor, id, version int64, files attach.Storage) (*aduan.PrivacyRequest, error)
	Breaches(ctx context.Context, actor aduan.Actor) ([]*aduan.Breach, error)
	Breach(ctx context.Context, actor aduan.Actor, id int64) (*aduan.Breach, error)
	SaveBreach(ctx context.Context, actor aduan.Actor, id, version int64, in aduan.BreachInput) (*aduan.Breach, error)
	Retention(ctx context.Context, actor aduan.Actor, dryRun bool, files attach.Storage) (*store.RetentionReport, error)
}

// LaporData is what the SP4N-LAPOR! pages read and write: the reports
// registered (all, one by tracking ID, one with its follow-ups), their
// registration from the form or an export, and the month's compliance
// with LAPOR!'s deadlines (store.Lapor).
type LaporData interface {
	Reports(ctx context.Context, actor aduan.Actor) ([]store.LaporReport, error)
	ByTrackingID(ctx context.Context, actor aduan.Actor, trackingID string) (*store.LaporReport, error)
	Report(ctx context.Context, actor aduan.Actor, trackingID string) (*store.LaporReport, []lapor.FollowUp, error)
	Register(ctx context.Context, actor aduan.Actor, in lapor.Intake, source string) (*aduan.Complaint, error)
	Import(ctx context.Context, actor aduan.Actor, file string, rows []lapor.Intake, rowErrs []lapor.RowError) ([]store.LaporImportResult, error)
	Compliance(ctx context.Context, actor aduan.Actor, from, to, now time.Time) (store.LaporCompliance, error)
}
