package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

// validateAgency checks an agency and parses its contacts, whatever surface
// it came from (console, API, import, seed): the office line may be a
// landline, the WhatsApp number must be a mobile, the e-mail an address. The
// values are rewritten in E.164, so that senders only format them. All the
// field errors come back at once.
func validateAgency(a *aduan.Agency) error {
	var v aduan.Validation
	addFields(&v, a.Validate())
	p, err := phone.ParseField("phone", string(a.Phone))
	addFields(&v, err)
	a.Phone = p
	wa, err := phone.ParseMobileField("whatsapp", string(a.WhatsApp))
	addFields(&v, err)
	a.WhatsApp = wa
	if a.Email != "" {
		if key := aduan.CheckEmail(a.Email); key != "" {
			v.Add("email", key)
		}
	}
	return v.Err()
}

// validateUser checks a user and parses their phone, which WhatsApp
// notifications go to: a mobile.
func validateUser(u *aduan.User) error {
	var v aduan.Validation
	addFields(&v, u.Validate())
	p, err := phone.ParseMobileField("phone", string(u.Phone))
	addFields(&v, err)
	u.Phone = p
	return v.Err()
}

// addFields copies the field errors of a validation error into v; any other
// error becomes a field-less one (none of the callers return such).
func addFields(v *aduan.Validation, err error) {
	if err == nil {
		return
	}
	e, ok := aduan.AsError(err)
	if !ok {
		v.Add("", "err.invalid_input")
		return
	}
	for _, f := range e.Fields {
		v.Add(f.Field, f.Key, f.Args...)
	}
}

// phoneMigration is the version under which the stored numbers were
// normalised (schema_migrations). It has no .sql file: parsing a number
// needs the phone library, so the step is Go, run once after the SQL ones.
const phoneMigration = 50

// PhoneProblem is a stored number the phone migration could not read as
// its field requires. It is left as typed: the agency shows as unreachable
// (or the user without a WhatsApp number) until someone corrects it.
type PhoneProblem struct {
	Entity string // agency or user
	ID     int64
	Field  string // phone or whatsapp
}

// MigratePhones rewrites the agencies' and users' numbers, stored as typed
// before they were parsed on save, in E.164, once (Open runs it), and lists
// those it cannot. Citizens' numbers were always normalised.
func (ci *Citizens) MigratePhones(ctx context.Context) (_ []PhoneProblem, err error) {
	s := ci.s
	defer wrap(&err, "MigratePhones()")
	var problems []PhoneProblem
	err = s.txDirect(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = $1`, phoneMigration).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		type row struct {
			entity     string
			table, col string
			id         int64
			raw        string
			mobile     bool
		}
		var rows []row
		read := func(entity, table, q string, cols []string, mobile []bool) error {
			rs, err := tx.QueryContext(ctx, q)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				var id int64
				vals := make([]sql.NullString, len(cols))
				dst := []any{&id}
				for i := range vals {
					dst = append(dst, &vals[i])
				}
				if err := rs.Scan(dst...); err != nil {
					return err
				}
				for i, v := range vals {
					if strings.TrimSpace(v.String) != "" {
						rows = append(rows, row{entity, table, cols[i], id, v.String, mobile[i]})
					}
				}
			}
			return rs.Err()
		}
		if err := read("agency", "agencies", `SELECT id, phone, whatsapp FROM agencies`, []string{"phone", "whatsapp"}, []bool{false, true}); err != nil {
			return err
		}
		if err := read("user", "users", `SELECT id, phone FROM users`, []string{"phone"}, []bool{true}); err != nil {
			return err
		}
		for _, r := range rows {
			p, err := phone.Parse(r.raw)
			if err != nil || (r.mobile && !p.Mobile()) {
				problems = append(problems, PhoneProblem{Entity: r.entity, ID: r.id, Field: r.col})
				continue
			}
			if string(p) == r.raw {
				continue
			}
			// The table and column names are the constants above.
			if _, err := tx.ExecContext(ctx, `UPDATE `+r.table+` SET `+r.col+` = $1 WHERE id = $2`, string(p), r.id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, phoneMigration, time.Now().UnixMilli())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("migration %04d (phone numbers): %w", phoneMigration, err)
	}
	return problems, nil
}

// logPhoneMigration runs MigratePhones and names, in the log, the records
// whose numbers need a person (by ID: the numbers are personal data).
func (s *Store) logPhoneMigration(ctx context.Context) error {
	problems, err := s.Citizens().MigratePhones(ctx)
	for _, p := range problems {
		slog.WarnContext(ctx, "stored phone number is not valid for its field: correct it in the console",
			"entity", p.Entity, "id", p.ID, "field", p.Field)
	}
	return err
}
