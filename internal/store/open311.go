package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// Open311 is the public side of the store: Open311 keys and services,
// public complaint listings and events, tracking by number, the
// satisfaction surveys (SMS and the SKM link), form nonces and the
// public settings.
type Open311 struct {
	s *Store
}

// Open311 returns the store's open311.
func (s *Store) Open311() *Open311 { return &Open311{s: s} }

// This file is the store's part of the citizens' side: Open311 client keys,
// services and their attributes, what came with a complaint from outside
// (Open311 or the public form), FixMyStreet updates, the public view of
// complaints, the satisfaction survey, rate limits and the public form's
// secrets.

// Open311Key is an Open311 client's API key. Only its hash is stored; the
// key itself is shown once, when it is made.
type Open311Key struct {
	ID        int64
	Name      string
	Prefix    string // first characters, to tell keys apart in lists
	PerHour   int    // requests an hour the client may make with it
	CreatedAt time.Time
	CreatedBy string
	LastUsed  *time.Time
	RevokedAt *time.Time
}

// DefaultKeyPerHour is the rate limit of a new key.
const DefaultKeyPerHour = 600

// CreateOpen311Key makes a key for an Open311 client (IT staff only) and
// returns its secret, shown once.
func (o *Open311) CreateOpen311Key(ctx context.Context, actor aduan.Actor, name string, perHour int) (_ string, _ *Open311Key, err error) {
	s := o.s
	defer wrap(&err, "CreateOpen311Key()")
	if err := actor.Require(aduan.PermTokenAdmin); err != nil {
		return "", nil, err
	}
	name = strings.Join(strings.Fields(name), " ")
	var v aduan.Validation
	switch {
	case name == "":
		v.Add("name", "err.field.required")
	case len([]rune(name)) > 100:
		v.Add("name", "err.field.too_long", 100)
	}
	if perHour == 0 {
		perHour = DefaultKeyPerHour
	}
	if perHour < 1 || perHour > 1_000_000 {
		v.Add("per_hour", "err.field.range", 1, 1_000_000)
	}
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	secret := randomToken("o311_")
	k := &Open311Key{Name: name, Prefix: secret[:10], PerHour: perHour, CreatedAt: s.Now(), CreatedBy: actor.Name}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO open311_keys (name, prefix, hash, per_hour, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			k.Name, k.Prefix, hashToken(secret), k.PerHour, ms(k.CreatedAt), k.CreatedBy).Scan(&k.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "open311_key.create", "open311_key", k.ID, nil, k)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, k, nil
}

const open311KeyCols = `id, name, prefix, per_hour, created_at, created_by, last_used, revoked_at`

func scanOpen311Key(sc interface{ Scan(...any) error }) (*Open311Key, error) {
	var k Open311Key
	var c int64
	var lu, rv sql.NullInt64
	if err := sc.Scan(&k.ID, &k.Name, &k.Prefix, &k.PerHour, &c, &k.CreatedBy, &lu, &rv); err != nil {
		return nil, err
	}
	k.CreatedAt, k.LastUsed, k.RevokedAt = fromMS(c), nullMS(lu), nullMS(rv)
	return &k, nil
}

// Open311Keys lists every key, revoked ones too (IT staff only).
func (o *Open311) Open311Keys(ctx context.Context, actor aduan.Actor) (_ []Open311Key, err error) {
	s := o.s
	defer wrap(&err, "Open311Keys()")
	if err := actor.Require(aduan.PermTokenAdmin); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+open311KeyCols+` FROM open311_keys ORDER BY id`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []Open311Key
	for rows.Next() {
		k, err := scanOpen311Key(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *k)
	}
	return out, rows.Err()
}

// RevokeOpen311Key revokes a key: the client's next request is refused.
func (o *Open311) RevokeOpen311Key(ctx context.Context, actor aduan.Actor, id int64) (err error) {
	s := o.s
	defer wrap(&err, "RevokeOpen311Key(%d)", id)
	if err := actor.Require(aduan.PermTokenAdmin); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var rv sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT revoked_at FROM open311_keys WHERE id = $1`, id).Scan(&rv)
		if err == sql.ErrNoRows {
			return notFound("open311_key")
		}
		if err != nil || rv.Valid {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE open311_keys SET revoked_at = $1 WHERE id = $2`, ms(s.Now()), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "open311_key.revoke", "open311_key", id, nil, nil)
	})
}

// Open311KeyBySecret returns the live key with this secret; a missing,
// unknown or revoked key is EFORBIDDEN (the standard's 403).
func (o *Open311) Open311KeyBySecret(ctx context.Context, secret string) (_ *Open311Key, err error) {
	s := o.s
	defer wrap(&err, "Open311KeyBySecret()")
	secret = strings.TrimSpace(secret)
	if secret == "" {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "o311.err.key_missing")
	}
	k, err := scanOpen311Key(s.rdb.QueryRowContext(ctx, `SELECT `+open311KeyCols+` FROM open311_keys WHERE hash = $1`, hashToken(secret)))
	if err == sql.ErrNoRows {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "o311.err.key_invalid")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if k.RevokedAt != nil {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "o311.err.key_revoked")
	}
	// Use is recorded at most once a minute, as for API tokens.
	now := s.Now()
	if k.LastUsed == nil || now.Sub(*k.LastUsed) > time.Minute {
		if _, err := s.wdb.ExecContext(ctx, `UPDATE open311_keys SET last_used = $1 WHERE id = $2`, ms(now), k.ID); err != nil {
			return nil, mapErr(err)
		}
	}
	return k, nil
}

// ComplaintSource is what came with a complaint filed from outside the call
// center: by an Open311 client or on the public web form.
type ComplaintSource struct {
	ComplaintID int64
	KeyID       int64 // the Open311 client; 0 for the web form
	DeviceID    string
	AccountID   string
	MediaURL    string
	AddressID   string
	Token       string // batch services: the token that names the request
	ClientIP    string
	Attributes  []AttributeAnswer
	// Continued is the part of a long description that did not fit the
	// complaint's text, kept as notes (InsertDescriptionNotesTx), not in
	// complaint_sources.
	Continued []string
}

// AttributeAnswer is one value given for a service attribute; a
// multivaluelist has one per choice.
type AttributeAnswer struct {
	Code  string
	Value string
}

// InsertDescriptionNotesTx records, inside a new complaint's transaction,
// the rest of a description longer than a complaint's text (Open311
// clients may send up to open311.MaxDescription characters): one note per
// part, in order, so that staff read all of it on the timeline.
func (o *Open311) InsertDescriptionNotesTx(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, actorName string, parts []string) (err error) {
	s := o.s
	defer wrap(&err, "InsertDescriptionNotesTx(%d)", c.ID)
	for i, part := range parts {
		ev := &aduan.Event{ComplaintID: c.ID, Action: aduan.ActionNote, From: c.Status, To: c.Status, ActorName: actorName, At: c.ReceivedAt,
			Details: map[string]string{"note": part, "source": "open311_description", "part": strconv.Itoa(i + 2)}}
		if err := s.insertEvent(ctx, tx, ev); err != nil {
			return err
		}
	}
	return nil
}

// InsertComplaintSource records where a new complaint came from, inside
// the transaction that creates it (a hook given to CreateComplaint).
func (o *Open311) InsertComplaintSource(ctx context.Context, tx *sql.Tx, src *ComplaintSource) (err error) {
	defer wrap(&err, "InsertComplaintSource()")
	if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_sources (complaint_id, key_id, device_id, account_id, media_url, address_id, token, client_ip)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, src.ComplaintID, nullID(src.KeyID), src.DeviceID, src.AccountID, src.MediaURL, src.AddressID,
		nullStr(src.Token), src.ClientIP); err != nil {
		return err
	}
	seq := map[string]int{}
	for _, a := range src.Attributes {
		seq[a.Code]++
		if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_attributes (complaint_id, code, seq, value) VALUES ($1, $2, $3, $4)`,
			src.ComplaintID, a.Code, seq[a.Code], a.Value); err != nil {
			return err
		}
	}
	return nil
}

// ComplaintByToken returns the number of the complaint a batch token
// names.
func (o *Open311) ComplaintByToken(ctx context.Context, token string) (_ string, err error) {
	s := o.s
	defer wrap(&err, "ComplaintByToken()")
	var number string
	err = s.rdb.QueryRowContext(ctx, `SELECT c.number FROM complaint_sources s JOIN complaints c ON c.id = s.complaint_id WHERE s.token = $1`, token).Scan(&number)
	if err == sql.ErrNoRows {
		return "", notFound("token")
	}
	return number, mapErr(err)
}

// NewRequestToken makes a batch token.
func NewRequestToken() string {
	b := make([]byte, 12)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// PublicComplaint is a complaint as the public may see it, with what the
// Open311 view needs beside it. Citizen is loaded only so that its details
// can be removed from the text; it is never shown.
type PublicComplaint struct {
	*aduan.Complaint
	CategoryCode string
	PostalCode   string
	MediaURL     string
	AddressID    string
	Attributes   []AttributeAnswer
}

// PublicFilter selects complaints for the public lists. Only complaints of
// a public category, neither anonymous nor confidential nor rejected, are
// ever listed.
type PublicFilter struct {
	Numbers  []string // overrides the rest
	Codes    []string // category codes
	Open     *bool
	From, To *time.Time // on ReceivedAt; To inclusive
	Offset   int
	Limit    int
}

// PublicComplaints lists complaints the public may see, newest first.
func (o *Open311) PublicComplaints(ctx context.Context, f PublicFilter) (_ []*PublicComplaint, err error) {
	s := o.s
	defer wrap(&err, "PublicComplaints()")
	w := &where{}
	w.add("cat.public = ?", true)
	w.add("c.confidentiality = ?", string(aduan.Public))
	w.add("c.status <> ?", string(aduan.StatusRejected))
	if len(f.Numbers) > 0 {
		ph := make([]string, len(f.Numbers))
		for i, n := range f.Numbers {
			ph[i] = w.arg(strings.ToUpper(strings.TrimSpace(n)))
		}
		w.conds = append(w.conds, "c.number IN ("+strings.Join(ph, ", ")+")")
	} else {
		if len(f.Codes) > 0 {
			ph := make([]string, len(f.Codes))
			for i, c := range f.Codes {
				ph[i] = w.arg(c)
			}
			w.conds = append(w.conds, "cat.code IN ("+strings.Join(ph, ", ")+")")
		}
		if f.Open != nil {
			closed := []string{w.arg(string(aduan.StatusClosed)), w.arg(string(aduan.StatusDuplicate))}
			op := "NOT IN"
			if !*f.Open {
				op = "IN"
			}
			w.conds = append(w.conds, "c.status "+op+" ("+strings.Join(closed, ", ")+")")
		}
		if f.From != nil {
			w.add("c.received_at >= ?", ms(*f.From))
		}
		if f.To != nil {
			w.add("c.received_at <= ?", ms(*f.To))
		}
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	q := strings.Replace(complaintSelect, "\nFROM complaints c", `, cat.code, COALESCE(kel.postal_code, ''), COALESCE(src.media_url, ''), COALESCE(src.address_id, '')
FROM complaints c`, 1) + ` LEFT JOIN complaint_sources src ON src.complaint_id = c.id` + w.sql() +
		` ORDER BY c.received_at DESC, c.id DESC LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(max(f.Offset, 0))
	rows, err := s.rdb.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*PublicComplaint
	for rows.Next() {
		p := &PublicComplaint{}
		var code sql.NullString
		c, err := scanComplaint(extraScan{rows, []any{&code, &p.PostalCode, &p.MediaURL, &p.AddressID}})
		if err != nil {
			return nil, err
		}
		p.Complaint, p.CategoryCode = c, code.String
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	return out, s.fillAttributes(ctx, out)
}

type extraScan struct {
	rows  *sql.Rows
	extra []any
}

func (e extraScan) Scan(dest ...any) error { return e.rows.Scan(append(dest, e.extra...)...) }

func (s *Store) fillAttributes(ctx context.Context, list []*PublicComplaint) error {
	if len(list) == 0 {
		return nil
	}
	byID := map[int64]*PublicComplaint{}
	var w where
	ph := make([]string, len(list))
	for i, p := range list {
		byID[p.ID] = p
		ph[i] = w.arg(p.ID)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT complaint_id, code, value FROM complaint_attributes WHERE complaint_id IN (`+strings.Join(ph, ", ")+`) ORDER BY complaint_id, code, seq`, w.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a AttributeAnswer
		if err := rows.Scan(&id, &a.Code, &a.Value); err != nil {
			return err
		}
		byID[id].Attributes = append(byID[id].Attributes, a)
	}
	return rows.Err()
}

// PublicComplaint returns one complaint the public may see, by number.
func (o *Open311) PublicComplaint(ctx context.Context, number string) (_ *PublicComplaint, err error) {
	s := o.s
	defer wrap(&err, "PublicComplaint(%s)", number)
	if _, _, ok := aduan.ParseNumber(number); !ok {
		return nil, notFound("complaint")
	}
	list, err := s.Open311().PublicComplaints(ctx, PublicFilter{Numbers: []string{number}, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("complaint")
	}
	return list[0], nil
}

// PublicEvent is one step of a complaint as the public sees it.
type PublicEvent struct {
	ID       int64
	Number   string
	Action   aduan.Action
	To       aduan.Status
	At       time.Time
	Answer   string // the answer given at this step, if any
	Note     string // an update from an Open311 client
	External bool   // recorded from an Open311 client's update
	// Citizen is the complaint's caller, loaded only so that their details
	// can be removed from the answer (citizen.Redact); never shown.
	Citizen *aduan.Citizen
}

// PublicEventQuery selects the FixMyStreet servicerequestupdates: between
// From and To (inclusive), oldest first; or, without dates (Newest), the
// most recently recorded first. Paging is by Offset or, for Newest, by
// Before (the ID of the last update the client has, the cursor).
type PublicEventQuery struct {
	From, To time.Time
	Newest   bool
	Before   int64
	Offset   int
	Limit    int // 1–1000; 1000 when out of range
}

// PublicEvents lists the steps of public complaints between from and to
// (inclusive), oldest first: the FixMyStreet servicerequestupdates. Notes
// and edits are internal, except updates that came from Open311 clients.
func (o *Open311) PublicEvents(ctx context.Context, from, to time.Time, limit int) (_ []PublicEvent, err error) {
	s := o.s
	defer wrap(&err, "PublicEvents()")
	return s.Open311().PublicEventsQuery(ctx, PublicEventQuery{From: from, To: to, Limit: limit})
}

// PublicEventsQuery lists the updates q selects (see PublicEvents). The
// internal notes are left out in the query, so that a page holds Limit
// updates whenever there are that many.
func (o *Open311) PublicEventsQuery(ctx context.Context, q PublicEventQuery) (_ []PublicEvent, err error) {
	s := o.s
	defer wrap(&err, "PublicEventsQuery()")
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 1000
	}
	var w where
	w.add("cat.public = ?", true)
	w.add("c.confidentiality = ?", string(aduan.Public))
	w.add("c.status <> ?", string(aduan.StatusRejected))
	w.add("e.action <> ?", string(aduan.ActionEdit))
	// An Open311 client's own update is a note with source open311 (the
	// JSON of details has sorted keys and no spaces).
	w.add("(e.action <> ? OR e.details LIKE ?)", string(aduan.ActionNote), `%"source":"open311"%`)
	order := "e.at, e.id"
	if q.Newest {
		order = "e.id DESC"
		if q.Before > 0 {
			w.add("e.id < ?", q.Before)
		}
	} else {
		w.add("e.at >= ?", ms(q.From))
		w.add("e.at <= ?", ms(q.To))
	}
	args := append(w.args, q.Limit, max(q.Offset, 0))
	n := len(w.args)
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.id, c.number, e.action, e.to_status, e.at, e.details,
		cz.id, cz.name, cz.phone, cz.email, cz.address
		FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id JOIN categories cat ON cat.id = c.category_id
		LEFT JOIN citizens cz ON cz.id = c.citizen_id`+w.sql()+` ORDER BY `+order+
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n+1, n+2), args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []PublicEvent
	for rows.Next() {
		var e PublicEvent
		var act, st, det string
		var at int64
		var czID sql.NullInt64
		var czName, czPhone, czEmail, czAddr sql.NullString
		if err := rows.Scan(&e.ID, &e.Number, &act, &st, &at, &det, &czID, &czName, &czPhone, &czEmail, &czAddr); err != nil {
			return nil, err
		}
		if czID.Valid {
			e.Citizen = &aduan.Citizen{ID: czID.Int64, Name: czName.String, Phone: aduan.Phone(czPhone.String), Email: czEmail.String, Address: czAddr.String}
		}
		e.Action, e.To, e.At = aduan.Action(act), aduan.Status(st), fromMS(at)
		var d map[string]string
		json.Unmarshal([]byte(det), &d)
		if e.Action == aduan.ActionNote {
			if d["source"] != "open311" {
				continue
			}
			e.External, e.Note = true, d["note"]
		}
		if e.Action == aduan.ActionAnswer || e.Action == aduan.ActionRelay {
			e.Answer = d["answer"]
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Open311Update is an update a client (FixMyStreet) sent on a request.
type Open311Update struct {
	ID          int64
	KeyID       int64
	ExternalID  string
	ComplaintID int64
	EventID     int64
	Status      string
	Description string
	CreatedAt   time.Time
}

// AddOpen311Update records a client's update on a public complaint as a
// note in its event log (it never moves the complaint: only the call
// center does that). The same update_id from the same client twice records
// it once; created says whether this call did.
func (o *Open311) AddOpen311Update(ctx context.Context, key *Open311Key, number string, u *Open311Update) (created bool, err error) {
	s := o.s
	defer wrap(&err, "AddOpen311Update(%s)", number)
	pc, err := s.Open311().PublicComplaint(ctx, number)
	if err != nil {
		return false, err
	}
	actor := aduan.Actor{System: true, Name: "open311:" + key.Name}
	var done *aduan.Complaint
	var event *aduan.Event
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM open311_updates WHERE key_id = $1 AND external_id = $2`, key.ID, u.ExternalID).Scan(&id)
		if err == nil {
			u.ID = id
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
		c, err := s.complaint(ctx, tx, pc.ID)
		if err != nil {
			return err
		}
		now := s.Now()
		ev := &aduan.Event{ComplaintID: c.ID, Action: aduan.ActionNote, From: c.Status, To: c.Status, At: now, ActorName: actor.Name,
			Details: map[string]string{"source": "open311", "note": u.Description, "client_status": u.Status, "update_id": u.ExternalID}}
		if err := s.insertEvent(ctx, tx, ev); err != nil {
			return err
		}
		u.KeyID, u.ComplaintID, u.EventID, u.CreatedAt = key.ID, c.ID, ev.ID, now
		if err := tx.QueryRowContext(ctx, `INSERT INTO open311_updates (key_id, external_id, complaint_id, event_id, status, description, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, key.ID, u.ExternalID, c.ID, ev.ID, u.Status, u.Description, ms(now)).Scan(&u.ID); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, "complaint.note", "complaint", c.ID, nil, ev.Details); err != nil {
			return err
		}
		if err := s.transition(ctx, tx, c, ev); err != nil {
			return err
		}
		done, event, created = c, ev, true
		return nil
	})
	if err == nil && created {
		s.committed(done, event)
	}
	return created, err
}

// TrackComplaint finds a complaint for the public tracking page: its number
// and the last four digits of the phone it was filed from must match. A
// wrong number and wrong digits are the same "not found", so that a guess
// learns nothing; a complaint with no phone cannot be tracked this way.
func (o *Open311) TrackComplaint(ctx context.Context, number, last4 string) (_ *aduan.Complaint, _ []aduan.Event, err error) {
	s := o.s
	defer wrap(&err, "TrackComplaint(%s)", number)
	c, err := s.Complaints().ComplaintByNumber(ctx, aduan.System, number)
	if err != nil {
		return nil, nil, err
	}
	last4 = strings.TrimSpace(last4)
	if len(last4) != 4 || c.Citizen == nil || c.Citizen.Phone == "" || phone.Last4(string(c.Citizen.Phone)) != last4 {
		return nil, nil, notFound("complaint")
	}
	evs, err := s.Complaints().Events(ctx, aduan.System, c.ID)
	return c, evs, err
}

// SurveyInvitation is the satisfaction survey sent to a citizen after their
// complaint was closed.
type SurveyInvitation struct {
	ID          int64
	ComplaintID int64
	Number      string
	Phone       string
	SentAt      time.Time
	ExpiresAt   time.Time
	AnsweredAt  *time.Time
	Score       int
}

// InviteSurveyTx records a survey invitation inside tx (the transaction
// that closes the complaint). A complaint is surveyed once, whatever
// happens to it later; created says whether this call made the invitation.
func (o *Open311) InviteSurveyTx(ctx context.Context, tx *sql.Tx, complaintID int64, e164 string, expires time.Time) (_ bool, err error) {
	s := o.s
	defer wrap(&err, "InviteSurveyTx(%d)", complaintID)
	now := s.Now()
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO survey_invitations (complaint_id, phone, sent_at, expires_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (complaint_id) DO NOTHING RETURNING id`, complaintID, e164, ms(now), ms(expires)).Scan(&id)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// PendingSurvey returns the newest unanswered, unexpired invitation sent to
// this number, or ENOTFOUND.
func (o *Open311) PendingSurvey(ctx context.Context, e164 string) (_ *SurveyInvitation, err error) {
	s := o.s
	defer wrap(&err, "PendingSurvey()")
	var inv SurveyInvitation
	var sent, exp int64
	err = s.wdb.QueryRowContext(ctx, `SELECT i.id, i.complaint_id, c.number, i.phone, i.sent_at, i.expires_at FROM survey_invitations i
		JOIN complaints c ON c.id = i.complaint_id
		WHERE i.phone = $1 AND i.answered_at IS NULL AND i.expires_at > $2 ORDER BY i.sent_at DESC, i.id DESC LIMIT 1`, e164, ms(s.Now())).
		Scan(&inv.ID, &inv.ComplaintID, &inv.Number, &inv.Phone, &sent, &exp)
	if err == sql.ErrNoRows {
		return nil, notFound("survey")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	inv.SentAt, inv.ExpiresAt = fromMS(sent), fromMS(exp)
	return &inv, nil
}

// AnswerSurvey records the citizen's score (1–5) against the complaint, in
// survey_responses, which the monthly report reads. An invitation is
// answered once: a second reply changes nothing and reports false.
func (o *Open311) AnswerSurvey(ctx context.Context, invID int64, score int, channel, comment string) (_ bool, err error) {
	s := o.s
	defer wrap(&err, "AnswerSurvey(%d, %s)", invID, channel)
	answered := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		answered, err = s.Open311().AnswerSurveyTx(ctx, tx, invID, score, channel, comment)
		return err
	})
	return answered, err
}

// AnswerSurveyTx is AnswerSurvey inside tx.
func (o *Open311) AnswerSurveyTx(ctx context.Context, tx *sql.Tx, invID int64, score int, channel, comment string) (_ bool, err error) {
	s := o.s
	defer wrap(&err, "AnswerSurveyTx(%d, %s)", invID, channel)
	if score < 1 || score > 5 {
		return false, fieldErr("score", "err.field.range", 1, 5)
	}
	now := s.Now()
	var cid int64
	err = tx.QueryRowContext(ctx, `UPDATE survey_invitations SET answered_at = $1, score = $2 WHERE id = $3 AND answered_at IS NULL RETURNING complaint_id`,
		ms(now), score, invID).Scan(&cid)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO survey_responses (complaint_id, score, comment, channel, created_at) VALUES ($1, $2, $3, $4, $5)`,
		cid, score, comment, channel, ms(now)); err != nil {
		return false, err
	}
	return true, s.audit(ctx, tx, aduan.System, "survey.answer", "complaint", cid, nil, map[string]any{"score": score, "channel": channel})
}

// SurveyScores lists the scores recorded for a complaint, oldest first.
func (o *Open311) SurveyScores(ctx context.Context, complaintID int64) (_ []int, err error) {
	s := o.s
	defer wrap(&err, "SurveyScores(%d)", complaintID)
	rows, err := s.rdb.QueryContext(ctx, `SELECT score FROM survey_responses WHERE complaint_id = $1 ORDER BY id`, complaintID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// PublicSecret returns the named secret of the public pages, making it on
// first use; every instance reads the same one.
func (o *Open311) PublicSecret(ctx context.Context, name string) (_ []byte, err error) {
	s := o.s
	defer wrap(&err, "PublicSecret()")
	b := make([]byte, 32)
	rand.Read(b)
	fresh := base64.RawURLEncoding.EncodeToString(b)
	var v string
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO public_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, name, fresh); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM public_secrets WHERE name = $1`, name).Scan(&v)
	})
	if err != nil {
		return nil, err
	}
	return base64.RawURLEncoding.DecodeString(v)
}

// UseNonce records a form token's nonce and reports whether it was unused.
// Nonces older than a day are forgotten (the tokens expire sooner).
func (o *Open311) UseNonce(ctx context.Context, nonce string) (_ bool, err error) {
	s := o.s
	defer wrap(&err, "UseNonce()")
	now := s.Now()
	fresh := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO form_nonces (nonce, used_at) VALUES ($1, $2) ON CONFLICT (nonce) DO NOTHING`, nonce, ms(now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		fresh = n == 1
		_, err = tx.ExecContext(ctx, `DELETE FROM form_nonces WHERE used_at < $1`, ms(now.Add(-24*time.Hour)))
		return err
	})
	return fresh, err
}

// PublicSettings returns the city's settings with their defaults filled in.
func (o *Open311) PublicSettings(ctx context.Context) (_ map[string]string, err error) {
	s := o.s
	defer wrap(&err, "PublicSettings()")
	stored, err := s.RefData().Settings(ctx)
	if err != nil {
		return nil, err
	}
	all := aduan.DefaultSettings()
	for k, v := range stored {
		all[k] = v
	}
	return all, nil
}

// ChangesetOf returns a sortable stamp of the last change to the services
// (categories, their Open311 settings and attributes): the discovery's
// changeset. It reads the audit log of those changes.
func (o *Open311) ChangesetOf(ctx context.Context) (_ time.Time, err error) {
	s := o.s
	defer wrap(&err, "ChangesetOf()")
	var at sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT MAX(at) FROM audit_log WHERE entity = $1`, "category").Scan(&at)
	if err != nil {
		return time.Time{}, mapErr(err)
	}
	if !at.Valid {
		var applied sql.NullInt64
		if err := s.rdb.QueryRowContext(ctx, `SELECT MAX(applied_at) FROM schema_migrations`).Scan(&applied); err != nil {
			return time.Time{}, mapErr(err)
		}
		return fromMS(applied.Int64), nil
	}
	return fromMS(at.Int64), nil
}

// FinishInboundTx records, inside tx, how an incoming message was handled
// (FinishInbound, for a command answered in the same transaction).
func (mb *Messages) FinishInboundTx(ctx context.Context, tx *sql.Tx, id int64, st channel.Status, note string) (err error) {
	s := mb.s
	defer wrap(&err, "FinishInboundTx(%d)", id)
	now := ms(s.Now())
	_, err = tx.ExecContext(ctx, `UPDATE messages SET status = $1, note = $2, processed_at = $3, updated_at = $3 WHERE id = $4`,
		string(st), note, now, id)
	return err
}
