package web

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// Stores are what the pages most used are drawn from, as small interfaces
// declared here where they are consumed: every page's frame (the time,
// the city's zone and name, its logo, the bell), log-in and out, the
// account page, the audit log, the queue, the agency's inbox, the complaint page (its
// steps, notes, identity and messages), the desk (its intake, search
// panel and call banner), and the citizens' tracking page and complaint
// form. New fills them from the real store (StoresOf); the handler tests
// (handlers_test.go) give fakes with a function per method, so that
// those pages' statuses and words are checked without a database. The
// other pages still read Web.Store.
type Stores struct {
	Clock      Clock
	RefData    RefData
	Complaints Complaints
	Citizens   Citizens
	Public     PublicData
	Limiter    Limiter
	Unread     Unread
	// Sessions logs in (a password checked, a session started), starts a
	// session anew and logs out (auth.Sessions).
	Sessions Sessions
	// Account is the user's own password and API tokens, and their
	// language.
	Account Account
	// Audit is the audit log's page: its entries, their kinds, the
	// complaints' numbers and the people who may act.
	Audit AuditLog
	// Keys records the answers of the forms' tokens (formtoken.go), so
	// that one desk form records at most one complaint.
	Keys idem.Keys
	// PreviewSMS is the SMS a step of the complaint page would send
	// (jobs.PreviewSMS over the store).
	PreviewSMS func(ctx context.Context, c *aduan.Complaint, act aduan.Action, missing []string) (*jobs.Preview, error)
	// Reports, Figures, Messages and Exports are the reports area, the
	// public figures and survey, the messages area and the queue's
	// exports (stores_reports.go).
	Reports  Reports
	Figures  Figures
	Messages Messages
	Exports  Exports
	// PPID is the requests for public information (stores_ppid.go).
	PPID PPIDData
	// Library is the answer library (stores_library.go): its entries and
	// its search; Router is the routing model's suggestion. Both come
	// from the library service (Stores.withLibrary), not from StoresOf.
	Library Library
	Router  Router
	// Admin, Worktime and Open311Admin are the administration's pages
	// (stores_admin.go).
	Admin        Admin
	Worktime     Worktime
	Open311Admin Open311Admin
	// Privacy is the personal-data pages' requests, breaches and
	// retention (stores_privacy.go).
	Privacy PrivacyData
	// Lapor is the SP4N-LAPOR! pages' reports (stores_privacy.go).
	Lapor LaporData
	Calls Calls // the incoming-call pop (stores_live.go)
}

// Clock is the time now and the city's zone (the time_zone setting).
type Clock interface {
	Now() time.Time
	Zone(ctx context.Context) (*time.Location, error)
}

// RefData is the reference data the pages show: settings, the logo's
// version, agencies, categories and places.
type RefData interface {
	Settings(ctx context.Context) (map[string]string, error)
	LogoVersion(ctx context.Context) (int64, bool, error)
	Agencies(ctx context.Context) ([]aduan.Agency, error)
	Agency(ctx context.Context, id int64) (*aduan.Agency, error)
	Categories(ctx context.Context) ([]aduan.Category, error)
	Category(ctx context.Context, id int64) (*aduan.Category, error)
	Kecamatans(ctx context.Context) ([]aduan.Kecamatan, error)
	Kelurahans(ctx context.Context, kecamatan string) ([]aduan.Kelurahan, error)
	StandardClock(ctx context.Context) (*aduan.StandardClock, error)
}

// Complaints reads complaints as the actor may see them, lists the queue,
// files the desk's and the public form's complaints, and takes a
// complaint's steps and notes.
type Complaints interface {
	Complaint(ctx context.Context, actor aduan.Actor, id int64) (*aduan.Complaint, error)
	ComplaintByNumber(ctx context.Context, actor aduan.Actor, number string) (*aduan.Complaint, error)
	Events(ctx context.Context, actor aduan.Actor, complaintID int64) ([]aduan.Event, error)
	ListComplaints(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error)
	ListComplaintsByUrgency(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) ([]*aduan.Complaint, int, error)
	CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...store.TxHook) (*aduan.Complaint, error)
	CheckDuplicateDraft(ctx context.Context, actor aduan.Actor, draft *aduan.Complaint, targetID int64, confirm bool) error
	ApplyAction(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, within ...store.TxHook) (*aduan.Complaint, *aduan.Event, error)
	AddNote(ctx context.Context, actor aduan.Actor, id int64, in store.NoteInput, within ...store.TxHook) (*aduan.Event, error)
	EditComplaint(ctx context.Context, actor aduan.Actor, id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error)
	// ComplaintRef is the complaint a typed reference (a number or an
	// ID) names; ComplaintInView reads it as one page view (the messages'
	// refresh, store.Complaints.ComplaintInView).
	ComplaintRef(ctx context.Context, actor aduan.Actor, ref string) (int64, error)
	ComplaintInView(ctx context.Context, actor aduan.Actor, id int64, view string) (*aduan.Complaint, string, error)
}

// Citizens finds a caller by phone (the desk's incoming-call banner),
// what a caller typed about themselves where it differs from the stored
// identity (the complaint page's box), and settles it (adopted or kept).
type Citizens interface {
	CitizenByPhone(ctx context.Context, actor aduan.Actor, raw string) (*aduan.Citizen, error)
	StatedIdentity(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) (*store.StatedIdentity, error)
	SettleStatedIdentity(ctx context.Context, actor aduan.Actor, complaintID, version int64, adopt bool) (*aduan.Citizen, error)
}

// PublicData is what the citizens' pages read and write: tracking, the
// public settings and services, the form token's secret and its nonces,
// and where a complaint from the form came from.
type PublicData interface {
	TrackComplaint(ctx context.Context, number, last4 string) (*aduan.Complaint, []aduan.Event, error)
	PublicSettings(ctx context.Context) (map[string]string, error)
	Open311Services(ctx context.Context) ([]store.Service, error)
	PublicSecret(ctx context.Context, name string) ([]byte, error)
	UseNonce(ctx context.Context, nonce string) (bool, error)
	InsertComplaintSource(ctx context.Context, tx *sql.Tx, src *store.ComplaintSource) error
}

// Limiter counts attempts per bucket in a window, in the database so that
// every instance counts the same.
type Limiter interface {
	Hit(ctx context.Context, bucket string, window time.Duration, limit int) (bool, time.Duration, error)
	Peek(ctx context.Context, bucket string, window time.Duration) (int, error)
}

// Unread counts the user's unread notifications (the bell).
type Unread interface {
	UnreadNotifications(ctx context.Context, actor aduan.Actor) (int, error)
}

// Sessions checks a user's password and starts their session (its
// cookie), starts one anew after a password change, and ends one.
type Sessions interface {
	LogIn(w http.ResponseWriter, r *http.Request, username, password string) (*aduan.User, error)
	Start(w http.ResponseWriter, ctx context.Context, id int64) error
	LogOut(w http.ResponseWriter, r *http.Request) error
}

// Account is what the account page changes of the user's own: their
// password, language and API tokens (store.Users, which checks the old
// password and the new one's length).
type Account interface {
	SetPassword(ctx context.Context, actor aduan.Actor, userID int64, old, password string, keep store.Credential) error
	UpdateUser(ctx context.Context, actor aduan.Actor, u *aduan.User) error
	Tokens(ctx context.Context, actor aduan.Actor, userID int64) ([]aduan.APIToken, error)
	CreateToken(ctx context.Context, actor aduan.Actor, userID int64, name string) (string, *aduan.APIToken, error)
	RevokeToken(ctx context.Context, actor aduan.Actor, id int64) error
}

// AuditLog reads the audit log as the actor may (store.Store.Audit
// refuses the roles without audit.read), with what its page names.
type AuditLog interface {
	Audit(ctx context.Context, actor aduan.Actor, f aduan.AuditFilter) ([]aduan.AuditEntry, error)
	AuditActions(ctx context.Context, actor aduan.Actor) ([]string, error)
	ComplaintNumbers(ctx context.Context, ids []int64) (map[int64]string, error)
	Users(ctx context.Context, actor aduan.Actor) ([]aduan.User, error)
}

// storeAudit is the audit log over the store's core and its users.
type storeAudit struct{ st *store.Store }

func (a storeAudit) Audit(ctx context.Context, actor aduan.Actor, f aduan.AuditFilter) ([]aduan.AuditEntry, error) {
	return a.st.Audit(ctx, actor, f)
}

func (a storeAudit) AuditActions(ctx context.Context, actor aduan.Actor) ([]string, error) {
	return a.st.AuditActions(ctx, actor)
}

func (a storeAudit) ComplaintNumbers(ctx context.Context, ids []int64) (map[int64]string, error) {
	return a.st.ComplaintNumbers(ctx, ids)
}

func (a storeAudit) Users(ctx context.Context, actor aduan.Actor) ([]aduan.User, error) {
	return a.st.Users().Users(ctx, actor)
}

// StoresOf is the real Stores over st, with sessions.
func StoresOf(st *store.Store, sessions Sessions) Stores {
	return Stores{Clock: storeClock{st}, RefData: st.RefData(), Complaints: st.Complaints(), Citizens: st.Citizens(), Public: st.Open311(),
		Limiter: st.Users(), Unread: st.Messages(), Sessions: sessions, Account: st.Users(), Audit: storeAudit{st}, Keys: st.Users(),
		Admin: storeAdmin{adminUsers: st.Users(), RefData: st.RefData(), reports: st.Reports()}, Worktime: st.RefData(), Open311Admin: st.Open311(),
		PreviewSMS: func(ctx context.Context, c *aduan.Complaint, act aduan.Action, missing []string) (*jobs.Preview, error) {
			return jobs.PreviewSMS(ctx, st, c, act, missing)
		},
		Reports: newStoreReports(st, nil), Figures: storeFigures{Open311: st.Open311(), rp: st.Reports()}, Messages: newStoreMessages(st, nil),
		PPID: storePPID{st.PPID(), st}, Privacy: st.Privacy(), Lapor: st.Lapor(),
		Calls: storeCalls{st.Users(), st.Citizens()}}
}

// storeClock reads the store's Now field at each call, as tests set it
// after the console is built.
type storeClock struct{ st *store.Store }

func (c storeClock) Now() time.Time                                   { return c.st.Now() }
func (c storeClock) Zone(ctx context.Context) (*time.Location, error) { return c.st.Zone(ctx) }
