package store

import "context"

// DuplicateCandidatesScan is the query the indexed DuplicateCandidates
// replaced, for comparing the two.
var DuplicateCandidatesScan = (*Store).duplicateCandidatesScan

// UrgencyOrder and OpenSQL are the work queue's order and the open
// complaints' condition, for checking that an index serves them.
const UrgencyOrder, OpenSQL = urgencyOrder, openSQL

// EnterOpenTrigrams runs the batch step that enters new complaints in
// SQLite's trigram table, for ids, in a transaction of its own.
func (s *Store) EnterOpenTrigrams(ctx context.Context, ids ...int64) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	items := make([]any, len(ids))
	for i, id := range ids {
		items[i] = id
	}
	if err := (openTrigrams{}).Flush(ctx, tx, items); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// SetRoutingExampleBatch sets how many examples RoutingExamples reads at a
// time until the test ends.
func SetRoutingExampleBatch(t interface{ Cleanup(func()) }, n int) {
	old := routingExampleBatch
	routingExampleBatch = n
	t.Cleanup(func() { routingExampleBatch = old })
}
