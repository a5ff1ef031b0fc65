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
		cfg = store.Config{URL: PostgresURL(t)}
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
	cats, err := st.Categories(context.Background())
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
