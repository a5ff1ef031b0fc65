package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// Data subjects' requests (UU 27/2022 arts. 5–8): a person asks what is
// held about them, to correct it or to erase it. The coordinator records
// each request (its deadline follows from privacy_request_hours), finds
// everything about the person by phone and e-mail, exports it, corrects
// it, or erases what no duty keeps.

// Dossier is everything held about one person.
type Dossier struct {
	Phone, Email string
	At           time.Time
	Citizens     []aduan.Citizen
	Complaints   []*aduan.Complaint
	Events       map[int64][]aduan.Event
	Messages     []*channel.Message
	Attachments  []*attach.Attachment
	Audit        []aduan.AuditEntry
	// Stated are the identities typed on their complaints through
	// channels that prove nothing.
	Stated []StatedIdentity
}

const privacyRequestCols = `id, kind, status, subject_phone, subject_email, subject_hash, requester, via, notes, received_at, due_at,
	acknowledged_at, closed_at, outcome, created_by, created_by_name, created_at, updated_at, version`

func scanPrivacyRequest(sc interface{ Scan(...any) error }) (*aduan.PrivacyRequest, error) {
	var r aduan.PrivacyRequest
	var kind, status, outcome string
	var recv, due, created, updated int64
	var ack, closed, by sql.NullInt64
	if err := sc.Scan(&r.ID, &kind, &status, &r.SubjectPhone, &r.SubjectEmail, &r.SubjectHash, &r.Requester, &r.Via, &r.Notes,
		&recv, &due, &ack, &closed, &outcome, &by, &r.CreatedByName, &created, &updated, &r.Version); err != nil {
		return nil, err
	}
	r.Kind, r.Status = aduan.PrivacyRequestKind(kind), aduan.PrivacyRequestStatus(status)
	r.ReceivedAt, r.DueAt, r.CreatedAt, r.UpdatedAt = fromMS(recv), fromMS(due), fromMS(created), fromMS(updated)
	r.AcknowledgedAt, r.ClosedAt, r.CreatedBy = nullMS(ack), nullMS(closed), by.Int64
	if outcome != "" {
		if err := json.Unmarshal([]byte(outcome), &r.Outcome); err != nil {
			return nil, err
		}
	}
	return &r, nil
}

// requestAudit is what the audit log keeps of a request: never the
// subject's contact, so that an erasure leaves none behind.
func requestAudit(r *aduan.PrivacyRequest) map[string]any {
	return map[string]any{"kind": r.Kind, "status": r.Status, "received_at": r.ReceivedAt, "due_at": r.DueAt,
		"outcome": r.Outcome}
}

func subjectHash(phone, email string) string {
	h := sha256.Sum256([]byte(phone + "\n" + strings.ToLower(email)))
	return hex.EncodeToString(h[:])
}

// CreateRequest records a data subject's request; its deadline is the
// time received plus privacy_request_hours.
func (p *Privacy) CreateRequest(ctx context.Context, actor aduan.Actor, in aduan.NewPrivacyRequest) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.CreateRequest()")
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	s := p.s
	now := s.Now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	if in.Phone != "" {
		e, err := phone.ParseField("phone", in.Phone)
		if err != nil {
			return nil, err
		}
		in.Phone = string(e)
	}
	set, err := s.RefData().Settings(ctx)
	if err != nil {
		return nil, err
	}
	r := &aduan.PrivacyRequest{Kind: in.Kind, Status: aduan.RequestReceived, SubjectPhone: in.Phone, SubjectEmail: in.Email,
		SubjectHash: subjectHash(in.Phone, in.Email), Requester: strings.TrimSpace(in.Requester), Via: strings.TrimSpace(in.Via),
		Notes: strings.TrimSpace(in.Notes), ReceivedAt: in.ReceivedAt,
		DueAt:     in.ReceivedAt.Add(time.Duration(aduan.PrivacyHours(set, aduan.SettingPrivacyRequestHours)) * time.Hour),
		CreatedBy: actor.UserID, CreatedByName: actor.Name, CreatedAt: now, UpdatedAt: now, Version: 1}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO privacy_requests (kind, status, subject_phone, subject_email, subject_hash, requester, via, notes,
			received_at, due_at, created_by, created_by_name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
			string(r.Kind), string(r.Status), r.SubjectPhone, r.SubjectEmail, r.SubjectHash, r.Requester, r.Via, r.Notes,
			ms(r.ReceivedAt), ms(r.DueAt), nullID(r.CreatedBy), r.CreatedByName, ms(now)).Scan(&r.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "privacy_request.create", "privacy_request", r.ID, nil, requestAudit(r))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// Request returns one request.
func (p *Privacy) Request(ctx context.Context, actor aduan.Actor, id int64) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.Request(%d)", id)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	return p.request(ctx, p.s.rdb, id)
}

func (p *Privacy) request(ctx context.Context, q queryer, id int64) (*aduan.PrivacyRequest, error) {
	r, err := scanPrivacyRequest(q.QueryRowContext(ctx, `SELECT `+privacyRequestCols+` FROM privacy_requests WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("privacy_request")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return r, nil
}

// Requests lists the requests: open ones first, soonest deadline first,
// then the closed ones, newest first (at most 200).
func (p *Privacy) Requests(ctx context.Context, actor aduan.Actor) (_ []*aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.Requests()")
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	return p.queryRequests(ctx, `ORDER BY CASE WHEN status IN ('received', 'acknowledged') THEN 0 ELSE 1 END,
		CASE WHEN status IN ('received', 'acknowledged') THEN due_at ELSE -received_at END, id LIMIT 200`)
}

// queryRequests reads the requests that the rest of a query (a WHERE
// and an ORDER BY) selects.
func (p *Privacy) queryRequests(ctx context.Context, rest string, args ...any) ([]*aduan.PrivacyRequest, error) {
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT `+privacyRequestCols+` FROM privacy_requests `+rest, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*aduan.PrivacyRequest
	for rows.Next() {
		r, err := scanPrivacyRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

// updateRequest loads a request for a change at version, lets change
// alter it, writes it and audits the action.
func (p *Privacy) updateRequest(ctx context.Context, tx *sql.Tx, actor aduan.Actor, id, version int64, action string, change func(r *aduan.PrivacyRequest) error) (*aduan.PrivacyRequest, error) {
	s := p.s
	r, err := p.request(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if r.Version != version {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	before := requestAudit(r)
	if err := change(r); err != nil {
		return nil, err
	}
	r.UpdatedAt = s.Now()
	out, err := json.Marshal(r.Outcome)
	if err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE privacy_requests SET status = $1, subject_phone = $2, subject_email = $3, acknowledged_at = $4, closed_at = $5,
		outcome = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9`,
		string(r.Status), r.SubjectPhone, r.SubjectEmail, msPtr(r.AcknowledgedAt), msPtr(r.ClosedAt), string(out), ms(r.UpdatedAt), id, version)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	r.Version++
	return r, s.audit(ctx, tx, actor, action, "privacy_request", id, before, requestAudit(r))
}

func requireOpen(r *aduan.PrivacyRequest) error {
	if !r.Status.Open() {
		return aduan.Errorf(aduan.ETRANSITION, "privacy.err.closed")
	}
	return nil
}

// Acknowledge records that the subject was told their request is being
// handled (the deadline the countdown shows).
func (p *Privacy) Acknowledge(ctx context.Context, actor aduan.Actor, id, version int64) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.Acknowledge(%d, %d)", id, version)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	var out *aduan.PrivacyRequest
	err = p.s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = p.updateRequest(ctx, tx, actor, id, version, "privacy_request.acknowledge", func(r *aduan.PrivacyRequest) error {
			if r.Status != aduan.RequestReceived {
				return aduan.Errorf(aduan.ETRANSITION, "privacy.err.closed")
			}
			now := p.s.Now()
			r.Status, r.AcknowledgedAt = aduan.RequestAcknowledged, &now
			return nil
		})
		return err
	})
	return out, err
}

// CloseRequest ends a request as done or refused, with the coordinator's
// note (required when refused: the subject is owed the reason).
func (p *Privacy) CloseRequest(ctx context.Context, actor aduan.Actor, id, version int64, status aduan.PrivacyRequestStatus, note string) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.CloseRequest(%d, %d)", id, version)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	var v aduan.Validation
	note = strings.TrimSpace(note)
	if status != aduan.RequestDone && status != aduan.RequestRefused {
		v.Add("status", "err.field.choice")
	}
	if len([]rune(note)) > aduan.MaxReasonLen {
		v.Add("note", "err.field.too_long", aduan.MaxReasonLen)
	} else if status == aduan.RequestRefused && note == "" {
		v.Add("note", "err.field.required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *aduan.PrivacyRequest
	err = p.s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = p.updateRequest(ctx, tx, actor, id, version, "privacy_request.close", func(r *aduan.PrivacyRequest) error {
			if err := requireOpen(r); err != nil {
				return err
			}
			now := p.s.Now()
			r.Status, r.ClosedAt = status, &now
			if r.AcknowledgedAt == nil {
				r.AcknowledgedAt = &now
			}
			if note != "" {
				r.Outcome.Note = note
			}
			return nil
		})
		return err
	})
	return out, err
}

// subjectCitizens finds the citizen rows of a phone (E.164) or e-mail.
func (p *Privacy) subjectCitizens(ctx context.Context, q queryer, e164, email string) ([]aduan.Citizen, error) {
	var args []any
	var conds []string
	if e164 != "" {
		args = append(args, e164)
		conds = append(conds, fmt.Sprintf("phone = $%d", len(args)))
	}
	if email != "" {
		args = append(args, strings.ToLower(email))
		conds = append(conds, fmt.Sprintf("LOWER(email) = $%d", len(args)))
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT `+citizenCols+` FROM citizens WHERE `+strings.Join(conds, " OR ")+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []aduan.Citizen
	for rows.Next() {
		c, err := scanCitizen(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Lookup finds everything held about the subject of request id: their
// citizen records, complaints with events, messages in and out (also those
// no complaint holds), attachments and the audit records about them. The
// look-up is audited.
func (p *Privacy) Lookup(ctx context.Context, actor aduan.Actor, id int64) (_ *Dossier, err error) {
	defer wrap(&err, "Privacy.Lookup(%d)", id)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	r, err := p.request(ctx, p.s.rdb, id)
	if err != nil {
		return nil, err
	}
	d, err := p.dossier(ctx, r.SubjectPhone, r.SubjectEmail)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(d.Citizens))
	for i, c := range d.Citizens {
		ids[i] = c.ID
	}
	err = p.s.tx(ctx, func(tx *sql.Tx) error {
		return p.s.audit(ctx, tx, actor, "privacy_request.lookup", "privacy_request", id, nil,
			map[string]any{"citizens": ids, "complaints": len(d.Complaints), "messages": len(d.Messages)})
	})
	return d, err
}

func (p *Privacy) dossier(ctx context.Context, e164, email string) (*Dossier, error) {
	s := p.s
	d := &Dossier{Phone: e164, Email: email, At: s.Now(), Events: map[int64][]aduan.Event{}}
	var err error
	if d.Citizens, err = p.subjectCitizens(ctx, s.rdb, e164, email); err != nil {
		return nil, err
	}
	var cids []any
	for _, c := range d.Citizens {
		cids = append(cids, c.ID)
	}
	var complaintIDs []int64
	if len(cids) > 0 {
		var args []any
		rows, err := s.rdb.QueryContext(ctx, complaintSelect+` WHERE c.citizen_id IN (`+inList(&args, cids)+`) ORDER BY c.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			c, err := scanComplaint(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			d.Complaints = append(d.Complaints, c)
			complaintIDs = append(complaintIDs, c.ID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, id := range complaintIDs {
		evs, err := s.Complaints().Events(ctx, aduan.System, id)
		if err != nil {
			return nil, err
		}
		d.Events[id] = evs
		st, err := s.statedIdentity(ctx, s.rdb, id)
		if err == nil {
			d.Stated = append(d.Stated, *st)
		} else if aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return nil, err
		}
	}
	var addrs []any
	for _, a := range phoneForms(e164) {
		addrs = append(addrs, a)
	}
	if email != "" {
		addrs = append(addrs, email)
	}
	var args []any
	var conds []string
	if len(complaintIDs) > 0 {
		conds = append(conds, "m.complaint_id IN ("+inList(&args, int64s(complaintIDs))+")")
	}
	if len(addrs) > 0 {
		in := inList(&args, addrs)
		conds = append(conds, "m.from_addr IN ("+in+") OR m.to_addr IN ("+in+")")
	}
	var msgIDs []int64
	if len(conds) > 0 {
		if d.Messages, err = s.queryMessages(ctx, messageSelect+` WHERE `+strings.Join(conds, " OR ")+` ORDER BY m.id`, args...); err != nil {
			return nil, err
		}
		for _, m := range d.Messages {
			msgIDs = append(msgIDs, m.ID)
		}
	}
	args, conds = nil, nil
	if len(complaintIDs) > 0 {
		conds = append(conds, "complaint_id IN ("+inList(&args, int64s(complaintIDs))+")")
	}
	if len(msgIDs) > 0 {
		conds = append(conds, "message_id IN ("+inList(&args, int64s(msgIDs))+")")
	}
	if len(conds) > 0 {
		if d.Attachments, err = s.queryAttachments(ctx, `SELECT `+attachmentCols+` FROM attachments WHERE `+strings.Join(conds, " OR ")+` ORDER BY id`, args...); err != nil {
			return nil, err
		}
	}
	args, conds = nil, nil
	str := func(ids []int64) []any {
		out := make([]any, len(ids))
		for i, id := range ids {
			out[i] = fmt.Sprint(id)
		}
		return out
	}
	var citizenIDs []int64
	for _, c := range d.Citizens {
		citizenIDs = append(citizenIDs, c.ID)
	}
	for entity, ids := range map[string][]int64{"citizen": citizenIDs, "complaint": complaintIDs, "message": msgIDs} {
		if len(ids) > 0 {
			conds = append(conds, "(entity = '"+entity+"' AND entity_id IN ("+inList(&args, str(ids))+"))")
		}
	}
	if len(conds) > 0 {
		rows, err := s.rdb.QueryContext(ctx, `SELECT id, at, actor_id, actor_name, actor_role, action, entity, entity_id, before_json, after_json, request_id
			FROM audit_log WHERE `+strings.Join(conds, " OR ")+` ORDER BY id LIMIT 2000`, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanAudit(rows)
			if err != nil {
				return nil, err
			}
			d.Audit = append(d.Audit, e)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// Correct corrects the subject's citizen record for request id (the
// citizen's own audited update, with the version the coordinator read) and
// notes the corrected fields on the request.
func (p *Privacy) Correct(ctx context.Context, actor aduan.Actor, id, version, citizenID, citizenVersion int64, in aduan.CitizenInput) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.Correct(%d, %d, %d)", id, version, citizenID)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	r, err := p.request(ctx, p.s.rdb, id)
	if err != nil {
		return nil, err
	}
	if err := requireOpen(r); err != nil {
		return nil, err
	}
	if r.Version != version {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	// Only the subject's own record may be corrected under their request.
	cs, err := p.subjectCitizens(ctx, p.s.rdb, r.SubjectPhone, r.SubjectEmail)
	if err != nil {
		return nil, mapErr(err)
	}
	var cur *aduan.Citizen
	for i := range cs {
		if cs[i].ID == citizenID {
			cur = &cs[i]
		}
	}
	if cur == nil {
		return nil, notFound("citizen")
	}
	next, err := p.s.Citizens().UpdateCitizen(ctx, actor, citizenID, citizenVersion, in)
	if err != nil {
		return nil, err
	}
	var fields []string
	for _, f := range []struct {
		name     string
		old, new string
	}{{"name", cur.Name, next.Name}, {"phone", string(cur.Phone), string(next.Phone)}, {"email", cur.Email, next.Email}, {"address", cur.Address, next.Address}, {"kelurahan", cur.KelurahanCode, next.KelurahanCode}} {
		if f.old != f.new {
			fields = append(fields, f.name)
		}
	}
	var out *aduan.PrivacyRequest
	err = p.s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = p.updateRequest(ctx, tx, actor, id, version, "privacy_request.correct", func(r *aduan.PrivacyRequest) error {
			for _, f := range fields {
				if !contains(r.Outcome.Corrected, f) {
					r.Outcome.Corrected = append(r.Outcome.Corrected, f)
				}
			}
			// A new number or address is where the subject is reached now.
			if next.Phone != "" && string(cur.Phone) == r.SubjectPhone {
				r.SubjectPhone = string(next.Phone)
			}
			if next.Email != "" && strings.EqualFold(cur.Email, r.SubjectEmail) {
				r.SubjectEmail = next.Email
			}
			return nil
		})
		return err
	})
	return out, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ErasurePlan says what an erasure would do: which complaints lose the
// identity and which are kept, and why.
type ErasurePlan struct {
	Anonymise []*aduan.Complaint
	Kept      []aduan.KeptComplaint
}

// PlanErasure shows what Erase would do, changing nothing.
func (p *Privacy) PlanErasure(ctx context.Context, actor aduan.Actor, id int64) (_ *ErasurePlan, err error) {
	defer wrap(&err, "Privacy.PlanErasure(%d)", id)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	r, err := p.request(ctx, p.s.rdb, id)
	if err != nil {
		return nil, err
	}
	d, err := p.dossier(ctx, r.SubjectPhone, r.SubjectEmail)
	if err != nil {
		return nil, err
	}
	plan := &ErasurePlan{}
	for _, c := range d.Complaints {
		if c.Open() {
			plan.Kept = append(plan.Kept, aduan.KeptComplaint{Number: c.Number, Status: c.Status, Reason: aduan.KeepReasonOpen})
		} else {
			plan.Anonymise = append(plan.Anonymise, c)
		}
	}
	return plan, nil
}

// Erase carries out an erasure request: the subject's done complaints and
// messages lose their identity, their photos are deleted, and their citizen
// record is blanked, unless open complaints still need it to answer them:
// those are kept, and the outcome says which and why. The request is then
// done, and only a hash of the subject's contact stays on it (unless the
// identity was kept). Photo files go from files after the commit.
func (p *Privacy) Erase(ctx context.Context, actor aduan.Actor, id, version int64, files attach.Storage) (_ *aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.Erase(%d, %d)", id, version)
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	s := p.s
	var out *aduan.PrivacyRequest
	var keys []string
	err = s.tx(ctx, func(tx *sql.Tx) error {
		keys = nil
		r, err := p.request(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Kind != aduan.RequestErasure {
			return aduan.Errorf(aduan.ETRANSITION, "privacy.err.not_erasure")
		}
		if err := requireOpen(r); err != nil {
			return err
		}
		cs, err := p.subjectCitizens(ctx, tx, r.SubjectPhone, r.SubjectEmail)
		if err != nil {
			return err
		}
		var o aduan.RequestOutcome
		o.Note = r.Outcome.Note
		o.Corrected = r.Outcome.Corrected
		if len(cs) == 0 {
			// No citizen record: messages from the contact may still exist.
			cs = []aduan.Citizen{{Phone: aduan.Phone(r.SubjectPhone), Email: r.SubjectEmail}}
		}
		for i := range cs {
			cz := &cs[i]
			var done, open []int64
			if cz.ID != 0 {
				if done, open, err = p.citizenComplaints(ctx, tx, cz.ID); err != nil {
					return err
				}
			}
			for _, cid := range open {
				c, err := s.complaint(ctx, tx, cid)
				if err != nil {
					return err
				}
				o.Kept = append(o.Kept, aduan.KeptComplaint{Number: c.Number, Status: c.Status, Reason: aduan.KeepReasonOpen})
			}
			for _, cid := range done {
				c, err := s.complaint(ctx, tx, cid)
				if err != nil {
					return err
				}
				o.Anonymised = append(o.Anonymised, c.Number)
			}
			keep := len(open) > 0 || cz.ID == 0
			res, err := p.anonymise(ctx, tx, actor, anonScope{Citizen: cz, Complaints: done, KeepIdentity: keep, DeletePhotos: true, Why: "erasure"})
			if err != nil {
				return err
			}
			o.Messages += res.Messages
			o.Photos += res.Photos
			keys = append(keys, res.Files...)
			if len(open) > 0 {
				o.IdentityKept = true
			}
		}
		// The subject's requests for public information, under the same
		// rule: those still running keep who asked.
		infoDone, infoKept, err := s.PPID().eraseInfo(ctx, tx, actor, r.SubjectPhone, r.SubjectEmail)
		if err != nil {
			return err
		}
		o.Anonymised = append(o.Anonymised, infoDone...)
		o.Kept = append(o.Kept, infoKept...)
		if len(infoKept) > 0 {
			o.IdentityKept = true
		}
		out, err = p.updateRequest(ctx, tx, actor, id, version, "privacy_request.erase", func(r *aduan.PrivacyRequest) error {
			now := s.Now()
			r.Status, r.ClosedAt, r.Outcome = aduan.RequestDone, &now, o
			if r.AcknowledgedAt == nil {
				r.AcknowledgedAt = &now
			}
			if !o.IdentityKept {
				r.SubjectPhone, r.SubjectEmail = "", ""
			}
			return nil
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	removeFiles(ctx, files, keys)
	return out, nil
}

// FindRequestsBySubject lists the requests recorded for a contact, erased
// ones too (by the hash they keep): "did you erase my data?".
func (p *Privacy) FindRequestsBySubject(ctx context.Context, actor aduan.Actor, rawPhone, email string) (_ []*aduan.PrivacyRequest, err error) {
	defer wrap(&err, "Privacy.FindRequestsBySubject()")
	if err := actor.Require(aduan.PermPrivacyRequest); err != nil {
		return nil, err
	}
	e164 := ""
	if strings.TrimSpace(rawPhone) != "" {
		p, err := phone.ParseField("phone", rawPhone)
		if err != nil {
			return nil, err
		}
		e164 = string(p)
	}
	return p.queryRequests(ctx, `WHERE subject_hash = $1 ORDER BY id DESC`, subjectHash(e164, strings.ToLower(strings.TrimSpace(email))))
}
