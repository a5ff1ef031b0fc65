package open311

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/idem"
	"github.com/kotakita/aduan/internal/store"
)

// Stores are what the Open311 methods read and write through: small
// interfaces declared here, where they are consumed. StoresOf gives the
// real ones over the store; the handler tests (handlers_test.go) give a
// fake with a function per method, so that a method's statuses and words
// are checked without a database.
type Stores struct {
	Catalog    Catalog
	Requests   Requests
	Complaints Complaints
	Keys       Keys
	Limiter    Limiter
	Clock      Clock
	// Once starts the record of a request sent with an Idempotency-Key
	// (idem.New over the real store).
	Once func(owner, key, fingerprint string) *idem.Once
}

// Catalog is what describes the service: the city's public settings, the
// services and their definitions, and when they last changed.
type Catalog interface {
	PublicSettings(ctx context.Context) (map[string]string, error)
	ChangesetOf(ctx context.Context) (time.Time, error)
	Open311Services(ctx context.Context) ([]store.Service, error)
	Open311Service(ctx context.Context, code string) (*store.Service, error)
}

// Requests is the public side of the complaints: what a GET may show (with
// personal data already left out by the store), tokens, FixMyStreet's
// updates, and what a filed request adds inside its complaint's
// transaction.
type Requests interface {
	PublicComplaints(ctx context.Context, f store.PublicFilter) ([]*store.PublicComplaint, error)
	PublicComplaint(ctx context.Context, number string) (*store.PublicComplaint, error)
	ComplaintByToken(ctx context.Context, token string) (string, error)
	PublicEventsQuery(ctx context.Context, q store.PublicEventQuery) ([]store.PublicEvent, error)
	AddOpen311Update(ctx context.Context, key *store.Open311Key, number string, u *store.Open311Update) (bool, error)
	InsertComplaintSource(ctx context.Context, tx *sql.Tx, src *store.ComplaintSource) error
	InsertDescriptionNotesTx(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, actorName string, parts []string) error
}

// Complaints files a request as a complaint (the hooks run in its
// transaction) and reads a complaint's steps for the extensions' notes.
type Complaints interface {
	CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...store.TxHook) (*aduan.Complaint, error)
	Events(ctx context.Context, actor aduan.Actor, complaintID int64) ([]aduan.Event, error)
}

// Keys finds a client's api_key.
type Keys interface {
	Open311KeyBySecret(ctx context.Context, secret string) (*store.Open311Key, error)
}

// Limiter counts a key's or an address's requests in a window (shared by
// every instance, as it is in the database).
type Limiter interface {
	Hit(ctx context.Context, bucket string, window time.Duration, limit int) (bool, time.Duration, error)
}

// Clock is the city's zone, in which times are written and bare dates
// read, and the time now.
type Clock interface {
	Zone(ctx context.Context) (*time.Location, error)
	Now() time.Time
}

// StoresOf is the real Stores over st.
func StoresOf(st *store.Store) Stores {
	o := st.Open311()
	return Stores{Catalog: o, Requests: o, Keys: o, Complaints: st.Complaints(), Limiter: st.Users(), Clock: storeClock{st},
		Once: func(owner, key, fingerprint string) *idem.Once { return idem.New(st, owner, key, fingerprint) }}
}

// storeClock reads the store's Now field at each call, as tests set it
// after the handler is built.
type storeClock struct{ st *store.Store }

func (c storeClock) Zone(ctx context.Context) (*time.Location, error) { return c.st.Zone(ctx) }
func (c storeClock) Now() time.Time                                   { return c.st.Now() }
