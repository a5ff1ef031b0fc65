package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan/internal/channel"
)

// InsertSettledMessage records an outgoing message already in its final
// state, with no job: a message sent before this system recorded it (the
// demo's history, an import). m.Status, m.SentAt and m.FailedAt are kept
// as given; delivered, when not nil, is its delivery report's time. A
// forward's notification settles whether its agency was reached, as a
// real delivery report would.
func (mb *Messages) InsertSettledMessage(ctx context.Context, tx *sql.Tx, m *channel.Message, delivered *time.Time) (err error) {
	s := mb.s
	defer wrap(&err, "InsertSettledMessage(%d, %d)", m.ID, m.ComplaintID)
	m.Direction = channel.Out
	if _, err := s.Messages().InsertMessage(ctx, tx, m); err != nil {
		return err
	}
	if delivered == nil {
		return nil
	}
	m.Delivered = delivered
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET delivered_at = $1 WHERE id = $2`, ms(*delivered), m.ID); err != nil {
		return err
	}
	return s.settleReach(ctx, tx, m.ID)
}
