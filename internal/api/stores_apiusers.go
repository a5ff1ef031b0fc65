package api

import (
	"context"
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// Accounts is what the user and token handlers need of the store.
type Accounts interface {
	Users(ctx context.Context, actor aduan.Actor) ([]aduan.User, error)
	User(ctx context.Context, id int64) (*aduan.User, error)
	CreateUser(ctx context.Context, actor aduan.Actor, u *aduan.User, password string) error
	UpdateUser(ctx context.Context, actor aduan.Actor, u *aduan.User) error
	SetPassword(ctx context.Context, actor aduan.Actor, userID int64, old, password string, keep store.Credential) error
	CreateToken(ctx context.Context, actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error)
	Tokens(ctx context.Context, actor aduan.Actor, userID int64) ([]aduan.APIToken, error)
	RevokeToken(ctx context.Context, actor aduan.Actor, id int64) error
}

// Logins logs users in and out (the session handlers).
type Logins interface {
	LogIn(w http.ResponseWriter, r *http.Request, username, password string) (*aduan.User, error)
	LogOut(w http.ResponseWriter, r *http.Request) error
}

// Reference is what the reference-data and settings handlers need of the
// store: agencies, categories, regions, holidays, standards, settings.
type Reference interface {
	Agencies(ctx context.Context) ([]aduan.Agency, error)
	Agency(ctx context.Context, id int64) (*aduan.Agency, error)
	SaveAgency(ctx context.Context, actor aduan.Actor, a *aduan.Agency) error
	Categories(ctx context.Context) ([]aduan.Category, error)
	Category(ctx context.Context, id int64) (*aduan.Category, error)
	SaveCategory(ctx context.Context, actor aduan.Actor, c *aduan.Category) error
	Kecamatans(ctx context.Context) ([]aduan.Kecamatan, error)
	Kelurahans(ctx context.Context, kecamatan string) ([]aduan.Kelurahan, error)
	Holidays(ctx context.Context) ([]aduan.Holiday, error)
	SaveHoliday(ctx context.Context, actor aduan.Actor, h aduan.Holiday) error
	DeleteHoliday(ctx context.Context, actor aduan.Actor, date string) error
	Standards(ctx context.Context) (aduan.Standards, error)
	SetStandard(ctx context.Context, actor aduan.Actor, step aduan.StepKey, st aduan.Standard) error
	Settings(ctx context.Context) (map[string]string, error)
	SetSettings(ctx context.Context, actor aduan.Actor, values map[string]string) error
}

// WorkCalendars is what the calendar and tier handlers need of the store:
// the working-time record, and the agencies and categories it names.
type WorkCalendars interface {
	WorkTime(ctx context.Context) (*store.WorkTime, error)
	SaveWorkTime(ctx context.Context, actor aduan.Actor, w *store.WorkTime) error
	Agency(ctx context.Context, id int64) (*aduan.Agency, error)
	Category(ctx context.Context, id int64) (*aduan.Category, error)
}

// accounts is a.Accounts when set (tests), else the store.
func (a *API) accounts() Accounts {
	if a.Accounts != nil {
		return a.Accounts
	}
	return a.Store.Users()
}

// logins is a.Logins when set (tests), else the sessions.
func (a *API) logins() Logins {
	if a.Logins != nil {
		return a.Logins
	}
	return a.Sessions
}

// reference is a.Reference when set (tests), else the store.
func (a *API) reference() Reference {
	if a.Reference != nil {
		return a.Reference
	}
	return a.Store.RefData()
}

// workCalendars is a.WorkCalendars when set (tests), else the store.
func (a *API) workCalendars() WorkCalendars {
	if a.WorkCalendars != nil {
		return a.WorkCalendars
	}
	return a.Store.RefData()
}
