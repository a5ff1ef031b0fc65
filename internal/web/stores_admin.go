package web

import (
	"context"
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// The administration's stores: the admin tabs (users, agencies,
// categories, settings, the logo, service tokens), the standards and
// holiday pages, and the Open311 keys and services. The reference data
// those pages list (agencies, categories, settings) and the public
// settings and services are read through RefData and PublicData, as on
// every other page.

// Admin is what the admin tabs write and the users they list, as
// store.Users and store.RefData have them (each checks the actor's
// permission itself).
type Admin interface {
	AdminUsers
	AdminRefData
	RoutingModel
	ReportCheck
}

// RoutingModel is the routing model's page: what the model was learnt
// from (routing.Service) and its retraining now (libsvc.Service, which
// checks the permission and audits it).
type RoutingModel interface {
	Router(ctx context.Context) (*routing.Router, routing.Info, error)
	Retrain(ctx context.Context, act aduan.Actor) (routing.Info, error)
}

// ReportCheck is the public check of a report's copy: the address's
// hourly limit (auth.Sessions) and the final report a hash names
// (store.Reports).
type ReportCheck interface {
	VerifyLimit(w http.ResponseWriter, r *http.Request) error
	VerifyReport(ctx context.Context, sha string) (*report.Match, error)
}

// AdminUsers are the users, their passwords and the service accounts'
// API tokens (store.Users).
type AdminUsers interface {
	Users(ctx context.Context, actor aduan.Actor) ([]aduan.User, error)
	User(ctx context.Context, id int64) (*aduan.User, error)
	CreateUser(ctx context.Context, actor aduan.Actor, u *aduan.User, password string) error
	UpdateUser(ctx context.Context, actor aduan.Actor, u *aduan.User) error
	SetPassword(ctx context.Context, actor aduan.Actor, userID int64, old, password string, keep store.Credential) error
	Tokens(ctx context.Context, actor aduan.Actor, userID int64) ([]aduan.APIToken, error)
	CreateToken(ctx context.Context, actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error)
}

// AdminRefData saves agencies, categories and settings, and keeps the
// city's logo (store.RefData).
type AdminRefData interface {
	SaveAgency(ctx context.Context, actor aduan.Actor, a *aduan.Agency) error
	SaveCategory(ctx context.Context, actor aduan.Actor, c *aduan.Category) error
	SetSettings(ctx context.Context, actor aduan.Actor, values map[string]string) error
	Logo(ctx context.Context) (*store.Logo, error)
	SetLogo(ctx context.Context, actor aduan.Actor, raw []byte) error
	DeleteLogo(ctx context.Context, actor aduan.Actor) error
}

// storeAdmin is Admin over the store's users, reference data and
// reports, the library service's routing model and the sessions' limit
// on checks (the last two given by New, withAdmin).
type storeAdmin struct {
	*adminUsers
	*store.RefData
	reports  *store.Reports
	lib      *libsvc.Service
	sessions *auth.Sessions
}

// withAdmin gives the administration the routing model and the sessions
// of svc: StoresOf has only the store.
func (s *Stores) withAdmin(st *store.Store, svc Services) {
	s.Admin = storeAdmin{st.Users(), st.RefData(), st.Reports(), svc.Library, svc.Sessions}
}

// Router is the routing model as last trained; none (zero Info) when the
// console has no library.
func (a storeAdmin) Router(ctx context.Context) (*routing.Router, routing.Info, error) {
	if a.lib == nil || a.lib.Routing == nil {
		return nil, routing.Info{}, nil
	}
	return a.lib.Routing.Router(ctx)
}

// Retrain trains the routing model now; not found without a library.
func (a storeAdmin) Retrain(ctx context.Context, act aduan.Actor) (routing.Info, error) {
	if a.lib == nil {
		return routing.Info{}, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return a.lib.Retrain(ctx, act)
}

// VerifyLimit counts a posted check against the address's hourly limit;
// a console built without sessions has none to count with and refuses
// the check rather than letting every one through.
func (a storeAdmin) VerifyLimit(w http.ResponseWriter, r *http.Request) error {
	if a.sessions == nil {
		return aduan.Errorf(aduan.EUNAVAILABLE, "err.unavailable")
	}
	return a.sessions.VerifyLimit(w, r)
}

// VerifyReport is the final report a copy's hash names.
func (a storeAdmin) VerifyReport(ctx context.Context, sha string) (*report.Match, error) {
	return a.reports.VerifyReport(ctx, sha)
}

// adminUsers names the embedded store.Users otherwise than its method
// Users, which a field of that name would hide.
type adminUsers = store.Users

// Worktime is the standards (Mutu Baku, calendars, tiers, agencies'
// hours) and the holiday tables (store.RefData).
type Worktime interface {
	HolidayWarning(ctx context.Context) (int, error)
	Holidays(ctx context.Context) ([]aduan.Holiday, error)
	WorkTime(ctx context.Context) (*store.WorkTime, error)
	SaveWorkTime(ctx context.Context, actor aduan.Actor, w *store.WorkTime) error
	SaveHoliday(ctx context.Context, actor aduan.Actor, h aduan.Holiday) error
	DeleteHoliday(ctx context.Context, actor aduan.Actor, date string) error
	ImportHolidays(ctx context.Context, actor aduan.Actor, year int, hs []aduan.Holiday, replace bool) (int, error)
}

// Open311Admin is the Open311 clients' keys and the services'
// configuration (store.Open311).
type Open311Admin interface {
	Open311Keys(ctx context.Context, actor aduan.Actor) ([]store.Open311Key, error)
	CreateOpen311Key(ctx context.Context, actor aduan.Actor, name string, perHour int) (string, *store.Open311Key, error)
	RevokeOpen311Key(ctx context.Context, actor aduan.Actor, id int64) error
	Open311Service(ctx context.Context, code string) (*store.Service, error)
	SaveOpen311Service(ctx context.Context, actor aduan.Actor, c store.ServiceConfig) error
}
