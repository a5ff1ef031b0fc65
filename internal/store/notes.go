package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
)

// The kinds of note the call center logs on a complaint.
const (
	NoteText     = "note"     // a remark: what a caller added, what was agreed
	NoteCallback = "callback" // an attempt to call the citizen back
)

// CallbackOutcomes are the results of a call-back attempt.
var CallbackOutcomes = []string{"reached", "no_answer", "busy", "unreachable", "wrong_number"}

// NoteInput is a note, a call-back attempt, or photos that reached the call
// center another way (WhatsApp on a desk phone, a USB stick), logged on a
// complaint without moving it.
type NoteInput struct {
	Kind    string // NoteText or NoteCallback
	Outcome string // a call-back's: one of CallbackOutcomes
	Text    string
	// Photos already checked and stored (attach.Process); recorded on the
	// complaint in the note's transaction.
	Photos []*attach.Attachment
}

// AddNote logs in on complaint id: an event of its own (action note) with
// the text, the call-back's outcome and the number of photos, its audit
// record and the photos, in one transaction. The complaint's state,
// answer, clock and version do not change: a note records, it never
// decides. within runs in the same transaction, in order (a form's token,
// which is how a form sent twice is told apart); an error from any of them
// changes nothing.
func (cp *Complaints) AddNote(ctx context.Context, actor aduan.Actor, id int64, in NoteInput, within ...TxHook) (ev *aduan.Event, err error) {
	s := cp.s
	defer wrap(&err, "AddNote(%d)", id)
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return nil, err
	}
	in.Text = strings.TrimSpace(in.Text)
	var v aduan.Validation
	switch in.Kind {
	case NoteText:
		checkField(&v, "note", in.Text, aduan.MaxReasonLen, len(in.Photos) == 0)
		if in.Outcome != "" {
			v.Add("outcome", "err.field.choice")
		}
	case NoteCallback:
		checkField(&v, "note", in.Text, aduan.MaxReasonLen, false)
		ok := false
		for _, o := range CallbackOutcomes {
			ok = ok || o == in.Outcome
		}
		if !ok {
			v.Add("outcome", "err.field.required")
		}
	default:
		v.Add("kind", "err.field.choice")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var done *aduan.Complaint
	err = s.tx(ctx, func(tx *sql.Tx) error {
		c, err := s.complaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if !actor.CanSeeComplaint(c) {
			return notFound("complaint")
		}
		now := s.Now()
		e := &aduan.Event{ComplaintID: c.ID, Action: aduan.ActionNote, From: c.Status, To: c.Status, At: now,
			ActorID: actor.UserID, ActorName: actor.Name, ActorRole: actor.Role, Details: map[string]string{"kind": in.Kind}}
		if in.Text != "" {
			e.Details["note"] = in.Text
		}
		if in.Kind == NoteCallback {
			e.Details["callback"] = in.Outcome
		}
		if len(in.Photos) > 0 {
			e.Details["photos"] = strconv.Itoa(len(in.Photos))
		}
		if err := s.insertEvent(ctx, tx, e); err != nil {
			return err
		}
		for _, a := range in.Photos {
			a.ComplaintID = c.ID
			if _, err := s.Attachments().InsertAttachment(ctx, tx, a); err != nil {
				return err
			}
		}
		if err := s.audit(ctx, tx, actor, "complaint.note", "complaint", c.ID, nil, e.Details); err != nil {
			return err
		}
		if err := ChainTx(within...)(ctx, tx, c, e); err != nil {
			return err
		}
		done, ev = c, e
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.committed(done, ev)
	return ev, nil
}
