package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/kotakita/aduan"
)

// The daftar informasi publik: kept by the PPIDs, read by anyone.

const publicInfoCols = `p.id, p.title, p.summary, p.kind, p.agency_id, COALESCE(a.name, ''), p.holder, p.format, p.period, p.url, p.updated_at`

func scanPublicInfo(sc interface{ Scan(...any) error }) (*aduan.PublicInfo, error) {
	var e aduan.PublicInfo
	var agency sql.NullInt64
	var updated int64
	if err := sc.Scan(&e.ID, &e.Title, &e.Summary, &e.Kind, &agency, &e.AgencyName, &e.Holder, &e.Format, &e.Period, &e.URL, &updated); err != nil {
		return nil, err
	}
	e.AgencyID, e.UpdatedAt = agency.Int64, fromMS(updated)
	return &e, nil
}

// PublicList is the daftar informasi publik, by kind then title; q, if
// set, keeps the entries whose title, summary, holder or agency contain
// every word of it (any case). Anyone may read it.
func (p *PPID) PublicList(ctx context.Context, q string) (out []*aduan.PublicInfo, err error) {
	defer wrap(&err, "PPID.PublicList()")
	if len([]rune(q)) > aduan.MaxQueryLen {
		return nil, fieldErr("q", "err.query.too_long", aduan.MaxQueryLen)
	}
	var w where
	for _, word := range strings.Fields(strings.ToLower(q)) {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(word) + "%"
		w.add(`(LOWER(p.title) LIKE ? ESCAPE '\' OR LOWER(p.summary) LIKE ? ESCAPE '\' OR LOWER(p.holder) LIKE ? ESCAPE '\' OR LOWER(COALESCE(a.name, '')) LIKE ? ESCAPE '\')`,
			like, like, like, like)
	}
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT `+publicInfoCols+` FROM public_information p LEFT JOIN agencies a ON a.id = p.agency_id`+w.sql()+
		` ORDER BY p.kind, p.title, p.id LIMIT 1000`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanPublicInfo(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, mapErr(rows.Err())
}

// SavePublicInfo adds an entry (ID 0) or changes one, for the PPIDs that
// keep it (aduan.InfoCanKeepList).
func (p *PPID) SavePublicInfo(ctx context.Context, actor aduan.Actor, e *aduan.PublicInfo) (err error) {
	defer wrap(&err, "PPID.SavePublicInfo()")
	if !aduan.InfoCanKeepList(actor, e.AgencyID) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if err := e.Validate(); err != nil {
		return err
	}
	s := p.s
	now := s.Now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if e.AgencyID != 0 {
			if _, err := s.agency(ctx, tx, e.AgencyID); err != nil {
				return fieldErr("agency_id", "err.field.unknown")
			}
		}
		var before *aduan.PublicInfo
		if e.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO public_information (title, summary, kind, agency_id, holder, format, period, url, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`, e.Title, e.Summary, e.Kind, nullID(e.AgencyID), e.Holder,
				e.Format, e.Period, e.URL, nullID(actor.UserID), ms(now)).Scan(&e.ID); err != nil {
				return err
			}
		} else {
			cur, err := scanPublicInfo(tx.QueryRowContext(ctx, `SELECT `+publicInfoCols+` FROM public_information p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1`, e.ID))
			if err == sql.ErrNoRows {
				return notFound("public_info")
			}
			if err != nil {
				return err
			}
			if !aduan.InfoCanKeepList(actor, cur.AgencyID) {
				return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
			}
			before = cur
			if _, err := tx.ExecContext(ctx, `UPDATE public_information SET title = $1, summary = $2, kind = $3, agency_id = $4, holder = $5, format = $6,
				period = $7, url = $8, updated_at = $9 WHERE id = $10`, e.Title, e.Summary, e.Kind, nullID(e.AgencyID), e.Holder, e.Format, e.Period,
				e.URL, ms(now), e.ID); err != nil {
				return err
			}
		}
		e.UpdatedAt = now
		return s.audit(ctx, tx, actor, "public_info.save", "public_info", e.ID, before, e)
	})
}

// DeletePublicInfo removes an entry.
func (p *PPID) DeletePublicInfo(ctx context.Context, actor aduan.Actor, id int64) (err error) {
	defer wrap(&err, "PPID.DeletePublicInfo(%d)", id)
	s := p.s
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := scanPublicInfo(tx.QueryRowContext(ctx, `SELECT `+publicInfoCols+` FROM public_information p LEFT JOIN agencies a ON a.id = p.agency_id WHERE p.id = $1`, id))
		if err == sql.ErrNoRows {
			return notFound("public_info")
		}
		if err != nil {
			return err
		}
		if !aduan.InfoCanKeepList(actor, cur.AgencyID) {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM public_information WHERE id = $1`, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "public_info.delete", "public_info", id, cur, nil)
	})
	if err != nil {
		return fmt.Errorf("PPID.DeletePublicInfo(%d): %w", id, err)
	}
	return nil
}
