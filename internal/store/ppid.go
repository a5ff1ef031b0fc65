package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// PPID is the public-information part of the store (UU 14/2008): requests,
// their steps, objections and the daftar informasi publik. It is its own
// aggregate beside complaints, over the shared core (transactions, audit,
// the working-time calendar).
type PPID struct {
	s *Store
}

// PPID returns the public-information part of the store.
func (s *Store) PPID() *PPID { return &PPID{s: s} }

// InfoNotify runs inside the transaction of a request's change, after its
// event and audit rows: the messages the change sends (the written notice
// to the requester) are enqueued here, so that they commit with it. The
// caller passes it to each change, so what runs in the transaction is
// visible where the change is asked for.
type InfoNotify func(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, ev *aduan.InfoEvent) error

const infoCols = `r.id, r.number, r.status, r.channel, r.contact_id, r.name, r.address, r.phone, r.email, r.information, r.purpose,
	r.medium, r.delivery, r.agency_id, COALESCE(a.name, ''), r.received_at, r.due_at, r.extended_at, r.extension_reason, r.decision, r.decided_at,
	r.answer, r.ground, r.consequence_test, r.referral_to, r.document_url, r.document_name, r.objected_at, r.objection_reason,
	r.objection_text, r.objection_due_at, r.objection_answer, r.objection_upheld, r.objection_answered_at, r.objection_by,
	r.commission_at, r.commission_ref, r.commission_outcome, r.closed_at, r.created_by, r.created_at, r.updated_at, r.version,
	EXISTS (SELECT 1 FROM info_request_files f WHERE f.request_id = r.id)`

const infoFrom = ` FROM info_requests r LEFT JOIN agencies a ON a.id = r.agency_id`

func scanInfo(sc interface{ Scan(...any) error }) (*aduan.InfoRequest, error) {
	var r aduan.InfoRequest
	var status, channel, decision, ph string
	var contact, agency, by sql.NullInt64
	var recv, due, created, updated, upheld int64
	var ext, dec, obj, objDue, objAns, comm, closed sql.NullInt64
	err := sc.Scan(&r.ID, &r.Number, &status, &channel, &contact, &r.Name, &r.Address, &ph, &r.Email, &r.Information, &r.Purpose,
		&r.Medium, &r.Delivery, &agency, &r.AgencyName, &recv, &due, &ext, &r.ExtensionReason, &decision, &dec,
		&r.Answer, &r.Ground, &r.ConsequenceTest, &r.ReferralTo, &r.DocumentURL, &r.DocumentName, &obj, &r.ObjectionReason,
		&r.ObjectionText, &objDue, &r.ObjectionAnswer, &upheld, &objAns, &r.ObjectionBy,
		&comm, &r.CommissionRef, &r.CommissionOutcome, &closed, &by, &created, &updated, &r.Version, &r.DocumentAttached)
	if err != nil {
		return nil, err
	}
	r.Status, r.Channel, r.Decision, r.Phone = aduan.InfoStatus(status), aduan.Channel(channel), aduan.InfoDecision(decision), aduan.Phone(ph)
	r.ContactID, r.AgencyID, r.CreatedBy = contact.Int64, agency.Int64, by.Int64
	r.ReceivedAt, r.DueAt, r.CreatedAt, r.UpdatedAt = fromMS(recv), fromMS(due), fromMS(created), fromMS(updated)
	r.ExtendedAt, r.DecidedAt, r.ObjectedAt, r.ObjectionDueAt = nullMS(ext), nullMS(dec), nullMS(obj), nullMS(objDue)
	r.ObjectionAnsweredAt, r.CommissionAt, r.ClosedAt = nullMS(objAns), nullMS(comm), nullMS(closed)
	r.ObjectionUpheld = upheld != 0
	if r.Decision != "" {
		r.NoticeNumber = InfoNoticeNumber(&r, "decision")
	}
	return &r, nil
}

// InfoNoticeNumber is the number of a written notice about r: the request's
// number and what the notice is (decision, extension), so that it is unique
// and says what it answers without a counter of its own.
func InfoNoticeNumber(r *aduan.InfoRequest, kind string) string {
	code := map[string]string{"decision": "SPT", "extension": "PPW"}[kind]
	return r.Number + "/" + code
}

// infoAudit is what the audit log keeps of a request: never the
// requester's identity, which the request's own row holds.
func infoAudit(r *aduan.InfoRequest) map[string]any {
	return map[string]any{"number": r.Number, "status": r.Status, "agency_id": r.AgencyID, "due_at": r.DueAt,
		"decision": r.Decision, "ground": r.Ground, "objection_reason": r.ObjectionReason}
}

// office is the working-time calendar the law's days are counted on: the
// offices' working week and the holiday table.
func (p *PPID) office(ctx context.Context, q queryer) (*aduan.Calendar, error) {
	sc, err := p.s.workClock(ctx, q)
	if err != nil {
		return nil, err
	}
	return sc.Office, nil
}

// Calendar returns the working-time calendar of the law's deadlines.
func (p *PPID) Calendar(ctx context.Context) (_ *aduan.Calendar, err error) {
	defer wrap(&err, "PPID.Calendar()")
	return p.office(ctx, p.s.rdb)
}

// Atasan returns who answers objections (the setting ppid_atasan); ok is
// false while the city has named no one.
func (p *PPID) Atasan(ctx context.Context) (_ aduan.InfoAtasan, _ bool, err error) {
	defer wrap(&err, "PPID.Atasan()")
	var v string
	err = p.s.rdb.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, aduan.SettingPPIDAtasan).Scan(&v)
	if err != nil && err != sql.ErrNoRows {
		return aduan.InfoAtasan{}, false, mapErr(err)
	}
	t, ok := aduan.ParseInfoAtasan(v)
	return t, ok, nil
}

// Register records a request with the identity the law requires. A desk
// request names its contact (in.ContactID), which must be a contact of the
// kind info_request.
func (p *PPID) Register(ctx context.Context, actor aduan.Actor, in aduan.NewInfoRequest, notify InfoNotify) (r *aduan.InfoRequest, err error) {
	defer wrap(&err, "PPID.Register()")
	if !aduan.InfoCanRegister(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	s := p.s
	now := s.Now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	var ph aduan.Phone
	if in.Phone != "" {
		if ph, err = phone.ParseField("phone", in.Phone); err != nil {
			return nil, err
		}
	}
	r = &aduan.InfoRequest{Status: aduan.InfoReceived, Channel: in.Channel, ContactID: in.ContactID, Name: in.Name, Address: in.Address,
		Phone: ph, Email: in.Email, IDNumber: in.IDNumber, Information: in.Information, Purpose: in.Purpose, Medium: in.Medium,
		Delivery: in.Delivery, ReceivedAt: in.ReceivedAt, CreatedBy: actor.UserID, CreatedAt: now, UpdatedAt: now, Version: 1}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cal, err := p.office(ctx, tx)
		if err != nil {
			return err
		}
		r.DueAt = aduan.InfoDue(cal, r.ReceivedAt)
		if c := in.Contact; c != nil {
			c.Kind, c.Phone = aduan.ContactInfoRequest, ph
			if c.StartedAt.IsZero() {
				c.StartedAt = r.ReceivedAt
			}
			if c.OperatorID == 0 && !actor.IsSystem() {
				c.OperatorID = actor.UserID
			}
			if err := c.Validate(); err != nil {
				return err
			}
			if err := s.insertContact(ctx, tx, actor, c); err != nil {
				return err
			}
			in.ContactID, r.ContactID = c.ID, c.ID
		} else if in.ContactID != 0 {
			var kind string
			err := tx.QueryRowContext(ctx, `SELECT kind FROM contacts WHERE id = $1`, in.ContactID).Scan(&kind)
			if err == sql.ErrNoRows || err == nil && kind != string(aduan.ContactInfoRequest) {
				return fieldErr("contact_id", "err.ppid.contact_kind")
			}
			if err != nil {
				return err
			}
		}
		year := r.ReceivedAt.In(cal.Loc).Year()
		seq, err := nextInfoNumber(ctx, tx, year)
		if err != nil {
			return err
		}
		r.Number = aduan.FormatInfoNumber(year, seq)
		if err := tx.QueryRowContext(ctx, `INSERT INTO info_requests (number, year, seq, status, channel, contact_id, name, address, phone, email,
			information, purpose, medium, delivery, received_at, due_at, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id`,
			r.Number, year, seq, string(r.Status), string(r.Channel), nullID(r.ContactID), r.Name, r.Address, string(r.Phone), r.Email,
			r.Information, r.Purpose, r.Medium, r.Delivery, ms(r.ReceivedAt), ms(r.DueAt), nullID(actor.UserID), ms(now)).Scan(&r.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO info_request_ids (request_id, id_number) VALUES ($1, $2)`, r.ID, p.sealID(r.ID, r.IDNumber)); err != nil {
			return err
		}
		ev := &aduan.InfoEvent{RequestID: r.ID, Action: aduan.InfoActRegister, To: r.Status, At: now, ActorID: actor.UserID,
			ActorName: actor.Name, ActorRole: actor.Role, Details: map[string]string{"channel": string(r.Channel)}}
		if err := p.insertEvent(ctx, tx, ev); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "info_request.register", "info_request", r.ID, nil, infoAudit(r)); err != nil {
			return err
		}
		if notify != nil {
			return notify(ctx, tx, r, ev)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.HideIdentity(actor)
	return r, nil
}

// nextInfoNumberSQL takes the year's next request number. The first of a
// year starts after the requests already numbered in it (those registered
// before the counter existed); two at once on PostgreSQL queue on the
// counter's row (the second's insert turns into the update), so they never
// read the same number. The number is taken in the request's transaction:
// requests are few, and a failed registration gives its number back.
const nextInfoNumberSQL = `INSERT INTO info_request_numbers (year, last)
	VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM info_requests WHERE year = $1))
	ON CONFLICT (year) DO UPDATE SET last = info_request_numbers.last + 1 RETURNING last`

func nextInfoNumber(ctx context.Context, tx *sql.Tx, year int) (int64, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, nextInfoNumberSQL, year).Scan(&seq); err != nil {
		return 0, fmt.Errorf("next request number of %d: %w", year, err)
	}
	return seq, nil
}

func (p *PPID) insertEvent(ctx context.Context, tx *sql.Tx, ev *aduan.InfoEvent) error {
	d, err := json.Marshal(ev.Details)
	if err != nil {
		return err
	}
	return tx.QueryRowContext(ctx, `INSERT INTO info_request_events (request_id, action, from_status, to_status, actor_id, actor_name, actor_role, at, details)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, ev.RequestID, string(ev.Action), string(ev.From), string(ev.To),
		nullID(ev.ActorID), ev.ActorName, string(ev.ActorRole), ms(ev.At), string(d)).Scan(&ev.ID)
}

func (p *PPID) request(ctx context.Context, q queryer, id int64) (*aduan.InfoRequest, error) {
	r, err := scanInfo(q.QueryRowContext(ctx, `SELECT `+infoCols+infoFrom+` WHERE r.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("info_request")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return r, nil
}

// idNumber reads the requester's ID number of one request, unsealed.
func (p *PPID) idNumber(ctx context.Context, q queryer, id int64) (string, error) {
	var n string
	err := q.QueryRowContext(ctx, `SELECT id_number FROM info_request_ids WHERE request_id = $1`, id).Scan(&n)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", mapErr(err)
	}
	return p.openID(id, n)
}

// Request returns one request as the actor may see it: with the
// requester's identity for the PPIDs concerned and the call center (the ID
// number masked for the latter), as the public sees it for everyone else.
// Every read of an unmasked ID number is audited.
func (p *PPID) Request(ctx context.Context, actor aduan.Actor, id int64) (r *aduan.InfoRequest, err error) {
	defer wrap(&err, "PPID.Request(%d)", id)
	if !aduan.InfoCanRead(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	r, err = p.request(ctx, p.s.rdb, id)
	if err != nil {
		return nil, err
	}
	if aduan.InfoSeesIdentity(actor, r) {
		if r.IDNumber, err = p.idNumber(ctx, p.s.rdb, id); err != nil {
			return nil, err
		}
		if aduan.InfoSeesIDNumber(actor, r) && !actor.IsSystem() {
			if err := p.s.tx(ctx, func(tx *sql.Tx) error {
				return p.s.audit(ctx, tx, actor, "info_request.read_id", "info_request", id, nil, nil)
			}); err != nil {
				return nil, err
			}
		}
	}
	r.HideIdentity(actor)
	return r, nil
}

// RequestByNumber returns a request by its number, for the system (the
// public tracking page checks the requester itself).
func (p *PPID) RequestByNumber(ctx context.Context, number string) (r *aduan.InfoRequest, err error) {
	defer wrap(&err, "PPID.RequestByNumber(%s)", number)
	r, err = scanInfo(p.s.rdb.QueryRowContext(ctx, `SELECT `+infoCols+infoFrom+` WHERE r.number = $1`, strings.ToUpper(strings.TrimSpace(number))))
	if err == sql.ErrNoRows {
		return nil, notFound("info_request")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return r, nil
}

// InfoFilter selects requests for a list or an export. Zero values mean any.
type InfoFilter struct {
	Status   aduan.InfoStatus
	AgencyID int64
	// Overdue: only those that missed a deadline of the law at Now.
	Overdue bool
	// Objected: only those with an objection (the register of objections).
	Objected bool
	Year     int
	From, To *time.Time // received in [From, To)
	Limit    int
}

// Requests lists requests, newest first. A PPID Pembantu sees its agency's
// only; the identity is shown as in Request (the ID number never: a list
// does not need it).
func (p *PPID) Requests(ctx context.Context, actor aduan.Actor, f InfoFilter) (out []*aduan.InfoRequest, err error) {
	defer wrap(&err, "PPID.Requests()")
	if !aduan.InfoCanRead(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var w where
	if actor.Role == aduan.RolePPIDPembantu {
		w.add("r.agency_id = ?", actor.AgencyID)
	}
	if f.Status != "" {
		w.add("r.status = ?", string(f.Status))
	}
	if f.AgencyID != 0 {
		w.add("r.agency_id = ?", f.AgencyID)
	}
	if f.Objected {
		w.add("r.objected_at IS NOT NULL")
	}
	if f.From != nil {
		w.add("r.received_at >= ?", ms(*f.From))
	}
	if f.To != nil {
		w.add("r.received_at < ?", ms(*f.To))
	}
	now := p.s.Now()
	if f.Overdue {
		w.add("((r.status IN ('received', 'assigned') AND r.due_at < ?) OR (r.status = 'objected' AND r.objection_due_at < ?))", ms(now), ms(now))
	}
	limit := f.Limit
	if limit <= 0 || limit > 5000 {
		limit = 5000
	}
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT `+infoCols+infoFrom+w.sql()+` ORDER BY r.received_at DESC, r.id DESC LIMIT `+w.arg(limit), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanInfo(rows)
		if err != nil {
			return nil, err
		}
		r.HideIdentity(actor)
		if r.IDNumber == "" || !aduan.InfoSeesIDNumber(actor, r) {
			r.IDNumber = ""
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// Act takes a step of the procedure on request id for actor. version is the
// version the actor saw (0: any, for the system acting for the requester).
// The change, its event, its audit record and the messages notify enqueues
// commit together; on error nothing changed.
func (p *PPID) Act(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.InfoAction, in aduan.InfoInput, notify InfoNotify) (r *aduan.InfoRequest, ev *aduan.InfoEvent, err error) {
	defer wrap(&err, "PPID.Act(%d, %d)", id, version)
	s := p.s
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := p.request(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != 0 && version != cur.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		cal, err := p.office(ctx, tx)
		if err != nil {
			return err
		}
		atasan, _, err := p.Atasan(ctx)
		if err != nil {
			return err
		}
		if act == aduan.InfoActAnswerObjection && atasan == (aduan.InfoAtasan{}) {
			return aduan.Errorf(aduan.EINVALID, "err.ppid.no_atasan")
		}
		if act == aduan.InfoActAssign && in.AgencyID > 0 {
			if _, err := s.agency(ctx, tx, in.AgencyID); err != nil {
				return fieldErr("agency_id", "err.field.unknown")
			}
		}
		before := infoAudit(cur)
		next := *cur
		e, err := aduan.ApplyInfo(&next, actor, act, in, s.Now(), cal, atasan)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE info_requests SET status = $1, agency_id = $2, due_at = $3, extended_at = $4, extension_reason = $5,
			decision = $6, decided_at = $7, answer = $8, ground = $9, consequence_test = $10, referral_to = $11, document_url = $12,
			document_name = $13, objected_at = $14, objection_reason = $15, objection_text = $16, objection_due_at = $17,
			objection_answer = $18, objection_upheld = $19, objection_answered_at = $20, objection_by = $21, commission_at = $22,
			commission_ref = $23, commission_outcome = $24, closed_at = $25, updated_at = $26, version = version + 1
			WHERE id = $27 AND version = $28`,
			string(next.Status), nullID(next.AgencyID), ms(next.DueAt), msPtr(next.ExtendedAt), next.ExtensionReason,
			string(next.Decision), msPtr(next.DecidedAt), next.Answer, next.Ground, next.ConsequenceTest, next.ReferralTo, next.DocumentURL,
			next.DocumentName, msPtr(next.ObjectedAt), next.ObjectionReason, next.ObjectionText, msPtr(next.ObjectionDueAt),
			next.ObjectionAnswer, boolInt(next.ObjectionUpheld), msPtr(next.ObjectionAnsweredAt), next.ObjectionBy, msPtr(next.CommissionAt),
			next.CommissionRef, next.CommissionOutcome, msPtr(next.ClosedAt), ms(next.UpdatedAt), id, cur.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if err := p.insertEvent(ctx, tx, &e); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "info_request."+string(act), "info_request", id, before, infoAudit(&next)); err != nil {
			return err
		}
		// What was stored, with the identity: the notice goes to the
		// requester.
		saved, err := p.request(ctx, tx, id)
		if err != nil {
			return err
		}
		if saved.IDNumber, err = p.idNumber(ctx, tx, id); err != nil {
			return err
		}
		if notify != nil {
			if err := notify(ctx, tx, saved, &e); err != nil {
				return err
			}
		}
		r, ev = saved, &e
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	r.HideIdentity(actor)
	return r, ev, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Events returns a request's log, oldest first.
func (p *PPID) Events(ctx context.Context, id int64) (out []aduan.InfoEvent, err error) {
	defer wrap(&err, "PPID.Events(%d)", id)
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT id, request_id, action, from_status, to_status, actor_id, actor_name, actor_role, at, details
		FROM info_request_events WHERE request_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e aduan.InfoEvent
		var act, from, to, role, details string
		var by sql.NullInt64
		var at int64
		if err := rows.Scan(&e.ID, &e.RequestID, &act, &from, &to, &by, &e.ActorName, &role, &at, &details); err != nil {
			return nil, err
		}
		e.Action, e.From, e.To, e.ActorRole, e.ActorID, e.At = aduan.InfoAction(act), aduan.InfoStatus(from), aduan.InfoStatus(to), aduan.Role(role), by.Int64, fromMS(at)
		if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// LinkMessage records, inside tx, that message messageID was sent to the
// requester of request requestID.
func (p *PPID) LinkMessage(ctx context.Context, tx *sql.Tx, requestID, messageID int64) (err error) {
	defer wrap(&err, "PPID.LinkMessage(%d, %d)", requestID, messageID)
	_, err = tx.ExecContext(ctx, `INSERT INTO info_request_messages (request_id, message_id) VALUES ($1, $2)`, requestID, messageID)
	return err
}

// Messages lists the messages sent about a request, oldest first, for a
// reader who may see its requester (the addresses are theirs).
func (p *PPID) Messages(ctx context.Context, actor aduan.Actor, r *aduan.InfoRequest) (_ []*channel.Message, err error) {
	defer wrap(&err, "PPID.Messages()")
	if !aduan.InfoSeesIdentity(actor, r) {
		return nil, nil
	}
	ms, err := p.s.queryMessages(ctx, messageSelect+` JOIN info_request_messages im ON im.message_id = m.id WHERE im.request_id = $1 ORDER BY m.id`, r.ID)
	if err != nil {
		return nil, fmt.Errorf("PPID.Messages(%d): %w", r.ID, err)
	}
	return ms, nil
}

// TrackInfo returns request number for its requester, who proves who they
// are with the last four digits of their phone or of their ID number (a
// requester who gave only an e-mail has the latter). The result holds the
// identity: the public page shows it to no one but that person, and only
// what the notice says. "Not found" when nothing matches, whichever part
// was wrong.
func (p *PPID) TrackInfo(ctx context.Context, number, last4 string) (r *aduan.InfoRequest, err error) {
	defer wrap(&err, "PPID.TrackInfo(%s)", number)
	r, err = p.RequestByNumber(ctx, number)
	if err != nil {
		return nil, err
	}
	if r.IDNumber, err = p.idNumber(ctx, p.s.rdb, r.ID); err != nil {
		return nil, err
	}
	ends := func(s string) bool { return len(s) >= 4 && len(last4) == 4 && s[len(s)-4:] == last4 }
	if !ends(string(r.Phone)) && !ends(r.IDNumber) {
		return nil, notFound("info_request")
	}
	return r, nil
}

// AuditRegister records that the actor exported a register (it holds
// requesters' identities).
func (p *PPID) AuditRegister(ctx context.Context, actor aduan.Actor, book, format string, year, rows int) (err error) {
	defer wrap(&err, "PPID.AuditRegister(%d)", year)
	return p.s.tx(ctx, func(tx *sql.Tx) error {
		return p.s.audit(ctx, tx, actor, "info_request.export", "info_request", 0, nil, map[string]any{"book": book, "format": format, "year": year, "rows": rows})
	})
}
