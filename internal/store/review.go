package store

import (
	"context"
	"fmt"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// ReviewCount counts the outgoing messages under review: sends a crash or a
// lost answer cut short, that no delivery report has settled since and
// that wait for a person to say whether to send them again. The
// dashboard shows it to those who can act on the list.
func (s *Store) ReviewCount(ctx context.Context, actor aduan.Actor) (int64, error) {
	if !CanListMessages(actor) {
		return 0, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var n int64
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE status = $1 AND direction = $2`,
		string(channel.StatusReview), string(channel.Out)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("ReviewCount: %w", mapErr(err))
	}
	return n, nil
}
