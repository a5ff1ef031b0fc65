package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kotakita/aduan"
)

// Group commit (SQLite). SQLite has one writer, and each transaction's
// commit writes its pages to the WAL (and now and then checkpoints): at
// concurrency 16 the complaints queued one behind another for the single
// write connection, each paying its own BEGIN and COMMIT. Instead, one
// goroutine owns the write transactions: it takes every write request
// waiting at that moment and runs them in one transaction, each inside its
// own SAVEPOINT, so that a request that fails is rolled back alone and the
// others go on; every request hears its result only after the COMMIT. A
// lone request runs in a transaction of its own, as before. Nothing waits
// to fill a batch: a batch is whatever queued while the last one ran.
//
// Invariants kept: each request's writes (state, event, audit, jobs) are
// all in or all out, since its savepoint is released or rolled back as a
// whole, and the commit makes all of a batch durable at once. A failure
// that ends the whole transaction (disk full, I/O error: SQLite then rolls
// back by itself, and ROLLBACK TO finds no savepoint) fails every request
// of the batch, none of which is then written. The write connection's
// statements ignore their request's cancellation (see cachingConnector):
// SQLite answers an interrupted write in a transaction by rolling back the
// whole transaction, which would fail the batch for one caller that gave
// up; a request whose caller is gone fails at its next statement, inside
// its own savepoint.

// maxBatch bounds the requests of one transaction, so that a burst does
// not make one commit wait for hundreds of requests.
const maxBatch = 128

// linger bounds the wait for more requests after a shared batch (see run):
// about what one commit costs.
const linger = 500 * time.Microsecond

type writeReq struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) error
	done chan error
}

type groupCommitter struct {
	s    *Store
	reqs chan *writeReq
	quit chan struct{}
	// stopped closes once the writer has answered every request it took
	// and exited.
	stopped chan struct{}
	// onBatch, in tests, sees the size of each shared transaction.
	onBatch func(n int)
}

var errStoreClosed = errors.New("store closed")

func (s *Store) startGroupCommit() {
	g := &groupCommitter{s: s, reqs: make(chan *writeReq, maxBatch), quit: make(chan struct{}), stopped: make(chan struct{})}
	go g.run()
	s.group = g
}

func (g *groupCommitter) stop() {
	close(g.quit)
	<-g.stopped
}

// submit hands fn to the writer and waits for its outcome.
func (g *groupCommitter) submit(ctx context.Context, fn func(tx *sql.Tx) error) error {
	r := &writeReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case g.reqs <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-g.quit:
		return errStoreClosed
	}
	// Once taken, a request is always answered, after its batch commits
	// or fails; waiting here keeps "acknowledged" meaning "committed".
	select {
	case err := <-r.done:
		return err
	case <-g.stopped:
		select {
		case err := <-r.done:
			return err
		default:
			return errStoreClosed // queued, never taken
		}
	}
}

func (g *groupCommitter) run() {
	defer close(g.stopped)
	batch := make([]*writeReq, 0, maxBatch)
	avg := 1.0 // moving average of the batch size
	for {
		select {
		case r := <-g.reqs:
			batch = append(batch[:0], r)
		case <-g.quit:
			return
		}
	more:
		for len(batch) < maxBatch {
			select {
			case r := <-g.reqs:
				batch = append(batch, r)
			default:
				break more
			}
		}
		// Under load the callers of the last batch come back one by one
		// (each writes its answer and its client sends the next): taken
		// alone, each would pay a commit of its own. When batches have
		// been shared lately, wait a little for half as many as usual. A
		// lone caller (batches of one) never waits.
		want := int(avg / 2)
		if len(batch) < want {
			t := time.NewTimer(linger)
		wait:
			for len(batch) < want {
				select {
				case r := <-g.reqs:
					batch = append(batch, r)
				case <-t.C:
					break wait
				}
			}
			t.Stop()
		}
		avg = 0.8*avg + 0.2*float64(len(batch))
		g.runBatch(batch)
		clear(batch)
	}
}

func (g *groupCommitter) runBatch(batch []*writeReq) {
	live := batch[:0]
	for _, r := range batch {
		if err := r.ctx.Err(); err != nil {
			r.done <- err
			continue
		}
		live = append(live, r)
	}
	switch len(live) {
	case 0:
		return
	case 1:
		live[0].done <- g.s.txDirect(live[0].ctx, live[0].fn)
		return
	}
	if g.onBatch != nil {
		g.onBatch(len(live))
	}
	ctx := context.Background()
	fail := func(err error) {
		g.s.refCache.forget() // see refCache.forget
		for _, r := range live {
			r.done <- mapErr(err)
		}
	}
	tx, err := g.s.wdb.BeginTx(ctx, nil)
	if err != nil {
		fail(err)
		return
	}
	d := g.s.deferBegin(tx)
	defer g.s.deferEnd(tx)
	results := make([]error, len(live))
	for i, r := range live {
		if _, err := tx.ExecContext(ctx, `SAVEPOINT aduan_req`); err != nil {
			tx.Rollback()
			fail(err)
			return
		}
		mark := g.s.deferMark(d)
		if err := r.fn(tx); err != nil {
			g.s.refCache.forget() // its savepoint is rolled back: see refCache.forget
			g.s.deferRollback(d, mark)
			results[i] = mapErr(err)
			if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT aduan_req`); rerr != nil {
				// SQLite ended the transaction itself (the failure was
				// the database's): nothing of the batch is written.
				tx.Rollback()
				cause := err
				if _, ok := aduan.AsError(results[i]); ok {
					cause = rerr
				}
				fail(cause)
				return
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT aduan_req`); err != nil {
			tx.Rollback()
			fail(err)
			return
		}
	}
	// What the requests deferred (Defer), in one statement per kind.
	if err := g.s.deferFlush(ctx, tx, d); err != nil {
		tx.Rollback()
		fail(err)
		return
	}
	if err := tx.Commit(); err != nil {
		fail(err)
		return
	}
	for i, r := range live {
		r.done <- results[i]
	}
}
