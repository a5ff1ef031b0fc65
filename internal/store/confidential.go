package store

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
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
func (s *Store) AuditContentReads(ctx context.Context, actor aduan.Actor, cs []*aduan.Complaint) error {
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
	return s.AuditContentReads(ctx, actor, read)
}

// withoutContent blanks what a complaint says and where: the citizen's
// text, the place, the answers and the reasons.
func withoutContent(c *aduan.Complaint) {
	c.Text, c.Address, c.Answer, c.AnswerRef, c.AgencyAnswer, c.ReturnReason = "", "", "", "", "", ""
	c.Lat, c.Lng = nil, nil
}
