// Package dbtest opens fresh databases for tests: a temporary SQLite file
// always, and a new PostgreSQL database per test when a server is reachable.
// With CI=true an unreachable PostgreSQL fails the test instead of skipping
// it, so that the PostgreSQL suite can never silently not run in CI.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// DefaultPostgresURL is the server the tests use unless
// ADUAN_TEST_DATABASE_URL names another.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// AdminURL returns the PostgreSQL URL the tests create databases through.
func AdminURL() string {
	if u := os.Getenv("ADUAN_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

var (
	pgOnce sync.Once
	pgErr  error
	seq    atomic.Int64
)

func pgAvailable() error {
	pgOnce.Do(func() {
		db, err := sql.Open("pgx", AdminURL())
		if err != nil {
			pgErr = err
			return
		}
		defer db.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		pgErr = db.PingContext(ctx)
	})
	return pgErr
}

// PostgresURL creates an empty database for t and returns its URL; the
// database is dropped when the test ends. It skips (or fails, in CI) when
// no server is reachable.
func PostgresURL(t testing.TB) string {
	t.Helper()
	if err := pgAvailable(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL unreachable at %s in CI: %v", redact(AdminURL()), err)
		}
		t.Skipf("PostgreSQL unreachable (%v); set ADUAN_TEST_DATABASE_URL", err)
	}
	name := fmt.Sprintf("aduan_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, seq.Add(1))
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// MigratedURL is PostgresURL with the store's migrations already applied:
// the new database is a copy of a template migrated once per migration set
// (shared by every test process on the server), which takes a fraction of
// a second where running the migrations again took several seconds for
// each test. Opening it runs no migration; what a test sees is what a
// freshly migrated database holds.
func MigratedURL(t testing.TB) string {
	t.Helper()
	if err := pgAvailable(); err != nil {
		return PostgresURL(t) // skips, or fails in CI
	}
	tmpl, err := template()
	if err != nil {
		t.Fatalf("migrated template database: %v", err)
	}
	name := fmt.Sprintf("aduan_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, seq.Add(1))
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	// A template is copied only while no one is connected to it; the
	// connections of the store that migrated it may take a moment to go.
	for i := 0; ; i++ {
		_, err = admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + tmpl)
		if err == nil || i == 50 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("create database from %s: %v", tmpl, err)
	}
	return URLFor(t, name)
}

var (
	tmplOnce sync.Once
	tmplName string
	tmplErr  error
)

// template returns the name of the migrated template database, building it
// if no test process has yet. Its name carries the digest of the migration
// files, so a change to them builds a new one; processes building it at
// once take turns on an advisory lock.
func template() (string, error) {
	tmplOnce.Do(func() { tmplName, tmplErr = buildTemplate() })
	return tmplName, tmplErr
}

func buildTemplate() (string, error) {
	digest, err := store.MigrationsDigest(store.Postgres)
	if err != nil {
		return "", err
	}
	name := "aduan_tmpl_" + digest
	ctx := context.Background()
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7460232)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7460232)")
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return name, nil
	}
	// Built under another name and renamed when whole: a process killed
	// half-way leaves no half-migrated template behind that name.
	build := fmt.Sprintf("aduan_tmplbuild_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+build); err != nil {
		return "", err
	}
	u, err := url.Parse(AdminURL())
	if err != nil {
		return "", err
	}
	u.Path = "/" + build
	st, err := store.Open(ctx, store.Config{URL: u.String()})
	if err != nil {
		conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+build+" WITH (FORCE)")
		return "", fmt.Errorf("migrate %s: %w", build, err)
	}
	st.Close()
	for i := 0; ; i++ {
		_, err = conn.ExecContext(ctx, "ALTER DATABASE "+build+" RENAME TO "+name)
		if err == nil || i == 50 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+build+" WITH (FORCE)")
		return "", err
	}
	return name, nil
}

// URLFor returns the URL of database name on the test server.
func URLFor(tb testing.TB, name string) string {
	u, err := url.Parse(AdminURL())
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

// Dialects names the databases every store test runs on.
var Dialects = []store.Dialect{store.SQLite, store.Postgres}

// Open opens a fresh, migrated store of the dialect for t, closed at the end.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	cfg := store.Config{DataDir: t.TempDir()}
	if d == store.Postgres {
		cfg = store.Config{URL: MigratedURL(t)}
	}
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open %s: %v", d, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// OpenSeeded is Open with the Depok reference data loaded.
func OpenSeeded(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	st := Open(t, d)
	if _, err := setup.Reference(context.Background(), st); err != nil {
		t.Fatalf("reference data: %v", err)
	}
	return st
}

// Each runs fn as a subtest on every dialect.
func Each(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	for _, d := range Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// Name returns a name unique within the test run, for users and codes.
func Name(prefix string) string {
	return strings.ToLower(fmt.Sprintf("%s%d", prefix, seq.Add(1)))
}

// CategoryID is the ID of the seeded category with this code: tests give
// a complaint its category before answering, forwarding or closing it
// (aduan.CategoryFirst).
func CategoryID(t testing.TB, st *store.Store, code string) int64 {
	t.Helper()
	cats, err := st.RefData().Categories(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Code == code {
			return c.ID
		}
	}
	t.Fatalf("no category %s", code)
	return 0
}
