// Package benchdata keeps large generated datasets between benchmark runs:
// making a million complaints takes minutes, so each size is made once per
// machine (SQLite file under $ADUAN_BENCH_DIR, default /var/tmp/aduan-bench;
// a PostgreSQL database aduan_bench_<n>) and reused by every benchmark and by
// the load harness (bench/load).
package benchdata

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/gen"
	"github.com/kotakita/aduan/internal/store"
)

// Now is the fixed "now" of every generated dataset, so that figures are
// comparable between runs.
var Now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// Dir is where SQLite datasets live.
func Dir() string {
	if d := os.Getenv("ADUAN_BENCH_DIR"); d != "" {
		return d
	}
	return "/var/tmp/aduan-bench"
}

// URL returns the database URL of the dataset of n complaints, creating the
// empty SQLite folder or PostgreSQL database when missing (the data itself
// is made by Ensure).
func URL(d store.Dialect, n int) (string, error) {
	switch d {
	case store.SQLite:
		if err := os.MkdirAll(Dir(), 0o755); err != nil {
			return "", err
		}
		return "sqlite:" + filepath.Join(Dir(), fmt.Sprintf("complaints-%d.db", n)), nil
	case store.Postgres:
		name := fmt.Sprintf("aduan_bench_%d", n)
		admin, err := sql.Open("pgx", dbtest.AdminURL())
		if err != nil {
			return "", err
		}
		defer admin.Close()
		var exists bool
		if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
			return "", err
		}
		if !exists {
			if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
				return "", fmt.Errorf("create %s: %w", name, err)
			}
		}
		u, err := url.Parse(dbtest.AdminURL())
		if err != nil {
			return "", err
		}
		u.Path = "/" + name
		return u.String(), nil
	}
	return "", fmt.Errorf("unknown dialect %v", d)
}

// Ensure opens the dataset of at least n generated complaints, making it
// first if this machine has none of that size. logf reports progress.
func Ensure(ctx context.Context, d store.Dialect, n int, logf func(format string, args ...any)) (*store.Store, error) {
	u, err := URL(d, n)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, store.Config{URL: u})
	if err != nil {
		return nil, err
	}
	var have int
	if err := st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints`).Scan(&have); err != nil {
		st.Close()
		return nil, err
	}
	if have < n {
		start := time.Now()
		logf("making %d complaints on %s (once per machine)…", n-have, d)
		res, err := gen.Generate(ctx, st, gen.Options{Complaints: n - have, Seed: 2026, Now: Now, Batch: 5000})
		if err != nil {
			st.Close()
			return nil, err
		}
		logf("made %d complaints, %d events in %s", res.Complaints, res.Events, time.Since(start).Round(time.Second))
	}
	// Datasets made before the generator's users stopped needing a
	// password change.
	st.DB().ExecContext(ctx, `UPDATE users SET must_change_pw = FALSE WHERE username LIKE 'gen.%'`)
	return st, nil
}

// Open returns a store holding at least n generated complaints, making the
// dataset first if this machine has none of that size.
func Open(tb testing.TB, d store.Dialect, n int) *store.Store {
	tb.Helper()
	st, err := Ensure(context.Background(), d, n, tb.Logf)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
