package web

import (
	"context"

	"github.com/kotakita/aduan"
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

// storeAdmin is Admin over the store's users and reference data.
type storeAdmin struct {
	*adminUsers
	*store.RefData
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
