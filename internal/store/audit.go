package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
)

type ctxKey int

const requestIDKey ctxKey = 1

// WithRequestID tags ctx so that audit records name the request that made
// them.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

func requestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey).(string)
	return s
}

// audit appends a record to the audit log inside tx. before and after are
// marshalled to JSON; nil leaves them empty.
func (s *Store) audit(ctx context.Context, tx queryer, a aduan.Actor, action, entity string, id int64, before, after any) error {
	b, err := snapshot(before)
	if err != nil {
		return err
	}
	af, err := snapshot(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, entity, entity_id, before_json, after_json, request_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		ms(s.Now()), nullID(a.UserID), a.Name, string(a.Role), action, entity, strconv.FormatInt(id, 10), b, af, requestID(ctx))
	return err
}

func snapshot(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// Audit lists audit records, newest first.
func (s *Store) Audit(ctx context.Context, a aduan.Actor, f aduan.AuditFilter) (_ []aduan.AuditEntry, err error) {
	defer wrap(&err, "Audit()")
	if err := a.Require(aduan.PermAuditRead); err != nil {
		return nil, err
	}
	var w where
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.EntityID != "" {
		w.add("entity_id = ?", f.EntityID)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if f.From != nil {
		w.add("at >= ?", ms(*f.From))
	}
	if f.To != nil {
		w.add("at < ?", ms(*f.To))
	}
	// The callers guess the next page from a full one, so the cursor
	// listDesc finds is not needed here.
	out, _, err := listDesc(ctx, s.rdb, `SELECT id, at, actor_id, actor_name, actor_role, action, entity, entity_id, before_json, after_json, request_id FROM audit_log`,
		&w, "id", f.Before, f.Limit, scanAudit, func(e aduan.AuditEntry) int64 { return e.ID })
	return out, err
}

func scanAudit(sc interface{ Scan(...any) error }) (aduan.AuditEntry, error) {
	var e aduan.AuditEntry
	var at int64
	var actor sql.NullInt64
	var role string
	if err := sc.Scan(&e.ID, &at, &actor, &e.ActorName, &role, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.RequestID); err != nil {
		return e, err
	}
	e.At, e.ActorID, e.ActorRole = fromMS(at), actor.Int64, aduan.Role(role)
	return e, nil
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}

// AuditActions lists the kinds of action the audit log holds, for the
// log's picker (only kinds that happened: a picker of every possible one
// would offer empty results).
func (s *Store) AuditActions(ctx context.Context, a aduan.Actor) (_ []string, err error) {
	defer wrap(&err, "AuditActions")
	if err := a.Require(aduan.PermAuditRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT DISTINCT action FROM audit_log ORDER BY action`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var act string
		if err := rows.Scan(&act); err != nil {
			return nil, err
		}
		out = append(out, act)
	}
	return out, rows.Err()
}

// ComplaintNumbers returns the numbers of the complaints with the given
// IDs (those that exist), for pages that name complaints they list by ID.
func (s *Store) ComplaintNumbers(ctx context.Context, ids []int64) (_ map[int64]string, err error) {
	defer wrap(&err, "ComplaintNumbers")
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var w where
	args := make([]string, len(ids))
	for i, id := range ids {
		args[i] = w.arg(id)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, number FROM complaints WHERE id IN (`+strings.Join(args, ", ")+`)`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
