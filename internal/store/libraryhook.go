package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/kotakita/aduan"
)

// libraryRules are the answer library's part of every complaint change, run
// inside its transaction on every store (transition), whoever opened it:
//
//   - an answer from the library (SOP step 6) must name an existing, active
//     entry (JWB-0042 or 42), whose use is counted; one from a past
//     complaint must name an existing complaint;
//   - the complaint enters, leaves or is refreshed in the search index;
//   - a complaint linked as a duplicate shares its original's answer: when
//     the original is answered or its agency's answer relayed, each open
//     duplicate gets the same answer, recorded on it with a relay event, so
//     that each citizen who reported the problem is told; a complaint linked
//     to an original that already has its answer gets it at once.
//
// Telling the duplicates' citizens: the relay of an original already
// messages the citizens of its duplicates (internal/jobs plans those SMS
// from the original's relay event). When the answer reaches a duplicate
// any other way (the call center answered the original directly, or the
// complaint was linked after the answer), the duplicate's own relay event
// goes through transition, so that its citizen is sent the answer as for
// any relay.
func (s *Store) libraryRules(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	if ev.Action == aduan.ActionAnswer {
		if err := s.checkAnswerSource(ctx, tx, c); err != nil {
			return err
		}
	}
	if err := s.indexComplaint(ctx, tx, c); err != nil {
		return err
	}
	switch {
	case ev.Action == aduan.ActionAnswer || ev.Action == aduan.ActionRelay && c.Status == aduan.StatusRelayed:
		return s.shareWithDuplicates(ctx, tx, c, ev)
	case ev.Action == aduan.ActionMarkDuplicate && c.DuplicateOf != 0:
		orig, err := s.complaint(ctx, tx, c.DuplicateOf)
		if err != nil {
			return err
		}
		if DuplicateAnswer(orig) != "" {
			return s.shareAnswer(ctx, tx, orig, c, ev)
		}
	}
	return nil
}

func (s *Store) checkAnswerSource(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) error {
	switch c.AnswerSource {
	case aduan.SourceLibrary:
		id, err := s.resolveLibraryRef(ctx, tx, c.AnswerRef)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE library_entries SET uses = uses + 1, last_used_at = $1 WHERE id = $2`, ms(s.Now()), id)
		return err
	case aduan.SourceComplaint:
		var n int
		var past string
		if _, _, ok := aduan.ParseNumber(c.AnswerRef); ok {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(answer), '') FROM complaints WHERE number = $1`, c.AnswerRef).Scan(&n, &past); err != nil {
				return err
			}
		} else if id, err := strconv.ParseInt(c.AnswerRef, 10, 64); err == nil && id > 0 && id != c.ID {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(answer), '') FROM complaints WHERE id = $1`, id).Scan(&n, &past); err != nil {
				return err
			}
		}
		if n == 0 {
			return fieldErr("source_ref", "err.lib.complaint_ref")
		}
		// A past case's answer was written for another caller, place and
		// date (the birth-certificate answer naming Limo, sent to
		// a caller from Beji): it is an example to write from, never an
		// answer to send as it stood.
		if aduan.SameAnswer(c.Answer, past) {
			return fieldErr("answer", "err.suggest.past_unedited")
		}
	}

	return nil
}

func (s *Store) shareWithDuplicates(ctx context.Context, tx *sql.Tx, orig *aduan.Complaint, ev *aduan.Event) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM complaints WHERE duplicate_of = $1 AND status = $2 ORDER BY id`, orig.ID, string(aduan.StatusDuplicate))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		dup, err := s.complaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.shareAnswer(ctx, tx, orig, dup, ev); err != nil {
			return err
		}
	}
	return nil
}

// shareAnswer records orig's answer on its duplicate dup, with a relay
// event by the actor of cause (the event that gave orig its answer, or
// the linking). dup is updated in place.
func (s *Store) shareAnswer(ctx context.Context, tx *sql.Tx, orig, dup *aduan.Complaint, cause *aduan.Event) error {
	if dup.Answer == orig.Answer && dup.AnswerRef == orig.Number {
		return nil
	}
	before := auditView(dup)
	src := aduan.SourceComplaint
	if orig.AnswerSource == aduan.SourceAgency {
		src = aduan.SourceAgency
	}
	now := s.Now()
	res, err := tx.ExecContext(ctx, `UPDATE complaints SET answer = $1, answer_source = $2, answer_ref = $3, updated_at = $4, version = version + 1
		WHERE id = $5 AND version = $6`, orig.Answer, string(src), orig.Number, ms(now), dup.ID, dup.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	ev := &aduan.Event{ComplaintID: dup.ID, Action: aduan.ActionRelay, From: dup.Status, To: dup.Status, At: now,
		ActorID: cause.ActorID, ActorName: cause.ActorName, ActorRole: cause.ActorRole,
		Details: map[string]string{"answer": orig.Answer, "shared_from": orig.Number}}
	if err := s.insertEvent(ctx, tx, ev); err != nil {
		return err
	}
	full, err := s.complaint(ctx, tx, dup.ID)
	if err != nil {
		return err
	}
	actor := aduan.Actor{UserID: cause.ActorID, Name: cause.ActorName, Role: cause.ActorRole, System: cause.ActorID == 0}
	if err := s.audit(ctx, tx, actor, "complaint.share_answer", "complaint", dup.ID, before, auditView(full)); err != nil {
		return err
	}
	*dup = *full
	if cause.Action != aduan.ActionRelay {
		return s.transition(ctx, tx, dup, ev)
	}
	return nil
}
