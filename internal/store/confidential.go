package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// Reads of confidential (rahasia) complaints. Every read of such a
// complaint's content is audited, whatever the surface: one page
// (Complaint, checkRead), a list or an export (ListComplaints,
// EachComplaint), search results and duplicate suggestions (which call
// AuditContentReads for what they return). One row per complaint read, not
// one per field shown.

// auditActionRead is the audit action of a read of a confidential complaint.
const auditActionRead = "complaint.read_confidential"

// AuditContentReads records a read of each confidential complaint among cs
// whose content the actor may read: one audit row per complaint, all in one
// transaction. Others (ordinary and anonymous complaints, those whose
// content the actor may not see, the system's own reads) record nothing.
func (cp *Complaints) AuditContentReads(ctx context.Context, actor aduan.Actor, cs []*aduan.Complaint) (err error) {
	s := cp.s
	defer wrap(&err, "AuditContentReads()")
	var ids []int64
	for _, c := range cs {
		if c != nil && c.Confidentiality == aduan.Confidential && !actor.IsSystem() && actor.CanSeeContent(c) {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if err := s.audit(ctx, tx, actor, auditActionRead, "complaint", id, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// listed prepares complaints a list or an export hands to the actor: the
// content of a confidential complaint is left out where the actor may not
// read it or the list shows none (ComplaintFilter.Brief), and audited as
// read where it is handed out. What is not handed out cannot leak through a
// surface that forgets to hide it, nor needs an audit row.
func (s *Store) listed(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter, cs []*aduan.Complaint) error {
	var read []*aduan.Complaint
	for _, c := range cs {
		if c.Confidentiality != aduan.Confidential || actor.IsSystem() {
			continue
		}
		if f.Brief || !actor.CanSeeContent(c) {
			withoutContent(c)
			continue
		}
		read = append(read, c)
	}
	if f.View != "" && len(read) > 0 {
		seen, err := s.readInView(ctx, actor, read, f.View)
		if err != nil {
			return err
		}
		kept := read[:0]
		for _, c := range read {
			if !seen[c.ID] {
				kept = append(kept, c)
			}
		}
		read = kept
	}
	return s.Complaints().AuditContentReads(ctx, actor, read)
}

// readInView returns which of cs the page view (a request ID) audited as
// read by the actor within ViewSpan: a refresh of that view is not another
// read of them (as for ComplaintInView).
func (s *Store) readInView(ctx context.Context, actor aduan.Actor, cs []*aduan.Complaint, view string) (map[int64]bool, error) {
	w := &where{}
	ph := make([]string, len(cs))
	for i, c := range cs {
		ph[i] = w.arg(strconv.FormatInt(c.ID, 10))
	}
	w.add("entity = 'complaint'")
	w.add("action = ?", auditActionRead)
	w.add("actor_id = ?", actor.UserID)
	w.add("request_id = ?", view)
	w.add("at >= ?", ms(s.Now().Add(-ViewSpan)))
	w.conds = append(w.conds, "entity_id IN ("+strings.Join(ph, ", ")+")")
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT entity_id FROM audit_log`+w.sql(), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		n, _ := strconv.ParseInt(id, 10, 64)
		out[n] = true
	}
	return out, mapErr(rows.Err())
}

// withoutContent blanks what a complaint says and where: the citizen's
// text, the place, the answers and the reasons.
func withoutContent(c *aduan.Complaint) {
	c.Text, c.Address, c.Answer, c.AnswerRef, c.AgencyAnswer, c.ReturnReason = "", "", "", "", "", ""
	c.Lat, c.Lng = nil, nil
}

// auditMessageReads records a read of each confidential complaint whose
// messages (what was said to and by its caller) a list across complaints
// hands to an actor who may read them: one row per complaint, however many
// of its messages are listed. Roles that get the list without the texts
// (IT staff) read nothing of the complaint.
func (s *Store) auditMessageReads(ctx context.Context, actor aduan.Actor, msgs []*channel.Message) error {
	if actor.IsSystem() || !actor.Can(aduan.PermComplaintRead) {
		return nil
	}
	w := &where{}
	var ph []string
	seen := map[int64]bool{}
	for _, m := range msgs {
		if m.ComplaintID != 0 && !seen[m.ComplaintID] {
			seen[m.ComplaintID] = true
			ph = append(ph, w.arg(m.ComplaintID))
		}
	}
	if len(ph) == 0 {
		return nil
	}
	w.add("confidentiality = ?", string(aduan.Confidential))
	w.conds = append(w.conds, "id IN ("+strings.Join(ph, ", ")+")")
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, COALESCE(agency_id, 0) FROM complaints`+w.sql(), w.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	var cs []*aduan.Complaint
	for rows.Next() {
		c := &aduan.Complaint{Confidentiality: aduan.Confidential}
		if err := rows.Scan(&c.ID, &c.AgencyID); err != nil {
			return err
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	return s.Complaints().AuditContentReads(ctx, actor, cs)
}
