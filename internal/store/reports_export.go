package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
)

// Exporting the complaint list (CSV/XLSX) and its progress.

// EachComplaint calls fn for every complaint matching the list filter f
// that the actor may see, newest first, reading a page at a time so that
// neither memory nor a long-held read transaction grows with the export.
func (rp *Reports) EachComplaint(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter, fn func(*aduan.Complaint) error) (err error) {
	s := rp.s
	defer wrap(&err, "EachComplaint()")
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	const page = 1000
	before := int64(0)
	for {
		w, err := s.complaintWhere(actor, f)
		if err != nil {
			return err
		}
		if before > 0 {
			w.add("c.id < ?", before)
		}
		rows, err := s.rdb.QueryContext(ctx, complaintSelect+w.sql()+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(page), w.args...)
		if err != nil {
			return mapErr(err)
		}
		// The page is read whole before it is handed out: its confidential
		// complaints' reads are audited first (listed).
		var cs []*aduan.Complaint
		for rows.Next() {
			c, err := scanComplaint(rows)
			if err != nil {
				rows.Close()
				return err
			}
			cs = append(cs, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		if err := s.listed(ctx, actor, f, cs); err != nil {
			return err
		}
		for _, c := range cs {
			before = c.ID
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(cs) < page {
			return nil
		}
	}
}

// CountComplaints counts the complaints matching the list filter that the
// actor may see, for an export's progress.
func (rp *Reports) CountComplaints(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) (_ int64, err error) {
	s := rp.s
	defer wrap(&err, "CountComplaints()")
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return 0, err
	}
	w, err := s.complaintWhere(actor, f)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints c`+w.sql(), w.args...).Scan(&n)
	return n, mapErr(err)
}

// AuditExport records that the actor exported complaints with a filter.
func (rp *Reports) AuditExport(ctx context.Context, actor aduan.Actor, format string, filter any, rows int64) (err error) {
	s := rp.s
	defer wrap(&err, "AuditExport(%s)", format)
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "complaint.export", "complaint", 0, nil, map[string]any{"format": format, "filter": filter, "rows": rows})
	})
}

// ExportProgress is how far an export has got.
type ExportProgress struct {
	ID        string
	Format    string
	Total     int64
	Done      int64
	Finished  bool
	Failed    bool
	StartedAt time.Time
	UpdatedAt time.Time
}

// SetExportProgress records an export's progress for its user. It is kept
// in the database so that a poll reaching another instance sees it.
func (rp *Reports) SetExportProgress(ctx context.Context, userID int64, p ExportProgress) (err error) {
	s := rp.s
	defer wrap(&err, "SetExportProgress(%d)", userID)
	now := ms(s.Now())
	_, err = s.wdb.ExecContext(ctx, `INSERT INTO export_progress (user_id, id, format, total, done, finished, failed, started_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (user_id, id) DO UPDATE SET format = excluded.format, total = excluded.total, done = excluded.done,
		finished = excluded.finished, failed = excluded.failed, updated_at = excluded.updated_at`,
		userID, p.ID, p.Format, p.Total, p.Done, p.Finished, p.Failed, now)
	return mapErr(err)
}

// GetExportProgress returns the progress of one of the user's exports.
func (rp *Reports) GetExportProgress(ctx context.Context, userID int64, id string) (_ *ExportProgress, err error) {
	s := rp.s
	defer wrap(&err, "GetExportProgress(%d)", userID)
	var p ExportProgress
	var st, up int64
	err = s.rdb.QueryRowContext(ctx, `SELECT id, format, total, done, finished, failed, started_at, updated_at FROM export_progress
		WHERE user_id = $1 AND id = $2`, userID, id).Scan(&p.ID, &p.Format, &p.Total, &p.Done, &p.Finished, &p.Failed, &st, &up)
	if err == sql.ErrNoRows {
		return nil, notFound("export")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	p.StartedAt, p.UpdatedAt = fromMS(st), fromMS(up)
	return &p, nil
}
