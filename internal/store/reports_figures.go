package store

import (
	"context"
	"sort"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The public figures of /angka, and the one definition of "pengaduan
// diterima" that they share with the monthly report and the dashboard.

// receivedSQL is the one definition of a complaint received (pengaduan
// diterima, issue 15): every numbered complaint of the period except a
// duplicate (the same matter, counted once under its main complaint) and a
// rejected record (a prank, spam or abuse that got a number before the
// contact log existed). The monthly report, the dashboard and /angka count
// with it and show the two kinds apart; contacts that were never
// complaints (pranks, wrong numbers) are in the contact log, not here.
const receivedSQL = `c.status NOT IN ('duplicate', 'rejected')`

// received is receivedSQL in Go, for counts already grouped by status.
func received(st aduan.Status) bool {
	return st != aduan.StatusDuplicate && st != aduan.StatusRejected
}

// zoneOffsetMS is the offset of t's zone from UTC in milliseconds: SQL
// groups Unix-millisecond times by the city's calendar day with it (the
// city's zone is fixed: Indonesia keeps no daylight saving).
func zoneOffsetMS(t time.Time) int64 {
	_, off := t.Zone()
	return int64(off) * 1000
}

// PublicFigures returns a year's monthly volumes and step compliance, and
// each agency's compliance: figures for citizens, with no personal data.
func (rp *Reports) PublicFigures(ctx context.Context, year int) (_ *report.PublicFigures, err error) {
	s := rp.s
	defer wrap(&err, "PublicFigures(%d)", year)
	if year < 2000 || year > 9999 {
		return nil, fieldErr("year", "err.bad_param", "year")
	}
	p := &report.PublicFigures{Year: year, Months: []report.PublicMonth{}, Agencies: []report.Compliance{}}
	loc, err := s.zone(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	for i := 0; i < 12; i++ {
		from, to := start.AddDate(0, i, 0), start.AddDate(0, i+1, 0)
		pm := report.PublicMonth{Month: from.Format("2006-01")}
		if err := s.rdb.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN `+receivedSQL+` THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN c.status = 'duplicate' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN c.status = 'rejected' THEN 1 ELSE 0 END), 0)
			FROM complaints c WHERE c.received_at >= $1 AND c.received_at < $2`,
			ms(from), ms(to)).Scan(&pm.Received, &pm.Closed, &pm.Duplicate, &pm.Rejected); err != nil {
			return nil, mapErr(err)
		}
		if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN `+ForwardMetSQL+` THEN 1 ELSE 0 END), 0)
			FROM complaint_events e WHERE e.at >= $1 AND e.at < $2 AND e.step <> '' AND e.met IS NOT NULL`,
			ms(from), ms(to)).Scan(&pm.Steps, &pm.StepsMet); err != nil {
			return nil, mapErr(err)
		}
		pm.Rate = report.Rate(pm.StepsMet, pm.Steps)
		p.Months = append(p.Months, pm)
	}
	// An agency's steps count for the agency the complaint was with, even
	// when the call center recorded them for it.
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.agency_id, COUNT(*), SUM(CASE WHEN `+ForwardMetSQL+` THEN 1 ELSE 0 END)
		FROM complaint_events e
		WHERE e.at >= $1 AND e.at < $2 AND e.step IN ('agency_receive', 'agency_answer') AND e.met IS NOT NULL AND e.agency_id IS NOT NULL
		GROUP BY e.agency_id`, ms(start), ms(start.AddDate(1, 0, 0)))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c report.Compliance
		if err := rows.Scan(&c.ID, &c.Total, &c.Met); err != nil {
			return nil, err
		}
		c.Missed, c.Rate = c.Total-c.Met, report.Rate(c.Met, c.Total)
		p.Agencies = append(p.Agencies, c)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	names, err := s.agencyNames(ctx)
	if err != nil {
		return nil, err
	}
	for i := range p.Agencies {
		p.Agencies[i].Name = names[p.Agencies[i].ID].name
	}
	sort.Slice(p.Agencies, func(i, j int) bool { return p.Agencies[i].ID < p.Agencies[j].ID })
	return p, nil
}
