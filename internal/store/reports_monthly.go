package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The monthly report's figures (SOP step 12): volume, first-contact
// resolution, step compliance, open complaints, places and satisfaction.

// MonthlyData compiles the figures of any period for a preview.
func (rp *Reports) MonthlyData(ctx context.Context, actor aduan.Actor, from, to time.Time, f report.Filter) (_ *report.MonthlyData, err error) {
	s := rp.s
	defer wrap(&err, "MonthlyData()")
	if !report.CanList(actor, report.Monthly) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if report.OnlyAgency(actor) {
		// The Pimpinan PD's figures are its agency's, whatever was asked.
		if f.AgencyID != 0 && f.AgencyID != actor.AgencyID {
			return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
		}
		f.AgencyID = actor.AgencyID
	}
	return s.compileMonthly(ctx, from, to, f, s.Now())
}

// stepCompliance states a step's figures with the standard they were
// measured against: the step's own, and whether rules by tier or priority
// timed some complaints otherwise.
func stepCompliance(st aduan.StepInfo, sc *aduan.StandardClock, total, met int) report.StepCompliance {
	std := sc.Standards[st.Key]
	out := report.StepCompliance{Step: string(st.Key), SOP: st.SOP, Standard: std.String(), Total: total, Met: met, Missed: total - met,
		Rate: report.Rate(met, total)}
	for k := range sc.Rules {
		out.ByKind = out.ByKind || k.Step == st.Key
	}
	switch std.Unit {
	case aduan.UnitMinute:
		out.StandardMS = int64(std.Amount) * 60000
	case aduan.UnitHour:
		out.StandardMS = int64(std.Amount) * 3600000
	}
	return out
}

type agencyName struct{ code, name string }

func (s *Store) agencyNames(ctx context.Context) (map[int64]agencyName, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, code, name FROM agencies`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]agencyName{}
	for rows.Next() {
		var id int64
		var a agencyName
		if err := rows.Scan(&id, &a.code, &a.name); err != nil {
			return nil, err
		}
		out[id] = a
	}
	return out, rows.Err()
}

// cohort adds the conditions for the complaints received in [from, to)
// that match the filter.
func cohort(w *where, from, to time.Time, f report.Filter) {
	w.add("c.received_at >= ?", ms(from))
	w.add("c.received_at < ?", ms(to))
	complaintFilter(w, f)
}

func complaintFilter(w *where, f report.Filter) {
	if f.KecamatanCode != "" {
		w.add("c.kecamatan_code = ?", f.KecamatanCode)
	}
	if f.AgencyID != 0 {
		w.add("c.agency_id = ?", f.AgencyID)
	}
	if f.CategoryID != 0 {
		w.add("c.category_id = ?", f.CategoryID)
	}
	if f.Channel != "" {
		w.add("c.channel = ?", string(f.Channel))
	}
}

// stepsFrom is the FROM clause for the timed steps taken in a period: the
// complaint is joined only when a filter needs it, which spares a million
// lookups on an unfiltered month.
func stepsFrom(w *where, from, to time.Time, f report.Filter) string {
	q := ` FROM complaint_events e`
	if !f.Empty() {
		q += ` JOIN complaints c ON c.id = e.complaint_id`
	}
	w.add("e.at >= ?", ms(from))
	w.add("e.at < ?", ms(to))
	w.add("e.step <> ''")
	w.add("e.met IS NOT NULL")
	complaintFilter(w, f)
	return q
}

const openStatuses = `c.status NOT IN ('closed', 'duplicate', 'rejected')`

// compileMonthly computes the figures of a period. Each figure is one
// aggregate query, or one ordered stream for the percentiles.
func (s *Store) compileMonthly(ctx context.Context, from, to time.Time, f report.Filter, now time.Time) (*report.MonthlyData, error) {
	fv, err := s.filterView(ctx, f)
	if err != nil {
		return nil, err
	}
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	// Every time in the figures is in the city's zone (+07:00 for WIB,
	// +08:00 for WITA), as the API shows them.
	loc := sc.Loc()
	from, to = from.In(loc), to.In(loc)
	prevFrom, prevTo := from.Add(-to.Sub(from)), from
	if from.Day() == 1 && from.Hour() == 0 && to.Equal(from.AddDate(0, 1, 0)) {
		prevFrom = from.AddDate(0, -1, 0)
	}
	m := &report.MonthlyData{From: from, To: to, PrevFrom: prevFrom.In(loc), PrevTo: prevTo.In(loc), Filter: fv, CompiledAt: now.In(loc)}
	for _, step := range []func() error{
		func() error { return s.monthlyVolume(ctx, m, f) },
		func() error { return s.monthlyFCR(ctx, m, f) },
		func() error { return s.monthlyWork(ctx, m, f, sc) },
		func() error { return s.monthlyOpen(ctx, m, f, now) },
		func() error { return s.monthlyPlaces(ctx, m, f, now) },
		func() error { return s.monthlySatisfaction(ctx, m, f) },
		func() error { return s.monthlySKM(ctx, m, f) },
		func() error { return s.monthlyDailyReports(ctx, m, now, sc) },
		func() error { return s.monthlyContacts(ctx, m, f) },
		func() error { return s.monthlyLapor(ctx, m, f, now) },
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (s *Store) monthlyVolume(ctx context.Context, m *report.MonthlyData, f report.Filter) error {
	var w where
	cohort(&w, m.From, m.To, f)
	rows, err := s.rdb.QueryContext(ctx, `SELECT c.channel, c.status, COUNT(*) FROM complaints c`+w.sql()+` GROUP BY c.channel, c.status`, w.args...)
	if err != nil {
		return mapErr(err)
	}
	byChannel, byStatus := map[string]int{}, map[string]int{}
	for rows.Next() {
		var ch, st string
		var n int
		if err := rows.Scan(&ch, &st, &n); err != nil {
			rows.Close()
			return err
		}
		byStatus[st] += n
		m.Volume.Recorded += n
		if received(aduan.Status(st)) {
			byChannel[ch] += n
			m.Volume.Total += n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	var pw where
	cohort(&pw, m.PrevFrom, m.PrevTo, f)
	pw.add(receivedSQL)
	rows, err = s.rdb.QueryContext(ctx, `SELECT c.channel, COUNT(*) FROM complaints c`+pw.sql()+` GROUP BY c.channel`, pw.args...)
	if err != nil {
		return mapErr(err)
	}
	prev := map[string]int{}
	for rows.Next() {
		var ch string
		var n int
		if err := rows.Scan(&ch, &n); err != nil {
			rows.Close()
			return err
		}
		prev[ch] += n
		m.Volume.Previous += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	m.Volume.ChangePct = report.ChangePct(m.Volume.Total, m.Volume.Previous)
	m.Volume.ByChannel = []report.Trend{}
	for _, ch := range aduan.Channels {
		if byChannel[string(ch)] > 0 || prev[string(ch)] > 0 {
			m.Volume.ByChannel = append(m.Volume.ByChannel, report.Trend{Key: string(ch), N: byChannel[string(ch)], Previous: prev[string(ch)]})
		}
	}
	m.Volume.ByStatus = []report.Count{}
	for _, st := range aduan.Statuses {
		if n := byStatus[string(st)]; n > 0 {
			m.Volume.ByStatus = append(m.Volume.ByStatus, report.Count{Key: string(st), N: n})
		}
	}
	m.Volume.Duplicate, m.Volume.Rejected = byStatus[string(aduan.StatusDuplicate)], byStatus[string(aduan.StatusRejected)]
	var dw where
	cohort(&dw, m.From, m.To, f)
	dw.add(receivedSQL)
	off := strconv.FormatInt(zoneOffsetMS(m.From), 10)
	rows, err = s.rdb.QueryContext(ctx, `SELECT (c.received_at + `+off+`) / `+strconv.Itoa(dayMS)+` AS d, COUNT(*) FROM complaints c`+dw.sql()+
		` GROUP BY (c.received_at + `+off+`) / `+strconv.Itoa(dayMS), dw.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	perDay := map[int64]int{}
	for rows.Next() {
		var d int64
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return err
		}
		perDay[d] = n
	}
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	m.Volume.ByDay = []report.DayCount{}
	for d := m.From; d.Before(m.To) && len(m.Volume.ByDay) < 400; d = d.AddDate(0, 0, 1) {
		key := (d.UnixMilli() + zoneOffsetMS(d)) / dayMS
		m.Volume.ByDay = append(m.Volume.ByDay, report.DayCount{Day: d.Format("2006-01-02"), N: perDay[key]})
	}
	return nil
}

func (s *Store) monthlyFCR(ctx context.Context, m *report.MonthlyData, f report.Filter) error {
	var w where
	cohort(&w, m.From, m.To, f)
	// A complaint's agency is set only by forwarding it (see
	// aduan.Actor.CanSeeComplaint), and its answer source says who answered:
	// so first contact needs no look at the event log, which at a million
	// complaints is the difference between a lookup and a scan.
	w.add(receivedSQL)
	w.add(`c.agency_id IS NULL`)
	w.add(`c.answer_source IN ('direct', 'library', 'complaint', 'web')`)
	rows, err := s.rdb.QueryContext(ctx, `SELECT c.answer_source, COUNT(*) FROM complaints c`+w.sql()+` GROUP BY c.answer_source`, w.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return err
		}
		if aduan.AnswerSource(src) == aduan.SourceDirect {
			m.FCR.Direct += n
		} else {
			m.FCR.Library += n
		}
	}
	m.FCR.Base = m.Volume.Total
	m.FCR.Rate = report.Rate(m.FCR.Direct+m.FCR.Library, m.FCR.Base)
	return mapErr(rows.Err())
}

// monthlyWork computes the step figures, per step, per operator and per
// agency, from one aggregate pass over the period's timed steps (a million
// events a month at the benchmark's size), then picks every median and p90
// from one stream of elapsed times in order: ordered by step and time, each
// agency's answers are in order too, so one pass serves both.
func (s *Store) monthlyWork(ctx context.Context, m *report.MonthlyData, f report.Filter, sc *aduan.StandardClock) error {
	users, err := s.userInfo(ctx)
	if err != nil {
		return err
	}
	var w where
	fromSQL := stepsFrom(&w, m.From, m.To, f)
	// A forward's agency is in its details, so forwards are grouped by them
	// (a handful of distinct values); other steps are not.
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.step, e.action, COALESCE(e.actor_id, 0), e.actor_role, COALESCE(e.agency_id, 0),
		CASE WHEN e.action = 'forward' THEN e.details ELSE '' END AS fwd, COUNT(*), SUM(CASE WHEN `+ForwardMetSQL+` THEN 1 ELSE 0 END)`+
		fromSQL+w.sql()+` GROUP BY e.step, e.action, e.actor_id, e.actor_role, e.agency_id, CASE WHEN e.action = 'forward' THEN e.details ELSE '' END`, w.args...)
	if err != nil {
		return mapErr(err)
	}
	stepN, stepMet := map[string]int{}, map[string]int{}
	ops := map[int64]*report.Compliance{}
	ags := map[int64]*report.AgencyStat{}
	agency := func(id int64) *report.AgencyStat {
		a := ags[id]
		if a == nil {
			a = &report.AgencyStat{Compliance: report.Compliance{ID: id}}
			ags[id] = a
		}
		return a
	}
	for rows.Next() {
		var step, act, role, fwd string
		var actor, atAgency int64
		var n, k int
		if err := rows.Scan(&step, &act, &actor, &role, &atAgency, &fwd, &n, &k); err != nil {
			rows.Close()
			return err
		}
		stepN[step] += n
		stepMet[step] += k
		switch aduan.Role(role) {
		case aduan.RoleOperatorCC, aduan.RoleKoordinatorCC:
			if actor != 0 {
				o := ops[actor]
				if o == nil {
					o = &report.Compliance{ID: actor, Name: users[actor].name}
					ops[actor] = o
				}
				o.Total += n
				o.Met += k
			}
		}
		if aduan.Action(act) == aduan.ActionForward {
			var d map[string]string
			if json.Unmarshal([]byte(fwd), &d) == nil {
				if id, err := strconv.ParseInt(d["agency_id"], 10, 64); err == nil {
					agency(id).Forwarded += n
				}
			}
		}
		// The agency of a step is the agency the complaint was with when
		// it was taken (the event's agency_id): the complaint's agency may
		// have changed since (returned and forwarded on), and a step 8 the
		// call center recorded for the agency is still the agency's.
		if atAgency != 0 && (step == string(aduan.StepAgencyReceive) || step == string(aduan.StepAgencyAnswer)) {
			a := agency(atAgency)
			a.Total += n
			a.Met += k
			switch aduan.Action(act) {
			case aduan.ActionAgencyAnswer:
				a.Answered += n
			case aduan.ActionReturn:
				a.Returned += n
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}

	var pw where
	fromSQL = stepsFrom(&pw, m.From, m.To, f)
	rows, err = s.rdb.QueryContext(ctx, `SELECT e.step, COALESCE(e.agency_id, 0), e.elapsed_ms`+fromSQL+pw.sql()+` ORDER BY e.step, e.elapsed_ms`, pw.args...)
	if err != nil {
		return mapErr(err)
	}
	stepPct := map[string]*report.Percentiles{}
	agencyPct := map[int64]*report.Percentiles{}
	for rows.Next() {
		var step string
		var atAgency, v int64
		if err := rows.Scan(&step, &atAgency, &v); err != nil {
			rows.Close()
			return err
		}
		p := stepPct[step]
		if p == nil {
			p = report.NewPercentiles(stepN[step])
			stepPct[step] = p
		}
		p.Add(v)
		if step == string(aduan.StepAgencyAnswer) {
			if ag := atAgency; ag != 0 {
				p := agencyPct[ag]
				if p == nil {
					p = report.NewPercentiles(ags[ag].Answered)
					agencyPct[ag] = p
				}
				p.Add(v)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}

	m.Steps = []report.StepCompliance{}
	for _, st := range aduan.Steps {
		n := stepN[string(st.Key)]
		if n == 0 {
			continue
		}
		c := stepCompliance(st, sc, n, stepMet[string(st.Key)])
		if p := stepPct[string(st.Key)]; p != nil {
			c.MedianMS, c.P90MS = p.Median, p.P90
		}
		m.Steps = append(m.Steps, c)
	}
	m.Operators = []report.Compliance{}
	for _, o := range ops {
		o.Missed, o.Rate = o.Total-o.Met, report.Rate(o.Met, o.Total)
		m.Operators = append(m.Operators, *o)
	}
	sort.Slice(m.Operators, func(i, j int) bool {
		a, b := m.Operators[i], m.Operators[j]
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.ID < b.ID
	})
	names, err := s.agencyNames(ctx)
	if err != nil {
		return err
	}
	m.Agencies = []report.AgencyStat{}
	for id, a := range ags {
		if f.AgencyID != 0 && id != f.AgencyID {
			// An agency's report is about that agency: the complaints it
			// holds now were forwarded elsewhere first, and those other
			// agencies' figures are not its to show.
			continue
		}
		a.Name = names[id].name
		a.Missed, a.Rate = a.Total-a.Met, report.Rate(a.Met, a.Total)
		if p := agencyPct[id]; p != nil {
			a.MedianAnswerMS, a.P90AnswerMS = p.Median, p.P90
		}
		m.Agencies = append(m.Agencies, *a)
	}
	sort.Slice(m.Agencies, func(i, j int) bool {
		a, b := m.Agencies[i], m.Agencies[j]
		if a.Forwarded != b.Forwarded {
			return a.Forwarded > b.Forwarded
		}
		return a.ID < b.ID
	})
	m.Slowest = []report.AgencyStat{}
	for _, a := range m.Agencies {
		if a.Answered > 0 {
			m.Slowest = append(m.Slowest, a)
		}
	}
	sort.SliceStable(m.Slowest, func(i, j int) bool {
		a, b := m.Slowest[i], m.Slowest[j]
		if a.MedianAnswerMS != b.MedianAnswerMS {
			return a.MedianAnswerMS > b.MedianAnswerMS
		}
		return a.ID < b.ID
	})
	if len(m.Slowest) > MaxSlowest {
		m.Slowest = m.Slowest[:MaxSlowest]
	}
	return nil
}

// MaxSlowest is how many of the slowest agencies the report names.
const MaxSlowest = 5

type userRow struct {
	name   string
	agency int64
}

func (s *Store) userInfo(ctx context.Context) (map[int64]userRow, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, name, agency_id FROM users`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[int64]userRow{}
	for rows.Next() {
		var id int64
		var u userRow
		var ag sql.NullInt64
		if err := rows.Scan(&id, &u.name, &ag); err != nil {
			return nil, err
		}
		u.agency = ag.Int64
		out[id] = u
	}
	return out, rows.Err()
}

func (s *Store) monthlyOpen(ctx context.Context, m *report.MonthlyData, f report.Filter, now time.Time) error {
	var w where
	cohort(&w, m.From, m.To, f)
	w.add(openStatuses)
	nowArg := w.arg(ms(now))
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.deadline_at < `+nowArg+` THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN c.clock_paused_since IS NOT NULL THEN 1 ELSE 0 END), 0) FROM complaints c`+w.sql(), w.args...).
		Scan(&m.Open.Open, &m.Open.Overdue, &m.Open.Paused)
	if err != nil {
		return mapErr(err)
	}
	var ow where
	cohort(&ow, m.From, m.To, f)
	ow.add(openStatuses)
	ow.add("c.deadline_at < ?", ms(now))
	rows, err := s.rdb.QueryContext(ctx, `SELECT c.number, c.received_at, c.status, c.clock_step, c.deadline_at, COALESCE(ag.name, '')
		FROM complaints c LEFT JOIN agencies ag ON ag.id = c.agency_id`+ow.sql()+` ORDER BY c.deadline_at, c.id LIMIT `+strconv.Itoa(report.MaxOverdueLines), ow.args...)
	if err != nil {
		return mapErr(err)
	}
	defer rows.Close()
	m.Open.Oldest = []report.OverdueLine{}
	for rows.Next() {
		var l report.OverdueLine
		var recv, due int64
		if err := rows.Scan(&l.Number, &recv, &l.Status, &l.Step, &due, &l.Agency); err != nil {
			return err
		}
		l.ReceivedAt, l.DueAt = fromMS(recv).In(m.From.Location()), fromMS(due).In(m.From.Location())
		m.Open.Oldest = append(m.Open.Oldest, l)
	}
	return mapErr(rows.Err())
}

// MaxTop is how many categories and kelurahan the report ranks.
const MaxTop = 10

func (s *Store) monthlyPlaces(ctx context.Context, m *report.MonthlyData, f report.Filter, now time.Time) error {
	var w where
	cohort(&w, m.From, m.To, f)
	rows, err := s.rdb.QueryContext(ctx, `SELECT c.category_id, COALESCE(cat.code, ''), COALESCE(cat.name, ''), COUNT(*)
		FROM complaints c LEFT JOIN categories cat ON cat.id = c.category_id`+w.sql()+` GROUP BY c.category_id, cat.code, cat.name`, w.args...)
	if err != nil {
		return mapErr(err)
	}
	m.Categories = []report.Named{}
	for rows.Next() {
		var n report.Named
		var id sql.NullInt64
		if err := rows.Scan(&id, &n.Code, &n.Name, &n.N); err != nil {
			rows.Close()
			return err
		}
		n.ID = id.Int64
		m.Categories = append(m.Categories, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	report.SortNamed(m.Categories)
	if len(m.Categories) > MaxTop {
		m.Categories = m.Categories[:MaxTop]
	}
	var kw where
	cohort(&kw, m.From, m.To, f)
	kw.add("c.kelurahan_code IS NOT NULL")
	rows, err = s.rdb.QueryContext(ctx, `SELECT c.kelurahan_code, kel.name, COUNT(*)
		FROM complaints c JOIN kelurahan kel ON kel.code = c.kelurahan_code`+kw.sql()+` GROUP BY c.kelurahan_code, kel.name`, kw.args...)
	if err != nil {
		return mapErr(err)
	}
	m.Kelurahan = []report.Named{}
	for rows.Next() {
		var n report.Named
		if err := rows.Scan(&n.Code, &n.Name, &n.N); err != nil {
			rows.Close()
			return err
		}
		m.Kelurahan = append(m.Kelurahan, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	report.SortNamed(m.Kelurahan)
	if len(m.Kelurahan) > MaxTop {
		m.Kelurahan = m.Kelurahan[:MaxTop]
	}
	var cw where
	cohort(&cw, m.From, m.To, f)
	nowArg := cw.arg(ms(now))
	rows, err = s.rdb.QueryContext(ctx, `SELECT COALESCE(c.kecamatan_code, ''), COUNT(*), SUM(CASE WHEN `+openStatuses+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN `+openStatuses+` AND c.deadline_at < `+nowArg+` THEN 1 ELSE 0 END)
		FROM complaints c`+cw.sql()+` GROUP BY c.kecamatan_code`, cw.args...)
	if err != nil {
		return mapErr(err)
	}
	byKec := map[string]report.KecamatanRow{}
	for rows.Next() {
		var r report.KecamatanRow
		if err := rows.Scan(&r.Code, &r.N, &r.Open, &r.Overdue); err != nil {
			rows.Close()
			return err
		}
		byKec[r.Code] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	kecs, err := s.RefData().Kecamatans(ctx)
	if err != nil {
		return err
	}
	m.Kecamatan = []report.KecamatanRow{}
	for _, k := range kecs {
		if f.KecamatanCode != "" && k.Code != f.KecamatanCode {
			continue
		}
		r := byKec[k.Code]
		r.Code, r.Name = k.Code, k.Name
		m.Kecamatan = append(m.Kecamatan, r)
	}
	sort.Slice(m.Kecamatan, func(i, j int) bool { return m.Kecamatan[i].Code < m.Kecamatan[j].Code })
	if r, ok := byKec[""]; ok && r.N > 0 {
		m.Kecamatan = append(m.Kecamatan, r) // complaints with no place recorded
	}
	return nil
}

func (s *Store) monthlySatisfaction(ctx context.Context, m *report.MonthlyData, f report.Filter) error {
	sat, err := s.satisfaction(ctx, m.From, m.To, f)
	m.Satisfaction = sat
	return err
}

// satisfaction sums the survey answers about the complaints received in
// [from, to) that match the filter: the rule of the monthly report, which
// the dashboard shares so that both show the same figure.
func (s *Store) satisfaction(ctx context.Context, from, to time.Time, f report.Filter) (report.Satisfaction, error) {
	var sat report.Satisfaction
	var w where
	cohort(&w, from, to, f)
	rows, err := s.rdb.QueryContext(ctx, `SELECT sv.score, COUNT(*) FROM survey_responses sv JOIN complaints c ON c.id = sv.complaint_id`+w.sql()+
		` GROUP BY sv.score`, w.args...)
	if err != nil {
		return sat, mapErr(err)
	}
	defer rows.Close()
	sum := 0
	for rows.Next() {
		var score, n int
		if err := rows.Scan(&score, &n); err != nil {
			return sat, err
		}
		if score >= 1 && score <= 5 {
			sat.Distribution[score-1] += n
			sat.Responses += n
			sum += score * n
		}
	}
	if sat.Responses > 0 {
		sat.Collected = true
		sat.Average = float64(sum*100/sat.Responses) / 100
	}
	return sat, mapErr(rows.Err())
}

// SatisfactionFor is the citizens' satisfaction with the complaints
// received in [from, to), for the dashboard: an agency-bound role sees its
// agency's only.
func (rp *Reports) SatisfactionFor(ctx context.Context, actor aduan.Actor, from, to time.Time) (_ report.Satisfaction, err error) {
	s := rp.s
	defer wrap(&err, "SatisfactionFor()")
	if err := actor.Require(aduan.PermStatsRead); err != nil {
		return report.Satisfaction{}, err
	}
	var f report.Filter
	if actor.Role.AgencyBound() {
		f.AgencyID = actor.AgencyID
	}
	return s.satisfaction(ctx, from, to, f)
}
