package store

import (
	"context"
	"sort"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
)

// Figures for the dashboards. Every query here is the same SQL on SQLite
// and PostgreSQL, so both give the same numbers.

// Count is a labelled count.
type Count struct {
	Key   string
	Label string
	N     int64
}

// Compliance is how often a step (or an operator, or an agency) met its
// standard.
type Compliance struct {
	Key   string
	Label string
	Met   int64
	Total int64
}

// Rate is Met/Total, 0 when nothing was measured.
func (c Compliance) Rate() float64 {
	if c.Total == 0 {
		return 0
	}
	return float64(c.Met) / float64(c.Total)
}

// Dashboard holds the figures of the coordinator's and agencies' dashboards.
type Dashboard struct {
	Today, Month          int64   // complaints received (receivedSQL: duplicates and rejected apart)
	MonthDuplicate        int64   // this month's duplicates, not in Month
	MonthRejected         int64   // this month's rejected records, not in Month
	TodayByChannel        []Count // channel → n
	MonthByDay            []Count // YYYY-MM-DD → n, this month
	OpenByStatus          []Count
	OpenByAgency          []AgencyLoad // worst first: most late, then most open
	StepCompliance        []Compliance // this month, per timed step
	OperatorCompliance    []Compliance // this month, per call-center user
	AgencyCompliance      []Compliance // this month, agency steps per agency (Key: its ID), worst rate first
	OverdueTotal, OpenAll int64
}

// AgencyLoad is what an agency holds open: the complaints forwarded to it
// that are not finished, and how many of them are late.
type AgencyLoad struct {
	ID         int64
	Name       string
	Open, Late int64
}

// localDay is the SQL for the calendar day number, in the city's zone of
// t, of a Unix-ms column.
func localDay(col string, t time.Time) string {
	return "((" + col + " + " + strconv.FormatInt(zoneOffsetMS(t), 10) + ") / 86400000)"
}

// DashboardFor computes the figures the actor may see (agency-bound roles:
// their agency only) as of now.
func (rp *Reports) DashboardFor(ctx context.Context, actor aduan.Actor, now time.Time) (_ *Dashboard, err error) {
	s := rp.s
	defer wrap(&err, "DashboardFor()")
	if err := actor.Require(aduan.PermStatsRead); err != nil {
		return nil, err
	}
	d := &Dashboard{}
	loc, err := s.zone(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	w := now.In(loc)
	dayStart := time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, loc)
	monthStart := time.Date(w.Year(), w.Month(), 1, 0, 0, 0, 0, loc)
	scope, args := "1=1", []any{}
	if actor.Role.AgencyBound() {
		scope, args = "c.agency_id = $1", []any{actor.AgencyID}
	}
	n := len(args)
	p := func(i int) string { return "$" + strconv.Itoa(n+i) }
	q := s.rdb
	count := func(from time.Time) (int64, error) {
		var v int64
		err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints c WHERE `+scope+` AND `+receivedSQL+` AND c.received_at >= `+p(1), append(args, ms(from))...).Scan(&v)
		return v, err
	}
	if d.Today, err = count(dayStart); err != nil {
		return nil, mapErr(err)
	}
	if d.Month, err = count(monthStart); err != nil {
		return nil, mapErr(err)
	}
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN c.status = 'duplicate' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN c.status = 'rejected' THEN 1 ELSE 0 END), 0)
		FROM complaints c WHERE `+scope+` AND c.received_at >= `+p(1), append(args, ms(monthStart))...).Scan(&d.MonthDuplicate, &d.MonthRejected); err != nil {
		return nil, mapErr(err)
	}
	grouped := func(sql string, a ...any) ([]Count, error) {
		rows, err := q.QueryContext(ctx, sql, a...)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		var out []Count
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Key, &c.Label, &c.N); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	if d.TodayByChannel, err = grouped(`SELECT c.channel, c.channel, COUNT(*) FROM complaints c WHERE `+scope+` AND c.received_at >= `+p(1)+` AND `+receivedSQL+` GROUP BY c.channel ORDER BY 3 DESC`, append(args, ms(dayStart))...); err != nil {
		return nil, err
	}
	days, err := grouped(`SELECT `+localDay("c.received_at", monthStart)+`, '', COUNT(*) FROM complaints c WHERE `+scope+` AND `+receivedSQL+` AND c.received_at >= `+p(1)+` GROUP BY 1 ORDER BY 1`, append(args, ms(monthStart))...)
	if err != nil {
		return nil, err
	}
	for i := range days {
		dn, _ := strconv.ParseInt(days[i].Key, 10, 64)
		days[i].Key = time.Unix(dn*86400, 0).UTC().Format("2006-01-02")
	}
	d.MonthByDay = days
	open := ` AND c.status NOT IN ('closed', 'duplicate', 'rejected')`
	if d.OpenByStatus, err = grouped(`SELECT c.status, c.status, COUNT(*) FROM complaints c WHERE `+scope+open+` GROUP BY c.status ORDER BY 3 DESC`, args...); err != nil {
		return nil, err
	}
	for _, c := range d.OpenByStatus {
		d.OpenAll += c.N
	}
	// Every agency holding open complaints, worst first, so the one that
	// needs a call is on top however many there are.
	rows, err := q.QueryContext(ctx, `SELECT ag.id, ag.name, COUNT(*), COALESCE(SUM(CASE WHEN c.deadline_at < `+p(1)+` THEN 1 ELSE 0 END), 0)
		FROM complaints c JOIN agencies ag ON ag.id = c.agency_id
		WHERE `+scope+open+` GROUP BY ag.id, ag.name ORDER BY 4 DESC, 3 DESC, 2`, append(args, ms(now))...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a AgencyLoad
		if err := rows.Scan(&a.ID, &a.Name, &a.Open, &a.Late); err != nil {
			return nil, mapErr(err)
		}
		d.OpenByAgency = append(d.OpenByAgency, a)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	comp := func(sql string, a ...any) ([]Compliance, error) {
		rows, err := q.QueryContext(ctx, sql, a...)
		if err != nil {
			return nil, mapErr(err)
		}
		defer rows.Close()
		var out []Compliance
		for rows.Next() {
			var c Compliance
			if err := rows.Scan(&c.Key, &c.Label, &c.Met, &c.Total); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	// Step 7 counts as met only when the agency was reached (ForwardMetSQL).
	metSum := `SUM(CASE WHEN ` + ForwardMetSQL + ` THEN 1 ELSE 0 END), COUNT(*)`
	base := ` FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id WHERE ` + scope + ` AND e.met IS NOT NULL AND e.at >= ` + p(1)
	if d.StepCompliance, err = comp(`SELECT e.step, e.step, `+metSum+base+` GROUP BY e.step ORDER BY 1`, append(args, ms(monthStart))...); err != nil {
		return nil, err
	}
	if d.OperatorCompliance, err = comp(`SELECT CAST(e.actor_id AS TEXT), e.actor_name, `+metSum+base+` AND e.actor_role IN ('operator_cc', 'koordinator_cc') GROUP BY e.actor_id, e.actor_name ORDER BY 2`, append(args, ms(monthStart))...); err != nil {
		return nil, err
	}
	// An agency's figures count the steps taken while it held the
	// complaint (its own, or recorded for it by the call center), so a
	// complaint re-forwarded elsewhere still counts where it was handled.
	if d.AgencyCompliance, err = comp(`SELECT CAST(ag.id AS TEXT), ag.name, `+metSum+` FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
		JOIN agencies ag ON ag.id = e.agency_id
		WHERE `+scope+` AND e.met IS NOT NULL AND e.at >= `+p(1)+` AND e.step IN ('agency_receive', 'agency_answer')
		GROUP BY ag.id, ag.name ORDER BY 2`, append(args, ms(monthStart))...); err != nil {
		return nil, err
	}
	// The worst rate first, and of equal rates the one with more steps.
	sort.SliceStable(d.AgencyCompliance, func(i, j int) bool {
		a, b := d.AgencyCompliance[i], d.AgencyCompliance[j]
		if a.Rate() != b.Rate() {
			return a.Rate() < b.Rate()
		}
		return a.Total > b.Total
	})
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints c WHERE `+scope+open+` AND c.deadline_at < `+p(1), append(args, ms(now))...).Scan(&d.OverdueTotal); err != nil {
		return nil, mapErr(err)
	}
	return d, nil
}
