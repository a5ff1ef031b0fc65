package store

import (
	"context"
	"database/sql"
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
	rows, err := s.rdb.QueryContext(ctx, urgencySelect+queueJoins[f.Sort]+w.sql()+order+" LIMIT "+w.arg(limit+1)+" OFFSET "+w.arg(offset), w.args...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	list := make([]*aduan.Complaint, 0, limit+1)
	var v int64
	for rows.Next() {
		var asked sql.NullString
		c, err := scanComplaintRead(rows, &v, &asked)
		if err != nil {
			return nil, 0, err
		}
		c.Asking = asked.String == string(aduan.ActionAskClarification)
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	next := 0
	if len(list) > limit {
		list, next = list[:limit], offset+limit
	}
	if err := s.nameComplaints(ctx, s.rdb, v, list); err != nil {
		return nil, 0, err
	}
	if err := s.listed(ctx, actor, f, list); err != nil {
		return nil, 0, err
	}
	return list, next, nil
}

// urgencySelect is complaintRead with one column more: for a complaint
// at an agency, its last clarification event's action. The work queue
// flags those whose last one is the agency's question (Asking), as the
// call center owes the agency an answer. Read in the list's own query
// (issue 21): a second query for the page's rows cost more than this
// look-up, one step down the index complaint_events_complaint
// (complaint_id, id) from its end for each row at an agency.
var urgencySelect = strings.Replace(complaintRead, "\nFROM complaints c\n", `,
	CASE WHEN c.status IN (`+atAgencySQL()+`) THEN (SELECT e.action FROM complaint_events e
		WHERE e.complaint_id = c.id AND e.action IN ('`+string(aduan.ActionAskClarification)+`', '`+string(aduan.ActionAnswerClarification)+`')
		ORDER BY e.id DESC LIMIT 1) END
FROM complaints c
`, 1)

// atAgencySQL is the statuses of aduan.Status.AtAgency as an SQL list
// (names from the domain's own table, never from a request).
func atAgencySQL() string {
	var list []string
	for _, st := range aduan.Statuses {
		if st.AtAgency() {
			list = append(list, "'"+string(st)+"'")
		}
	}
	return strings.Join(list, ", ")
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

// queueJoins are the tables a sort of queueColumns reads, joined for that
// sort only: complaintRead has no reference table (see there).
var queueJoins = map[string]string{
	"category": "\nLEFT JOIN categories cat ON cat.id = c.category_id",
	"agency":   "\nLEFT JOIN agencies ag ON ag.id = c.agency_id",
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
