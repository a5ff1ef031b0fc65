package jobs

import (
	"context"
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestReindexerIndexesExist: every index River's nightly reindexer is
// configured to rebuild exists in the database, on both dialects; River
// warns "Configured reindex indexes do not exist" for any that does not
// (its default list on SQLite named three).
func TestReindexerIndexesExist(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		// New runs River's migrations, which make its indexes.
		if _, err := New(ctx, Config{Store: st, InsertOnly: true}); err != nil {
			t.Fatal(err)
		}
		names := reindexIndexes(d)
		if d == store.Postgres && len(names) == 0 {
			t.Error("PostgreSQL's River indexes are not reindexed")
		}
		for _, name := range names {
			q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = $1`
			if d == store.Postgres {
				q = `SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1`
			}
			var n int
			if err := st.DB().QueryRowContext(ctx, q, name).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("%s: River would reindex %s, which does not exist", d, name)
			}
		}
	})
}
