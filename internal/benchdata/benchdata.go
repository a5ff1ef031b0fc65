// Package benchdata keeps large generated datasets between benchmark runs:
// making a million complaints takes minutes, so each size is made once per
// machine (SQLite file under $ADUAN_BENCH_DIR, default /var/tmp/aduan-bench;
// a PostgreSQL database aduan_bench_<n>) and reused by every benchmark.
package benchdata

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

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

// Open returns a store holding at least n generated complaints, making the
// dataset first if this machine has none of that size.
func Open(tb testing.TB, d store.Dialect, n int) *store.Store {
	tb.Helper()
	ctx := context.Background()
	cfg := store.Config{}
	switch d {
	case store.SQLite:
		os.MkdirAll(Dir(), 0o755)
		cfg.URL = "sqlite:" + filepath.Join(Dir(), fmt.Sprintf("complaints-%d.db", n))
	case store.Postgres:
		name := fmt.Sprintf("aduan_bench_%d", n)
		admin, err := sql.Open("pgx", dbtest.AdminURL())
		if err != nil {
			tb.Fatal(err)
		}
		var exists bool
		admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists)
		if !exists {
			if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
				admin.Close()
				tb.Fatalf("create %s: %v", name, err)
			}
		}
		admin.Close()
		cfg.URL = dbtest.URLFor(tb, name)
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	var have int
	if err := st.DB().QueryRow(`SELECT COUNT(*) FROM complaints`).Scan(&have); err != nil {
		tb.Fatal(err)
	}
	if have < n {
		start := time.Now()
		tb.Logf("making %d complaints on %s (once per machine)…", n-have, d)
		res, err := gen.Generate(ctx, st, gen.Options{Complaints: n - have, Seed: 2026, Now: Now, Batch: 5000})
		if err != nil {
			tb.Fatal(err)
		}
		tb.Logf("made %d complaints, %d events in %s", res.Complaints, res.Events, time.Since(start).Round(time.Second))
	}
	// Datasets made before the generator's users stopped needing a
	// password change.
	st.DB().Exec(`UPDATE users SET must_change_pw = FALSE WHERE username LIKE 'gen.%'`)
	return st
}
