package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
)

// Bulk loading for the dataset generator (aduan gen): many rows per
// statement, many statements per transaction, IDs given by the caller. It
// bypasses the per-complaint workflow on purpose (the generator has already
// run each complaint through the domain's state machine in memory), so it
// writes no audit rows and enqueues no jobs: it is for load tests and
// benchmarks, never for real complaints.

// BulkCitizen is a citizen row with its ID.
type BulkCitizen struct {
	aduan.Citizen
}

// BulkComplaint is a complaint with its events.
type BulkComplaint struct {
	C      *aduan.Complaint
	Events []aduan.Event
}

// NextIDs returns the next free complaint and citizen IDs.
func (cp *Complaints) NextIDs(ctx context.Context) (complaint, citizen int64, err error) {
	s := cp.s
	defer wrap(&err, "NextIDs()")
	if err = s.wdb.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM complaints`).Scan(&complaint); err != nil {
		return 0, 0, mapErr(err)
	}
	err = s.wdb.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM citizens`).Scan(&citizen)
	return complaint, citizen, mapErr(err)
}

// multiInsert writes rows (each a slice of values) into table in statements
// of many rows. SQLite gets anonymous ? parameters: it looks each $n up by
// name in a list, which with thousands of parameters costs more than the
// insert itself.
func (s *Store) multiInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	perStmt := 30000 / len(cols) // under SQLite's limit of 32766 parameters
	for lo := 0; lo < len(rows); lo += perStmt {
		hi := min(lo+perStmt, len(rows))
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, (hi-lo)*len(cols))
		n := 0
		for i, r := range rows[lo:hi] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				n++
				if s.dialect == SQLite {
					b.WriteByte('?')
				} else {
					b.WriteString("$" + strconv.Itoa(n))
				}
				args = append(args, v)
			}
			b.WriteByte(')')
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("bulk insert into %s: %w", table, err)
		}
	}
	return nil
}

// BulkInsert writes citizens and complaints with their events in one
// transaction.
func (cp *Complaints) BulkInsert(ctx context.Context, citizens []aduan.Citizen, complaints []BulkComplaint) (err error) {
	s := cp.s
	defer wrap(&err, "BulkInsert()")
	ctx = LongQuery(ctx)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var crow [][]any
		for _, c := range citizens {
			crow = append(crow, []any{c.ID, c.Name, nullStr(string(c.Phone)), c.Email, c.Address, nullStr(c.KelurahanCode), ms(c.CreatedAt), ms(c.UpdatedAt), 1})
		}
		if err := s.multiInsert(ctx, tx, "citizens", []string{"id", "name", "phone", "email", "address", "kelurahan_code", "created_at", "updated_at", "version"}, crow); err != nil {
			return err
		}
		var rows, evs [][]any
		for _, b := range complaints {
			c := b.C
			rows = append(rows, []any{c.ID, c.Number, string(c.Channel), c.Text, c.Address, nullStr(c.KelurahanCode), nullStr(c.KecamatanCode), c.Lat, c.Lng,
				nullID(c.CategoryID), nullID(c.AgencyID), string(c.Priority), string(c.Confidentiality), string(c.Status), nullID(c.CitizenID), nullID(c.DuplicateOf),
				c.Answer, string(c.AnswerSource), c.AnswerRef, c.AgencyAnswer, c.ReturnReason, ms(c.ReceivedAt), ms(c.CreatedAt), ms(c.UpdatedAt), msPtr(c.ClosedAt),
				nullID(c.CreatedBy), string(c.Clock.Step), ms(c.Clock.StartedAt), c.Clock.Paused.Milliseconds(), msPtr(c.Clock.PausedSince), msPtr(c.Clock.Deadline), msPtr(c.Clock.Held), c.Version})
			for _, e := range b.Events {
				det, _ := json.Marshal(e.Details)
				var met any
				if e.Met != nil {
					met = *e.Met
				}
				evs = append(evs, []any{c.ID, string(e.Action), string(e.Step), string(e.From), string(e.To), nullID(e.ActorID), e.ActorName, string(e.ActorRole),
					ms(e.At), msPtr(e.Deadline), met, e.Elapsed.Milliseconds(), string(det)})
			}
		}
		if err := s.multiInsert(ctx, tx, "complaints", []string{"id", "number", "channel", "text", "address", "kelurahan_code", "kecamatan_code", "lat", "lng",
			"category_id", "agency_id", "priority", "confidentiality", "status", "citizen_id", "duplicate_of",
			"answer", "answer_source", "answer_ref", "agency_answer", "return_reason", "received_at", "created_at", "updated_at", "closed_at",
			"created_by", "clock_step", "clock_started_at", "clock_paused_ms", "clock_paused_since", "deadline_at", "clock_held_deadline", "version"}, rows); err != nil {
			return err
		}
		if s.dialect == SQLite {
			ids := make([]any, 0, len(complaints))
			for _, b := range complaints {
				ids = append(ids, b.C.ID)
			}
			for len(ids) > 0 {
				n := min(len(ids), 500)
				if err := (openTrigrams{}).Flush(ctx, tx, ids[:n]); err != nil {
					return err
				}
				ids = ids[n:]
			}
		}
		return s.multiInsert(ctx, tx, "complaint_events", []string{"complaint_id", "action", "step", "from_status", "to_status", "actor_id", "actor_name", "actor_role",
			"at", "deadline_at", "met", "elapsed_ms", "details"}, evs)
	})
}

// BulkFinish brings the counters up to date after a bulk load: the yearly
// complaint numbers, PostgreSQL's identity sequences, and the planner's
// statistics.
func (cp *Complaints) BulkFinish(ctx context.Context, lastNumber map[int]int64) (err error) {
	s := cp.s
	defer wrap(&err, "BulkFinish()")
	ctx = LongQuery(ctx)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for y, n := range lastNumber {
			if _, err := tx.ExecContext(ctx, `INSERT INTO complaint_numbers (year, last) VALUES ($1, $2)
				ON CONFLICT (year) DO UPDATE SET last = CASE WHEN complaint_numbers.last > excluded.last THEN complaint_numbers.last ELSE excluded.last END`, y, n); err != nil {
				return err
			}
		}
		if s.dialect == Postgres {
			for _, t := range []string{"complaints", "citizens", "complaint_events"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT COALESCE(MAX(id), 1) FROM `+t+`))`); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = s.wdb.ExecContext(ctx, "ANALYZE")
	return mapErr(err)
}
