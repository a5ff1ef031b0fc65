package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan"
)

// Notification is an in-app notice to one user, such as "this complaint
// nears its deadline".
type Notification struct {
	ID              int64
	UserID          int64
	ComplaintID     int64
	ComplaintNumber string
	// ReportID is the report the notice is about (a monthly report
	// awaiting paraf), 0 for none; ReportTitle names it.
	ReportID    int64
	ReportTitle string
	// InfoRequestID is the public-information request the notice is about
	// (an objection's deadline), 0 for none; InfoNumber is its number.
	InfoRequestID int64
	InfoNumber    string
	Kind          string // sla_warning, sla_breach
	Step          aduan.StepKey
	DueAt         *time.Time
	CreatedAt     time.Time
	ReadAt        *time.Time
}

// Subject is what the notice is about as its text names it: the
// complaint's number, the report's title or the information request's
// number. The console and the API word a notice alike with it.
func (n Notification) Subject() string {
	switch {
	case n.InfoRequestID != 0:
		return n.InfoNumber
	case n.ReportID != 0:
		return n.ReportTitle
	}
	return n.ComplaintNumber
}

// InsertNotification records a notice inside tx; the same notice for the
// same deadline twice (a retried job) inserts nothing and reports false.
func (mb *Messages) InsertNotification(ctx context.Context, tx *sql.Tx, n *Notification) (_ bool, err error) {
	s := mb.s
	defer wrap(&err, "InsertNotification()")
	n.CreatedAt = s.Now()
	if n.InfoRequestID != 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO notifications (user_id, info_request_id, kind, due_at, created_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (user_id, info_request_id, kind, due_at) WHERE info_request_id IS NOT NULL DO NOTHING RETURNING id`,
			n.UserID, n.InfoRequestID, n.Kind, msPtr(n.DueAt), ms(n.CreatedAt)).Scan(&n.ID)
		if err == sql.ErrNoRows {
			return false, nil
		}
		return err == nil, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO notifications (user_id, complaint_id, report_id, kind, step, due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (user_id, complaint_id, kind, step, due_at) DO NOTHING RETURNING id`,
		n.UserID, nullID(n.ComplaintID), nullID(n.ReportID), n.Kind, string(n.Step), msPtr(n.DueAt), ms(n.CreatedAt)).Scan(&n.ID)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// Notifications lists the actor's own notices, newest first.
func (mb *Messages) Notifications(ctx context.Context, actor aduan.Actor, unreadOnly bool, limit int) (_ []Notification, err error) {
	s := mb.s
	defer wrap(&err, "Notifications()")
	q := `SELECT n.id, n.user_id, n.complaint_id, COALESCE(c.number, ''), n.report_id, COALESCE(r.title, ''), n.info_request_id, COALESCE(ir.number, ''),
		n.kind, n.step, n.due_at, n.created_at, n.read_at
		FROM notifications n LEFT JOIN complaints c ON c.id = n.complaint_id LEFT JOIN reports r ON r.id = n.report_id
		LEFT JOIN info_requests ir ON ir.id = n.info_request_id WHERE n.user_id = $1`
	if unreadOnly {
		q += ` AND n.read_at IS NULL`
	}
	rows, err := s.rdb.QueryContext(ctx, q+` ORDER BY n.id DESC LIMIT $2`, actor.UserID, clampLimit(limit))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var cid, rid, iid, due, read sql.NullInt64
		var step string
		var created int64
		if err := rows.Scan(&n.ID, &n.UserID, &cid, &n.ComplaintNumber, &rid, &n.ReportTitle, &iid, &n.InfoNumber, &n.Kind, &step, &due, &created, &read); err != nil {
			return nil, err
		}
		n.ReportID, n.InfoRequestID = rid.Int64, iid.Int64
		n.ComplaintID, n.Step, n.DueAt, n.CreatedAt, n.ReadAt = cid.Int64, aduan.StepKey(step), nullMS(due), fromMS(created), nullMS(read)
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkNotificationRead marks one of the actor's notices read.
func (mb *Messages) MarkNotificationRead(ctx context.Context, actor aduan.Actor, id int64) (err error) {
	s := mb.s
	defer wrap(&err, "MarkNotificationRead(%d)", id)
	res, err := s.wdb.ExecContext(ctx, `UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3`, ms(s.Now()), id, actor.UserID)
	if err != nil {
		return mapErr(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("notification")
	}
	return nil
}

// UnreadNotifications counts the actor's unread notices, for the bell in
// the console's header.
func (mb *Messages) UnreadNotifications(ctx context.Context, actor aduan.Actor) (_ int, err error) {
	s := mb.s
	defer wrap(&err, "UnreadNotifications()")
	var n int
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, actor.UserID).Scan(&n)
	return n, mapErr(err)
}

// MarkAllNotificationsRead marks every notice of the actor read and says
// how many were unread.
func (mb *Messages) MarkAllNotificationsRead(ctx context.Context, actor aduan.Actor) (_ int64, err error) {
	s := mb.s
	defer wrap(&err, "MarkAllNotificationsRead()")
	res, err := s.wdb.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`, ms(s.Now()), actor.UserID)
	if err != nil {
		return 0, mapErr(err)
	}
	return res.RowsAffected()
}

// Breach is a step that ran past its standard time.
type Breach struct {
	ID          int64
	ComplaintID int64
	Step        aduan.StepKey
	WindowStart time.Time
	Deadline    time.Time
	DetectedAt  time.Time
	AgencyID    int64
}

// RecordBreach records a breach inside tx, once per step window; it reports
// whether it was new.
func (mb *Messages) RecordBreach(ctx context.Context, tx *sql.Tx, b *Breach) (_ bool, err error) {
	s := mb.s
	defer wrap(&err, "RecordBreach()")
	b.DetectedAt = s.Now()
	err = tx.QueryRowContext(ctx, `INSERT INTO sla_breaches (complaint_id, step, window_start, deadline_at, detected_at, agency_id)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (complaint_id, step, window_start) DO NOTHING RETURNING id`,
		b.ComplaintID, string(b.Step), ms(b.WindowStart), ms(b.Deadline), ms(b.DetectedAt), nullID(b.AgencyID)).Scan(&b.ID)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// Breaches lists breaches detected in [from, to), for reports.
func (mb *Messages) Breaches(ctx context.Context, actor aduan.Actor, from, to time.Time) (_ []Breach, err error) {
	s := mb.s
	defer wrap(&err, "Breaches()")
	if err := actor.Require(aduan.PermStatsRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, complaint_id, step, window_start, deadline_at, detected_at, agency_id FROM sla_breaches
		WHERE detected_at >= $1 AND detected_at < $2 ORDER BY id`, ms(from), ms(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []Breach
	for rows.Next() {
		var b Breach
		var step string
		var ws, dl, det int64
		var ag sql.NullInt64
		if err := rows.Scan(&b.ID, &b.ComplaintID, &step, &ws, &dl, &det, &ag); err != nil {
			return nil, err
		}
		b.Step, b.WindowStart, b.Deadline, b.DetectedAt, b.AgencyID = aduan.StepKey(step), fromMS(ws), fromMS(dl), fromMS(det), ag.Int64
		out = append(out, b)
	}
	return out, rows.Err()
}
