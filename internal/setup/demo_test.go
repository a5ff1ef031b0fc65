package setup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoLeavesNoLongWAL: after the demo's seed on SQLite the WAL beside
// the database is truncated, not left at the size the seed's transactions
// made it (166 MB beside a 3.6 MB database for the default 300
// complaints) until a clean stop; the seeded data is all in the database.
func TestDemoLeavesNoLongWAL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 10, Seed: 3, Now: time.Now()})
	if err != nil || n != 10 {
		t.Fatalf("demo: %d %v", n, err)
	}
	fi, err := os.Stat(filepath.Join(dir, "aduan.db-wal"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	db, err := os.Stat(filepath.Join(dir, "aduan.db"))
	if err != nil {
		t.Fatal(err)
	}
	// A few pages may be written after the checkpoint (the checkpointer,
	// a job); the seed's megabytes may not stay.
	if fi != nil && fi.Size() > 256<<10 {
		t.Errorf("WAL after the demo's seed: %d bytes beside a database of %d", fi.Size(), db.Size())
	}
}
