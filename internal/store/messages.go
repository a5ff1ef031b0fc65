package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// Messages is the message part of the store: the outbox and what
// comes in (SMS, WhatsApp, e-mail), delivery receipts, the review
// queue of unsendable messages, message templates and the staff's
// in-app notifications and recorded breaches. It shares the core
// (pools, transactions, group commit) with the other aggregates.
type Messages struct {
	s *Store
}

// Messages returns the store's messages.
func (s *Store) Messages() *Messages { return &Messages{s: s} }

// WriteTx runs fn in a write transaction, for the job queue: it enqueues its
// jobs inside the same transaction as the rows they act on.
func (s *Store) WriteTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.tx(ctx, fn)
}

const messageSelect = `SELECT m.id, m.complaint_id, m.channel, m.direction, m.purpose, m.template, m.to_addr, m.from_addr, m.subject, m.body,
	m.params, m.wa_template, m.status, m.via, m.gateway_id, m.parts, m.attempts, m.error, m.note, m.user_id, m.agency_id,
	m.created_at, m.updated_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at, m.processed_at, m.resent_at, COALESCE(c.number, '')
FROM messages m LEFT JOIN complaints c ON c.id = m.complaint_id`

func scanMessage(sc interface{ Scan(...any) error }) (*channel.Message, error) {
	var m channel.Message
	var cid, uid, aid sql.NullInt64
	var gw sql.NullString
	var ch, dir, purpose, params, status string
	var created, updated int64
	var sent, delivered, read, failed, processed, resent sql.NullInt64
	err := sc.Scan(&m.ID, &cid, &ch, &dir, &purpose, &m.Template, &m.To, &m.From, &m.Subject, &m.Body,
		&params, &m.WATemplate, &status, &m.Via, &gw, &m.Parts, &m.Attempts, &m.Error, &m.Note, &uid, &aid,
		&created, &updated, &sent, &delivered, &read, &failed, &processed, &resent, &m.ComplaintNumber)
	if err != nil {
		return nil, err
	}
	m.ComplaintID, m.UserID, m.AgencyID, m.GatewayID = cid.Int64, uid.Int64, aid.Int64, gw.String
	m.Channel, m.Direction, m.Purpose, m.Status = channel.Kind(ch), channel.Direction(dir), channel.Purpose(purpose), channel.Status(status)
	m.CreatedAt, m.UpdatedAt = fromMS(created), fromMS(updated)
	m.SentAt, m.Delivered, m.ReadAt, m.FailedAt, m.Processed = nullMS(sent), nullMS(delivered), nullMS(read), nullMS(failed), nullMS(processed)
	m.ResentAt = nullMS(resent)
	if params != "" && params != "[]" {
		if err := json.Unmarshal([]byte(params), &m.Params); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// InsertMessage records a message inside tx and sets its ID. A message whose
// gateway ID is already recorded (a webhook delivered twice) inserts nothing
// and reports false.
func (mb *Messages) InsertMessage(ctx context.Context, tx *sql.Tx, m *channel.Message) (_ bool, err error) {
	s := mb.s
	defer wrap(&err, "InsertMessage()")
	now := s.Now()
	if m.CreatedAt.IsZero() {
		m.CreatedAt = now
	}
	m.UpdatedAt = now
	params := "[]"
	if len(m.Params) > 0 {
		b, err := json.Marshal(m.Params)
		if err != nil {
			return false, err
		}
		params = string(b)
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO messages (complaint_id, channel, direction, purpose, template, to_addr, from_addr, subject, body, params,
		wa_template, status, via, gateway_id, parts, attempts, error, note, user_id, agency_id, created_at, updated_at, sent_at, failed_at, processed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $17, $18, $19, $20, $21, $22, $23, $24)
		ON CONFLICT (channel, direction, gateway_id) DO NOTHING RETURNING id`,
		nullID(m.ComplaintID), string(m.Channel), string(m.Direction), string(m.Purpose), m.Template, m.To, m.From, m.Subject, m.Body, params,
		m.WATemplate, string(m.Status), m.Via, nullStr(m.GatewayID), m.Parts, m.Error, m.Note, nullID(m.UserID), nullID(m.AgencyID),
		ms(m.CreatedAt), ms(now), msPtr(m.SentAt), msPtr(m.FailedAt), msPtr(m.Processed)).Scan(&m.ID)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err == nil && m.Status == channel.StatusFailed && m.Direction == channel.Out {
		// A notification that could not go at all (no contact): the
		// forward it tells of may be "not reached" now.
		err = s.settleReach(ctx, tx, m.ID)
	}
	return err == nil, err
}

// Message returns one message, for the system (workers, webhooks).
func (mb *Messages) Message(ctx context.Context, id int64) (_ *channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "Message(%d)", id)
	return s.message(ctx, s.wdb, id)
}

func (s *Store) message(ctx context.Context, q queryer, id int64) (*channel.Message, error) {
	m, err := scanMessage(q.QueryRowContext(ctx, messageSelect+` WHERE m.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("message")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return m, nil
}

// ComplaintMessages lists the messages of a complaint the actor may see,
// oldest first. Hiding addresses and text from roles that may not see who
// complained is the caller's part (it knows the complaint).
func (mb *Messages) ComplaintMessages(ctx context.Context, actor aduan.Actor, complaintID int64) (_ []*channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "ComplaintMessages(%d)", complaintID)
	c, err := s.complaint(ctx, s.rdb, complaintID)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeComplaint(c) {
		return nil, notFound("complaint")
	}
	return s.queryMessages(ctx, messageSelect+` WHERE m.complaint_id = $1 ORDER BY m.id`, complaintID)
}

func (s *Store) queryMessages(ctx context.Context, q string, args ...any) ([]*channel.Message, error) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := []*channel.Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// MessageFilter selects messages for the admin lists. Zero values mean any.
type MessageFilter struct {
	Statuses    []channel.Status
	Channel     channel.Kind
	Direction   channel.Direction
	Purpose     channel.Purpose
	ComplaintID int64
	Before      int64 // keyset paging on ID, newest first
	Limit       int
}

// CanListMessages reports whether the actor may see the message lists
// (failed sends, unmatched replies): the call center, which acts on them,
// and IT staff, who keep the gateways running.
func CanListMessages(a aduan.Actor) bool {
	return a.IsSystem() || a.Role == aduan.RoleOperatorCC || a.Role == aduan.RoleKoordinatorCC || a.Role == aduan.RoleAdmin
}

// ListMessages lists messages across complaints, newest first, with the
// cursor of the next page (0 at the end).
func (mb *Messages) ListMessages(ctx context.Context, actor aduan.Actor, f MessageFilter) (_ []*channel.Message, _ int64, err error) {
	s := mb.s
	defer wrap(&err, "ListMessages()")
	if !CanListMessages(actor) {
		return nil, 0, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var w where
	if len(f.Statuses) > 0 {
		ph := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			ph[i] = w.arg(string(st))
		}
		w.conds = append(w.conds, "m.status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.Channel != "" {
		w.add("m.channel = ?", string(f.Channel))
	}
	if f.Direction != "" {
		w.add("m.direction = ?", string(f.Direction))
	}
	if f.Purpose != "" {
		w.add("m.purpose = ?", string(f.Purpose))
	}
	if f.ComplaintID != 0 {
		w.add("m.complaint_id = ?", f.ComplaintID)
	}
	list, next, err := listDesc(ctx, s.rdb, messageSelect, &w, "m.id", f.Before, f.Limit, scanMessage,
		func(m *channel.Message) int64 { return m.ID })
	if err != nil {
		return nil, 0, err
	}
	// A message's text is its complaint's content.
	if err := s.auditMessageReads(ctx, actor, list); err != nil {
		return nil, 0, err
	}
	return list, next, nil
}

// ClaimSend marks a queued message as being sent and counts the attempt, in
// a transaction of its own that commits before the gateway is called: a
// message found still "sending" later was interrupted mid-send. It returns
// the message as it was and whether it was claimed.
func (mb *Messages) ClaimSend(ctx context.Context, id int64) (_ *channel.Message, _ bool, err error) {
	s := mb.s
	defer wrap(&err, "ClaimSend(%d)", id)
	var m *channel.Message
	claimed := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = s.message(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Status != channel.StatusQueued {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = $1, attempts = attempts + 1, updated_at = $2 WHERE id = $3`,
			string(channel.StatusSending), ms(s.Now()), id); err != nil {
			return err
		}
		claimed = true
		return nil
	})
	return m, claimed, err
}

// MarkSent records that the gateway took a message. A delivery report that
// arrived first (Kannel can be faster than its own HTTP answer) keeps its
// later status.
func (mb *Messages) MarkSent(ctx context.Context, id int64, via, gatewayID string, parts int) (err error) {
	s := mb.s
	defer wrap(&err, "MarkSent(%d)", id)
	now := ms(s.Now())
	// With the reach of the forward it may tell of (an e-mail accepted
	// reaches the agency), in one transaction: whoever sees the message
	// sent sees the forward judged.
	return mapErr(s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET
		status = CASE WHEN status IN ('queued', 'sending', 'review') THEN 'sent' ELSE status END,
		via = $1, gateway_id = COALESCE(gateway_id, $2), parts = $3, error = '', sent_at = COALESCE(sent_at, $4), updated_at = $4
		WHERE id = $5`, via, nullStr(gatewayID), parts, now, id); err != nil {
			return err
		}
		return s.settleReach(ctx, tx, id)
	}))
}

// MarkUnsent records a failed attempt: back to queued for the next try,
// failed after the last one, or review when the gateway may have taken it.
func (mb *Messages) MarkUnsent(ctx context.Context, id int64, via string, st channel.Status, reason string) (err error) {
	s := mb.s
	defer wrap(&err, "MarkUnsent(%d)", id)
	now := ms(s.Now())
	var failedAt any
	if st == channel.StatusFailed {
		failedAt = now
	}
	if len(reason) > 1000 {
		reason = reason[:1000]
	}
	const q = `UPDATE messages SET status = $1, via = $2, error = $3, failed_at = COALESCE($4, failed_at), updated_at = $5
		WHERE id = $6 AND status IN ('queued', 'sending', 'review')`
	args := []any{string(st), via, strings.ToValidUTF8(reason, "?"), failedAt, now, id}
	if st != channel.StatusFailed {
		_, err := s.wdb.ExecContext(ctx, q, args...)
		return mapErr(err)
	}
	// Failed for good: the forward it told of may be "not reached" now,
	// in the same transaction.
	return mapErr(s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		return s.settleReach(ctx, tx, id)
	}))
}

// FailUnsendable marks a message failed before any attempt (no recipient,
// no longer wanted), inside tx.
func (mb *Messages) FailUnsendable(ctx context.Context, tx *sql.Tx, id int64, reason string) (err error) {
	s := mb.s
	defer wrap(&err, "FailUnsendable(%d)", id)
	now := ms(s.Now())
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = 'failed', error = $1, failed_at = $2, updated_at = $2 WHERE id = $3`, reason, now, id); err != nil {
		return err
	}
	return s.settleReach(ctx, tx, id)
}

// ApplyReceipt applies a delivery report or status webhook: to the message
// with our ID (Kannel's delivery reports carry it) or with the gateway's ID
// (WhatsApp's). Statuses only move forward, so reports that arrive out of
// order or twice change nothing. It returns the message found (nil: none)
// and whether its status changed.
func (mb *Messages) ApplyReceipt(ctx context.Context, ch channel.Kind, id int64, gatewayID string, st channel.Status, at time.Time, reason string) (_ *channel.Message, _ bool, err error) {
	s := mb.s
	defer wrap(&err, "ApplyReceipt(%d)", id)
	var found *channel.Message
	changed := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var m *channel.Message
		var err error
		if id > 0 {
			m, err = s.message(ctx, tx, id)
		} else {
			m, err = scanMessage(tx.QueryRowContext(ctx, messageSelect+` WHERE m.channel = $1 AND m.direction = 'out' AND m.gateway_id = $2`, string(ch), gatewayID))
			if err == sql.ErrNoRows {
				err = notFound("message")
			}
		}
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		if m.Direction != channel.Out || m.Channel != ch {
			return nil
		}
		if id > 0 && gatewayID != "" && m.GatewayID != "" && m.GatewayID != gatewayID {
			return nil // our ID and the gateway's disagree: not this message
		}
		if s.dialect == Postgres {
			// Two reports of one message (Kannel's "sent" and "delivered")
			// can arrive at once: each would judge "only forward" on the
			// status it read, and the later commit could put "sent" back
			// over "delivered". Holding the row makes the second read what
			// the first wrote (SQLite's one writer runs them in turn).
			if _, err := tx.ExecContext(ctx, `SELECT id FROM messages WHERE id = $1 FOR UPDATE`, m.ID); err != nil {
				return err
			}
			if m, err = s.message(ctx, tx, m.ID); err != nil {
				return err
			}
		}
		found = m
		cur := m.Status
		if cur == channel.StatusReview || cur == channel.StatusFailed && st != channel.StatusFailed {
			// A report proves the gateway had it: the doubt is settled,
			// and a failure recorded by us is overtaken by what happened.
			cur = channel.StatusSending
		}
		if st.Rank() <= cur.Rank() {
			return nil
		}
		t := ms(at)
		col := map[channel.Status]string{channel.StatusSent: "sent_at", channel.StatusDelivered: "delivered_at",
			channel.StatusRead: "read_at", channel.StatusFailed: "failed_at"}[st]
		q := `UPDATE messages SET status = $1, updated_at = $2, sent_at = COALESCE(sent_at, $2)`
		if col != "" && col != "sent_at" {
			q += `, ` + col + ` = COALESCE(` + col + `, $2)`
		}
		args := []any{string(st), t}
		if id > 0 && gatewayID != "" && m.GatewayID == "" {
			// Found by our ID: the send's answer was lost (a crash), so
			// the gateway's ID is learnt here, for the reports after.
			args = append(args, gatewayID)
			q += `, gateway_id = $` + strconv.Itoa(len(args))
		}
		if st == channel.StatusFailed {
			args = append(args, reason)
			q += `, error = $` + strconv.Itoa(len(args))
		}
		args = append(args, m.ID)
		q += ` WHERE id = $` + strconv.Itoa(len(args))
		if _, err = tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		m.Status, changed = st, true
		return s.settleReach(ctx, tx, m.ID)
	})
	if err != nil {
		return nil, false, err
	}
	return found, changed, nil
}

// RequeueMessage puts a failed (or doubtful) outgoing message back in the
// queue, inside tx, for a person's retry; the caller enqueues its job in
// the same transaction.
func (mb *Messages) RequeueMessage(ctx context.Context, tx *sql.Tx, actor aduan.Actor, id int64) (_ *channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "RequeueMessage(%d)", id)
	if !CanListMessages(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	m, err := s.message(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if m.Direction != channel.Out || (m.Status != channel.StatusFailed && m.Status != channel.StatusReview) {
		return nil, aduan.Errorf(aduan.ETRANSITION, "err.message_not_retryable", "msg.status."+string(m.Status))
	}
	if m.To == "" {
		// It failed for want of a recipient: the citizen's number or
		// address may have been filled since; without one, sending again
		// cannot help.
		if m.To, err = s.citizenAddress(ctx, tx, m); err != nil {
			return nil, err
		}
		if m.To == "" {
			return nil, aduan.Errorf(aduan.ETRANSITION, "err.message_no_recipient")
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = 'queued', to_addr = $1, error = '', failed_at = NULL, updated_at = $2 WHERE id = $3`,
		m.To, ms(s.Now()), id); err != nil {
		return nil, err
	}
	if err := s.audit(ctx, tx, actor, "message.retry", "message", id, map[string]any{"status": m.Status, "error": m.Error}, map[string]any{"status": channel.StatusQueued}); err != nil {
		return nil, err
	}
	m.Status, m.Error = channel.StatusQueued, ""
	return m, nil
}

// citizenAddress is where a message to the citizen of its complaint goes
// now: their phone for an SMS, their e-mail for an e-mail; empty for a
// message to an agency or when the citizen has none.
func (s *Store) citizenAddress(ctx context.Context, tx *sql.Tx, m *channel.Message) (string, error) {
	if m.ComplaintID == 0 || m.AgencyID != 0 || m.UserID != 0 {
		return "", nil
	}
	c, err := s.complaint(ctx, tx, m.ComplaintID)
	if err != nil || c.Citizen == nil {
		return "", err
	}
	switch m.Channel {
	case channel.SMS:
		return string(c.Citizen.Phone), nil
	case channel.Email:
		return c.Citizen.Email, nil
	}
	return "", nil
}

// LinkInbound ties an incoming message to its complaint inside tx, unless it
// is tied already.
func (mb *Messages) LinkInbound(ctx context.Context, tx *sql.Tx, msgID, complaintID int64) (err error) {
	s := mb.s
	defer wrap(&err, "LinkInbound(%d, %d)", msgID, complaintID)
	_, err = tx.ExecContext(ctx, `UPDATE messages SET complaint_id = $1, updated_at = $2 WHERE id = $3 AND complaint_id IS NULL`,
		complaintID, ms(s.Now()), msgID)
	return err
}

// MarkInboundOpened records, inside tx, that an incoming message opened a
// new complaint, so that the triage list can show what each opened.
func (mb *Messages) MarkInboundOpened(ctx context.Context, tx *sql.Tx, msgID int64) (err error) {
	defer wrap(&err, "MarkInboundOpened(%d)", msgID)
	_, err = tx.ExecContext(ctx, `UPDATE messages SET purpose = $1 WHERE id = $2 AND direction = 'in'`, string(channel.PurposeNewComplaint), msgID)
	return err
}

// CanAssignMessages reports whether the actor may give an unmatched
// incoming message to a complaint: the call center, which triages them.
func CanAssignMessages(a aduan.Actor) bool {
	return CanListMessages(a) && a.Can(aduan.PermComplaintEdit)
}

// AssignInbound gives an incoming message that matched no complaint to the
// complaint a person chose, inside tx, and sets it back to received so that
// its follow-up (identity from a reply, photos) runs as for a matched one;
// the caller enqueues that job in the same transaction.
func (mb *Messages) AssignInbound(ctx context.Context, tx *sql.Tx, actor aduan.Actor, msgID int64, c *aduan.Complaint) (_ *channel.Message, err error) {
	s := mb.s
	defer wrap(&err, "AssignInbound(%d)", msgID)
	if !CanAssignMessages(actor) || !actor.CanSeeComplaint(c) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	m, err := s.message(ctx, tx, msgID)
	if err != nil {
		return nil, err
	}
	if m.Direction != channel.In || m.ComplaintID != 0 {
		return nil, aduan.Errorf(aduan.ETRANSITION, "err.message_not_assignable")
	}
	note := strings.TrimSpace(m.Note + "; assigned to " + c.Number + " by " + actor.Name)
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET complaint_id = $1, status = 'received', processed_at = NULL, note = $2, updated_at = $3,
		assigned_by = $4 WHERE id = $5`, c.ID, strings.TrimPrefix(note, "; "), ms(s.Now()), nullID(actor.UserID), msgID); err != nil {
		return nil, err
	}
	if err := s.audit(ctx, tx, actor, "message.assign", "message", msgID, map[string]any{"status": m.Status},
		map[string]any{"complaint": c.Number}); err != nil {
		return nil, err
	}
	m.ComplaintID, m.ComplaintNumber, m.Status, m.Processed = c.ID, c.Number, channel.StatusReceived, nil
	return m, nil
}

// InboundAssigner returns the person who gave an incoming message to its
// complaint by hand (AssignInbound), as they act now; false when nobody
// did (it matched by itself) or they may no longer act.
func (mb *Messages) InboundAssigner(ctx context.Context, msgID int64) (_ aduan.Actor, _ bool, err error) {
	s := mb.s
	defer wrap(&err, "InboundAssigner(%d)", msgID)
	var uid sql.NullInt64
	err = s.wdb.QueryRowContext(ctx, `SELECT assigned_by FROM messages WHERE id = $1`, msgID).Scan(&uid)
	if err == sql.ErrNoRows || (err == nil && !uid.Valid) {
		return aduan.Actor{}, false, nil
	}
	if err != nil {
		return aduan.Actor{}, false, mapErr(err)
	}
	u, err := s.user(ctx, s.wdb, uid.Int64)
	if err != nil {
		return aduan.Actor{}, false, err
	}
	if !u.Active {
		return aduan.Actor{}, false, nil
	}
	return u.Actor(), true, nil
}

// FinishInbound records how an incoming message was handled.
func (mb *Messages) FinishInbound(ctx context.Context, id int64, st channel.Status, note string) (err error) {
	s := mb.s
	defer wrap(&err, "FinishInbound(%d)", id)
	now := ms(s.Now())
	_, err = s.wdb.ExecContext(ctx, `UPDATE messages SET status = $1, note = $2, processed_at = $3, updated_at = $3 WHERE id = $4`,
		string(st), note, now, id)
	return mapErr(err)
}

// LastInbound returns when the sender last wrote on the channel, for
// WhatsApp's 24-hour window.
func (mb *Messages) LastInbound(ctx context.Context, ch channel.Kind, from string) (_ *time.Time, err error) {
	s := mb.s
	defer wrap(&err, "LastInbound()")
	var at sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT MAX(created_at) FROM messages WHERE channel = $1 AND direction = 'in' AND from_addr = $2`,
		string(ch), from).Scan(&at)
	if err != nil {
		return nil, mapErr(err)
	}
	return nullMS(at), nil
}

// WroteTo reports whether the city sent a message about the complaint to
// addr (an E.164 number or an e-mail address): the people a reply about it
// may come from besides its citizen, such as the agency staff it was
// forwarded to.
func (mb *Messages) WroteTo(ctx context.Context, complaintID int64, addr string) (_ bool, err error) {
	s := mb.s
	defer wrap(&err, "WroteTo(%d)", complaintID)
	var n int
	err = s.wdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE complaint_id = $1 AND direction = 'out' AND LOWER(to_addr) = $2`,
		complaintID, addr).Scan(&n)
	if err != nil {
		return false, mapErr(err)
	}
	return n > 0, nil
}

// OpenComplaintOf returns the citizen's most recent open complaint.
func (cp *Complaints) OpenComplaintOf(ctx context.Context, citizenID int64) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "OpenComplaintOf(%d)", citizenID)
	c, err := scanComplaint(s.wdb.QueryRowContext(ctx, complaintSelect+` WHERE c.citizen_id = $1 AND c.status NOT IN ('closed', 'duplicate', 'rejected')
		ORDER BY c.id DESC LIMIT 1`, citizenID))
	if err == sql.ErrNoRows {
		return nil, notFound("complaint")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return c, nil
}

// OpenComplaintByEmail returns the most recent open complaint that an
// e-mail from address belongs to: one of a citizen with that address that
// came in by e-mail (from that address) or that call-center staff recorded.
// A complaint filed through the public form or Open311 proves nothing about
// the address typed into it: anyone can type another's, and the mail that
// address sends must not land on such a complaint.
func (cp *Complaints) OpenComplaintByEmail(ctx context.Context, address string) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "OpenComplaintByEmail()")
	c, err := scanComplaint(s.wdb.QueryRowContext(ctx, complaintSelect+` WHERE cz.email = $1 AND c.status NOT IN ('closed', 'duplicate', 'rejected')
		AND (c.channel = 'email' OR c.created_by IS NOT NULL) ORDER BY c.id DESC LIMIT 1`, strings.ToLower(strings.TrimSpace(address))))
	if err == sql.ErrNoRows {
		return nil, notFound("complaint")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return c, nil
}

// ComplaintTx reads a complaint inside tx, for the job queue's hooks.
func (cp *Complaints) ComplaintTx(ctx context.Context, tx *sql.Tx, id int64) (_ *aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "ComplaintTx(%d)", id)
	return s.complaint(ctx, tx, id)
}

// AgencyTx reads an agency inside tx.
func (rf *RefData) AgencyTx(ctx context.Context, tx *sql.Tx, id int64) (_ *aduan.Agency, err error) {
	s := rf.s
	defer wrap(&err, "AgencyTx(%d)", id)
	return s.agency(ctx, tx, id)
}

// UsersTx lists the active users of a role, of one agency when agencyID is
// not 0, inside tx: the recipients of notifications.
func (ua *Users) UsersTx(ctx context.Context, tx *sql.Tx, role aduan.Role, agencyID int64) (_ []aduan.User, err error) {
	defer wrap(&err, "UsersTx(%v, %d)", role, agencyID)
	q := `SELECT ` + userCols + ` FROM users WHERE active = TRUE AND role = $1`
	args := []any{string(role)}
	if agencyID != 0 {
		q += ` AND agency_id = $2`
		args = append(args, agencyID)
	}
	rows, err := tx.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []aduan.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// UserTx reads a user inside tx.
func (ua *Users) UserTx(ctx context.Context, tx *sql.Tx, id int64) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "UserTx(%d)", id)
	return s.user(ctx, tx, id)
}

// DuplicatesTx lists the complaints marked as duplicates of id, inside tx:
// their citizens hear the answer too.
func (cp *Complaints) DuplicatesTx(ctx context.Context, tx *sql.Tx, id int64) (_ []*aduan.Complaint, err error) {
	defer wrap(&err, "DuplicatesTx(%d)", id)
	rows, err := tx.QueryContext(ctx, complaintSelect+` WHERE c.duplicate_of = $1 AND c.status = 'duplicate' ORDER BY c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*aduan.Complaint
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// SettingsTx returns the settings with the defaults filled in, inside tx
// (or any queryer). They are kept with the reference data (a change of
// the settings moves ref_version, migration 0040): a new complaint read
// them twice (its receipt, its SLA warning), each a scan of the table and
// on PostgreSQL a round trip. The caller gets its own copy.
func (rf *RefData) SettingsTx(ctx context.Context, tx *sql.Tx) (_ map[string]string, err error) {
	defer wrap(&err, "SettingsTx()")
	r, err := rf.s.refsAt(ctx, tx)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	cur := r.settings
	r.mu.Unlock()
	if cur == nil {
		if cur, err = readSettings(ctx, tx); err != nil {
			return nil, err
		}
		r.mu.Lock()
		r.settings = cur
		r.mu.Unlock()
	}
	return maps.Clone(cur), nil
}

func readSettings(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	out := aduan.DefaultSettings()
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// StandardClockTx returns the step standards and calendars inside tx, from
// the reference cache when it is current. Callers must not change it.
func (rf *RefData) StandardClockTx(ctx context.Context, tx *sql.Tx) (_ *aduan.StandardClock, err error) {
	s := rf.s
	defer wrap(&err, "StandardClockTx()")
	r, err := s.refsAt(ctx, tx)
	if err != nil {
		return nil, err
	}
	return r.standardClock(ctx, s, tx)
}
