package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/kotakita/aduan"
)

// CreateComplaint records a complaint (SOP steps 1–3): the caller is found by
// phone or recorded, the complaint gets its number, and its first event
// (timing the intake against its standard) and audit record are written in
// the same transaction. within runs in that transaction too, in order,
// after the complaint, its first event and its audit record are written:
// what came with the complaint (Open311 attributes, a photo from the public
// form, an Idempotency-Key's answer) commits with it or not at all, and an
// error from any of them changes nothing.
func (cp *Complaints) CreateComplaint(ctx context.Context, actor aduan.Actor, in aduan.NewComplaint, within ...TxHook) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "CreateComplaint()")
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	now := s.Now()
	in.Normalize()
	var v aduan.Validation
	if err := in.Validate(now); err != nil {
		e, _ := aduan.AsError(err)
		v.Fields = append(v.Fields, e.Fields...)
	}
	if in.Citizen != nil && in.Citizen.Phone != "" && !v.Has("citizen.phone") {
		var pv aduan.Validation
		normalizeCitizen(in.Citizen, "citizen.", &pv)
		if pv.Has("citizen.phone") {
			v.Add("citizen.phone", "err.field.phone_number")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *aduan.Complaint
	var created *aduan.Event
	err = s.tx(ctx, func(tx *sql.Tx) error {
		c := &aduan.Complaint{Channel: in.Channel, Text: in.Text, Address: in.Address, Lat: in.Lat, Lng: in.Lng,
			Priority: in.Priority, Confidentiality: in.Confidentiality, Status: aduan.StatusRecorded,
			CreatedAt: now, UpdatedAt: now, ReceivedAt: now, CreatedBy: actor.UserID, Version: 1}
		if in.ReceivedAt != nil {
			c.ReceivedAt = *in.ReceivedAt
		}
		r, err := s.refsAt(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.resolveRefs(ctx, tx, r, c, in.KelurahanCode, in.CategoryID, 0, ""); err != nil {
			return err
		}
		// What an unverified channel said about a known caller that the
		// stored identity does not: kept on the complaint, never merged.
		var stated *StatedIdentity
		if in.Citizen != nil && !in.Citizen.Empty() {
			cz, st, err := s.upsertCitizen(ctx, tx, actor, in.Citizen)
			if err != nil {
				return err
			}
			stated = st
			c.CitizenID = cz.ID
			c.Citizen = &aduan.Citizen{ID: cz.ID, Name: cz.Name, Phone: cz.Phone, Email: cz.Email, Address: cz.Address,
				KelurahanCode: cz.KelurahanCode, Version: cz.Version}
		}
		year := now.In(aduan.WIB).Year()
		seq, err := s.nextNumber(ctx, tx, year)
		if err != nil {
			return err
		}
		c.Number = aduan.FormatNumber(year, seq)
		sc, err := r.standardClock(ctx, s, tx)
		if err != nil {
			return err
		}
		sc.Start(&c.Clock, now)
		if err := tx.QueryRowContext(ctx, `INSERT INTO complaints (number, channel, text, address, kelurahan_code, kecamatan_code, lat, lng,
			category_id, agency_id, priority, confidentiality, status, citizen_id, received_at, created_at, updated_at, created_by,
			clock_step, clock_started_at, clock_paused_ms, deadline_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 0, $21, 1) RETURNING id`,
			c.Number, string(c.Channel), c.Text, c.Address, nullStr(c.KelurahanCode), nullStr(c.KecamatanCode), c.Lat, c.Lng,
			nullID(c.CategoryID), nullID(c.AgencyID), string(c.Priority), string(c.Confidentiality), string(c.Status), nullID(c.CitizenID),
			ms(c.ReceivedAt), ms(now), ms(now), nullID(actor.UserID), string(c.Clock.Step), ms(c.Clock.StartedAt), msPtr(c.Clock.Deadline)).Scan(&c.ID); err != nil {
			return err
		}
		if s.dialect == SQLite {
			if err := s.Defer(ctx, tx, openTrigrams{}, c.ID); err != nil {
				return err
			}
		}
		if stated != nil {
			if err := s.insertStated(ctx, tx, c.ID, stated); err != nil {
				return err
			}
		}
		dl, met, el := sc.IntakeEvent(c.ReceivedAt, now)
		ev := &aduan.Event{ComplaintID: c.ID, Action: aduan.ActionCreate, Step: aduan.StepIntake, To: c.Status,
			ActorID: actor.UserID, ActorName: actor.Name, ActorRole: actor.Role, At: now, Deadline: &dl, Met: &met, Elapsed: el,
			Details: map[string]string{"channel": string(c.Channel)}}
		if err := s.insertEvent(ctx, tx, ev); err != nil {
			return err
		}
		full, err := s.createdView(ctx, tx, r, c)
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "complaint.create", "complaint", c.ID, nil, auditView(full)); err != nil {
			return err
		}
		if err := ChainTx(within...)(ctx, tx, full, ev); err != nil {
			return err
		}
		if err := s.transition(ctx, tx, full, ev); err != nil {
			return err
		}
		out, created = full, ev
		return nil
	})
	if err == nil {
		s.committed(out, created)
	}
	return out, err
}

const nextNumberSQL = `INSERT INTO complaint_numbers (year, last) VALUES ($1, 1)
	ON CONFLICT (year) DO UPDATE SET last = complaint_numbers.last + 1 RETURNING last`

// nextNumber takes the next number of the year. On SQLite it is taken in
// the complaint's transaction, so numbers are gapless: a recording that
// fails gives its number back (also inside a shared group-commit
// transaction, by its savepoint). On PostgreSQL, taking it there held the
// year's counter row locked until the commit, and with it every other
// recording (at concurrency 16 most sessions waited on that lock): there
// the number is taken in a transaction of its own on s.numbers, committed
// at once without waiting for the disk (synchronous_commit=off; the
// complaint's own commit, later in the same WAL, makes it durable with
// it). Numbers stay unique and yearly; one taken by a recording that then
// fails is not used again, so PostgreSQL's may have gaps.
func (s *Store) nextNumber(ctx context.Context, tx *sql.Tx, year int) (int64, error) {
	var seq int64
	q := queryer(tx)
	if s.numbers != nil {
		q = s.numbers
	}
	err := q.QueryRowContext(ctx, nextNumberSQL, year).Scan(&seq)
	return seq, err
}

// resolveRefs checks that referenced kelurahan, category and agency exist and
// fills what follows from them: the kecamatan of the kelurahan, the
// category's default priority. prefix names the fields in errors.
func (s *Store) resolveRefs(ctx context.Context, tx *sql.Tx, r *refs, c *aduan.Complaint, kel string, cat, ag int64, prefix string) error {
	var v aduan.Validation
	if kel != "" {
		k, err := r.kelurahan(ctx, s, tx, kel)
		if err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return err
			}
			v.Add(prefix+"kelurahan_code", "err.field.unknown")
		} else {
			c.KelurahanCode, c.KecamatanCode = k.Code, k.KecamatanCode
		}
	}
	if cat != 0 {
		k, err := r.category(ctx, s, tx, cat)
		if err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return err
			}
			v.Add(prefix+"category_id", "err.field.unknown")
		} else {
			c.CategoryID = k.ID
			if c.Priority == "" {
				c.Priority = k.Priority
			}
		}
	}
	if ag != 0 {
		a, err := r.agency(ctx, s, tx, ag)
		if err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return err
			}
			v.Add(prefix+"agency_id", "err.field.unknown")
		} else if !a.Active {
			v.Add(prefix+"agency_id", "err.field.inactive")
		} else {
			c.AgencyID = a.ID
		}
	}
	if c.Priority == "" {
		c.Priority = aduan.PriorityNormal
	}
	return v.Err()
}

// createdView is the complaint just inserted as complaint() would read it
// back (names of its references, its citizen, times to the millisecond),
// built from what the transaction already holds instead of another query.
// TestCreatedComplaintIsAsStored keeps the two the same.
func (s *Store) createdView(ctx context.Context, tx *sql.Tx, r *refs, c *aduan.Complaint) (*aduan.Complaint, error) {
	full := *c
	trunc := func(t time.Time) time.Time { return fromMS(ms(t)) }
	full.ReceivedAt, full.CreatedAt, full.UpdatedAt = trunc(c.ReceivedAt), trunc(c.CreatedAt), trunc(c.UpdatedAt)
	full.Clock.StartedAt = trunc(c.Clock.StartedAt)
	if c.Clock.Deadline != nil {
		dl := trunc(*c.Clock.Deadline)
		full.Clock.Deadline = &dl
	}
	if c.Lat != nil && c.Lng != nil {
		la, lo := *c.Lat, *c.Lng
		full.Lat, full.Lng = &la, &lo
	} else {
		full.Lat, full.Lng = nil, nil
	}
	if c.KelurahanCode != "" {
		k, err := r.kelurahan(ctx, s, tx, c.KelurahanCode)
		if err != nil {
			return nil, err
		}
		full.KelurahanName = k.Name
	}
	if c.KecamatanCode != "" {
		n, err := r.kecamatanName(ctx, tx, c.KecamatanCode)
		if err != nil {
			return nil, err
		}
		full.KecamatanName = n
	}
	if c.CategoryID != 0 {
		k, err := r.category(ctx, s, tx, c.CategoryID)
		if err != nil {
			return nil, err
		}
		full.CategoryName = k.Name
	}
	if c.AgencyID != 0 {
		a, err := r.agency(ctx, s, tx, c.AgencyID)
		if err != nil {
			return nil, err
		}
		full.AgencyName = a.Name
	}
	if c.Citizen != nil {
		cz := *c.Citizen
		full.Citizen = &cz
	}
	return &full, nil
}

func (s *Store) insertEvent(ctx context.Context, tx *sql.Tx, ev *aduan.Event) error {
	det, err := json.Marshal(ev.Details)
	if err != nil {
		return err
	}
	var met any
	if ev.Met != nil {
		met = *ev.Met
	}
	return tx.QueryRowContext(ctx, `INSERT INTO complaint_events (complaint_id, action, step, from_status, to_status, actor_id, actor_name, actor_role, at, deadline_at, met, elapsed_ms, details, agency_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		ev.ComplaintID, string(ev.Action), string(ev.Step), string(ev.From), string(ev.To), nullID(ev.ActorID), ev.ActorName, string(ev.ActorRole),
		ms(ev.At), msPtr(ev.Deadline), met, ev.Elapsed.Milliseconds(), string(det), nullID(ev.AgencyID)).Scan(&ev.ID)
}
