package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// ReviewCount counts the outgoing messages under review: sends a crash or a
// lost answer cut short, that no delivery report has settled since and
// that wait for a person to say whether to send them again. The
// dashboard shows it to those who can act on the list.
func (mb *Messages) ReviewCount(ctx context.Context, actor aduan.Actor) (_ int64, err error) {
	s := mb.s
	defer wrap(&err, "ReviewCount()")
	if !CanListMessages(actor) {
		return 0, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var n int64
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE status = $1 AND direction = $2`,
		string(channel.StatusReview), string(channel.Out)).Scan(&n)
	if err != nil {
		return 0, mapErr(err)
	}
	return n, nil
}

// ReviewsToSettle lists, for the job that settles reviews, the outgoing
// messages still under review that were flagged before `before` (the
// settle window: long enough for any report the gateway owes to have
// come) and that no report ever touched: nothing of the gateway is
// recorded (no sent or delivered time). Those whose error is one of
// settled (the reasons already given for leaving one to a person) are
// passed over, so that they never crowd out new ones. Oldest first, at
// most limit.
func (mb *Messages) ReviewsToSettle(ctx context.Context, before time.Time, limit int, settled ...string) (_ []*channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "ReviewsToSettle()")
	q := messageSelect + ` WHERE m.status = $1 AND m.direction = $2 AND m.updated_at < $3 AND m.sent_at IS NULL AND m.delivered_at IS NULL`
	args := []any{string(channel.StatusReview), string(channel.Out), ms(before)}
	for _, r := range settled {
		args = append(args, r)
		q += ` AND m.error <> $` + strconv.Itoa(len(args))
	}
	args = append(args, limit)
	list, err := s.queryMessages(ctx, q+` ORDER BY m.id LIMIT $`+strconv.Itoa(len(args)), args...)
	if err != nil {
		return nil, err
	}
	return list, nil
}

// ResendReview puts a message under review back in the queue, inside tx,
// because its gateway proved that it never had it; the caller enqueues
// the send job in the same transaction. The row is held (FOR UPDATE on
// PostgreSQL, SQLite's one writer) and judged again as it stands now: a
// delivery report that came in the meantime moved it out of review or
// recorded a time, and then nothing is resent. A message is resent so at
// most once (resent_at); the system's decision is in the audit log. It
// reports whether the message was requeued.
func (mb *Messages) ResendReview(ctx context.Context, tx *sql.Tx, id int64, before time.Time) (_ *channel.Message, _ bool, err error) {
	s := mb.s
	defer wrap(&err, "ResendReview(%d)", id)
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT id FROM messages WHERE id = $1 FOR UPDATE`, id); err != nil {
			return nil, false, mapErr(err)
		}
	}
	m, err := s.message(ctx, tx, id)
	if err != nil {
		return nil, false, err
	}
	if m.ResentAt != nil || m.Status != channel.StatusReview || m.Direction != channel.Out || m.SentAt != nil || m.Delivered != nil ||
		!m.UpdatedAt.Before(before) || m.To == "" {
		return m, false, nil
	}
	now := ms(s.Now())
	res, err := tx.ExecContext(ctx, `UPDATE messages SET status = 'queued', resent_at = $1, updated_at = $1
		WHERE id = $2 AND status = 'review' AND resent_at IS NULL AND sent_at IS NULL AND delivered_at IS NULL`, now, id)
	if err != nil {
		return nil, false, mapErr(err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return m, false, mapErr(err)
	}
	if err := s.audit(ctx, tx, aduan.System, "message.auto_resend", "message", id,
		map[string]any{"status": m.Status, "error": m.Error}, map[string]any{"status": channel.StatusQueued}); err != nil {
		return nil, false, err
	}
	m.Status = channel.StatusQueued
	return m, true, nil
}

// LeaveReview records why a message under review waits for a person (the
// gateway cannot say whether it had it), once: the error shown on the
// list becomes the reason, and the audit log keeps what it said before.
// A message no longer under review is left alone.
func (mb *Messages) LeaveReview(ctx context.Context, id int64, reason string) (err error) {
	s := mb.s
	defer wrap(&err, "LeaveReview(%d)", id)
	return s.tx(ctx, func(tx *sql.Tx) error {
		m, err := s.message(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Status != channel.StatusReview || m.Error == reason {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET error = $1 WHERE id = $2 AND status = 'review'`, reason, id); err != nil {
			return mapErr(err)
		}
		return s.audit(ctx, tx, aduan.System, "message.review_left", "message", id,
			map[string]any{"error": m.Error}, map[string]any{"error": reason})
	})
}

// ReviewList lists the outgoing messages under review, oldest first (the
// longest waiting on top), at most limit, for the dashboard of those who
// can act on them. Addresses and text are the caller's to hide.
func (mb *Messages) ReviewList(ctx context.Context, actor aduan.Actor, limit int) (_ []*channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "ReviewList()")
	if !CanListMessages(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	list, err := s.queryMessages(ctx, messageSelect+` WHERE m.status = $1 AND m.direction = $2 ORDER BY m.id LIMIT $3`,
		string(channel.StatusReview), string(channel.Out), limit)
	if err != nil {
		return nil, err
	}
	return list, nil
}
