package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/logo"
)

// Logo is the city's logo: a PNG (normalised by internal/logo) and its
// size in pixels.
type Logo struct {
	PNG           []byte
	Width, Height int
	UpdatedAt     time.Time
}

// Logo returns the city's logo; ENOTFOUND when none was uploaded.
func (rf *RefData) Logo(ctx context.Context) (_ *Logo, err error) {
	s := rf.s
	defer wrap(&err, "Logo")
	var l Logo
	var at int64
	err = s.rdb.QueryRowContext(ctx, `SELECT png, width, height, updated_at FROM city_logo WHERE id = 1`).Scan(&l.PNG, &l.Width, &l.Height, &at)
	if err == sql.ErrNoRows {
		return nil, notFound("logo")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	l.UpdatedAt = fromMS(at)
	return &l, nil
}

// SetLogo checks raw (PNG or JPEG, bounded in bytes and pixels; see
// internal/logo) and makes it the city's logo. Only the admin may.
func (rf *RefData) SetLogo(ctx context.Context, actor aduan.Actor, raw []byte) (err error) {
	s := rf.s
	defer wrap(&err, "SetLogo")
	if err := actor.Require(aduan.PermSettingsEdit); err != nil {
		return err
	}
	img, w, h, err := logo.Normalize(raw)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO city_logo (id, png, width, height, updated_at) VALUES (1, $1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET png = excluded.png, width = excluded.width, height = excluded.height, updated_at = excluded.updated_at`,
			img, w, h, ms(s.Now())); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "setting.logo", "setting", 0, nil, map[string]any{"width": w, "height": h, "bytes": len(img)})
	})
}

// DeleteLogo removes the city's logo: documents print the letterhead's
// text alone again.
func (rf *RefData) DeleteLogo(ctx context.Context, actor aduan.Actor) (err error) {
	s := rf.s
	defer wrap(&err, "DeleteLogo")
	if err := actor.Require(aduan.PermSettingsEdit); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM city_logo WHERE id = 1`); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "setting.logo_delete", "setting", 0, nil, nil)
	})
}

// NIPs are the users' NIPs by user ID (those who have one), for the
// documents that print them under a signature.
func (rf *RefData) NIPs(ctx context.Context) (_ map[int64]string, err error) {
	s := rf.s
	defer wrap(&err, "NIPs")
	return textByID(ctx, s.rdb, `SELECT id, nip FROM users WHERE nip <> ''`)
}

// LogoVersion says whether the city has a logo and, if so, when it was
// last changed (Unix ms), without reading the image: public pages ask it
// for every view, to print <img src="/logo?v=…"> (a new upload is a new
// address, so a cached old logo is never shown).
func (rf *RefData) LogoVersion(ctx context.Context) (version int64, ok bool, err error) {
	s := rf.s
	defer wrap(&err, "LogoVersion")
	err = s.rdb.QueryRowContext(ctx, `SELECT updated_at FROM city_logo WHERE id = 1`).Scan(&version)
	if err == sql.ErrNoRows {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, mapErr(err)
	}
	return version, true, nil
}
