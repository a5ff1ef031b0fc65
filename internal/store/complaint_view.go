package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
)

// ViewSpan is how long the audited read of a confidential complaint's page
// covers the live refreshes of a part of that page (see ComplaintInView):
// a working shift. A page left open longer is audited again at its next
// refresh, once.
const ViewSpan = 12 * time.Hour

// ComplaintInView returns complaint id for a part of a page that showed it
// already and refreshes that part alone (the complaint page's messages
// section, fetched again on every delivery report and reply). It sees
// what Complaint sees, and only for an actor who may read the complaint's
// content (else "forbidden", nothing audited).
//
// Every read of a confidential complaint is audited, but one page view is
// one read: view is the request ID of the page that showed the complaint,
// and if that request audited this actor's read of it within ViewSpan, the
// refresh adds no row. Without such a row (no view, someone else's, a
// forged or stale one, a part fetched on its own) the refresh is audited as
// a read of its own. It returns the view the next refresh names: view, or
// this request's ID when it audited.
func (cp *Complaints) ComplaintInView(ctx context.Context, actor aduan.Actor, id int64, view string) (_ *aduan.Complaint, _ string, err error) {
	s := cp.s
	defer wrap(&err, "ComplaintInView(%d)", id)
	c, err := s.complaint(ctx, s.rdb, id)
	if err != nil {
		return nil, "", err
	}
	if !actor.CanSeeComplaint(c) {
		return nil, "", notFound("complaint")
	}
	if !actor.CanSeeContent(c) {
		return nil, "", aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if c.Confidentiality != aduan.Confidential || actor.IsSystem() {
		return c, view, nil
	}
	if view != "" {
		var n int
		err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log
			WHERE entity = 'complaint' AND entity_id = $1 AND action = 'complaint.read_confidential'
			AND actor_id = $2 AND request_id = $3 AND at >= $4`,
			strconv.FormatInt(c.ID, 10), actor.UserID, view, ms(s.Now().Add(-ViewSpan))).Scan(&n)
		if err != nil {
			return nil, "", mapErr(err)
		}
		if n > 0 {
			return c, view, nil
		}
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "complaint.read_confidential", "complaint", c.ID, nil, nil)
	})
	if err != nil {
		return nil, "", err
	}
	return c, requestID(ctx), nil
}
