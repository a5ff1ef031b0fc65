package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The daily report's figures (SOP step 11) and the status of every
// operator's daily reports.

// DailyData compiles an operator's figures of a day for a preview. An
// operator may see only their own.
func (rp *Reports) DailyData(ctx context.Context, actor aduan.Actor, operatorID int64, day string) (_ *report.DailyData, err error) {
	s := rp.s
	defer wrap(&err, "DailyData(%d, %s)", operatorID, day)
	if !report.CanList(actor, report.Daily) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if operatorID == 0 {
		operatorID = actor.UserID
	}
	if report.OnlyOwn(actor, report.Daily) && operatorID != actor.UserID {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	loc, err := s.zone(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	if _, _, ok := report.DayRange(day, loc); !ok {
		return nil, fieldErr("day", "err.field.date")
	}
	u, err := s.user(ctx, s.rdb, operatorID)
	if err != nil {
		return nil, err
	}
	return s.compileDaily(ctx, u.ID, u.Name, day, s.Now())
}

// compileDaily gathers an operator's events of one day in the city's zone.
// An operator makes at most a few hundred events a day, so they are read
// whole.
func (s *Store) compileDaily(ctx context.Context, operatorID int64, name, day string, now time.Time) (*report.DailyData, error) {
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	loc := sc.Loc()
	from, to, _ := report.DayRange(day, loc)
	d := &report.DailyData{Day: day, OperatorID: operatorID, OperatorName: name, CompiledAt: now.In(loc), DueAt: report.DailyDue(from, sc).In(loc),
		ByChannel: []report.Count{}, ForwardedTo: []report.Named{}, Steps: []report.StepCompliance{}, Complaints: []report.DailyLine{}}
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.complaint_id, e.action, e.step, `+ForwardMetSQL+`, e.details, c.number, c.channel, c.status, COALESCE(cat.name, '')
		FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id LEFT JOIN categories cat ON cat.id = c.category_id
		WHERE e.actor_id = $1 AND e.at >= $2 AND e.at < $3 ORDER BY e.id`, operatorID, ms(from), ms(to))
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	channels := map[string]int{}
	agencies := map[int64]int{}
	type stepCount struct{ total, met int }
	steps := map[string]*stepCount{}
	lines := map[int64]*report.DailyLine{}
	done := map[string]map[int64]bool{}
	forwardedTo := map[[2]int64]bool{}
	var order []int64
	for rows.Next() {
		var cid int64
		var act, step, details, number, channel, status, category string
		var met sql.NullBool
		if err := rows.Scan(&cid, &act, &step, &met, &details, &number, &channel, &status, &category); err != nil {
			return nil, err
		}
		ln := lines[cid]
		if ln == nil {
			ln = &report.DailyLine{Number: number, Channel: channel, Category: category, Status: status, Actions: []string{}}
			lines[cid] = ln
			order = append(order, cid)
		}
		ln.Actions = append(ln.Actions, act)
		// Each figure counts distinct complaints: a complaint reopened
		// and answered or closed again the same day counts once.
		if done[act] == nil {
			done[act] = map[int64]bool{}
		}
		again := done[act][cid]
		done[act][cid] = true
		switch aduan.Action(act) {
		case aduan.ActionCreate:
			d.Recorded++
			channels[channel]++
			if aduan.Status(status).Open() {
				d.StillOpen++
			}
		case aduan.ActionAnswer:
			if again {
				break
			}
			if aduan.StepKey(step) == aduan.StepDirectAnswer {
				d.AnsweredDirect++
			} else {
				d.AnsweredLibrary++
			}
		case aduan.ActionForward:
			if !again {
				d.Forwarded++
			}
			var det map[string]string
			if json.Unmarshal([]byte(details), &det) == nil {
				if id, err := strconv.ParseInt(det["agency_id"], 10, 64); err == nil && !forwardedTo[[2]int64{id, cid}] {
					forwardedTo[[2]int64{id, cid}] = true
					agencies[id]++
				}
			}
		case aduan.ActionReceiveAnswer:
			if !again {
				d.AnswersReceived++
			}
		case aduan.ActionRelay:
			if !again {
				d.Relayed++
			}
		case aduan.ActionClose:
			if !again {
				d.Closed++
			}
		}
		if step != "" && met.Valid {
			sc := steps[step]
			if sc == nil {
				sc = &stepCount{}
				steps[step] = sc
			}
			sc.total++
			if met.Bool {
				sc.met++
			} else {
				ln.Missed++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	for _, ch := range aduan.Channels {
		if n := channels[string(ch)]; n > 0 {
			d.ByChannel = append(d.ByChannel, report.Count{Key: string(ch), N: n})
		}
	}
	names, err := s.agencyNames(ctx)
	if err != nil {
		return nil, err
	}
	for id, n := range agencies {
		d.ForwardedTo = append(d.ForwardedTo, report.Named{ID: id, Code: names[id].code, Name: names[id].name, N: n})
	}
	report.SortNamed(d.ForwardedTo)
	for _, st := range aduan.Steps {
		if c := steps[string(st.Key)]; c != nil {
			d.Steps = append(d.Steps, stepCompliance(st, sc, c.total, c.met))
		}
	}
	for i, id := range order {
		if i == report.MaxDailyLines {
			d.More = len(order) - i
			break
		}
		d.Complaints = append(d.Complaints, *lines[id])
	}
	return d, nil
}
func (s *Store) monthlyDailyReports(ctx context.Context, m *report.MonthlyData, now time.Time, sc *aduan.StandardClock) error {
	lines, err := s.dailyStatus(ctx, aduan.System, m.From, m.To, now, sc)
	if err != nil {
		return err
	}
	for _, l := range lines {
		m.DailyReports.Expected++
		switch l.State {
		case report.DailyOnTime:
			m.DailyReports.OnTime++
		case report.DailyLate:
			m.DailyReports.Late++
		case report.DailyMissing:
			m.DailyReports.Missing++
		default:
			m.DailyReports.Pending++
		}
	}
	return nil
}

// MaxStatusDays bounds the period of the daily-report status list.
const MaxStatusDays = 92

// DailyReportStatus lists, for each operator and day of [from, to), whether
// the daily report came on time, late, is missing or not yet due. An
// operator sees only their own lines.
func (rp *Reports) DailyReportStatus(ctx context.Context, actor aduan.Actor, from, to time.Time) (_ []report.DailyStatusLine, err error) {
	s := rp.s
	defer wrap(&err, "DailyReportStatus()")
	if !report.CanList(actor, report.Daily) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if !to.After(from) {
		return nil, fieldErr("to", "err.report.range_order")
	}
	if to.Sub(from) > MaxStatusDays*24*time.Hour {
		return nil, fieldErr("to", "err.report.range_long")
	}
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	return s.dailyStatus(ctx, actor, from, to, s.Now(), sc)
}

func (s *Store) dailyStatus(ctx context.Context, actor aduan.Actor, from, to, now time.Time, sc *aduan.StandardClock) ([]report.DailyStatusLine, error) {
	loc := sc.Loc()
	f := from.In(loc)
	first := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, loc)
	off := zoneOffsetMS(first)
	type key struct {
		user int64
		day  string
	}
	type op struct {
		id      int64
		name    string
		created time.Time
	}
	only := int64(0)
	if report.OnlyOwn(actor, report.Daily) {
		only = actor.UserID
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, name, created_at FROM users WHERE role = 'operator_cc' AND active = TRUE ORDER BY id`)
	if err != nil {
		return nil, mapErr(err)
	}
	var ops []op
	for rows.Next() {
		var o op
		var c int64
		if err := rows.Scan(&o.id, &o.name, &c); err != nil {
			rows.Close()
			return nil, err
		}
		o.created = fromMS(c)
		if only == 0 || o.id == only {
			ops = append(ops, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	// Days on which each operator did any work.
	worked := map[key]bool{}
	rows, err = s.rdb.QueryContext(ctx, `SELECT DISTINCT e.actor_id, (e.at + `+strconv.FormatInt(off, 10)+`) / `+strconv.Itoa(dayMS)+
		` FROM complaint_events e WHERE e.at >= $1 AND e.at < $2 AND e.actor_role = 'operator_cc' AND e.actor_id IS NOT NULL`, ms(first), ms(to))
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var id, d int64
		if err := rows.Scan(&id, &d); err != nil {
			rows.Close()
			return nil, err
		}
		worked[key{id, time.UnixMilli(d * dayMS).UTC().Format("2006-01-02")}] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	type rep struct {
		id        int64
		name      string
		status    string
		submitted *time.Time
	}
	reps := map[key]rep{}
	rows, err = s.rdb.QueryContext(ctx, `SELECT id, owner_id, owner_name, day, status, submitted_at FROM reports WHERE kind = 'daily' AND day >= $1 AND day < $2`,
		first.Format("2006-01-02"), to.In(loc).Format("2006-01-02"))
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var r rep
		var owner int64
		var day string
		var sub sql.NullInt64
		if err := rows.Scan(&r.id, &owner, &r.name, &day, &r.status, &sub); err != nil {
			rows.Close()
			return nil, err
		}
		r.submitted = nullMS(sub)
		reps[key{owner, day}] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	var out []report.DailyStatusLine
	for d := first; d.Before(to); d = d.AddDate(0, 0, 1) {
		day := d.Format("2006-01-02")
		due := report.DailyDue(d, sc)
		for _, o := range ops {
			k := key{o.id, day}
			created := o.created.In(loc)
			createdDay := time.Date(created.Year(), created.Month(), created.Day(), 0, 0, 0, 0, loc)
			expected := worked[k] || sc.Office.Workday(d) && !d.Before(createdDay)
			r, has := reps[k]
			if !expected && !has {
				continue
			}
			l := report.DailyStatusLine{Day: day, OperatorID: o.id, OperatorName: o.name, DueAt: due.In(loc), Worked: worked[k]}
			if has {
				l.ReportID, l.SubmittedAt = r.id, r.submitted
			}
			l.State = report.DailyState(l.SubmittedAt, due, now)
			out = append(out, l)
		}
	}
	return out, nil
}
