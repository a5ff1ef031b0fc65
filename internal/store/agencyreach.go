package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan"
)

// Step 7 is met only when the agency was reached (issue 15,
// aduan.ForwardMet). Each forward's event carries agency_reached (NULL
// while no news has come, true, false) and agency_reached_at. The event's
// own met stays what it was when written (the log is append-only: the
// forward was, or was not, on time); the step's verdict is ForwardMetSQL,
// which the reports read instead of met. The news comes from the operator (a
// forward with reached_by, a call_agency that got through) or from the
// forward's notifications (forward and reminder messages sent after it):
// one delivered (an e-mail accepted) reaches the agency; all failed, with
// no call, is "not reached". Reached is never taken back.

// reachPurposes are the messages that tell an agency of a forward.
const reachPurposes = `('forward', 'agency_reminder')`

// forwardEvent is the forward an event or message belongs to: the latest
// forward-step event of the complaint at or before at.
func forwardEvent(ctx context.Context, q queryer, complaintID int64, at time.Time) (id int64, evAt time.Time, reached sql.NullBool, ok bool, err error) {
	var a int64
	err = q.QueryRowContext(ctx, `SELECT id, at, agency_reached FROM complaint_events
		WHERE complaint_id = $1 AND step IN ('forward', 'reforward') AND at <= $2 ORDER BY at DESC, id DESC LIMIT 1`,
		complaintID, ms(at)).Scan(&id, &a, &reached)
	if err == sql.ErrNoRows {
		return 0, time.Time{}, reached, false, nil
	}
	if err != nil {
		return 0, time.Time{}, reached, false, err
	}
	return id, fromMS(a), reached, true, nil
}

// ForwardMetSQL is whether a complaint event e met its step, for SQL over
// complaint_events e: its met, except that a forward (step 7) whose agency
// was not reached, or reached only after the deadline, is not met
// (aduan.ForwardMet). The compliance figures read this, not e.met.
const ForwardMetSQL = `(CASE WHEN e.step IN ('forward', 'reforward') AND (e.agency_reached = FALSE OR e.agency_reached_at > e.deadline_at) THEN FALSE ELSE e.met END)`

// setReached records what is known of a forward's reach.
func setReached(ctx context.Context, q queryer, id int64, reached *bool, reachedAt *time.Time) error {
	var r any
	if reached != nil {
		r = *reached
	}
	_, err := q.ExecContext(ctx, `UPDATE complaint_events SET agency_reached = $1, agency_reached_at = $2 WHERE id = $3`,
		r, msPtr(reachedAt), id)
	return err
}

// forwardReachedBy, inside a step's transaction: the operator reached the
// agency themselves (a forward with reached_by, a call that got through).
func (s *Store) forwardReachedBy(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	switch {
	case aduan.ForwardStep(ev.Step) && ev.Details["reached_by"] != "":
	case ev.Action == aduan.ActionCallAgency && ev.Details["outcome"] == aduan.CallReached:
	case ev.ActorRole.AgencyBound() && ev.From.AtAgency():
		// The agency acted on it in the portal (acknowledged, answered,
		// promised, returned): it was reached by then at the latest.
	default:
		return nil
	}
	id, _, reached, ok, err := forwardEvent(ctx, tx, c.ID, ev.At)
	if err != nil || !ok || reached.Valid && reached.Bool {
		return err
	}
	yes, when := true, ev.At
	return setReached(ctx, tx, id, &yes, &when)
}

// settleReach recomputes the reach of the forward a notification belongs
// to, after the notification's status changed (sent, delivered, failed).
func (s *Store) settleReach(ctx context.Context, q queryer, msgID int64) error {
	var cid sql.NullInt64
	var created int64
	err := q.QueryRowContext(ctx, `SELECT complaint_id, created_at FROM messages WHERE id = $1 AND direction = 'out' AND purpose IN `+reachPurposes,
		msgID).Scan(&cid, &created)
	if err == sql.ErrNoRows || err == nil && !cid.Valid {
		return nil
	}
	if err != nil {
		return err
	}
	id, at, reached, ok, err := forwardEvent(ctx, q, cid.Int64, fromMS(created))
	if err != nil || !ok || reached.Valid && reached.Bool {
		return err
	}
	if s.dialect == Postgres {
		// Two notifications of one forward can settle at once, each in its
		// own transaction that still sees the other one sending: neither
		// would find them all failed. Holding the forward's row makes the
		// second wait for the first to commit; its next statements then see
		// it (READ COMMITTED reads afresh per statement). SQLite's one
		// writer already runs them one after the other.
		if err := q.QueryRowContext(ctx, `SELECT agency_reached FROM complaint_events WHERE id = $1 FOR UPDATE`, id).Scan(&reached); err != nil {
			return err
		}
		if reached.Valid && reached.Bool {
			return nil
		}
	}
	// The forward's notifications: from its event to the next forward.
	var until int64 = 1<<62 - 1
	var next sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MIN(at) FROM complaint_events WHERE complaint_id = $1 AND step IN ('forward', 'reforward') AND at > $2`,
		cid.Int64, ms(at)).Scan(&next); err != nil {
		return err
	}
	if next.Valid {
		until = next.Int64
	}
	rows, err := q.QueryContext(ctx, `SELECT channel, status, sent_at, delivered_at, read_at FROM messages
		WHERE complaint_id = $1 AND direction = 'out' AND purpose IN `+reachPurposes+` AND created_at >= $2 AND created_at < $3`,
		cid.Int64, ms(at), until)
	if err != nil {
		return err
	}
	defer rows.Close()
	var first *time.Time
	all, failed := 0, 0
	for rows.Next() {
		var ch, st string
		var sent, delivered, read sql.NullInt64
		if err := rows.Scan(&ch, &st, &sent, &delivered, &read); err != nil {
			return err
		}
		all++
		var when sql.NullInt64
		switch {
		case delivered.Valid:
			when = delivered
		case read.Valid:
			when = read
		case ch == "email" && sent.Valid && st != "failed":
			when = sent // accepted by the mail server: as delivered as e-mail gets
		}
		if st == "failed" {
			failed++
		}
		if when.Valid && (first == nil || fromMS(when.Int64).Before(*first)) {
			t := fromMS(when.Int64)
			first = &t
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	switch {
	case first != nil:
		yes := true
		return setReached(ctx, q, id, &yes, first)
	case all > 0 && failed == all:
		no := false
		return setReached(ctx, q, id, &no, nil)
	}
	return nil
}
