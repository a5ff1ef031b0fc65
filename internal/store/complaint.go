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

// complaintCols are a complaint's own columns, and czCols its
// citizen's (through the join "citizens cz"), in the order
// scanComplaintRow scans them.
const complaintCols = `c.id, c.number, c.channel, c.text, c.address, c.kelurahan_code, c.kecamatan_code, c.lat, c.lng,
	c.category_id, c.agency_id, c.priority, c.confidentiality, c.status, c.citizen_id, c.duplicate_of,
	c.answer, c.answer_source, c.answer_ref, c.agency_answer, c.return_reason,
	c.received_at, c.created_at, c.updated_at, c.closed_at, c.created_by,
	c.clock_step, c.clock_started_at, c.clock_paused_ms, c.clock_paused_since, c.deadline_at, c.clock_held_deadline, c.version, c.promised_by`

const czCols = `cz.id, cz.name, cz.phone, cz.email, cz.address, cz.kelurahan_code, cz.version`

// complaintSelect reads complaints with their reference names joined in,
// for the queries that filter or sort on the joined tables (Open311's
// public list, routing's examples, exports). The hot reads (the queue, the
// complaint page, the writes' own reads) use complaintRead instead: see
// complaint_read.go.
const complaintSelect = `SELECT ` + complaintCols + `,
	COALESCE(cat.name, ''), COALESCE(ag.name, ''), COALESCE(kel.name, ''), COALESCE(kec.name, ''),
	` + czCols + `, COALESCE(lr.tracking_id, '')
FROM complaints c
LEFT JOIN categories cat ON cat.id = c.category_id
LEFT JOIN agencies ag ON ag.id = c.agency_id
LEFT JOIN kelurahan kel ON kel.code = c.kelurahan_code
LEFT JOIN kecamatan kec ON kec.code = c.kecamatan_code
LEFT JOIN citizens cz ON cz.id = c.citizen_id
LEFT JOIN lapor_reports lr ON lr.complaint_id = c.id`

func scanComplaint(sc interface{ Scan(...any) error }) (*aduan.Complaint, error) {
	return scanComplaintAnd(sc)
}

// scanComplaintAnd scans complaintSelect's columns and then extra, the
// columns a query adds after them.
func scanComplaintAnd(sc interface{ Scan(...any) error }, extra ...any) (*aduan.Complaint, error) {
	return scanComplaintRow(sc, true, extra...)
}

// scanComplaintRow scans complaintCols, the four reference names if
// names, czCols, the LAPOR! tracking ID and then extra.
func scanComplaintRow(sc interface{ Scan(...any) error }, names bool, extra ...any) (*aduan.Complaint, error) {
	var c aduan.Complaint
	var kel, kec, czPhone, czKel sql.NullString
	var lat, lng sql.NullFloat64
	var cat, ag, cit, dup, createdBy, czID sql.NullInt64
	var closed, pausedSince, deadline, held, promised sql.NullInt64
	var czName, czEmail, czAddr sql.NullString
	var czVersion sql.NullInt64
	var channel, prio, conf, status, src, step string
	var recv, created, updated, started, pausedMS int64
	dest := make([]any, 0, 46+len(extra))
	dest = append(dest, &c.ID, &c.Number, &channel, &c.Text, &c.Address, &kel, &kec, &lat, &lng,
		&cat, &ag, &prio, &conf, &status, &cit, &dup,
		&c.Answer, &src, &c.AnswerRef, &c.AgencyAnswer, &c.ReturnReason,
		&recv, &created, &updated, &closed, &createdBy,
		&step, &started, &pausedMS, &pausedSince, &deadline, &held, &c.Version, &promised)
	if names {
		dest = append(dest, &c.CategoryName, &c.AgencyName, &c.KelurahanName, &c.KecamatanName)
	}
	dest = append(dest, &czID, &czName, &czPhone, &czEmail, &czAddr, &czKel, &czVersion, &c.LaporTrackingID)
	if err := sc.Scan(append(dest, extra...)...); err != nil {
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
	return s.readComplaint(ctx, q, `c.id = $1`, id)
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
	c, err := s.readComplaint(ctx, s.rdb, `c.number = $1`, strings.ToUpper(strings.TrimSpace(number)))
	if err != nil {
		return nil, err
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
	var v int64
	list, next, err := listDesc(ctx, s.rdb, complaintRead, w, "c.id", f.Before, f.Limit,
		func(sc interface{ Scan(...any) error }) (*aduan.Complaint, error) { return scanComplaintRead(sc, &v) },
		func(c *aduan.Complaint) int64 { return c.ID })
	if err != nil {
		return nil, 0, err
	}
	if err := s.nameComplaints(ctx, s.rdb, v, list); err != nil {
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
