package store

import (
	"context"

	"github.com/kotakita/aduan"
)

// urgencyOrder is the work queue's order: the earliest deadline first (the
// most overdue, then the due soonest), to the minute the clocks are shown
// in, and at the same minute darurat before the others; complaints with no
// running clock (finished ones) last, newest first.
// The index complaints_open_urgency (migration 0086) has these expressions:
// change both together (TestQueueOrderReadsItsIndex).
const urgencyOrder = ` ORDER BY CASE WHEN c.deadline_at IS NULL THEN 1 ELSE 0 END, c.deadline_at / 60000,
	CASE WHEN c.priority = 'darurat' THEN 0 ELSE 1 END, c.id DESC`

// ListComplaintsByUrgency returns complaints matching f that the actor may
// see in urgency order (urgencyOrder), from f.Offset, and the offset of the
// next page (0 at the end). Paged by offset, not keyset: a complaint's
// deadline moves with every step it takes, so a cursor of (deadline, id)
// names a place in the order that the rows themselves leave; an offset
// re-reads the order as it is now, which is what the operator works from.
func (s *Store) ListComplaintsByUrgency(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) ([]*aduan.Complaint, int, error) {
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return nil, 0, err
	}
	w, err := s.complaintWhere(actor, f)
	if err != nil {
		return nil, 0, err
	}
	limit := clampLimit(f.Limit)
	offset := max(f.Offset, 0)
	rows, err := s.rdb.QueryContext(ctx, complaintSelect+w.sql()+urgencyOrder+" LIMIT "+w.arg(limit+1)+" OFFSET "+w.arg(offset), w.args...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var list []*aduan.Complaint
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, 0, err
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	next := 0
	if len(list) > limit {
		list, next = list[:limit], offset+limit
	}
	if err := s.listed(ctx, actor, f, list); err != nil {
		return nil, 0, err
	}
	return list, next, nil
}
