package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/lapor"
)

// Complaints holds the complaints: creating, listing, reading (with
// the confidential content's audit), editing, the SOP's actions and
// notes, duplicates and the bulk loader used by the benchmarks.
type Complaints struct {
	s *Store
}

// Complaints returns the store's complaints.
func (s *Store) Complaints() *Complaints { return &Complaints{s: s} }

const complaintSelect = `SELECT c.id, c.number, c.channel, c.text, c.address, c.kelurahan_code, c.kecamatan_code, c.lat, c.lng,
	c.category_id, c.agency_id, c.priority, c.confidentiality, c.status, c.citizen_id, c.duplicate_of,
	c.answer, c.answer_source, c.answer_ref, c.agency_answer, c.return_reason,
	c.received_at, c.created_at, c.updated_at, c.closed_at, c.created_by,
	c.clock_step, c.clock_started_at, c.clock_paused_ms, c.clock_paused_since, c.deadline_at, c.clock_held_deadline, c.version, c.promised_by,
	COALESCE(cat.name, ''), COALESCE(ag.name, ''), COALESCE(kel.name, ''), COALESCE(kec.name, ''),
	cz.id, cz.name, cz.phone, cz.email, cz.address, cz.kelurahan_code, cz.version, COALESCE(lr.tracking_id, '')
FROM complaints c
LEFT JOIN categories cat ON cat.id = c.category_id
LEFT JOIN agencies ag ON ag.id = c.agency_id
LEFT JOIN kelurahan kel ON kel.code = c.kelurahan_code
LEFT JOIN kecamatan kec ON kec.code = c.kecamatan_code
LEFT JOIN citizens cz ON cz.id = c.citizen_id
LEFT JOIN lapor_reports lr ON lr.complaint_id = c.id`

func scanComplaint(sc interface{ Scan(...any) error }) (*aduan.Complaint, error) {
	var c aduan.Complaint
	var kel, kec, czPhone, czKel sql.NullString
	var lat, lng sql.NullFloat64
	var cat, ag, cit, dup, createdBy, czID sql.NullInt64
	var closed, pausedSince, deadline, held, promised sql.NullInt64
	var czName, czEmail, czAddr sql.NullString
	var czVersion sql.NullInt64
	var channel, prio, conf, status, src, step string
	var recv, created, updated, started, pausedMS int64
	err := sc.Scan(&c.ID, &c.Number, &channel, &c.Text, &c.Address, &kel, &kec, &lat, &lng,
		&cat, &ag, &prio, &conf, &status, &cit, &dup,
		&c.Answer, &src, &c.AnswerRef, &c.AgencyAnswer, &c.ReturnReason,
		&recv, &created, &updated, &closed, &createdBy,
		&step, &started, &pausedMS, &pausedSince, &deadline, &held, &c.Version, &promised,
		&c.CategoryName, &c.AgencyName, &c.KelurahanName, &c.KecamatanName,
		&czID, &czName, &czPhone, &czEmail, &czAddr, &czKel, &czVersion, &c.LaporTrackingID)
	if err != nil {
		return nil, err
	}
	c.Channel, c.Priority, c.Confidentiality, c.Status, c.AnswerSource = aduan.Channel(channel), aduan.Priority(prio), aduan.Confidentiality(conf), aduan.Status(status), aduan.AnswerSource(src)
	c.KelurahanCode, c.KecamatanCode = kel.String, kec.String
	if lat.Valid && lng.Valid {
		la, lo := lat.Float64, lng.Float64
		c.Lat, c.Lng = &la, &lo
	}
	c.CategoryID, c.AgencyID, c.CitizenID, c.DuplicateOf, c.CreatedBy = cat.Int64, ag.Int64, cit.Int64, dup.Int64, createdBy.Int64
	c.ReceivedAt, c.CreatedAt, c.UpdatedAt, c.ClosedAt = fromMS(recv), fromMS(created), fromMS(updated), nullMS(closed)
	c.PromisedBy = nullMS(promised)
	c.Clock = aduan.Clock{Step: aduan.StepKey(step), StartedAt: fromMS(started), Paused: time.Duration(pausedMS) * time.Millisecond,
		PausedSince: nullMS(pausedSince), Deadline: nullMS(deadline), Held: nullMS(held)}
	if czID.Valid {
		c.Citizen = &aduan.Citizen{ID: czID.Int64, Name: czName.String, Phone: aduan.Phone(czPhone.String), Email: czEmail.String,
			Address: czAddr.String, KelurahanCode: czKel.String, Version: czVersion.Int64}
	}
	return &c, nil
}

func (s *Store) complaint(ctx context.Context, q queryer, id int64) (*aduan.Complaint, error) {
	c, err := scanComplaint(q.QueryRowContext(ctx, complaintSelect+` WHERE c.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("complaint")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return c, nil
}

// Complaint returns one complaint the actor may see; one they may not see is
// "not found", so that IDs reveal nothing. Reading a confidential complaint
// is recorded in the audit log.
func (cp *Complaints) Complaint(ctx context.Context, actor aduan.Actor, id int64) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "Complaint(%d)", id)
	c, err := s.complaint(ctx, s.rdb, id)
	if err != nil {
		return nil, err
	}
	return c, s.checkRead(ctx, actor, c)
}

// ComplaintByNumber returns one complaint by its number (ADU-2026-000123).
func (cp *Complaints) ComplaintByNumber(ctx context.Context, actor aduan.Actor, number string) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "ComplaintByNumber(%s)", number)
	if _, _, ok := aduan.ParseNumber(number); !ok {
		return nil, notFound("complaint")
	}
	c, err := scanComplaint(s.rdb.QueryRowContext(ctx, complaintSelect+` WHERE c.number = $1`, strings.ToUpper(strings.TrimSpace(number))))
	if err == sql.ErrNoRows {
		return nil, notFound("complaint")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return c, s.checkRead(ctx, actor, c)
}

func (s *Store) checkRead(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) error {
	if !actor.CanSeeComplaint(c) {
		return notFound("complaint")
	}
	if c.Confidentiality == aduan.Confidential && !actor.IsSystem() {
		return s.tx(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, actor, auditActionRead, "complaint", c.ID, nil, nil)
		})
	}
	return nil
}

// ListComplaints returns complaints matching f that the actor may see, newest
// first, and the cursor for the next page (0 at the end).
func (cp *Complaints) ListComplaints(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) (_ []*aduan.Complaint, _ int64, err error) {
	s := cp.s
	defer wrap(&err, "ListComplaints()")
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return nil, 0, err
	}
	w, err := s.complaintWhere(actor, f)
	if err != nil {
		return nil, 0, err
	}
	list, next, err := listDesc(ctx, s.rdb, complaintSelect, w, "c.id", f.Before, f.Limit, scanComplaint,
		func(c *aduan.Complaint) int64 { return c.ID })
	if err != nil {
		return nil, 0, err
	}
	if err := s.listed(ctx, actor, f, list); err != nil {
		return nil, 0, err
	}
	return list, next, nil
}

// complaintWhere turns a list filter into SQL conditions on complaints c,
// limited to what the actor may see; lists and exports share it, so that
// an export holds exactly what the list showed. Paging is the caller's.
// A filter the actor may not use is refused here (ComplaintFilter.Check),
// so that no surface can forget it.
func (s *Store) complaintWhere(actor aduan.Actor, f aduan.ComplaintFilter) (*where, error) {
	if err := f.Check(actor); err != nil {
		return nil, err
	}
	w := &where{}
	if actor.Role.AgencyBound() {
		w.add("c.agency_id = ?", actor.AgencyID)
	}
	if len(f.Statuses) > 0 {
		ph := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			ph[i] = w.arg(string(st))
		}
		w.conds = append(w.conds, "c.status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.Open != nil {
		// Written out literally (not as parameters) so that both databases
		// use the partial index of open complaints (migration 0006), which
		// keeps the queue's deep pages fast among a million closed ones.
		if *f.Open {
			w.conds = append(w.conds, openSQL)
		} else {
			w.conds = append(w.conds, "c.status IN ('closed', 'duplicate', 'rejected')")
		}
	}
	if f.AgencyID != 0 {
		w.add("c.agency_id = ?", f.AgencyID)
	}
	if f.CategoryID != 0 {
		w.add("c.category_id = ?", f.CategoryID)
	}
	if f.KecamatanCode != "" {
		w.add("c.kecamatan_code = ?", f.KecamatanCode)
	}
	if f.KelurahanCode != "" {
		w.add("c.kelurahan_code = ?", f.KelurahanCode)
	}
	if f.Channel != "" {
		w.add("c.channel = ?", string(f.Channel))
	}
	if f.CitizenID != 0 {
		w.add("c.citizen_id = ?", f.CitizenID)
	}
	if f.DuplicateOf != 0 {
		w.add("c.duplicate_of = ?", f.DuplicateOf)
	}
	if f.From != nil {
		w.add("c.received_at >= ?", ms(*f.From))
	}
	if f.To != nil {
		w.add("c.received_at < ?", ms(*f.To))
	}
	if f.Priority != "" {
		w.add("c.priority = ?", string(f.Priority))
	}
	if f.Overdue {
		w.add("c.deadline_at < ?", ms(s.Now()))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		if _, _, ok := aduan.ParseNumber(q); ok {
			w.add("c.number = ?", strings.ToUpper(q))
		} else {
			like := "%" + escapeLike(q) + "%"
			op := "LIKE"
			if s.dialect == Postgres {
				op = "ILIKE"
			}
			match := "(c.text " + op + " ? ESCAPE '\\' OR c.address " + op + " ? ESCAPE '\\')"
			if !actor.SeesConfidentialContent() {
				// Which rows match would tell what a confidential
				// complaint says: its words are not searched for those
				// who may not read them.
				match = "(c.confidentiality <> 'rahasia' AND " + match + ")"
			}
			if id, ok := lapor.NormalizeTrackingID(q); ok {
				// A LAPOR! tracking ID finds its report: the ID is not
				// the complaint's content, whoever may see the row may
				// find it by it.
				w.add("("+match+" OR c.id IN (SELECT complaint_id FROM lapor_reports WHERE tracking_id = ?))", like, like, id)
			} else {
				w.add(match, like, like)
			}
		}
	}
	return w, nil
}

// openSQL selects open complaints; it must match the partial indexes of
// migration 0006 word for word.
const openSQL = "c.status NOT IN ('closed', 'duplicate', 'rejected')"

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

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

// Events returns a complaint's event log, oldest first.
func (cp *Complaints) Events(ctx context.Context, actor aduan.Actor, complaintID int64) (_ []aduan.Event, err error) {
	s := cp.s
	defer wrap(&err, "Events(%d)", complaintID)
	c, err := s.complaint(ctx, s.rdb, complaintID)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeComplaint(c) {
		return nil, notFound("complaint")
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, complaint_id, action, step, from_status, to_status, actor_id, actor_name, actor_role, at, deadline_at, met, elapsed_ms, details,
		agency_reached, agency_reached_at
		FROM complaint_events WHERE complaint_id = $1 ORDER BY id`, complaintID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Event
	for rows.Next() {
		var e aduan.Event
		var act, step, from, to, role, det string
		var actor sql.NullInt64
		var at, el int64
		var dl sql.NullInt64
		var met, reached sql.NullBool
		var reachedAt sql.NullInt64
		if err := rows.Scan(&e.ID, &e.ComplaintID, &act, &step, &from, &to, &actor, &e.ActorName, &role, &at, &dl, &met, &el, &det, &reached, &reachedAt); err != nil {
			return nil, err
		}
		if reached.Valid {
			r := reached.Bool
			e.AgencyReached, e.AgencyReachedAt = &r, nullMS(reachedAt)
		}
		e.Action, e.Step, e.From, e.To, e.ActorRole = aduan.Action(act), aduan.StepKey(step), aduan.Status(from), aduan.Status(to), aduan.Role(role)
		e.ActorID, e.At, e.Deadline, e.Elapsed = actor.Int64, fromMS(at), nullMS(dl), time.Duration(el)*time.Millisecond
		if met.Valid {
			m := met.Bool
			e.Met = &m
		}
		if aduan.ForwardStep(e.Step) && e.Met != nil && e.Deadline != nil {
			// The step's verdict, as the figures count it (ForwardMetSQL).
			m := aduan.ForwardMet(e.At, *e.Deadline, e.AgencyReached, e.AgencyReachedAt) && *e.Met
			e.Met = &m
		}
		if err := json.Unmarshal([]byte(det), &e.Details); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

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

// CountByStatus counts complaints per status, for metrics and dashboards.
func (cp *Complaints) CountByStatus(ctx context.Context) (_ map[aduan.Status]int64, err error) {
	s := cp.s
	defer wrap(&err, "CountByStatus()")
	rows, err := s.rdb.QueryContext(ctx, `SELECT status, COUNT(*) FROM complaints GROUP BY status`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[aduan.Status]int64{}
	for rows.Next() {
		var st string
		var n int64
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[aduan.Status(st)] = n
	}
	return out, rows.Err()
}

// auditView is what the audit log keeps of a complaint: its state, without
// the joined display names.
func auditView(c *aduan.Complaint) map[string]any {
	m := map[string]any{
		"number": c.Number, "status": c.Status, "channel": c.Channel, "text": c.Text, "address": c.Address,
		"kelurahan_code": c.KelurahanCode, "category_id": c.CategoryID, "agency_id": c.AgencyID, "priority": c.Priority,
		"confidentiality": c.Confidentiality, "citizen_id": c.CitizenID, "duplicate_of": c.DuplicateOf,
		"answer": c.Answer, "answer_source": c.AnswerSource, "answer_ref": c.AnswerRef, "agency_answer": c.AgencyAnswer,
		"return_reason": c.ReturnReason, "version": c.Version,
	}
	if c.Lat != nil {
		m["lat"], m["lng"] = *c.Lat, *c.Lng
	}
	return m
}
