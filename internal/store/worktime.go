package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kotakita/aduan"
)

// Working time: the clock's calendars (the city's zone, the call center's
// and the offices' hours, agencies' own hours, the holiday table), the
// categories' tiers and the standards per tier and priority. All of it is
// reference data: the triggers of migrations 0007 and 0040 move ref_version
// on any change, so the cached clock is rebuilt by the next write.

// workClock reads everything the clock needs through q.
func (s *Store) workClock(ctx context.Context, q queryer) (*aduan.StandardClock, error) {
	st, err := s.standards(ctx, q)
	if err != nil {
		return nil, err
	}
	hs, err := holidaysFrom(ctx, q)
	if err != nil {
		return nil, err
	}
	set := aduan.DefaultSettings()
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN ('time_zone', 'call_center_hours', 'office_hours')`)
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			rows.Close()
			return nil, err
		}
		set[k] = v
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Values were checked when saved; one that no longer parses (written
	// by hand into the database) falls back to the default rather than
	// stopping every write.
	loc, err := aduan.Zone(set["time_zone"])
	if err != nil {
		loc = aduan.WIB
	}
	hours := func(key, def string) aduan.WeekHours {
		w, err := aduan.ParseHours(set[key])
		if err != nil {
			w, _ = aduan.ParseHours(def)
		}
		return w
	}
	office := aduan.NewCalendarHours(hours("office_hours", aduan.DefaultOfficeHours), loc, hs)
	sc := aduan.NewStandardClock(st, office)
	sc.CallCenter = office.WithHours(hours("call_center_hours", aduan.DefaultCallCenterHours))

	sc.Agencies = map[int64]*aduan.Calendar{}
	ah, err := s.agencyHours(ctx, q)
	if err != nil {
		return nil, err
	}
	for id, h := range ah {
		if w, err := aduan.ParseHours(h); err == nil {
			sc.Agencies[id] = office.WithHours(w)
		}
	}
	if sc.CategoryTiers, err = s.categoryTiers(ctx, q); err != nil {
		return nil, err
	}
	stored, err := s.storedRules(ctx, q)
	if err != nil {
		return nil, err
	}
	for k, v := range stored {
		sc.Rules[k] = v
	}
	return sc, nil
}

func holidaysFrom(ctx context.Context, q queryer) ([]aduan.Holiday, error) {
	rows, err := q.QueryContext(ctx, `SELECT date, name FROM holidays ORDER BY date`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var hs []aduan.Holiday
	for rows.Next() {
		var h aduan.Holiday
		if err := rows.Scan(&h.Date, &h.Name); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

func (s *Store) agencyHours(ctx context.Context, q queryer) (map[int64]string, error) {
	return textByID(ctx, q, `SELECT agency_id, hours FROM agency_hours`)
}

// textByID reads a query of (id, text) rows as a map.
func textByID(ctx context.Context, q queryer, query string, args ...any) (map[int64]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = v
	}
	return out, mapErr(rows.Err())
}

func (s *Store) categoryTiers(ctx context.Context, q queryer) (map[int64]aduan.Tier, error) {
	rows, err := q.QueryContext(ctx, `SELECT category_id, tier FROM category_tiers`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]aduan.Tier{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[id] = aduan.Tier(t)
	}
	return out, rows.Err()
}

// storedRules are the rules the city set, over DefaultRules.
func (s *Store) storedRules(ctx context.Context, q queryer) (aduan.Rules, error) {
	rows, err := q.QueryContext(ctx, `SELECT step, tier, priority, amount, unit FROM standard_rules`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := aduan.Rules{}
	for rows.Next() {
		var step, tier, prio, unit string
		var n int
		if err := rows.Scan(&step, &tier, &prio, &n, &unit); err != nil {
			return nil, err
		}
		out[aduan.RuleKey{Step: aduan.StepKey(step), Tier: aduan.Tier(tier), Priority: aduan.Priority(prio)}] = aduan.Standard{Amount: n, Unit: aduan.Unit(unit)}
	}
	return out, rows.Err()
}

// WorkTime is everything the standards page shows and saves at once.
type WorkTime struct {
	Standards  aduan.Standards
	Rules      aduan.Rules
	Tiers      map[int64]aduan.Tier // category → tier (categories absent: the default tier)
	AgencyHrs  map[int64]string     // agency → its own hours ("" or absent: the office hours)
	TimeZone   string
	CallCenter string // hours
	Office     string // hours
}

// WorkTime returns the current standards, rules, tiers and calendars.
func (rf *RefData) WorkTime(ctx context.Context) (_ *WorkTime, err error) {
	s := rf.s
	defer wrap(&err, "WorkTime()")
	sc, err := s.workClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	ah, err := s.agencyHours(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	return &WorkTime{Standards: sc.Standards, Rules: sc.Rules, Tiers: sc.CategoryTiers, AgencyHrs: ah,
		TimeZone: sc.Loc().String(), CallCenter: sc.CallCenter.Hours.String(), Office: sc.Office.Hours.String()}, nil
}

// SaveWorkTime stores the standards, rules, tiers and calendars in one
// transaction, all or none, with one audit record naming what changed: a
// koordinator's page of changes is one decision. Only the fields set are
// saved (nil maps and empty strings are left alone); rules not in w.Rules
// are kept.
func (rf *RefData) SaveWorkTime(ctx context.Context, actor aduan.Actor, w *WorkTime) (err error) {
	s := rf.s
	defer wrap(&err, "SaveWorkTime()")
	if err := actor.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	var v aduan.Validation
	for k, st := range w.Standards {
		if !aduan.ValidStep(k) {
			v.Add("standard."+string(k), "err.field.choice")
		} else if err := st.Validate(); err != nil {
			addFirstField(&v, "standard."+string(k), err)
		}
	}
	for k, st := range w.Rules {
		name := fmt.Sprintf("rule.%s.%s.%s", k.Step, k.Tier, k.Priority)
		if err := k.Validate(); err != nil {
			addFirstField(&v, name, err)
		} else if err := st.Validate(); err != nil {
			addFirstField(&v, name, err)
		}
	}
	for id, t := range w.Tiers {
		if !t.Valid() {
			v.Add(fmt.Sprintf("tier.%d", id), "err.field.choice")
		}
	}
	for id, h := range w.AgencyHrs {
		if h != "" {
			if _, err := aduan.ParseHours(h); err != nil {
				v.Add(fmt.Sprintf("agency_hours.%d", id), "err.field.hours")
			}
		}
	}
	settings := map[string]string{}
	for key, val := range map[string]string{"time_zone": w.TimeZone, "call_center_hours": w.CallCenter, "office_hours": w.Office} {
		if val == "" {
			continue
		}
		if msg := aduan.CheckSetting(key, val); msg != "" {
			v.Add(key, msg)
		}
		settings[key] = val
	}
	if err := v.Err(); err != nil {
		return err
	}
	before, err := s.RefData().WorkTime(ctx)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for k, st := range w.Standards {
			if _, err := tx.ExecContext(ctx, `INSERT INTO standards (step, amount, unit) VALUES ($1, $2, $3)
				ON CONFLICT (step) DO UPDATE SET amount = excluded.amount, unit = excluded.unit`, string(k), st.Amount, string(st.Unit)); err != nil {
				return err
			}
		}
		for k, st := range w.Rules {
			if _, err := tx.ExecContext(ctx, `INSERT INTO standard_rules (step, tier, priority, amount, unit) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (step, tier, priority) DO UPDATE SET amount = excluded.amount, unit = excluded.unit`,
				string(k.Step), string(k.Tier), string(k.Priority), st.Amount, string(st.Unit)); err != nil {
				return err
			}
		}
		for id, t := range w.Tiers {
			if _, err := tx.ExecContext(ctx, `INSERT INTO category_tiers (category_id, tier) VALUES ($1, $2)
				ON CONFLICT (category_id) DO UPDATE SET tier = excluded.tier`, id, string(t)); err != nil {
				return mapErr(err)
			}
		}
		for id, h := range w.AgencyHrs {
			var err error
			if h == "" {
				_, err = tx.ExecContext(ctx, `DELETE FROM agency_hours WHERE agency_id = $1`, id)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO agency_hours (agency_id, hours) VALUES ($1, $2)
					ON CONFLICT (agency_id) DO UPDATE SET hours = excluded.hours`, id, h)
			}
			if err != nil {
				return mapErr(err)
			}
		}
		for key, val := range settings {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, val); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "worktime.update", "standard", 0, auditWorkTime(before), auditWorkTime(w))
	})
}

// auditWorkTime is a WorkTime in a form JSON can hold (map keys as text).
func auditWorkTime(w *WorkTime) map[string]any {
	rules := map[string]string{}
	for k, v := range w.Rules {
		rules[fmt.Sprintf("%s/%s/%s", k.Step, k.Tier, k.Priority)] = v.String()
	}
	std := map[string]string{}
	for k, v := range w.Standards {
		std[string(k)] = v.String()
	}
	return map[string]any{"standards": std, "rules": rules, "tiers": w.Tiers, "agency_hours": w.AgencyHrs,
		"time_zone": w.TimeZone, "call_center_hours": w.CallCenter, "office_hours": w.Office}
}

// addFirstField names, on the form's field, what an EINVALID error says of
// its first field, with its arguments (a range's bounds): the page says
// "Harus antara 1 dan 100000", not the message with its blanks unfilled.
func addFirstField(v *aduan.Validation, field string, err error) {
	if e, ok := err.(*aduan.Error); ok && len(e.Fields) > 0 {
		v.Add(field, e.Fields[0].Key, e.Fields[0].Args...)
		return
	}
	v.Add(field, "err.invalid_input")
}

// HolidayWarning names the year whose holiday table is missing and matters
// now (this year's; from October, next year's), or 0.
func (rf *RefData) HolidayWarning(ctx context.Context) (_ int, err error) {
	s := rf.s
	defer wrap(&err, "HolidayWarning()")
	// From the reference cache: /readyz and every dashboard ask.
	r, err := s.refsAt(ctx, s.rdb)
	if err != nil {
		return 0, err
	}
	sc, err := r.standardClock(ctx, s, s.rdb)
	if err != nil {
		return 0, err
	}
	return sc.HolidayWarning(s.Now()), nil
}

// ImportCategoryTiers names the tiers of categories by code, for a new
// install's seed data; a category that has a tier already keeps it.
func (rf *RefData) ImportCategoryTiers(ctx context.Context, tiers map[string]aduan.Tier) (err error) {
	s := rf.s
	defer wrap(&err, "ImportCategoryTiers()")
	return s.tx(ctx, func(tx *sql.Tx) error {
		for code, t := range tiers {
			if !t.Valid() {
				return fmt.Errorf("%s: tier %q", code, t)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO category_tiers (category_id, tier)
				SELECT id, $1 FROM categories WHERE code = $2 ON CONFLICT (category_id) DO NOTHING`, string(t), code); err != nil {
				return fmt.Errorf("%s: %w", code, err)
			}
		}
		return nil
	})
}

// ImportHolidays stores a year's holiday table in one transaction: every
// day must fall in that year; with replace, the year's days not in the
// file are removed (a corrected SKB), otherwise they are kept and the
// file's days added or renamed. One audit record names the year and the
// count. It returns how many days the year has afterwards.
func (rf *RefData) ImportHolidays(ctx context.Context, actor aduan.Actor, year int, hs []aduan.Holiday, replace bool) (_ int, err error) {
	s := rf.s
	defer wrap(&err, "ImportHolidays(%d)", year)
	if err := actor.Require(aduan.PermStandardsEdit); err != nil {
		return 0, err
	}
	prefix := fmt.Sprintf("%04d-", year)
	if year < 2000 || year > 2200 {
		return 0, fieldErr("year", "err.field.range", 2000, 2200)
	}
	if len(hs) == 0 {
		return 0, fieldErr("file", "err.field.required")
	}
	for _, h := range hs {
		if err := h.Validate(); err != nil {
			return 0, err
		}
		if len(h.Date) < 5 || h.Date[:5] != prefix {
			return 0, fieldErr("file", "err.field.holiday_year", h.Date, year)
		}
	}
	var n int
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if replace {
			if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE date >= $1 AND date <= $2`, prefix+"01-01", prefix+"12-31"); err != nil {
				return err
			}
		}
		for _, h := range hs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (date, name) VALUES ($1, $2) ON CONFLICT (date) DO UPDATE SET name = excluded.name`, h.Date, h.Name); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM holidays WHERE date >= $1 AND date <= $2`, prefix+"01-01", prefix+"12-31").Scan(&n); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "holiday.import", "holiday", 0, nil, map[string]any{"year": year, "days": len(hs), "replace": replace})
	})
	return n, err
}
