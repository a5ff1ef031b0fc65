package store

import (
	"context"
	"database/sql"
	"sync"
)

// Batcher writes, in one statement, rows that the requests of a write
// transaction add alike. The job queue's checks of a new complaint's
// deadline are its use: River builds each job row from JSON, and a
// statement per complaint was a third of the group-commit writer's time;
// one statement for the whole batch costs much less per row.
type Batcher interface {
	Flush(ctx context.Context, tx *sql.Tx, items []any) error
}

// Defer queues items for b in tx. They are written just before tx
// commits, by one call of b.Flush with the items of every request of the
// transaction whose work succeeded; a request rolled back to its savepoint
// takes its items with it. In a transaction the store did not open (one
// of River's own), the items are written at once.
func (s *Store) Defer(ctx context.Context, tx *sql.Tx, b Batcher, items ...any) (err error) {
	defer wrap(&err, "Defer()")
	s.deferMu.Lock()
	d := s.deferred[tx]
	if d != nil {
		d.add(b, items)
	}
	s.deferMu.Unlock()
	if d == nil {
		return b.Flush(ctx, tx, items)
	}
	return nil
}

// txDeferred is what the requests of one transaction deferred, in order.
type txDeferred struct {
	entries []deferredItem
}

type deferredItem struct {
	b    Batcher
	item any
}

func (d *txDeferred) add(b Batcher, items []any) {
	for _, it := range items {
		d.entries = append(d.entries, deferredItem{b, it})
	}
}

// begin registers tx for Defer and returns its queue.
func (s *Store) deferBegin(tx *sql.Tx) *txDeferred {
	d := &txDeferred{}
	s.deferMu.Lock()
	if s.deferred == nil {
		s.deferred = map[*sql.Tx]*txDeferred{}
	}
	s.deferred[tx] = d
	s.deferMu.Unlock()
	return d
}

func (s *Store) deferEnd(tx *sql.Tx) {
	s.deferMu.Lock()
	delete(s.deferred, tx)
	s.deferMu.Unlock()
}

// mark and rollback bracket one request's work in a shared transaction.
func (s *Store) deferMark(d *txDeferred) int {
	s.deferMu.Lock()
	defer s.deferMu.Unlock()
	return len(d.entries)
}

func (s *Store) deferRollback(d *txDeferred, mark int) {
	s.deferMu.Lock()
	defer s.deferMu.Unlock()
	clear(d.entries[mark:])
	d.entries = d.entries[:mark]
}

// flush writes the queued items, one Flush per Batcher, in the order each
// was first used.
func (s *Store) deferFlush(ctx context.Context, tx *sql.Tx, d *txDeferred) error {
	s.deferMu.Lock()
	entries := d.entries
	d.entries = nil
	s.deferMu.Unlock()
	var order []Batcher
	byB := map[Batcher][]any{}
	for _, e := range entries {
		if _, ok := byB[e.b]; !ok {
			order = append(order, e.b)
		}
		byB[e.b] = append(byB[e.b], e.item)
	}
	for _, b := range order {
		if err := b.Flush(ctx, tx, byB[b]); err != nil {
			return err
		}
	}
	return nil
}

type deferState struct {
	deferMu  sync.Mutex
	deferred map[*sql.Tx]*txDeferred
}
