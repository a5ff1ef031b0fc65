package store

import (
	"context"
	"database/sql"
	"strings"
)

// openTrigrams puts new complaints in SQLite's trigram table of open
// complaints (migration 0085) at the end of their write batch, one
// statement for the batch (migration 0087 says why not a trigger). It
// reads the rows as they are then: a complaint closed in the same batch
// stays out, one already entered (reopened or edited in the batch, whose
// triggers wrote it) is not entered twice.
type openTrigrams struct{}

func (openTrigrams) Flush(ctx context.Context, tx *sql.Tx, items []any) error {
	if len(items) == 0 {
		return nil
	}
	ph := make([]string, len(items))
	var w where
	for i, it := range items {
		ph[i] = w.arg(it)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO complaints_open_trgm(rowid, address, text)
		SELECT c.id, c.address, c.text FROM complaints c WHERE c.id IN (`+strings.Join(ph, ", ")+`) AND `+openSQL+`
		AND NOT EXISTS (SELECT 1 FROM complaints_open_trgm t WHERE t.rowid = c.id)`, w.args...)
	return err
}
