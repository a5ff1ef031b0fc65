package store

import (
	"context"
	"fmt"
	"sort"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The monthly report's contact figures (issue 16): the contact log counts
// every call, message or visit beside the complaints, and gives each
// operator's handling figures.

// contactRequests are the kinds of contact that asked something of the
// call center: the base of an operator's first-contact resolution.
const contactRequests = `('complaint', 'information', 'aspiration', 'follow_up')`

// contactResolved says, in SQL over contacts x joined to their complaint c,
// that a contact was settled at that contact: an information request, or a
// complaint the call center answered itself (SOP steps 4 and 6) and never
// forwarded, the monthly report's first-contact resolution.
const contactResolved = `(x.kind = 'information' OR x.kind = 'complaint' AND c.agency_id IS NULL
	AND c.answer_source IN ('direct', 'library', 'complaint', 'web'))`

func (s *Store) monthlyContacts(ctx context.Context, m *report.MonthlyData, f report.Filter) error {
	// The log knows a contact's channel, not its place, agency or
	// category: a report narrowed by those has no contact figures.
	if f.KecamatanCode != "" || f.AgencyID != 0 || f.CategoryID != 0 {
		return nil
	}
	var w where
	w.add("x.started_at >= ?", ms(m.From))
	w.add("x.started_at < ?", ms(m.To))
	if f.Channel != "" {
		w.add("x.channel = ?", string(f.Channel))
	}
	cs := &report.ContactStat{ByKind: []report.ContactKindRow{}, Operators: []report.OperatorWork{}}
	rows, err := s.rdb.QueryContext(ctx, `SELECT x.kind, x.channel, COUNT(*) FROM contacts x`+w.sql()+` GROUP BY x.kind, x.channel`, w.args...)
	if err != nil {
		return fmt.Errorf("monthlyContacts: %w", mapErr(err))
	}
	byKind := map[string]map[string]int{}
	for rows.Next() {
		var k, ch string
		var n int
		if err := rows.Scan(&k, &ch, &n); err != nil {
			rows.Close()
			return fmt.Errorf("monthlyContacts: %w", err)
		}
		if byKind[k] == nil {
			byKind[k] = map[string]int{}
		}
		byKind[k][ch] += n
		cs.Total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("monthlyContacts: %w", mapErr(err))
	}
	for _, k := range aduan.ContactKinds {
		chs := byKind[string(k)]
		if len(chs) == 0 {
			continue
		}
		row := report.ContactKindRow{Kind: string(k), ByChannel: []report.Count{}}
		for _, ch := range aduan.Channels {
			if n := chs[string(ch)]; n > 0 {
				row.ByChannel = append(row.ByChannel, report.Count{Key: string(ch), N: n})
				row.N += n
			}
		}
		cs.ByKind = append(cs.ByKind, row)
	}
	w.add("x.operator_id IS NOT NULL")
	rows, err = s.rdb.QueryContext(ctx, `SELECT x.operator_id, COALESCE(u.name, ''), COUNT(*),
		COALESCE(SUM(x.duration_ms), 0), SUM(CASE WHEN x.duration_ms > 0 THEN 1 ELSE 0 END),
		SUM(CASE WHEN x.kind IN `+contactRequests+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+contactResolved+` THEN 1 ELSE 0 END)
		FROM contacts x LEFT JOIN users u ON u.id = x.operator_id LEFT JOIN complaints c ON c.id = x.complaint_id`+w.sql()+`
		GROUP BY x.operator_id, u.name`, w.args...)
	if err != nil {
		return fmt.Errorf("monthlyContacts: operators: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var o report.OperatorWork
		var total, timed int64
		if err := rows.Scan(&o.ID, &o.Name, &o.Handled, &total, &timed, &o.Requests, &o.Resolved); err != nil {
			return fmt.Errorf("monthlyContacts: operators: %w", err)
		}
		if timed > 0 {
			o.AvgHandleMS = total / timed
		}
		o.FCRRate = report.Rate(o.Resolved, o.Requests)
		cs.Operators = append(cs.Operators, o)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("monthlyContacts: operators: %w", mapErr(err))
	}
	sort.Slice(cs.Operators, func(i, j int) bool {
		if cs.Operators[i].Name != cs.Operators[j].Name {
			return cs.Operators[i].Name < cs.Operators[j].Name
		}
		return cs.Operators[i].ID < cs.Operators[j].ID
	})
	m.Contacts = cs
	return nil
}
