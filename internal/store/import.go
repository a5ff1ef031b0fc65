package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kotakita/aduan"
)

// Reference is the reference data of a city: regions, agencies, categories
// and holidays. Categories name their default agency by code, since IDs are
// given by the database.
type Reference struct {
	Kecamatan  []aduan.Kecamatan
	Kelurahan  []aduan.Kelurahan
	Agencies   []aduan.Agency
	Categories []CategoryRef
	Holidays   []aduan.Holiday
}

// CategoryRef is a category with its default agency named by code.
type CategoryRef struct {
	aduan.Category
	AgencyCode string
}

// ImportReference loads reference data into an empty install, in one
// transaction. It does nothing (and reports false) when agencies already
// exist, so that a city's own edits are never overwritten at start-up.
func (rf *RefData) ImportReference(ctx context.Context, ref Reference) (_ bool, err error) {
	s := rf.s
	defer wrap(&err, "ImportReference()")
	loaded := false
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM agencies`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		for _, k := range ref.Kecamatan {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kecamatan (code, name, website) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`, k.Code, k.Name, k.Website); err != nil {
				return err
			}
		}
		for _, k := range ref.Kelurahan {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kelurahan (code, name, kecamatan_code, postal_code) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING`,
				k.Code, k.Name, k.KecamatanCode, k.PostalCode); err != nil {
				return err
			}
		}
		ids := map[string]int64{}
		for i := range ref.Agencies {
			a := ref.Agencies[i]
			if err := validateAgency(&a); err != nil {
				return err
			}
			if err := s.saveAgency(ctx, tx, aduan.System, &a); err != nil {
				return err
			}
			ids[a.Code] = a.ID
		}
		for i := range ref.Categories {
			c := ref.Categories[i].Category
			if err := c.Validate(); err != nil {
				return err
			}
			c.DefaultAgencyID = ids[strings.ToUpper(ref.Categories[i].AgencyCode)]
			if err := s.saveCategory(ctx, tx, aduan.System, &c); err != nil {
				return err
			}
		}
		for _, h := range ref.Holidays {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, name) VALUES ($1, $2) ON CONFLICT (date) DO NOTHING`, h.Date, h.Name); err != nil {
				return err
			}
		}
		loaded = true
		return s.audit(ctx, tx, aduan.System, "reference.import", "reference", 0, nil,
			map[string]int{"agencies": len(ref.Agencies), "categories": len(ref.Categories), "kelurahan": len(ref.Kelurahan), "holidays": len(ref.Holidays)})
	})
	return loaded, err
}
