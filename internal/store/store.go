// Package store keeps the domain in SQLite (embedded default) or PostgreSQL
// (for many instances), with hand-written SQL behind one Store. The SQL is the
// same for both wherever it can be ($n placeholders, RETURNING, ON CONFLICT
// and Unix-millisecond times work on both); the few places that differ go
// through the dialect.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/seal"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations
var migrationsFS embed.FS

// Dialect names the database behind a Store.
type Dialect string

// The dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the database. It is safe for concurrent use.
type Store struct {
	dialect Dialect
	// On SQLite, writes go through a one-connection pool (SQLite has one
	// writer; queuing in Go beats busy-waiting in SQLite) and reads through a
	// separate pool that WAL lets run beside the writer. On PostgreSQL both
	// are the same pool.
	wdb *sql.DB
	rdb *sql.DB
	// Now is the clock; tests and the demo generator replace it.
	Now func() time.Time
	// path of the SQLite file, for backups.
	path string
	// transitions run inside the transaction of every complaint change
	// (creation, each workflow step, edits), after its event and audit rows
	// are written and after the store's own rules (transition): the jobs
	// that the change causes (messages) are enqueued there, so that they
	// commit or roll back with it. Given once by SetTransitionHooks.
	transitions TxHook
	// AfterCommit hooks run after such a transaction has committed: live
	// updates to consoles. They must not fail the change, so they return
	// nothing.
	afterCommit []CommitHook
	// group runs SQLite's write transactions (group commit); nil on
	// PostgreSQL, where concurrent transactions run side by side.
	group *groupCommitter
	// stopCheckpoint ends SQLite's checkpointer (checkpoint.go).
	stopCheckpoint func()
	// refCache keeps the reference data writes read (refcache.go).
	refCache refCache
	// searchGen counts this process's changes to the search index
	// (SearchGeneration): the searcher's cache of postings keys on it.
	searchGen atomic.Uint64
	// numbers hands out complaint numbers on PostgreSQL (see nextNumber).
	numbers *sql.DB
	// deferState holds the rows write transactions queued with Defer.
	deferState
	// keys seal personal values at rest (ppid_seal.go).
	keys *seal.Keyring
	// pg bounds PostgreSQL's connections and knows when it is away
	// (pgconn.go); nil on SQLite.
	pg *pgLink
}

// TxHook runs inside the transaction of a complaint change.
type TxHook func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error

// CommitHook runs after a complaint change has committed.
type CommitHook func(c *aduan.Complaint, ev *aduan.Event)

// ChainTx runs several TxHooks in order, stopping at the first error; areas
// that each enqueue their own jobs (messages, search indexing) chain here.
func ChainTx(hooks ...TxHook) TxHook {
	return func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
		for _, h := range hooks {
			if h == nil {
				continue
			}
			if err := h(ctx, tx, c, ev); err != nil {
				return err
			}
		}
		return nil
	}
}

// SetTransitionHooks gives the store the work other areas do inside the
// transaction of every complaint change (the message queue's jobs, the
// citizen's SMS), in order. It is called once, at start-up before serving,
// with all of them; a later call replaces them rather than adding to them,
// so that what runs is what that one call names. The store's own rules
// (the answer library's, see transition) need no call: they hold on every
// store.
func (s *Store) SetTransitionHooks(hooks ...TxHook) { s.transitions = ChainTx(hooks...) }

// transition is what every complaint change runs inside its transaction:
// the answer library's rules first (libraryRules: an answer's source must
// exist, duplicates share the answer, the search index stays current),
// then the hooks given by SetTransitionHooks.
func (s *Store) transition(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	if err := s.libraryRules(ctx, tx, c, ev); err != nil {
		return err
	}
	if s.transitions != nil {
		return s.transitions(ctx, tx, c, ev)
	}
	return nil
}

// AfterCommit registers a hook that runs after every committed complaint
// change. Register hooks before serving.
func (s *Store) AfterCommit(h CommitHook) { s.afterCommit = append(s.afterCommit, h) }

func (s *Store) committed(c *aduan.Complaint, ev *aduan.Event) {
	for _, h := range s.afterCommit {
		h(c, ev)
	}
}

// Config says which database to open.
type Config struct {
	// URL is postgres://… for PostgreSQL; empty for SQLite under DataDir.
	URL string
	// DataDir holds aduan.db when URL is empty.
	DataDir string
	// MaxConns bounds the pool (0: a default).
	MaxConns int
	// PostgreSQL: QueryTimeout bounds each query (0: 10 s), ConnectTimeout
	// each new connection (0: 5 s; a connect_timeout in the URL wins);
	// ProbeInterval is how often a database found away is tried again
	// (0: 1 s). See pgconn.go.
	QueryTimeout, ConnectTimeout, ProbeInterval time.Duration
	// SQLiteSync is the write connection's synchronous setting: "full"
	// (empty: the default; an answered change survives a power cut) or
	// "normal" (a power cut may lose the changes of the last moments,
	// answered or not; for measuring what FULL costs).
	SQLiteSync string
	// KeyFile holds the keys that seal personal values at rest (package
	// seal); empty: secret.keys in DataDir (beside the SQLite file when
	// only its URL is given), made on the first start. Every instance of
	// one database must read the same file. Keys, when set, is used
	// instead (tests).
	KeyFile string
	Keys    *seal.Keyring
}

// Open opens the database and applies pending migrations.
func Open(ctx context.Context, cfg Config) (_ *Store, err error) {
	defer wrap(&err, "Open()")
	s := &Store{Now: func() time.Time { return time.Now() }}
	switch {
	case strings.HasPrefix(cfg.URL, "postgres://"), strings.HasPrefix(cfg.URL, "postgresql://"):
		s.dialect = Postgres
		s.pg = newPGLink(cfg)
		db, err := s.pg.openPG(cfg.URL, cfg.ConnectTimeout, pgParams(s.pg.queryTimeout))
		if err != nil {
			return nil, err
		}
		n := cfg.MaxConns
		if n <= 0 {
			n = 4 * runtime.GOMAXPROCS(0)
		}
		db.SetMaxOpenConns(n)
		db.SetMaxIdleConns(n)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.wdb, s.rdb = db, db
		num, err := s.openNumbers(cfg)
		if err != nil {
			db.Close()
			return nil, err
		}
		s.numbers = num
	case cfg.URL == "" || strings.HasPrefix(cfg.URL, "sqlite:") || strings.HasPrefix(cfg.URL, "file:"):
		s.dialect = SQLite
		path := strings.TrimPrefix(strings.TrimPrefix(cfg.URL, "sqlite:"), "file:")
		if path == "" {
			if cfg.DataDir == "" {
				cfg.DataDir = "data"
			}
			if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
				return nil, fmt.Errorf("create data dir: %w", err)
			}
			path = filepath.Join(cfg.DataDir, "aduan.db")
		}
		s.path = path
		// The checkpointer does the WAL's checkpoints (checkpoint.go).
		// The writer syncs the WAL at every commit (synchronous FULL), so
		// that an answered change survives a power cut: with NORMAL the
		// WAL was synced only by checkpoints, and a traced run answered
		// 43 of 60 complaints before any sync of theirs (up to 194 ms in
		// memory only). Group commit pays one sync per batch, not per
		// request.
		sync := "FULL"
		if strings.EqualFold(cfg.SQLiteSync, "normal") {
			sync = "NORMAL"
		}
		w, err := openSQLiteWith(path, false, "wal_autocheckpoint(0)", "synchronous("+sync+")")
		if err != nil {
			return nil, err
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxLifetime(0)
		w.SetConnMaxIdleTime(0)
		s.wdb = w
		r, err := openSQLiteWith(path, true, "cache_size(-4000)")
		if err != nil {
			w.Close()
			return nil, err
		}
		n := cfg.MaxConns
		if n <= 0 {
			n = 2 * runtime.GOMAXPROCS(0)
		}
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		r.SetConnMaxIdleTime(0)
		r.SetConnMaxLifetime(0)
		s.rdb = r
	default:
		return nil, aduan.Errorf(aduan.EINVALID, "err.database_url")
	}
	if err := s.wdb.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to %s: %w", s.dialect, err)
	}
	if err := s.migrate(LongQuery(ctx)); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.logPhoneMigration(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.openKeys(cfg); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.PPID().resealIDNumbers(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.dialect == SQLite {
		if err := s.startCheckpointer(s.path); err != nil {
			s.Close()
			return nil, err
		}
		s.startGroupCommit()
	}
	return s, nil
}

// stmtCacheSize bounds the prepared statements kept per SQLite connection:
// the service runs a few hundred distinct statements, the hot ones far
// fewer.
const stmtCacheSize = 128

func openSQLite(path string, readOnly bool) (*sql.DB, error) {
	return openSQLiteWith(path, readOnly)
}

func openSQLiteWith(path string, readOnly bool, pragmas ...string) (*sql.DB, error) {
	q := url.Values{}
	// The database file is read through a memory map: its pages are the
	// kernel's page cache, shared by every connection (and reclaimable),
	// instead of each read connection copying them into a private cache
	// of its own (four of 16 MB each held 230 MB of anonymous memory under
	// search load). The private caches stay for what the map does not
	// serve: the WAL's pages and changes in progress.
	//
	// synchronous NORMAL for every connection but the writer, which asks
	// for FULL: in WAL mode the setting says when a commit syncs, and
	// only the writer commits changes. (The driver runs the pragmas in
	// alphabetical order, not as given, so a pragma is never given twice.)
	base := []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "cache_size(-16000)", "temp_store(MEMORY)", "mmap_size(1073741824)", "synchronous(NORMAL)"}
	for _, p := range base {
		name, _, _ := strings.Cut(p, "(")
		if !slices.ContainsFunc(pragmas, func(x string) bool { return strings.HasPrefix(x, name+"(") }) {
			q.Add("_pragma", p)
		}
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE takes the write lock at the start, so a transaction
		// never fails half-way on a lock another process holds.
		q.Set("_txlock", "immediate")
	}
	c, err := sqlite.NewConnector("file:" + path + "?" + q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	return sql.OpenDB(cachingConnector{Connector: c, size: stmtCacheSize, keepRunning: !readOnly}), nil
}

// Dialect reports which database this is.
func (s *Store) Dialect() Dialect { return s.dialect }

// DB returns the write pool, for the job queue that shares its transactions.
func (s *Store) DB() *sql.DB { return s.wdb }

// Close closes the pools.
func (s *Store) Close() error {
	if s.pg != nil {
		s.pg.stop()
	}
	if s.group != nil {
		s.group.stop()
		s.group = nil
	}
	if s.stopCheckpoint != nil {
		s.stopCheckpoint()
		s.stopCheckpoint = nil
	}
	var err error
	if s.rdb != nil && s.rdb != s.wdb {
		err = s.rdb.Close()
	}
	if s.wdb != nil {
		if e := s.wdb.Close(); err == nil {
			err = e
		}
	}
	if s.numbers != nil {
		s.numbers.Close()
	}
	return err
}

// openNumbers opens the small pool that hands out complaint numbers on
// PostgreSQL: its sessions commit without waiting for the disk.
func (s *Store) openNumbers(cfg Config) (*sql.DB, error) {
	p := pgParams(s.pg.queryTimeout)
	p["synchronous_commit"] = "off"
	db, err := s.pg.openPG(cfg.URL, cfg.ConnectTimeout, p)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	db.SetMaxIdleConns(2)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Ping checks that the database answers, for /readyz. While PostgreSQL is
// known to be away it says so at once; a failed ping has it checked.
func (s *Store) Ping(ctx context.Context) (err error) {
	defer wrap(&err, "Ping()")
	if s.pg != nil && s.pg.isAway() {
		return fmt.Errorf("%w: %v", errUnavailable, errDatabaseAway)
	}
	err = s.wdb.PingContext(ctx)
	if err == nil {
		var one int
		err = s.rdb.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	}
	if err != nil && s.pg != nil && !errors.Is(ctx.Err(), context.Canceled) {
		s.pg.check()
	}
	return err
}

// pgParams are the run-time parameters of the service's PostgreSQL
// sessions. A lock waited on for longer than a query may take fails with
// a clear error from the server (503, try again) rather than at the
// client's deadline, which would take the database for away; a session
// left in a transaction by a client that vanished mid-way (a partition)
// is ended by the server, freeing its locks.
func pgParams(queryTimeout time.Duration) map[string]string {
	lock := queryTimeout * 8 / 10
	idle := max(6*queryTimeout, time.Minute)
	return map[string]string{
		"lock_timeout":                        strconv.FormatInt(lock.Milliseconds(), 10),
		"idle_in_transaction_session_timeout": strconv.FormatInt(idle.Milliseconds(), 10),
	}
}

// Backup writes a consistent copy of the SQLite database to path while the
// service runs (VACUUM INTO takes a read snapshot).
func (s *Store) Backup(ctx context.Context, path string) (err error) {
	defer wrap(&err, "Backup()")
	if s.dialect != SQLite {
		return aduan.Errorf(aduan.EINVALID, "err.backup_postgres")
	}
	if _, err := os.Stat(path); err == nil {
		return aduan.Errorf(aduan.EINVALID, "err.backup_exists", path)
	}
	_, err = s.wdb.ExecContext(ctx, "VACUUM INTO $1", path)
	return err
}

// tx runs fn in a write transaction, committing if it returns nil. On
// SQLite the transaction may be shared with other requests (group commit,
// see groupcommit.go); fn's writes still commit or roll back as one.
func (s *Store) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.group != nil {
		return s.group.submit(ctx, fn)
	}
	return s.txDirect(ctx, fn)
}

// txDirect runs fn in a transaction of its own.
func (s *Store) txDirect(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	committed := false
	defer func() {
		if !committed {
			tx.Rollback()
			s.refCache.forget()
		}
	}()
	d := s.deferBegin(tx)
	defer s.deferEnd(tx)
	if err := fn(tx); err != nil {
		return mapErr(err)
	}
	if err := s.deferFlush(ctx, tx, d); err != nil {
		return mapErr(err)
	}
	if err := ctx.Err(); err != nil {
		return mapErr(err) // database/sql rolls back without sending COMMIT
	}
	err = tx.Commit()
	committed = err == nil
	return s.commitErr(err)
}

// commitErr tells a COMMIT that failed. On PostgreSQL a COMMIT whose
// answer was lost (the connection reset or went silent after it was sent)
// may have committed: the user is told the outcome is unknown rather than
// that nothing was saved, since retrying a change that was in fact saved
// would record it twice (a retry with its Idempotency-Key, or the
// console's form sent again, is safe: it finds the first). An answer from
// the server (a PgError) says it did not commit. SQLite's COMMIT is local
// and all or nothing: its errors are told as before.
func (s *Store) commitErr(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if s.dialect == Postgres && !errors.As(err, &pe) && !errors.Is(err, sql.ErrTxDone) && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %v", ErrOutcomeUnknown, err)
	}
	return mapErr(err)
}

// ErrOutcomeUnknown: the database was asked to commit and its answer was
// lost; the change may or may not have been saved. It is "unavailable"
// (503, try again) with its own message.
var ErrOutcomeUnknown = &aduan.Error{Code: aduan.EUNAVAILABLE, Key: "err.outcome_unknown"}

// mapErr turns database failures that the user should hear about into
// domain errors: a unique violation is a conflict, a database that is down
// or full is "unavailable" (503, try again), and the rest stay internal.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := aduan.AsError(err); ok {
		return err
	}
	if errors.Is(err, context.Canceled) {
		return err // the caller gave up (or the service stops)
	}
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) {
		// A query's own deadline (pgconn.go) or the request's ran out
		// while in the database: it did not answer in time.
		return fmt.Errorf("%w: %v", errUnavailable, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "23505":
			return &aduan.Error{Code: aduan.ECONFLICT, Key: "err.duplicate_value"}
		case pe.Code == "23503":
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.reference"}
		case pe.Code == "53100": // disk_full
			return fmt.Errorf("%w: %v", errStorageFull, err)
		case strings.HasPrefix(pe.Code, "53"), strings.HasPrefix(pe.Code, "57P"), strings.HasPrefix(pe.Code, "08"),
			pe.Code == "57014", // query_canceled: a statement that ran out of time
			pe.Code == "55P03", // lock_not_available: lock_timeout
			pe.Code == "25P03": // idle_in_transaction_session_timeout
			return fmt.Errorf("%w: %v", errUnavailable, err)
		}
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CONSTRAINT:
			if se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY {
				return &aduan.Error{Code: aduan.ECONFLICT, Key: "err.duplicate_value"}
			}
			if se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
				return &aduan.Error{Code: aduan.EINVALID, Key: "err.reference"}
			}
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: %v", errStorageFull, err)
		case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w: %v", errUnavailable, err)
		}
		return err
	}
	if isConnErr(err) {
		return fmt.Errorf("%w: %v", errUnavailable, err)
	}
	return err
}

var errUnavailable = &aduan.Error{Code: aduan.EUNAVAILABLE, Key: "err.unavailable"}

// errStorageFull is also "unavailable" (503, try again), but the database
// answers: it refuses changes for want of disk, reads still work, and the
// fix is an administrator's, so the user hears that rather than "cannot be
// reached".
var errStorageFull = &aduan.Error{Code: aduan.EUNAVAILABLE, Key: "err.storage_full"}

// Classify gives a failure that came from the database the domain's code
// that it means to the user, as the store's own methods do (a database
// that cannot be reached or did not answer in time is "unavailable", 503);
// the surfaces pass every error through it, so that one returned bare by
// a store method is told the same. Domain errors and others pass as they
// are.
func Classify(err error) error {
	return mapErr(err)
}

func isConnErr(err error) bool {
	// A pooled connection the server (or the network) dropped fails with
	// EOF or a network error on its next use; database/sql retries on a new
	// connection only when the driver knows nothing was sent, and says
	// "bad connection" when even that failed.
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || errors.As(err, &ne) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, driver.ErrBadConn) || errors.As(err, &ce) || errors.Is(err, errDatabaseAway) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "connection refused") || strings.Contains(s, "broken pipe") ||
		strings.Contains(s, "connection reset") || strings.Contains(s, "failed to connect") || strings.Contains(s, "conn closed")
}

func (s *Store) migrate(ctx context.Context) error {
	dir := "migrations/" + string(s.dialect)
	entries, err := fs.ReadDir(migrationsFS, dir)
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if s.dialect == Postgres {
		// Several instances may start at once against one database: the
		// others wait for the first's migrations, however long.
		if _, err := conn.ExecContext(ctx, "SET lock_timeout = 0"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "RESET lock_timeout")
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7460231)"); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock(7460231)")
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad name", name)
		}
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrationsFS.ReadFile(dir + "/" + name)
		if err != nil {
			return err
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", v, time.Now().UnixMilli()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// Helpers for the column conventions: times are Unix milliseconds, optional
// references are NULL rather than 0.

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func msPtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UnixMilli()
}

func nullMS(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func notFound(what string) error {
	return aduan.Errorf(aduan.ENOTFOUND, "err.not_found."+what)
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

// where builds a WHERE clause with numbered placeholders.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	// Conditions are written with ? and numbered here, so that filters can be
	// combined freely.
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) arg(a any) string {
	w.args = append(w.args, a)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
