package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

// identityTrusted reports whether identity given by actor may change a
// stored citizen. Only call-center staff may: they heard the caller or
// checked what was typed. The system acting for a channel that proves
// nothing (the public form, Open311, an incoming SMS, WhatsApp message or
// e-mail) may not, since anyone can type a known caller's number: what it
// brings is kept on the complaint as the caller's stated identity. One
// exception is made by ProvideIdentityReply, which checks the sender
// itself.
func identityTrusted(a aduan.Actor) bool {
	return !a.IsSystem() && a.Can(aduan.PermCitizenEdit)
}

// StatedIdentity is what a caller typed about themselves through an
// unverified channel, where it differs from the stored identity of the
// citizen their number belongs to. Only the fields that differ are set.
type StatedIdentity struct {
	ComplaintID   int64
	Name          string
	Email         string
	Address       string
	KelurahanCode string
	CreatedAt     time.Time
}

// statedDiff is what in says that cur does not (nil when nothing).
func statedDiff(cur *aduan.Citizen, in *aduan.CitizenInput) *StatedIdentity {
	st := &StatedIdentity{}
	differs := func(dst *string, stored, typed string) {
		if typed != "" && typed != stored {
			*dst = typed
		}
	}
	differs(&st.Name, cur.Name, in.Name)
	differs(&st.Email, cur.Email, in.Email)
	differs(&st.Address, cur.Address, in.Address)
	differs(&st.KelurahanCode, cur.KelurahanCode, in.KelurahanCode)
	if *st == (StatedIdentity{}) {
		return nil
	}
	return st
}

func (s *Store) insertStated(ctx context.Context, tx *sql.Tx, complaintID int64, st *StatedIdentity) error {
	st.ComplaintID, st.CreatedAt = complaintID, s.Now()
	_, err := tx.ExecContext(ctx, `INSERT INTO stated_identities (complaint_id, name, email, address, kelurahan_code, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, complaintID, st.Name, st.Email, st.Address, st.KelurahanCode, ms(st.CreatedAt))
	if err != nil {
		return fmt.Errorf("insertStated(%d): %w", complaintID, err)
	}
	return nil
}

func (s *Store) statedIdentity(ctx context.Context, q queryer, complaintID int64) (*StatedIdentity, error) {
	st := &StatedIdentity{ComplaintID: complaintID}
	var created int64
	err := q.QueryRowContext(ctx, `SELECT name, email, address, kelurahan_code, created_at FROM stated_identities WHERE complaint_id = $1`,
		complaintID).Scan(&st.Name, &st.Email, &st.Address, &st.KelurahanCode, &created)
	if err == sql.ErrNoRows {
		return nil, notFound("stated identity")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	st.CreatedAt = fromMS(created)
	return st, nil
}

// StatedIdentity returns what the caller of complaint c stated about
// themselves that differs from their stored identity, for a reader who may
// see who filed c; "not found" when there is nothing of the kind.
func (ci *Citizens) StatedIdentity(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) (_ *StatedIdentity, err error) {
	s := ci.s
	defer wrap(&err, "StatedIdentity()")
	if !actor.CanSeeIdentity(c) {
		return nil, notFound("stated identity")
	}
	return s.statedIdentity(ctx, s.rdb, c.ID)
}

// SettleStatedIdentity is a call-center person's decision on a stated
// identity: adopt writes it into the citizen (who then hears from the city
// under it), otherwise it is dismissed. Either way it is no longer shown.
// version is the citizen's version the person saw beside it.
func (ci *Citizens) SettleStatedIdentity(ctx context.Context, actor aduan.Actor, complaintID, version int64, adopt bool) (_ *aduan.Citizen, err error) {
	s := ci.s
	defer wrap(&err, "SettleStatedIdentity(%d, %d)", complaintID, version)
	if !identityTrusted(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var out *aduan.Citizen
	err = s.tx(ctx, func(tx *sql.Tx) error {
		c, err := s.complaint(ctx, tx, complaintID)
		if err != nil {
			return err
		}
		if !actor.CanSeeIdentity(c) || c.CitizenID == 0 {
			return notFound("complaint")
		}
		st, err := s.statedIdentity(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		cur, err := s.citizen(ctx, tx, c.CitizenID)
		if err != nil {
			return err
		}
		if version != cur.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stated_identities WHERE complaint_id = $1`, c.ID); err != nil {
			return err
		}
		out = cur
		if !adopt {
			return s.audit(ctx, tx, actor, "citizen.stated_dismiss", "complaint", c.ID, st, nil)
		}
		next := *cur
		merge(&next.Name, st.Name)
		merge(&next.Email, st.Email)
		merge(&next.Address, st.Address)
		if st.KelurahanCode != "" {
			if _, err := s.kelurahan(ctx, tx, st.KelurahanCode); err == nil {
				next.KelurahanCode = st.KelurahanCode
			}
		}
		if next == *cur {
			return nil
		}
		if err := s.updateCitizen(ctx, tx, actor, cur, &next); err != nil {
			return err
		}
		s.fillKecamatan(ctx, tx, &next)
		out = &next
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// identityRequestedFrom is the number the complaint's last identity
// request (SOP step 3) was sent to; empty when none was addressed.
func (s *Store) identityRequestedFrom(ctx context.Context, tx *sql.Tx, complaintID int64) (string, error) {
	var to string
	err := tx.QueryRowContext(ctx, `SELECT to_addr FROM messages WHERE complaint_id = $1 AND direction = 'out' AND purpose = 'request_identity'
		ORDER BY id DESC LIMIT 1`, complaintID).Scan(&to)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return to, err
}

// provideIdentity records the identity given with the provide_identity
// step on complaint c. A call-center person's input is merged into the
// citizen (or names another citizen by a new number). The system may give
// it only for a reply that came from sender, the very number the identity
// request was sent to; it then fills the citizen of that number and never
// changes the number itself.
func (s *Store) provideIdentity(ctx context.Context, tx *sql.Tx, actor aduan.Actor, c *aduan.Complaint, in *aduan.CitizenInput, sender string) error {
	in.Normalize()
	var v aduan.Validation
	normalizeCitizen(in, "citizen.", &v)
	if err := v.Err(); err != nil {
		return err
	}
	if !identityTrusted(actor) {
		from, err := phone.Normalize(sender)
		if sender == "" || err != nil || c.CitizenID == 0 || c.Citizen == nil || string(c.Citizen.Phone) != from {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.identity.unverified")
		}
		asked, err := s.identityRequestedFrom(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if asked != from || (in.Phone != "" && in.Phone != from) {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.identity.unverified")
		}
		in.Phone = ""
	}
	if in.KelurahanCode != "" {
		if _, err := s.kelurahan(ctx, tx, in.KelurahanCode); err != nil {
			return fieldErr("citizen.kelurahan_code", "err.field.unknown")
		}
	}
	if c.CitizenID != 0 && (in.Phone == "" || (c.Citizen != nil && string(c.Citizen.Phone) == in.Phone)) {
		cur, err := s.citizen(ctx, tx, c.CitizenID)
		if err != nil {
			return err
		}
		next := *cur
		merge(&next.Name, in.Name)
		merge(&next.Email, in.Email)
		merge(&next.Address, in.Address)
		merge(&next.KelurahanCode, in.KelurahanCode)
		if next != *cur {
			return s.updateCitizen(ctx, tx, actor, cur, &next)
		}
		return nil
	}
	cz, _, err := s.upsertCitizen(ctx, tx, actor, in)
	if err != nil {
		return err
	}
	c.CitizenID = cz.ID
	return nil
}

// ProvideIdentityReply takes the provide_identity step for a citizen's
// reply to the identity request, as the system: only when sender (the
// reply's phone number, in any spelling) is the number the request was
// sent to, else EFORBIDDEN and nothing changes. A reply cannot change the
// number.
func (ci *Citizens) ProvideIdentityReply(ctx context.Context, id int64, sender string, in aduan.ActionInput) (_ *aduan.Complaint, _ *aduan.Event, err error) {
	s := ci.s
	defer wrap(&err, "ProvideIdentityReply(%d)", id)
	if strings.TrimSpace(sender) == "" {
		return nil, nil, aduan.Errorf(aduan.EFORBIDDEN, "err.identity.unverified")
	}
	return s.applyAction(ctx, aduan.System, id, 0, aduan.ActionProvideIdentity, in, sender)
}
