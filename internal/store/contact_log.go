package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan"
)

const contactCols = `c.id, c.kind, c.channel, c.phone, COALESCE(c.operator_id, 0), COALESCE(u.name, ''), c.started_at, c.duration_ms,
	COALESCE(c.complaint_id, 0), c.note, COALESCE(c.call_id, ''), c.called_back_at, c.created_at`

func scanContact(sc interface{ Scan(...any) error }) (aduan.Contact, error) {
	var c aduan.Contact
	var started, dur, created int64
	var back sql.NullInt64
	err := sc.Scan(&c.ID, &c.Kind, &c.Channel, &c.Phone, &c.OperatorID, &c.Operator, &started, &dur, &c.ComplaintID, &c.Note, &c.CallID, &back, &created)
	c.StartedAt, c.Duration, c.CalledBackAt, c.CreatedAt = fromMS(started), time.Duration(dur)*time.Millisecond, nullMS(back), fromMS(created)
	return c, err
}

// LogContact records a contact with the call center. The call center logs
// what a contact was; the PBX's incoming-call pop (PermCallPop) logs calls
// as answered or missed. A contact with the call ID of one already logged
// classifies that one instead (the operator says what an answered call
// was), so a PBX or a double click that sends it twice logs it once; a
// classified contact keeps its kind.
func (ci *Citizens) LogContact(ctx context.Context, actor aduan.Actor, c *aduan.Contact) (err error) {
	s := ci.s
	defer wrap(&err, "LogContact(%s)", c.Kind)
	defer func() {
		if err != nil {
			err = mapErr(err)
		}
	}()
	pop := c.Kind == aduan.ContactMissed || c.Kind == aduan.ContactAnswered
	if !actor.Can(aduan.PermComplaintCreate) && !(pop && actor.Can(aduan.PermCallPop)) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = s.Now()
	}
	// The operator who logs a contact handled it; the PBX's pop names the
	// operator whose phone rang, if any.
	if c.OperatorID == 0 && !pop && !actor.IsSystem() {
		c.OperatorID = actor.UserID
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if c.ComplaintID != 0 {
			if _, err := s.complaint(ctx, tx, c.ComplaintID); err != nil {
				return fieldErr("complaint_id", "err.field.unknown")
			}
		}
		if c.OperatorID != 0 {
			u, err := s.user(ctx, tx, c.OperatorID)
			if err != nil {
				return fieldErr("operator", "err.field.unknown")
			}
			c.Operator = u.Name
		}
		if c.CallID != "" {
			cur, err := scanContact(tx.QueryRowContext(ctx, `SELECT `+contactCols+` FROM contacts c LEFT JOIN users u ON u.id = c.operator_id WHERE c.call_id = $1`, c.CallID))
			switch {
			case err == nil:
				if cur.Kind != aduan.ContactAnswered || pop {
					*c = cur // logged already: the first word stands
					return nil
				}
				if _, err := tx.ExecContext(ctx, `UPDATE contacts SET kind = $1, channel = $2, operator_id = $3, duration_ms = $4, complaint_id = $5, note = $6 WHERE id = $7`,
					string(c.Kind), string(c.Channel), nullID(c.OperatorID), c.Duration.Milliseconds(), nullID(c.ComplaintID), c.Note, cur.ID); err != nil {
					return err
				}
				c.ID, c.Phone, c.StartedAt, c.CreatedAt = cur.ID, cur.Phone, cur.StartedAt, cur.CreatedAt
				return s.audit(ctx, tx, actor, "contact.classify", "contact", c.ID, cur, c)
			case err != sql.ErrNoRows:
				return err
			}
		}
		return s.insertContact(ctx, tx, actor, c)
	})
}

// insertContact writes a new contact and its audit record inside tx; the
// PPID's register logs the desk's contact of an information request with
// the request (store/ppid.go).
func (s *Store) insertContact(ctx context.Context, tx *sql.Tx, actor aduan.Actor, c *aduan.Contact) error {
	c.CreatedAt = s.Now()
	if err := tx.QueryRowContext(ctx, `INSERT INTO contacts (kind, channel, phone, operator_id, started_at, duration_ms, complaint_id, note, call_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		string(c.Kind), string(c.Channel), string(c.Phone), nullID(c.OperatorID), ms(c.StartedAt), c.Duration.Milliseconds(),
		nullID(c.ComplaintID), c.Note, nullStr(c.CallID), ms(c.CreatedAt)).Scan(&c.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "contact.log", "contact", c.ID, nil, c)
}

// Callbacks lists the missed calls not yet returned, oldest first: the
// call center's call-back list.
func (ci *Citizens) Callbacks(ctx context.Context, actor aduan.Actor) (_ []aduan.Contact, err error) {
	s := ci.s
	defer wrap(&err, "Callbacks()")
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+contactCols+` FROM contacts c LEFT JOIN users u ON u.id = c.operator_id
		WHERE c.kind = 'missed' AND c.called_back_at IS NULL ORDER BY c.started_at, c.id LIMIT 500`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ContactCounts counts the contacts that started in [from, to) by kind and
// channel, for the reports beside the complaints.
func (ci *Citizens) ContactCounts(ctx context.Context, actor aduan.Actor, from, to time.Time) (_ map[aduan.ContactKind]map[aduan.Channel]int, err error) {
	s := ci.s
	defer wrap(&err, "ContactCounts()")
	if err := actor.Require(aduan.PermStatsRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT kind, channel, COUNT(*) FROM contacts WHERE started_at >= $1 AND started_at < $2 GROUP BY kind, channel`, ms(from), ms(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[aduan.ContactKind]map[aduan.Channel]int{}
	for rows.Next() {
		var k aduan.ContactKind
		var ch aduan.Channel
		var n int
		if err := rows.Scan(&k, &ch, &n); err != nil {
			return nil, err
		}
		if out[k] == nil {
			out[k] = map[aduan.Channel]int{}
		}
		out[k][ch] = n
	}
	return out, rows.Err()
}
