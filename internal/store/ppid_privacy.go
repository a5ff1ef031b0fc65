package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/kotakita/aduan"
)

// Personal data of public-information requesters (UU 27/2022), under the
// same rules as callers': kept for the personal-data retention period
// (retention_personal_days) after the request's procedure is over, and
// erased on the data subject's request unless a request still running
// needs them to be answered. What was asked, decided and when stays: the
// registers and the annual report count it.

// infoDoneSQL: requests whose procedure is over as far as the city is
// concerned (decided, the objection answered, the Komisi Informasi's
// outcome recorded), whose requester is not yet anonymised.
const infoDoneSQL = `r.name <> '' AND r.status IN ('decided', 'objection_answered', 'closed')`

// retainInfoSQL selects the requests whose requester retention removes
// ($1: the cutoff).
const retainInfoSQL = infoDoneSQL + ` AND r.updated_at < $1`

// anonymiseInfo removes the requester's identity from request id: the
// name, address, phone and e-mail blanked, the sealed ID number deleted,
// and the request's texts redacted of them (and of any e-mail, phone or
// NIK written in). Audited as the system's or the actor's step.
func (p *PPID) anonymiseInfo(ctx context.Context, tx *sql.Tx, actor aduan.Actor, id int64, why string) error {
	r, err := p.request(ctx, tx, id)
	if err != nil {
		return err
	}
	red := newPersonRedactor(&aduan.Citizen{Name: r.Name, Address: r.Address, Phone: r.Phone, Email: r.Email})
	if _, err := tx.ExecContext(ctx, `UPDATE info_requests SET name = '', address = '', phone = '', email = '', information = $1, purpose = $2,
		answer = $3, objection_text = $4, objection_answer = $5 WHERE id = $6`,
		red.text(r.Information), red.text(r.Purpose), red.text(r.Answer), red.text(r.ObjectionText), red.text(r.ObjectionAnswer), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM info_request_ids WHERE request_id = $1`, id); err != nil {
		return err
	}
	return p.s.audit(ctx, tx, actor, "info_request.anonymise", "info_request", id, nil, map[string]any{"number": r.Number, "why": why})
}

// retainInfo anonymises, in batches, the requesters retention removes, or
// with dryRun counts them.
func (p *PPID) retainInfo(ctx context.Context, actor aduan.Actor, cutoff int64, dryRun bool) (int64, error) {
	s := p.s
	if dryRun {
		var n int64
		err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM info_requests r WHERE `+retainInfoSQL, cutoff).Scan(&n)
		return n, mapErr(err)
	}
	var total int64
	for {
		var n int64
		err := s.tx(ctx, func(tx *sql.Tx) error {
			n = 0 // SQLite's group commit may run fn again
			ids, err := queryIDs(ctx, tx, `SELECT r.id FROM info_requests r WHERE `+retainInfoSQL+` ORDER BY r.id LIMIT `+fmt.Sprint(retentionBatch), cutoff)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := p.anonymiseInfo(ctx, tx, actor, id, "retention"); err != nil {
					return err
				}
			}
			n = int64(len(ids))
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("retention of requesters: %w", err)
		}
		total += n
		if n < retentionBatch {
			return total, nil
		}
	}
}

// eraseInfo carries an erasure request over to the requests made from the
// subject's phone or e-mail: those whose procedure is over lose the
// requester's identity (their numbers in anonymised); those still running
// keep it (kept), as the answer the law owes goes to that person.
func (p *PPID) eraseInfo(ctx context.Context, tx *sql.Tx, actor aduan.Actor, e164, email string) (anonymised []string, kept []aduan.KeptComplaint, err error) {
	if e164 == "" && email == "" {
		return nil, nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.number, r.status FROM info_requests r WHERE r.name <> ''
		AND ((r.phone <> '' AND r.phone = $1) OR (r.email <> '' AND LOWER(r.email) = $2)) ORDER BY r.id`, e164, strings.ToLower(email))
	if err != nil {
		return nil, nil, err
	}
	type req struct {
		id             int64
		number, status string
	}
	var rs []req
	for rows.Next() {
		var r req
		if err := rows.Scan(&r.id, &r.number, &r.status); err != nil {
			rows.Close()
			return nil, nil, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	for _, r := range rs {
		switch aduan.InfoStatus(r.status) {
		case aduan.InfoDecided, aduan.InfoObjAnswer, aduan.InfoClosed:
			if err := p.anonymiseInfo(ctx, tx, actor, r.id, "erasure"); err != nil {
				return nil, nil, err
			}
			anonymised = append(anonymised, r.number)
		default:
			kept = append(kept, aduan.KeptComplaint{Number: r.number, Reason: KeepReasonInfoOpen})
		}
	}
	return anonymised, kept, nil
}

// KeepReasonInfoOpen: a request for information still running keeps its
// requester, who is owed the answer (catalogue privacy.kept.ppid_open).
const KeepReasonInfoOpen = "ppid_open"

// queryIDs runs a query of one ID column and returns the IDs.
func queryIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
