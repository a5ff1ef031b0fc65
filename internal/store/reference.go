package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kotakita/aduan"
)

// RefData is the city's reference data: agencies and their reach,
// categories, kecamatan and kelurahan, holidays, the working-time
// calendar, the service standards, settings and the logo.
type RefData struct {
	s *Store
}

// RefData returns the store's refdata.
func (s *Store) RefData() *RefData { return &RefData{s: s} }

// Reference data: agencies, categories, kecamatan and kelurahan, holidays,
// standard times and settings. Read often, written rarely.

const agencyCols = `id, code, name, short_name, kind, website, phone, whatsapp, email, notes, active, updated_at`

func scanAgency(sc interface{ Scan(...any) error }) (aduan.Agency, error) {
	var a aduan.Agency
	var upd int64
	err := sc.Scan(&a.ID, &a.Code, &a.Name, &a.ShortName, &a.Kind, &a.Website, &a.Phone, &a.WhatsApp, &a.Email, &a.Notes, &a.Active, &upd)
	a.UpdatedAt = fromMS(upd)
	return a, err
}

// Agencies lists every agency by name.
func (rf *RefData) Agencies(ctx context.Context) (_ []aduan.Agency, err error) {
	s := rf.s
	defer wrap(&err, "Agencies()")
	return refList(ctx, s, func(r *refs) *[]aduan.Agency { return &r.agencies }, s.readAgencies)
}

func (s *Store) readAgencies(ctx context.Context) ([]aduan.Agency, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+agencyCols+` FROM agencies ORDER BY name`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Agency
	for rows.Next() {
		a, err := scanAgency(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Agency returns one agency.
func (rf *RefData) Agency(ctx context.Context, id int64) (_ *aduan.Agency, err error) {
	s := rf.s
	defer wrap(&err, "Agency(%d)", id)
	return s.agency(ctx, s.rdb, id)
}

func (s *Store) agency(ctx context.Context, q queryer, id int64) (*aduan.Agency, error) {
	a, err := scanAgency(q.QueryRowContext(ctx, `SELECT `+agencyCols+` FROM agencies WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("agency")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// AgencyByCode returns one agency by its code.
func (rf *RefData) AgencyByCode(ctx context.Context, code string) (_ *aduan.Agency, err error) {
	s := rf.s
	defer wrap(&err, "AgencyByCode(%s)", code)
	a, err := scanAgency(s.rdb.QueryRowContext(ctx, `SELECT `+agencyCols+` FROM agencies WHERE code = $1`, strings.ToUpper(code)))
	if err == sql.ErrNoRows {
		return nil, notFound("agency")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// SaveAgency creates (ID 0) or updates an agency.
func (rf *RefData) SaveAgency(ctx context.Context, actor aduan.Actor, a *aduan.Agency) (err error) {
	s := rf.s
	defer wrap(&err, "SaveAgency()")
	if err := actor.Require(aduan.PermAgencyEdit); err != nil {
		return err
	}
	if err := validateAgency(a); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error { return s.saveAgency(ctx, tx, actor, a) })
}

func (s *Store) saveAgency(ctx context.Context, tx *sql.Tx, actor aduan.Actor, a *aduan.Agency) error {
	a.UpdatedAt = s.Now()
	if a.ID == 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO agencies (code, name, short_name, kind, website, phone, whatsapp, email, notes, active, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			a.Code, a.Name, a.ShortName, a.Kind, a.Website, string(a.Phone), string(a.WhatsApp), a.Email, a.Notes, a.Active, ms(a.UpdatedAt)).Scan(&a.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "agency.create", "agency", a.ID, nil, a)
	}
	before, err := s.agency(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE agencies SET code=$1, name=$2, short_name=$3, kind=$4, website=$5, phone=$6, whatsapp=$7, email=$8, notes=$9, active=$10, updated_at=$11 WHERE id=$12`,
		a.Code, a.Name, a.ShortName, a.Kind, a.Website, string(a.Phone), string(a.WhatsApp), a.Email, a.Notes, a.Active, ms(a.UpdatedAt), a.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "agency.update", "agency", a.ID, before, a)
}

const categoryCols = `id, code, name, keywords, default_agency_id, lapor_category, priority, notes, public, active`

func scanCategory(sc interface{ Scan(...any) error }) (aduan.Category, error) {
	var c aduan.Category
	var kw, prio string
	var ag sql.NullInt64
	err := sc.Scan(&c.ID, &c.Code, &c.Name, &kw, &ag, &c.LaporCategory, &prio, &c.Notes, &c.Public, &c.Active)
	if kw != "" {
		c.Keywords = strings.Split(kw, ";")
	}
	c.DefaultAgencyID, c.Priority = ag.Int64, aduan.Priority(prio)
	return c, err
}

// Categories lists every category by name.
func (rf *RefData) Categories(ctx context.Context) (_ []aduan.Category, err error) {
	s := rf.s
	defer wrap(&err, "Categories()")
	return refList(ctx, s, func(r *refs) *[]aduan.Category { return &r.categories }, s.readCategories)
}

func (s *Store) readCategories(ctx context.Context) ([]aduan.Category, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+categoryCols+` FROM categories ORDER BY name`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Category
	for rows.Next() {
		c, err := scanCategory(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Category returns one category.
func (rf *RefData) Category(ctx context.Context, id int64) (_ *aduan.Category, err error) {
	s := rf.s
	defer wrap(&err, "Category(%d)", id)
	return s.category(ctx, s.rdb, id)
}

func (s *Store) category(ctx context.Context, q queryer, id int64) (*aduan.Category, error) {
	c, err := scanCategory(q.QueryRowContext(ctx, `SELECT `+categoryCols+` FROM categories WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("category")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &c, nil
}

// SaveCategory creates (ID 0) or updates a category.
func (rf *RefData) SaveCategory(ctx context.Context, actor aduan.Actor, c *aduan.Category) (err error) {
	s := rf.s
	defer wrap(&err, "SaveCategory()")
	if err := actor.Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if c.DefaultAgencyID != 0 {
			if _, err := s.agency(ctx, tx, c.DefaultAgencyID); err != nil {
				return fieldErr("default_agency_id", "err.field.unknown")
			}
		}
		return s.saveCategory(ctx, tx, actor, c)
	})
}

func (s *Store) saveCategory(ctx context.Context, tx *sql.Tx, actor aduan.Actor, c *aduan.Category) error {
	kw := strings.Join(c.Keywords, ";")
	if c.ID == 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO categories (code, name, keywords, default_agency_id, lapor_category, priority, notes, public, active)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			c.Code, c.Name, kw, nullID(c.DefaultAgencyID), c.LaporCategory, string(c.Priority), c.Notes, c.Public, c.Active).Scan(&c.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "category.create", "category", c.ID, nil, c)
	}
	before, err := s.category(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE categories SET code=$1, name=$2, keywords=$3, default_agency_id=$4, lapor_category=$5, priority=$6, notes=$7, public=$8, active=$9 WHERE id=$10`,
		c.Code, c.Name, kw, nullID(c.DefaultAgencyID), c.LaporCategory, string(c.Priority), c.Notes, c.Public, c.Active, c.ID); err != nil {
		return err
	}
	return s.audit(ctx, tx, actor, "category.update", "category", c.ID, before, c)
}

func fieldErr(field, key string, args ...any) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: field, Key: key, Args: args}}}
}

// Kecamatans lists the districts.
func (rf *RefData) Kecamatans(ctx context.Context) (_ []aduan.Kecamatan, err error) {
	s := rf.s
	defer wrap(&err, "Kecamatans()")
	return refList(ctx, s, func(r *refs) *[]aduan.Kecamatan { return &r.kecamatans }, s.readKecamatans)
}

func (s *Store) readKecamatans(ctx context.Context) ([]aduan.Kecamatan, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT code, name, website FROM kecamatan ORDER BY name`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Kecamatan
	for rows.Next() {
		var k aduan.Kecamatan
		if err := rows.Scan(&k.Code, &k.Name, &k.Website); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// Kelurahans lists the villages, optionally of one kecamatan.
func (rf *RefData) Kelurahans(ctx context.Context, kecamatan string) (_ []aduan.Kelurahan, err error) {
	s := rf.s
	defer wrap(&err, "Kelurahans()")
	var w where
	if kecamatan != "" {
		w.add("kecamatan_code = ?", kecamatan)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT code, name, kecamatan_code, postal_code FROM kelurahan`+w.sql()+` ORDER BY name`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Kelurahan
	for rows.Next() {
		var k aduan.Kelurahan
		if err := rows.Scan(&k.Code, &k.Name, &k.KecamatanCode, &k.PostalCode); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

func (s *Store) kelurahan(ctx context.Context, q queryer, code string) (*aduan.Kelurahan, error) {
	var k aduan.Kelurahan
	err := q.QueryRowContext(ctx, `SELECT code, name, kecamatan_code, postal_code FROM kelurahan WHERE code = $1`, code).
		Scan(&k.Code, &k.Name, &k.KecamatanCode, &k.PostalCode)
	if err == sql.ErrNoRows {
		return nil, notFound("kelurahan")
	}
	return &k, mapErr(err)
}

// Holidays lists the holidays in date order.
func (rf *RefData) Holidays(ctx context.Context) (_ []aduan.Holiday, err error) {
	s := rf.s
	defer wrap(&err, "Holidays()")
	rows, err := s.rdb.QueryContext(ctx, `SELECT date, name FROM holidays ORDER BY date`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.Holiday
	for rows.Next() {
		var h aduan.Holiday
		if err := rows.Scan(&h.Date, &h.Name); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// SaveHoliday adds or renames a holiday.
func (rf *RefData) SaveHoliday(ctx context.Context, actor aduan.Actor, h aduan.Holiday) (err error) {
	s := rf.s
	defer wrap(&err, "SaveHoliday(%s)", h.Date)
	if err := actor.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	if err := h.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, name) VALUES ($1, $2) ON CONFLICT (date) DO UPDATE SET name = excluded.name`, h.Date, h.Name); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "holiday.save", "holiday", 0, nil, h)
	})
}

// DeleteHoliday removes a holiday.
func (rf *RefData) DeleteHoliday(ctx context.Context, actor aduan.Actor, date string) (err error) {
	s := rf.s
	defer wrap(&err, "DeleteHoliday(%s)", date)
	if err := actor.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE date = $1`, date)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("holiday")
		}
		return s.audit(ctx, tx, actor, "holiday.delete", "holiday", 0, aduan.Holiday{Date: date}, nil)
	})
}

// Standards returns the standard time of every step: the stored ones over the
// SOP defaults.
func (rf *RefData) Standards(ctx context.Context) (_ aduan.Standards, err error) {
	s := rf.s
	defer wrap(&err, "Standards()")
	return s.standards(ctx, s.rdb)
}

func (s *Store) standards(ctx context.Context, q queryer) (aduan.Standards, error) {
	out := aduan.DefaultStandards()
	rows, err := q.QueryContext(ctx, `SELECT step, amount, unit FROM standards`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, u string
		var n int
		if err := rows.Scan(&k, &n, &u); err != nil {
			return nil, err
		}
		out[aduan.StepKey(k)] = aduan.Standard{Amount: n, Unit: aduan.Unit(u)}
	}
	return out, rows.Err()
}

// SetStandard changes one step's standard time. Deadlines already running
// keep the standard they started with; new steps take the new one.
func (rf *RefData) SetStandard(ctx context.Context, actor aduan.Actor, step aduan.StepKey, st aduan.Standard) (err error) {
	s := rf.s
	defer wrap(&err, "SetStandard(%s)", step)
	if err := actor.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	if !aduan.ValidStep(step) {
		return fieldErr("step", "err.field.choice")
	}
	if err := st.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		all, err := s.standards(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO standards (step, amount, unit) VALUES ($1, $2, $3)
			ON CONFLICT (step) DO UPDATE SET amount = excluded.amount, unit = excluded.unit`, string(step), st.Amount, string(st.Unit)); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "standard.update", "standard", 0,
			map[string]any{"step": step, "amount": all[step].Amount, "unit": all[step].Unit},
			map[string]any{"step": step, "amount": st.Amount, "unit": st.Unit})
	})
}

// StandardClock returns the clock over the current standards and holidays.
func (rf *RefData) StandardClock(ctx context.Context) (_ *aduan.StandardClock, err error) {
	s := rf.s
	defer wrap(&err, "StandardClock()")
	return s.standardClock(ctx, s.rdb)
}

func (s *Store) standardClock(ctx context.Context, q queryer) (*aduan.StandardClock, error) {
	return s.workClock(ctx, q)
}

// Settings returns every stored setting.
func (rf *RefData) Settings(ctx context.Context) (_ map[string]string, err error) {
	s := rf.s
	defer wrap(&err, "Settings()")
	rows, err := s.rdb.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		out[k] = v
	}
	return out, rows.Err()
}

// SetSettings stores settings, all or none.
func (rf *RefData) SetSettings(ctx context.Context, actor aduan.Actor, values map[string]string) (err error) {
	s := rf.s
	defer wrap(&err, "SetSettings()")
	// Each key asks its own permission: the koordinator switches the
	// call center's messages, the admin everything.
	if len(values) == 0 {
		if err := actor.Require(aduan.PermSettingsEdit); err != nil {
			return err
		}
	}
	for key := range values {
		if err := actor.Require(aduan.SettingPerm(key)); err != nil {
			return err
		}
	}
	var v aduan.Validation
	for key, value := range values {
		if !aduan.ValidSetting(key) {
			v.Add(key, "err.field.choice")
		} else if len(value) > 2000 {
			v.Add(key, "err.field.too_long", 2000)
		} else if k, args := aduan.CheckPrivacySetting(key, value); k != "" {
			v.Add(key, k, args...)
		} else if msg := aduan.CheckSetting(key, value); msg != "" {
			v.Add(key, msg)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for key, value := range values {
			var old string
			err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&old)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, actor, "setting.update", "setting", 0, map[string]string{key: old}, map[string]string{key: value}); err != nil {
				return err
			}
		}
		return nil
	})
}
