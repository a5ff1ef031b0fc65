package store

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
)

const reachCols = `, (SELECT COUNT(*) FROM users u WHERE u.agency_id = agencies.id AND u.role = 'operator_pd' AND u.active = TRUE),
	(SELECT COUNT(*) FROM users u WHERE u.agency_id = agencies.id AND u.role = 'operator_pd' AND u.active = TRUE AND u.phone LIKE '+628%')`

func scanReach(sc interface{ Scan(...any) error }) (aduan.AgencyReach, error) {
	var r aduan.AgencyReach
	var upd int64
	a := &r.Agency
	err := sc.Scan(&a.ID, &a.Code, &a.Name, &a.ShortName, &a.Kind, &a.Website, &a.Phone, &a.WhatsApp, &a.Email, &a.Notes, &a.Active, &upd,
		&r.Operators, &r.OperatorMobiles)
	a.UpdatedAt = fromMS(upd)
	return r, err
}

// AgencyReaches lists the active agencies with what the call center has to
// reach them, by name: the admin and the koordinator see which cannot be
// notified of a forward and which have nobody to take it.
func (rf *RefData) AgencyReaches(ctx context.Context, actor aduan.Actor) (out []aduan.AgencyReach, err error) {
	s := rf.s
	defer wrap(&err, "AgencyReaches()")
	defer func() {
		if err != nil {
			err = mapErr(err)
		}
	}()
	if err := actor.Require(aduan.PermUserRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+agencyCols+reachCols+` FROM agencies WHERE active = TRUE ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanReach(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// AgencyReachTx is one agency's reach, read in tx (a forward checks it in
// its own transaction).
func (rf *RefData) AgencyReachTx(ctx context.Context, tx *sql.Tx, id int64) (_ *aduan.AgencyReach, err error) {
	defer wrap(&err, "AgencyReachTx(%d)", id)
	r, err := scanReach(tx.QueryRowContext(ctx, `SELECT `+agencyCols+reachCols+` FROM agencies WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("agency")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &r, nil
}
