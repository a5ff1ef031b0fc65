package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// The breach log: personal-data incidents, with the notifications to the
// subjects and to the authority that UU 27/2022 art. 46 asks for within
// 3×24 hours of discovery (breach_notify_hours).

const breachCols = `id, title, description, occurred_at, discovered_at, affected, affected_count, data_kinds, measures, due_at,
	subjects_notified_at, subjects_notice, authority_notified_at, authority_notice, closed_at, created_by, created_by_name, created_at, updated_at, version`

func scanBreach(sc interface{ Scan(...any) error }) (*aduan.Breach, error) {
	var b aduan.Breach
	var occurred, subj, auth, closed, by sql.NullInt64
	var disc, due, created, updated int64
	var kinds string
	if err := sc.Scan(&b.ID, &b.Title, &b.Description, &occurred, &disc, &b.Affected, &b.AffectedCount, &kinds, &b.Measures, &due,
		&subj, &b.SubjectsNotice, &auth, &b.AuthorityNotice, &closed, &by, &b.CreatedByName, &created, &updated, &b.Version); err != nil {
		return nil, err
	}
	b.OccurredAt, b.DiscoveredAt, b.DueAt = nullMS(occurred), fromMS(disc), fromMS(due)
	b.SubjectsNotifiedAt, b.AuthorityNotifiedAt, b.ClosedAt = nullMS(subj), nullMS(auth), nullMS(closed)
	b.CreatedBy, b.CreatedAt, b.UpdatedAt = by.Int64, fromMS(created), fromMS(updated)
	if kinds != "" {
		b.DataKinds = strings.Split(kinds, ",")
	}
	return &b, nil
}

// breachAudit: a breach record holds no one's personal data (it says whom
// and how many, in general terms), so the audit keeps it whole.
func breachAudit(b *aduan.Breach) *aduan.Breach { c := *b; return &c }

func (p *Privacy) breach(ctx context.Context, q queryer, id int64) (*aduan.Breach, error) {
	b, err := scanBreach(q.QueryRowContext(ctx, `SELECT `+breachCols+` FROM privacy_breaches WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("breach")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return b, nil
}

// Breach returns one incident.
func (p *Privacy) Breach(ctx context.Context, actor aduan.Actor, id int64) (_ *aduan.Breach, err error) {
	defer wrap(&err, "Privacy.Breach(%d)", id)
	if err := actor.Require(aduan.PermPrivacyBreach); err != nil {
		return nil, err
	}
	return p.breach(ctx, p.s.rdb, id)
}

// Breaches lists the incidents: those with a notification still owed
// first, soonest deadline first, then the rest, newest first.
func (p *Privacy) Breaches(ctx context.Context, actor aduan.Actor) (_ []*aduan.Breach, err error) {
	defer wrap(&err, "Privacy.Breaches()")
	if err := actor.Require(aduan.PermPrivacyBreach); err != nil {
		return nil, err
	}
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT `+breachCols+` FROM privacy_breaches
		ORDER BY CASE WHEN subjects_notified_at IS NULL OR authority_notified_at IS NULL THEN 0 ELSE 1 END,
		CASE WHEN subjects_notified_at IS NULL OR authority_notified_at IS NULL THEN due_at ELSE -discovered_at END, id LIMIT 500`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*aduan.Breach
	for rows.Next() {
		b, err := scanBreach(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, mapErr(rows.Err())
}

// SaveBreach records a new incident (id 0) or corrects one at version; the
// deadline follows from the discovery and breach_notify_hours.
func (p *Privacy) SaveBreach(ctx context.Context, actor aduan.Actor, id, version int64, in aduan.BreachInput) (_ *aduan.Breach, err error) {
	defer wrap(&err, "Privacy.SaveBreach(%d, %d)", id, version)
	if err := actor.Require(aduan.PermPrivacyBreach); err != nil {
		return nil, err
	}
	s := p.s
	now := s.Now()
	if err := in.Validate(now); err != nil {
		return nil, err
	}
	set, err := s.RefData().Settings(ctx)
	if err != nil {
		return nil, err
	}
	hours := aduan.PrivacyHours(set, aduan.SettingBreachNotifyHours)
	var out *aduan.Breach
	err = s.tx(ctx, func(tx *sql.Tx) error {
		b := &aduan.Breach{CreatedBy: actor.UserID, CreatedByName: actor.Name, CreatedAt: now, Version: 1}
		var before *aduan.Breach
		if id != 0 {
			cur, err := p.breach(ctx, tx, id)
			if err != nil {
				return err
			}
			if cur.Version != version {
				return aduan.Errorf(aduan.ECONFLICT, "err.stale")
			}
			before, b = breachAudit(cur), cur
		}
		b.Title, b.Description, b.OccurredAt, b.DiscoveredAt = in.Title, strings.TrimSpace(in.Description), in.OccurredAt, in.DiscoveredAt
		b.Affected, b.AffectedCount, b.DataKinds, b.Measures = strings.TrimSpace(in.Affected), in.AffectedCount, in.DataKinds, strings.TrimSpace(in.Measures)
		b.SubjectsNotifiedAt, b.SubjectsNotice = in.SubjectsNotifiedAt, strings.TrimSpace(in.SubjectsNotice)
		b.AuthorityNotifiedAt, b.AuthorityNotice = in.AuthorityNotifiedAt, strings.TrimSpace(in.AuthorityNotice)
		b.DueAt = b.DiscoveredAt.Add(time.Duration(hours) * time.Hour)
		switch {
		case in.Closed && b.ClosedAt == nil:
			b.ClosedAt = &now
		case !in.Closed:
			b.ClosedAt = nil
		}
		b.UpdatedAt = now
		args := []any{b.Title, b.Description, msPtr(b.OccurredAt), ms(b.DiscoveredAt), b.Affected, b.AffectedCount, strings.Join(b.DataKinds, ","), b.Measures,
			ms(b.DueAt), msPtr(b.SubjectsNotifiedAt), b.SubjectsNotice, msPtr(b.AuthorityNotifiedAt), b.AuthorityNotice, msPtr(b.ClosedAt), ms(now)}
		action := "breach.update"
		if id == 0 {
			action = "breach.create"
			err := tx.QueryRowContext(ctx, `INSERT INTO privacy_breaches (title, description, occurred_at, discovered_at, affected, affected_count, data_kinds, measures,
				due_at, subjects_notified_at, subjects_notice, authority_notified_at, authority_notice, closed_at, updated_at, created_at, created_by, created_by_name)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17) RETURNING id`,
				append(args, nullID(actor.UserID), actor.Name)...).Scan(&b.ID)
			if err != nil {
				return err
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE privacy_breaches SET title = $1, description = $2, occurred_at = $3, discovered_at = $4, affected = $5,
				affected_count = $6, data_kinds = $7, measures = $8, due_at = $9, subjects_notified_at = $10, subjects_notice = $11,
				authority_notified_at = $12, authority_notice = $13, closed_at = $14, updated_at = $15, version = version + 1 WHERE id = $16 AND version = $17`,
				append(args, id, version)...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return aduan.Errorf(aduan.ECONFLICT, "err.stale")
			}
			b.Version++
		}
		out = b
		return s.audit(ctx, tx, actor, action, "breach", b.ID, before, breachAudit(b))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
