package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kotakita/aduan"
)

// ApplyAction takes a workflow step on a complaint. version must be the
// version the actor saw (0 only for the system, which acts on the current
// one); a stale version is a conflict and changes nothing. The new state, its
// event, its audit record and the jobs it causes commit together. within
// runs in that transaction too, in order, after the event and the audit
// record: what comes with a step (an Idempotency-Key's answer, a form's
// token, the notice of an automatic closing) commits with it or not at all,
// and an error from any of them changes nothing.
func (cp *Complaints) ApplyAction(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, within ...TxHook) (_ *aduan.Complaint, _ *aduan.Event, err error) {
	s := cp.s
	defer wrap(&err, "ApplyAction(%d, %d, %s)", id, version, act)
	return s.applyAction(ctx, actor, id, version, act, in, "", within...)
}

// applyAction is ApplyAction; sender is the phone a citizen's reply came
// from, for the identity the system may take from it (ProvideIdentityReply).
func (s *Store) applyAction(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, sender string, within ...TxHook) (*aduan.Complaint, *aduan.Event, error) {
	var out *aduan.Complaint
	var event *aduan.Event
	err := s.tx(ctx, func(tx *sql.Tx) error {
		c, err := s.complaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if !actor.CanSeeComplaint(c) {
			return notFound("complaint")
		}
		if version == 0 && !actor.IsSystem() {
			return fieldErr("version", "err.field.required")
		}
		if version != 0 && version != c.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		before := auditView(c)
		// References that need the database, checked after the state machine
		// has said the step is allowed at all.
		if aduanAllowed(c, actor, act) {
			switch act {
			case aduan.ActionForward, aduan.ActionWithdraw:
				if in.AgencyID > 0 {
					a, err := s.agency(ctx, tx, in.AgencyID)
					if err != nil {
						if aduan.ErrorCode(err) == aduan.ENOTFOUND {
							return fieldErr("agency_id", "err.field.unknown")
						}
						return err
					}
					if !a.Active {
						return fieldErr("agency_id", "err.field.inactive")
					}
					reach, err := s.RefData().AgencyReachTx(ctx, tx, in.AgencyID)
					if err != nil {
						return err
					}
					in.AgencyUnreachable = !reach.Reachable()
				}
			case aduan.ActionAnswer:
				if strings.Contains(in.Answer, "{") {
					name := ""
					if c.CitizenID != 0 {
						cit, err := s.citizen(ctx, tx, c.CitizenID)
						if err != nil {
							return err
						}
						name = cit.Name
					}
					in.Answer = aduan.FillAnswer(in.Answer, c, name)
				}
			case aduan.ActionMarkDuplicate:
				if in.DuplicateOf > 0 && in.DuplicateOf != c.ID {
					target, err := s.complaint(ctx, tx, in.DuplicateOf)
					if err != nil || !actor.CanSeeComplaint(target) {
						return fieldErr("duplicate_of", "err.field.unknown")
					}
					// Link to the original, never to another duplicate, so
					// that every chain is one step long.
					if target.Status == aduan.StatusDuplicate && target.DuplicateOf != 0 {
						in.DuplicateOf = target.DuplicateOf
					}
					if in.DuplicateOf == c.ID {
						return fieldErr("duplicate_of", "err.field.duplicate_self")
					}
					if in.DuplicateOf != target.ID {
						if target, err = s.complaint(ctx, tx, in.DuplicateOf); err != nil {
							return err
						}
					}
					if err := s.checkDuplicateLink(ctx, tx, c, target, in.Confirm); err != nil {
						return err
					}
				}
			}
		}
		r, err := s.refsAt(ctx, tx)
		if err != nil {
			return err
		}
		if in.CategoryID > 0 && in.CategoryID != c.CategoryID && aduanAllowed(c, actor, act) {
			// The category given with the step (CategoryFirst): one that
			// exists and is still offered.
			k, err := r.category(ctx, s, tx, in.CategoryID)
			if err != nil {
				if aduan.ErrorCode(err) == aduan.ENOTFOUND {
					return fieldErr("category_id", "err.field.unknown")
				}
				return err
			}
			if !k.Active {
				return fieldErr("category_id", "err.field.inactive")
			}
		}
		sc, err := r.standardClock(ctx, s, tx)
		if err != nil {
			return err
		}
		now := s.Now()
		ev, err := aduan.Apply(c, actor, act, in, now, sc)
		if err != nil {
			return err
		}
		if act == aduan.ActionProvideIdentity {
			if err := s.provideIdentity(ctx, tx, actor, c, in.Citizen, sender); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE complaints SET status=$1, agency_id=$2, citizen_id=$3, duplicate_of=$4, answer=$5, answer_source=$6, answer_ref=$7,
			agency_answer=$8, return_reason=$9, updated_at=$10, closed_at=$11, clock_step=$12, clock_started_at=$13, clock_paused_ms=$14,
			clock_paused_since=$15, deadline_at=$16, clock_held_deadline=$19, promised_by=$20, category_id=$21, version=version+1
			WHERE id=$17 AND version=$18`,
			string(c.Status), nullID(c.AgencyID), nullID(c.CitizenID), nullID(c.DuplicateOf), c.Answer, string(c.AnswerSource), c.AnswerRef,
			c.AgencyAnswer, c.ReturnReason, ms(now), msPtr(c.ClosedAt), string(c.Clock.Step), ms(c.Clock.StartedAt), c.Clock.Paused.Milliseconds(),
			msPtr(c.Clock.PausedSince), msPtr(c.Clock.Deadline), c.ID, c.Version, msPtr(c.Clock.Held), msPtr(c.PromisedBy), nullID(c.CategoryID))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if ev.Prior != nil {
			if err := s.insertEvent(ctx, tx, ev.Prior); err != nil {
				return err
			}
		}
		if err := s.insertEvent(ctx, tx, &ev); err != nil {
			return err
		}
		if err := s.forwardReachedBy(ctx, tx, c, &ev); err != nil {
			return err
		}
		full, err := s.complaint(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "complaint."+string(act), "complaint", c.ID, before, auditView(full)); err != nil {
			return err
		}
		if err := ChainTx(within...)(ctx, tx, full, &ev); err != nil {
			return err
		}
		if err := s.transition(ctx, tx, full, &ev); err != nil {
			return err
		}
		out, event = full, &ev
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	s.committed(out, event)
	return out, event, nil
}

func aduanAllowed(c *aduan.Complaint, a aduan.Actor, act aduan.Action) bool {
	for _, x := range aduan.AllowedActions(c, a) {
		if x == act {
			return true
		}
	}
	return false
}

// EditComplaint changes a complaint's text, location or classification
// outside the workflow steps; the change is an event and an audit record.
func (cp *Complaints) EditComplaint(ctx context.Context, actor aduan.Actor, id, version int64, p aduan.ComplaintPatch) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "EditComplaint(%d, %d)", id, version)
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Empty() {
		return nil, aduan.Errorf(aduan.EINVALID, "err.nothing_to_change")
	}
	var out *aduan.Complaint
	var edited *aduan.Event
	err = s.tx(ctx, func(tx *sql.Tx) error {
		c, err := s.complaint(ctx, tx, id)
		if err != nil {
			return err
		}
		if !actor.CanSeeComplaint(c) {
			return notFound("complaint")
		}
		if version != c.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if !c.Open() {
			return aduan.Errorf(aduan.ETRANSITION, "err.closed_complaint")
		}
		before := auditView(c)
		changed := []string{}
		if p.Text != nil && *p.Text != c.Text {
			c.Text = *p.Text
			changed = append(changed, "text")
		}
		if p.Address != nil && *p.Address != c.Address {
			c.Address = *p.Address
			changed = append(changed, "address")
		}
		if p.Lat != nil {
			c.Lat, c.Lng = p.Lat, p.Lng
			changed = append(changed, "location")
		}
		if p.Priority != nil && *p.Priority != c.Priority {
			c.Priority = *p.Priority
			changed = append(changed, "priority")
		}
		if p.Confidentiality != nil && *p.Confidentiality != c.Confidentiality {
			c.Confidentiality = *p.Confidentiality
			changed = append(changed, "confidentiality")
		}
		kel, cat := "", int64(0)
		if p.KelurahanCode != nil {
			kel = *p.KelurahanCode
			if kel == "" {
				c.KelurahanCode, c.KecamatanCode = "", ""
			}
			changed = append(changed, "kelurahan")
		}
		if p.CategoryID != nil {
			cat = *p.CategoryID
			if cat == 0 {
				c.CategoryID = 0
			}
			changed = append(changed, "category")
		}
		r, err := s.refsAt(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.resolveRefs(ctx, tx, r, c, kel, cat, 0, ""); err != nil {
			return err
		}
		now := s.Now()
		res, err := tx.ExecContext(ctx, `UPDATE complaints SET text=$1, address=$2, lat=$3, lng=$4, priority=$5, confidentiality=$6, kelurahan_code=$7,
			kecamatan_code=$8, category_id=$9, updated_at=$10, version=version+1 WHERE id=$11 AND version=$12`,
			c.Text, c.Address, c.Lat, c.Lng, string(c.Priority), string(c.Confidentiality), nullStr(c.KelurahanCode), nullStr(c.KecamatanCode),
			nullID(c.CategoryID), ms(now), c.ID, c.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		ev := &aduan.Event{ComplaintID: c.ID, Action: aduan.ActionEdit, From: c.Status, To: c.Status, At: now,
			ActorID: actor.UserID, ActorName: actor.Name, ActorRole: actor.Role, Details: map[string]string{"fields": strings.Join(changed, ",")}}
		if err := s.insertEvent(ctx, tx, ev); err != nil {
			return err
		}
		full, err := s.complaint(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		out, edited = full, ev
		if err := s.audit(ctx, tx, actor, "complaint.edit", "complaint", c.ID, before, auditView(full)); err != nil {
			return err
		}
		return s.transition(ctx, tx, full, ev)
	})
	if err == nil {
		s.committed(out, edited)
	}
	return out, err
}
