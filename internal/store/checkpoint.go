package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SQLite copies the WAL back into the database file (a checkpoint) when a
// commit leaves the WAL over 1000 pages, and it does so in the committing
// connection: a sixth of the group-commit writer's time went there, with
// an fsync in the middle of the write path. The write connection turns
// that off (wal_autocheckpoint(0)) and this goroutine checkpoints on a
// connection of its own five times a second instead, beside the writer
// (PASSIVE: it never blocks the writer or the readers). Other processes on
// the same file (aduan commands) keep SQLite's default.

const checkpointEvery = 200 * time.Millisecond

func (s *Store) startCheckpointer(path string) error {
	db, err := openSQLite(path, false)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer db.Close()
		t := time.NewTicker(checkpointEvery)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
			}
			// A failure is retried at the next tick; one that lasts
			// (disk full) fails the writes too, which say so.
			checkpoint(db)
		}
	}()
	s.stopCheckpoint = func() {
		close(quit)
		<-done
	}
	return nil
}

func checkpoint(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var busy, log, done int
	return db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &log, &done)
}

// Checkpoint copies the whole WAL into the database file and truncates the
// WAL to nothing (SQLite; nothing to do on PostgreSQL). The checkpointer's
// passive checkpoints keep the WAL from growing without bound in steady
// service, but they never shrink the file: after a bulk load (the demo's
// seed left a 166 MB WAL beside a 3.6 MB database) the space stays taken
// and every reader searches the long WAL index until a clean stop. It
// waits for readers (busy_timeout) and holds the writer while it runs.
func (s *Store) Checkpoint(ctx context.Context) (err error) {
	defer wrap(&err, "Checkpoint()")
	if s.dialect != SQLite {
		return nil
	}
	var busy, log, done int
	if err := s.wdb.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return mapErr(err)
	}
	if busy != 0 {
		return ErrCheckpointBusy
	}
	return nil
}

// ErrCheckpointBusy: a reader or another process kept the WAL in use, so
// it was not truncated. Nothing is wrong with the data: the next
// checkpoint copies what this one could not.
var ErrCheckpointBusy = errors.New("the WAL is in use by a reader; not truncated")
