package store

import (
	"context"
	"strconv"
	"strings"

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
func (cp *Complaints) ListComplaintsByUrgency(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) (_ []*aduan.Complaint, _ int, err error) {
	s := cp.s
	defer wrap(&err, "ListComplaintsByUrgency()")
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return nil, 0, err
	}
	w, err := s.complaintWhere(actor, f)
	if err != nil {
		return nil, 0, err
	}
	limit := clampLimit(f.Limit)
	offset := max(f.Offset, 0)
	order, err := queueOrder(f.Sort, f.Desc)
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.rdb.QueryContext(ctx, complaintSelect+w.sql()+order+" LIMIT "+w.arg(limit+1)+" OFFSET "+w.arg(offset), w.args...)
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
	if err := s.markAsking(ctx, list); err != nil {
		return nil, 0, err
	}
	return list, next, nil
}

// markAsking sets Asking on the complaints at an agency whose last
// clarification event is the agency's question: the work queue flags them,
// as the call center owes the agency an answer.
func (s *Store) markAsking(ctx context.Context, list []*aduan.Complaint) error {
	var ids []string
	byID := map[int64]*aduan.Complaint{}
	for _, c := range list {
		if c.Status.AtAgency() {
			ids = append(ids, strconv.FormatInt(c.ID, 10))
			byID[c.ID] = c
		}
	}
	if len(ids) == 0 {
		return nil
	}
	// IDs are numbers read from the database, written in as such.
	rows, err := s.rdb.QueryContext(ctx, `SELECT complaint_id, action FROM complaint_events
		WHERE complaint_id IN (`+strings.Join(ids, ",")+`) AND action IN ('ask_clarification', 'answer_clarification') ORDER BY complaint_id, id`)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var act string
		if err := rows.Scan(&id, &act); err != nil {
			return mapErr(err)
		}
		byID[id].Asking = act == string(aduan.ActionAskClarification)
	}
	return mapErr(rows.Err())
}

// queueColumns are the ORDER BY expressions of aduan.QueueSorts, each
// ascending in the order a reader expects first: the oldest number and
// arrival, the earliest deadline, darurat, A before Z. Only these reach the
// SQL: a sort is looked up here, never written into the query.
var queueColumns = map[string]string{
	"number":   "c.id",
	"received": "c.received_at",
	"priority": "CASE c.priority WHEN 'darurat' THEN 0 WHEN 'tinggi' THEN 1 WHEN 'sedang' THEN 2 ELSE 3 END",
	"category": "COALESCE(cat.name, '')",
	"agency":   "COALESCE(ag.name, '')",
}

// queueOrder is the ORDER BY of a work queue sorted by column sort (desc:
// reversed), urgency breaking ties; "" and "due" ascending are urgency
// itself (urgencyOrder, which its index serves). Rows with no deadline stay
// last either way: finished work is not late work.
func queueOrder(sort string, desc bool) (string, error) {
	dir := ""
	if desc {
		dir = " DESC"
	}
	switch sort {
	case "", "due":
		if !desc {
			return urgencyOrder, nil
		}
		return ` ORDER BY CASE WHEN c.deadline_at IS NULL THEN 1 ELSE 0 END, c.deadline_at / 60000 DESC,
	CASE WHEN c.priority = 'darurat' THEN 0 ELSE 1 END, c.id DESC`, nil
	}
	col, ok := queueColumns[sort]
	if !ok {
		return "", &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "sort", Key: "err.field.choice"}}}
	}
	return " ORDER BY " + col + dir + "," + strings.TrimPrefix(urgencyOrder, " ORDER BY "), nil
}
