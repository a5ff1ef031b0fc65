package store

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

// Citizens holds the citizens, the identity a complaint states and
// its settling, phone-number migration and the log of contacts
// (calls, visits, call-backs).
type Citizens struct {
	s *Store
}

// Citizens returns the store's citizens.
func (s *Store) Citizens() *Citizens { return &Citizens{s: s} }

const citizenCols = `id, name, phone, email, address, kelurahan_code, created_at, updated_at, version`

func scanCitizen(sc interface{ Scan(...any) error }) (aduan.Citizen, error) {
	var c aduan.Citizen
	var ph, kel sql.NullString
	var cr, up int64
	err := sc.Scan(&c.ID, &c.Name, &ph, &c.Email, &c.Address, &kel, &cr, &up, &c.Version)
	c.Phone, c.KelurahanCode, c.CreatedAt, c.UpdatedAt = aduan.Phone(ph.String), kel.String, fromMS(cr), fromMS(up)
	return c, err
}

// requireCitizenAccess: citizen records are looked up and edited only by the
// call center; agencies see a caller only through a complaint they handle.
func requireCitizenAccess(a aduan.Actor) error {
	return a.Require(aduan.PermCitizenEdit)
}

// Citizen returns one citizen.
func (ci *Citizens) Citizen(ctx context.Context, actor aduan.Actor, id int64) (_ *aduan.Citizen, err error) {
	s := ci.s
	defer wrap(&err, "Citizen(%d)", id)
	if err := requireCitizenAccess(actor); err != nil {
		return nil, err
	}
	return s.citizen(ctx, s.rdb, id)
}

func (s *Store) citizen(ctx context.Context, q queryer, id int64) (*aduan.Citizen, error) {
	c, err := scanCitizen(q.QueryRowContext(ctx, `SELECT `+citizenCols+` FROM citizens WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("citizen")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	s.fillKecamatan(ctx, q, &c)
	return &c, nil
}

func (s *Store) fillKecamatan(ctx context.Context, q queryer, c *aduan.Citizen) {
	if c.KelurahanCode == "" {
		return
	}
	if k, err := s.kelurahan(ctx, q, c.KelurahanCode); err == nil {
		c.KecamatanCode = k.KecamatanCode
	}
}

// CitizenByPhone finds a returning caller by their number, in any of the
// accepted spellings (08…, 628…, +628…).
func (ci *Citizens) CitizenByPhone(ctx context.Context, actor aduan.Actor, raw string) (_ *aduan.Citizen, err error) {
	s := ci.s
	defer wrap(&err, "CitizenByPhone()")
	if err := requireCitizenAccess(actor); err != nil {
		return nil, err
	}
	p, err := phone.ParseField("phone", raw)
	if err != nil {
		return nil, err
	}
	if p == "" {
		return nil, fieldErr("phone", "err.field.required")
	}
	return s.citizenByPhone(ctx, s.rdb, string(p))
}

func (s *Store) citizenByPhone(ctx context.Context, q queryer, e164 string) (*aduan.Citizen, error) {
	c, err := scanCitizen(q.QueryRowContext(ctx, `SELECT `+citizenCols+` FROM citizens WHERE phone = $1`, e164))
	if err == sql.ErrNoRows {
		return nil, notFound("citizen")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	s.fillKecamatan(ctx, q, &c)
	return &c, nil
}

// citizenByPhoneForUpdate is citizenByPhone holding the row until the
// transaction ends (PostgreSQL; SQLite's one writer needs no lock).
func (s *Store) citizenByPhoneForUpdate(ctx context.Context, tx *sql.Tx, e164 string) (*aduan.Citizen, error) {
	q := `SELECT ` + citizenCols + ` FROM citizens WHERE phone = $1`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	c, err := scanCitizen(tx.QueryRowContext(ctx, q, e164))
	if err == sql.ErrNoRows {
		return nil, notFound("citizen")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	s.fillKecamatan(ctx, tx, &c)
	return &c, nil
}

// normalizeCitizen validates citizen input and puts the phone in E.164.
func normalizeCitizen(in *aduan.CitizenInput, prefix string, v *aduan.Validation) {
	in.Normalize()
	if err := in.Validate(); err != nil {
		if e, ok := aduan.AsError(err); ok {
			for _, f := range e.Fields {
				v.Add(prefix+f.Field, f.Key, f.Args...)
			}
		}
	}
	if in.Phone != "" {
		// A landline is kept as a call-back number; the steps that text
		// the citizen check that the number is a mobile.
		p, err := phone.Parse(in.Phone)
		if err != nil {
			v.Add(prefix+"phone", "err.field.phone_number")
		} else {
			in.Phone = string(p)
		}
	}
}

// upsertCitizen finds the caller by phone, or records a new citizen. Input
// from call-center staff (identityTrusted) fills in or corrects what is
// known; empty input fields never erase it: a caller who gives only a name
// keeps their stored address. Input from an unverified channel never
// changes a known citizen: what it says that differs from the stored
// identity is returned as the caller's stated identity, for the complaint
// to keep beside it (nil when nothing differs or the citizen is new).
func (s *Store) upsertCitizen(ctx context.Context, tx *sql.Tx, actor aduan.Actor, in *aduan.CitizenInput) (*aduan.Citizen, *StatedIdentity, error) {
	if in.KelurahanCode != "" {
		if _, err := s.kelurahan(ctx, tx, in.KelurahanCode); err != nil {
			return nil, nil, fieldErr("citizen.kelurahan_code", "err.field.unknown")
		}
	}
	// Two calls from one number can be recorded at the same moment (on
	// PostgreSQL in parallel transactions): the caller's row is locked
	// while it is read and merged, and a caller recorded by the other
	// transaction meanwhile is found again rather than failing on the
	// unique phone.
	var cur *aduan.Citizen
	if in.Phone != "" {
		c, err := s.citizenByPhoneForUpdate(ctx, tx, in.Phone)
		if err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return nil, nil, err
		}
		cur = c
	}
	now := s.Now()
	if cur == nil {
		c := &aduan.Citizen{Name: in.Name, Phone: aduan.Phone(in.Phone), Email: in.Email, Address: in.Address, KelurahanCode: in.KelurahanCode,
			CreatedAt: now, UpdatedAt: now, Version: 1}
		err := tx.QueryRowContext(ctx, `INSERT INTO citizens (name, phone, email, address, kelurahan_code, created_at, updated_at, version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (phone) DO NOTHING RETURNING id`,
			c.Name, nullStr(string(c.Phone)), c.Email, c.Address, nullStr(c.KelurahanCode), ms(now), ms(now)).Scan(&c.ID)
		switch {
		case err == nil:
			return c, nil, s.audit(ctx, tx, actor, "citizen.create", "citizen", c.ID, nil, c)
		case err != sql.ErrNoRows:
			return nil, nil, err
		}
		if cur, err = s.citizenByPhoneForUpdate(ctx, tx, in.Phone); err != nil {
			return nil, nil, err
		}
	}
	if !identityTrusted(actor) {
		return cur, statedDiff(cur, in), nil
	}
	next := *cur
	merge(&next.Name, in.Name)
	merge(&next.Email, in.Email)
	merge(&next.Address, in.Address)
	merge(&next.KelurahanCode, in.KelurahanCode)
	if next == *cur {
		return cur, nil, nil
	}
	return &next, nil, s.updateCitizen(ctx, tx, actor, cur, &next)
}

func merge(dst *string, v string) {
	if v != "" {
		*dst = v
	}
}

func (s *Store) updateCitizen(ctx context.Context, tx *sql.Tx, actor aduan.Actor, before, c *aduan.Citizen) error {
	c.UpdatedAt = s.Now()
	res, err := tx.ExecContext(ctx, `UPDATE citizens SET name=$1, phone=$2, email=$3, address=$4, kelurahan_code=$5, updated_at=$6, version=version+1
		WHERE id=$7 AND version=$8`,
		c.Name, nullStr(string(c.Phone)), c.Email, c.Address, nullStr(c.KelurahanCode), ms(c.UpdatedAt), c.ID, before.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	c.Version = before.Version + 1
	return s.audit(ctx, tx, actor, "citizen.update", "citizen", c.ID, before, c)
}

// UpdateCitizen corrects a citizen's details. version must be the one the
// caller read, so that two operators cannot overwrite each other unseen.
func (ci *Citizens) UpdateCitizen(ctx context.Context, actor aduan.Actor, id, version int64, in aduan.CitizenInput) (_ *aduan.Citizen, err error) {
	s := ci.s
	defer wrap(&err, "UpdateCitizen(%d, %d)", id, version)
	if err := requireCitizenAccess(actor); err != nil {
		return nil, err
	}
	var v aduan.Validation
	normalizeCitizen(&in, "", &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *aduan.Citizen
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.citizen(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != cur.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if in.KelurahanCode != "" {
			if _, err := s.kelurahan(ctx, tx, in.KelurahanCode); err != nil {
				return fieldErr("kelurahan_code", "err.field.unknown")
			}
		}
		if in.Phone != "" && in.Phone != string(cur.Phone) {
			if other, err := s.citizenByPhone(ctx, tx, in.Phone); err == nil && other.ID != id {
				return &aduan.Error{Code: aduan.ECONFLICT, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "phone", Key: "err.field.phone_taken"}}}
			}
		}
		next := &aduan.Citizen{ID: id, Name: in.Name, Phone: aduan.Phone(in.Phone), Email: in.Email, Address: in.Address, KelurahanCode: in.KelurahanCode, CreatedAt: cur.CreatedAt}
		if err := s.updateCitizen(ctx, tx, actor, cur, next); err != nil {
			return err
		}
		s.fillKecamatan(ctx, tx, next)
		out = next
		return nil
	})
	return out, err
}
