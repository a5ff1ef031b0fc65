package jobs

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/errctx"
)

// CommandFunc looks at an incoming message before it is matched to a
// complaint. It returns nil for an ordinary message; for a command (a
// citizen texting STATUS ADU-2026-000123, or a score answering the
// satisfaction survey) it returns what to do, which the queue carries out
// in one transaction with the message's own record: a retried job never
// answers twice, and a crash in between leaves nothing half-done. It may
// read the store but must not write to it: its writes go in Apply.
type CommandFunc func(ctx context.Context, m *channel.Message) (*CommandResult, error)

// CommandResult is what a command does.
type CommandResult struct {
	// Note says how the message was handled, for the console.
	Note string
	// ComplaintID links the message to a complaint (0: none).
	ComplaintID int64
	// Replies are sent back (each recorded and enqueued in the transaction).
	Replies []*channel.Message
	// Apply, if set, writes what the command records, inside the
	// transaction.
	Apply func(ctx context.Context, tx *sql.Tx) error
}

// runCommand answers m if it is a command and reports whether it was.
func (q *Queue) runCommand(ctx context.Context, m *channel.Message) (bool, error) {
	if q.cfg.Command == nil {
		return false, nil
	}
	res, err := q.cfg.Command(ctx, m)
	if err != nil || res == nil {
		return false, err
	}
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		if res.Apply != nil {
			if err := res.Apply(ctx, tx); err != nil {
				return err
			}
		}
		for _, r := range res.Replies {
			if err := q.enqueue(ctx, tx, r); err != nil {
				return err
			}
		}
		if res.ComplaintID != 0 {
			if err := q.st.Messages().LinkInbound(ctx, tx, m.ID, res.ComplaintID); err != nil {
				return err
			}
		}
		return q.st.Messages().FinishInboundTx(ctx, tx, m.ID, channel.StatusProcessed, res.Note)
	})
	return err == nil, err
}

// EnqueueTx records an outgoing message and enqueues its send job inside
// tx, for hooks of other areas that message citizens as part of a change
// (the satisfaction survey after a complaint is closed).
func (q *Queue) EnqueueTx(ctx context.Context, tx *sql.Tx, m *channel.Message) (err error) {
	defer errctx.Wrap(&err, "Queue.EnqueueTx()")
	return q.enqueue(ctx, tx, m)
}
