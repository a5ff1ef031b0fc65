package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// Reports (SOP steps 11–14): compiling the figures from the event log,
// keeping each submitted version, and the review and paraf. The figures are
// aggregated in SQL that is the same on both databases (times are Unix
// milliseconds; a WIB day is (at + 7 h) / 1 day in integer arithmetic);
// medians and p90 are picked in Go from durations streamed in order, so
// memory stays flat however many complaints there are.

const dayMS = 86400000
const wibOffsetMS = 7 * 3600000

// Renderer turns a report's frozen content into its final documents (PDF,
// XLSX). It runs before the transaction that stores them, so that a slow
// rendering never holds the write lock.
type Renderer func(r *report.Report, c *report.Content) ([]report.File, error)

const reportCols = `id, kind, status, owner_id, owner_name, day, period_from, period_to, filters, title, narrative, versions,
	due_at, created_at, updated_at, submitted_at, paraf_by, paraf_name, paraf_at, content_hash, version`

func scanReport(sc interface{ Scan(...any) error }) (*report.Report, error) {
	var r report.Report
	var kind, status, filters string
	var from, to, created, updated int64
	var due, submitted, parafAt, parafBy sql.NullInt64
	err := sc.Scan(&r.ID, &kind, &status, &r.OwnerID, &r.OwnerName, &r.Day, &from, &to, &filters, &r.Title, &r.Narrative, &r.Versions,
		&due, &created, &updated, &submitted, &parafBy, &r.ParafName, &parafAt, &r.ContentHash, &r.Version)
	if err != nil {
		return nil, err
	}
	r.Kind, r.Status = report.Kind(kind), report.Status(status)
	r.From, r.To, r.CreatedAt, r.UpdatedAt = fromMS(from), fromMS(to), fromMS(created), fromMS(updated)
	r.DueAt, r.SubmittedAt, r.ParafAt, r.ParafBy = nullMS(due), nullMS(submitted), nullMS(parafAt), parafBy.Int64
	if err := json.Unmarshal([]byte(filters), &r.Filter); err != nil {
		return nil, err
	}
	return &r, nil
}

func (s *Store) report(ctx context.Context, q queryer, id int64) (*report.Report, error) {
	r, err := scanReport(q.QueryRowContext(ctx, `SELECT `+reportCols+` FROM reports WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("report")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return r, nil
}

// loadReport reads a report with its versions and workflow events.
func (s *Store) loadReport(ctx context.Context, q queryer, id int64) (*report.Report, error) {
	r, err := s.report(ctx, q, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT seq, data, narrative, submitted_by, submitted_name, submitted_at, outcome, review_comment,
		reviewed_by, reviewed_name, reviewed_at FROM report_versions WHERE report_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, mapErr(err)
	}
	for rows.Next() {
		var v report.Version
		var data string
		var by, rby, rat sql.NullInt64
		var at int64
		if err := rows.Scan(&v.Seq, &data, &v.Narrative, &by, &v.SubmittedName, &at, &v.Outcome, &v.ReviewComment, &rby, &v.ReviewedName, &rat); err != nil {
			rows.Close()
			return nil, err
		}
		v.Data, v.SubmittedBy, v.SubmittedAt, v.ReviewedBy, v.ReviewedAt = json.RawMessage(data), by.Int64, fromMS(at), rby.Int64, nullMS(rat)
		r.History = append(r.History, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	rows, err = q.QueryContext(ctx, `SELECT id, action, step, actor_id, actor_name, actor_role, at, deadline_at, met, elapsed_ms, comment
		FROM report_events WHERE report_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var e report.Event
		var act, step, role string
		var actor, dl sql.NullInt64
		var met sql.NullBool
		var at, el int64
		if err := rows.Scan(&e.ID, &act, &step, &actor, &e.ActorName, &role, &at, &dl, &met, &el, &e.Comment); err != nil {
			return nil, err
		}
		e.Action, e.Step, e.ActorRole, e.ActorID, e.At, e.Deadline = report.Action(act), aduan.StepKey(step), aduan.Role(role), actor.Int64, fromMS(at), nullMS(dl)
		e.Elapsed = time.Duration(el) * time.Millisecond
		if met.Valid {
			m := met.Bool
			e.Met = &m
		}
		r.Events = append(r.Events, e)
	}
	return r, mapErr(rows.Err())
}

// Report returns one report with its versions and events, if the actor may
// see it; one they may not see is "not found".
func (s *Store) Report(ctx context.Context, actor aduan.Actor, id int64) (*report.Report, error) {
	r, err := s.loadReport(ctx, s.rdb, id)
	if err != nil {
		return nil, err
	}
	if !report.CanSee(actor, r) {
		return nil, notFound("report")
	}
	return r, nil
}

// ReportFilter selects reports for lists. Zero values mean "any".
type ReportFilter struct {
	Kind     report.Kind
	Status   report.Status
	OwnerID  int64
	From, To string // daily: days YYYY-MM-DD, To exclusive
	Before   int64
	Limit    int
}

// Reports lists the reports the actor may see, newest first, and the
// cursor of the next page.
func (s *Store) Reports(ctx context.Context, actor aduan.Actor, f ReportFilter) ([]*report.Report, int64, error) {
	kinds := []report.Kind{report.Daily, report.Monthly}
	if f.Kind != "" {
		kinds = []report.Kind{f.Kind}
	}
	var w where
	var vis []string
	for _, k := range kinds {
		if !report.CanList(actor, k) {
			continue
		}
		cond := "(r.kind = " + w.arg(string(k))
		switch {
		case report.OnlyOwn(actor, k):
			cond += " AND r.owner_id = " + w.arg(actor.UserID)
		case report.OnlySubmitted(actor):
			cond += " AND r.status <> 'draft'"
		case k == report.Monthly:
			cond += " AND (r.status <> 'draft' OR r.owner_id = " + w.arg(actor.UserID) + ")"
		}
		vis = append(vis, cond+")")
	}
	if len(vis) == 0 {
		return nil, 0, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	w.conds = append(w.conds, "("+strings.Join(vis, " OR ")+")")
	if f.Status != "" {
		w.add("r.status = ?", string(f.Status))
	}
	if f.OwnerID != 0 {
		w.add("r.owner_id = ?", f.OwnerID)
	}
	if f.From != "" {
		w.add("r.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("r.day < ?", f.To)
	}
	return listDesc(ctx, s.rdb, `SELECT `+prefixCols("r.", reportCols)+` FROM reports r`, &w, "r.id", f.Before, f.Limit, scanReport,
		func(r *report.Report) int64 { return r.ID })
}

func prefixCols(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// filterView resolves the names of a monthly filter's references; unknown
// ones are field errors.
func (s *Store) filterView(ctx context.Context, f report.Filter) (report.FilterView, error) {
	fv := report.FilterView{Filter: f}
	var v aduan.Validation
	if f.KecamatanCode != "" {
		err := s.rdb.QueryRowContext(ctx, `SELECT name FROM kecamatan WHERE code = $1`, f.KecamatanCode).Scan(&fv.KecamatanName)
		if err == sql.ErrNoRows {
			v.Add("kecamatan", "err.field.unknown")
		} else if err != nil {
			return fv, mapErr(err)
		}
	}
	if f.AgencyID != 0 {
		a, err := s.agency(ctx, s.rdb, f.AgencyID)
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			v.Add("agency_id", "err.field.unknown")
		} else if err != nil {
			return fv, err
		} else {
			fv.AgencyName = a.Name
		}
	}
	if f.CategoryID != 0 {
		c, err := s.category(ctx, s.rdb, f.CategoryID)
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			v.Add("category_id", "err.field.unknown")
		} else if err != nil {
			return fv, err
		} else {
			fv.CategoryName = c.Name
		}
	}
	return fv, v.Err()
}

// CreateReport starts a report as a draft: an operator's daily report for a
// day (one per operator and day), or the coordinator's report for a month
// or any period, optionally narrowed by kecamatan, agency, category or
// channel.
func (s *Store) CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error) {
	if !report.CanCreate(actor, in.Kind) {
		if !in.Kind.Valid() {
			return nil, fieldErr("kind", "err.field.choice")
		}
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	now := s.Now()
	from, to, err := in.Normalize(now)
	if err != nil {
		return nil, err
	}
	fv, err := s.filterView(ctx, in.Filter)
	if err != nil {
		return nil, err
	}
	r := &report.Report{Kind: in.Kind, Status: report.StatusDraft, OwnerID: actor.UserID, OwnerName: actor.Name, Day: in.Day,
		From: from, To: to, Filter: in.Filter, Narrative: in.Narrative, CreatedAt: now, UpdatedAt: now, Version: 1}
	r.Title = report.Title(r.Kind, from, to, actor.Name, fv)
	if r.Kind == report.Daily {
		sc, err := s.standardClock(ctx, s.rdb)
		if err != nil {
			return nil, err
		}
		due := report.DailyDue(from, sc)
		r.DueAt = &due
	} else {
		r.Day = ""
	}
	filters, err := json.Marshal(r.Filter)
	if err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if r.Kind == report.Daily {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM reports WHERE kind = 'daily' AND owner_id = $1 AND day = $2`, r.OwnerID, r.Day).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return aduan.Errorf(aduan.ECONFLICT, "err.report.daily_exists", r.Day)
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO reports (kind, status, owner_id, owner_name, day, period_from, period_to, filters, title, narrative,
			versions, due_at, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $12, 1) RETURNING id`,
			string(r.Kind), string(r.Status), r.OwnerID, r.OwnerName, r.Day, ms(from), ms(to), string(filters), r.Title, r.Narrative,
			msPtr(r.DueAt), ms(now)).Scan(&r.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "report.create", "report", r.ID, nil, reportAudit(r))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func reportAudit(r *report.Report) map[string]any {
	return map[string]any{"kind": r.Kind, "status": r.Status, "title": r.Title, "day": r.Day, "versions": r.Versions,
		"narrative_len": len(r.Narrative), "content_hash": r.ContentHash, "version": r.Version}
}

// EditReport changes the narrative of a draft or returned report. Only its
// author may, with the version they saw; a frozen report refuses.
func (s *Store) EditReport(ctx context.Context, actor aduan.Actor, id, version int64, narrative string) (*report.Report, error) {
	narrative, err := report.CheckNarrative(narrative)
	if err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		r, err := s.report(ctx, tx, id)
		if err != nil {
			return err
		}
		if !report.CanSee(actor, r) {
			return notFound("report")
		}
		if r.Frozen() {
			return aduan.Errorf(aduan.ETRANSITION, "err.report.frozen")
		}
		if r.OwnerID != actor.UserID {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
		}
		if !r.Editable() {
			return aduan.Errorf(aduan.ETRANSITION, "err.report.not_editable", "rep.status."+string(r.Status))
		}
		if version != r.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		before := reportAudit(r)
		res, err := tx.ExecContext(ctx, `UPDATE reports SET narrative = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4`,
			narrative, ms(s.Now()), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		r.Narrative, r.Version = narrative, r.Version+1
		return s.audit(ctx, tx, actor, "report.edit", "report", id, before, reportAudit(r))
	})
	if err != nil {
		return nil, err
	}
	return s.loadReport(ctx, s.rdb, id)
}

// ReportAction takes a workflow step on a report: submit (the figures are
// compiled now and frozen in a new version), return (with a comment) or
// paraf (the section head initials the version under review: its content
// hash, PDF and XLSX are stored and the report is final). A submitted daily
// report is final at once. render makes the final documents.
func (s *Store) ReportAction(ctx context.Context, actor aduan.Actor, id, version int64, act report.Action, comment string, render Renderer) (*report.Report, error) {
	r, err := s.Report(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if version != r.Version {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	next := *r
	next.History = append([]report.Version(nil), r.History...)
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := report.Apply(&next, actor, act, comment, now, sc, MonthlyDueWorkdays(set))
	if err != nil {
		return nil, err
	}
	if next.Frozen() {
		// A final document prints where anyone verifies it.
		if err := checkPublicURL(set); err != nil {
			return nil, err
		}
	}
	// The slow parts (compiling, rendering) run before the transaction.
	var newVersion *report.Version
	var files []report.File
	switch act {
	case report.ActionSubmit:
		data, err := s.compile(ctx, r, now)
		if err != nil {
			return nil, err
		}
		v := report.Version{Seq: next.Versions, Data: data, Narrative: r.Narrative, SubmittedBy: actor.UserID,
			SubmittedName: actor.Name, SubmittedAt: now}
		if r.Kind == report.Daily {
			v.Outcome = report.OutcomeFinal
		}
		next.History = append(next.History, v)
		newVersion = &next.History[len(next.History)-1]
		if r.Kind == report.Daily {
			files, err = s.finalFiles(&next, newVersion, render)
			if err != nil {
				return nil, err
			}
		}
	case report.ActionParaf:
		cur := next.Current()
		cur.Outcome, cur.ReviewedBy, cur.ReviewedName, cur.ReviewedAt = report.OutcomeInitialled, actor.UserID, actor.Name, &now
		cur.ReviewComment = strings.TrimSpace(comment)
		files, err = s.finalFiles(&next, cur, render)
		if err != nil {
			return nil, err
		}
	case report.ActionReturn:
		cur := next.Current()
		cur.Outcome, cur.ReviewedBy, cur.ReviewedName, cur.ReviewedAt = report.OutcomeReturned, actor.UserID, actor.Name, &now
		cur.ReviewComment = strings.TrimSpace(comment)
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if r.Kind == report.Monthly && (act == report.ActionSubmit || act == report.ActionParaf) {
			if err := checkOneFinal(ctx, tx, r); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE reports SET status = $1, versions = $2, submitted_at = $3, paraf_by = $4, paraf_name = $5,
			paraf_at = $6, content_hash = $7, updated_at = $8, version = version + 1 WHERE id = $9 AND version = $10`,
			string(next.Status), next.Versions, msPtr(next.SubmittedAt), nullID(next.ParafBy), next.ParafName, msPtr(next.ParafAt),
			next.ContentHash, ms(now), id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		if newVersion != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_versions (report_id, seq, data, narrative, submitted_by, submitted_name, submitted_at, outcome)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, newVersion.Seq, string(newVersion.Data), newVersion.Narrative,
				nullID(newVersion.SubmittedBy), newVersion.SubmittedName, ms(newVersion.SubmittedAt), newVersion.Outcome); err != nil {
				return err
			}
		} else if cur := next.Current(); cur != nil {
			res, err := tx.ExecContext(ctx, `UPDATE report_versions SET outcome = $1, review_comment = $2, reviewed_by = $3, reviewed_name = $4, reviewed_at = $5
				WHERE report_id = $6 AND seq = $7 AND outcome = ''`, cur.Outcome, cur.ReviewComment, nullID(cur.ReviewedBy), cur.ReviewedName,
				msPtr(cur.ReviewedAt), id, cur.Seq)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return aduan.Errorf(aduan.ECONFLICT, "err.stale")
			}
		}
		for i := range evs {
			if err := s.insertReportEvent(ctx, tx, id, &evs[i]); err != nil {
				return err
			}
		}
		for _, f := range files {
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_files (report_id, format, sha256, body, created_at) VALUES ($1, $2, $3, $4, $5)`,
				id, f.Format, report.HashBytes(f.Body), f.Body, ms(now)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "report."+string(act), "report", id, reportAudit(r), reportAudit(&next))
	})
	if err != nil {
		return nil, err
	}
	return s.loadReport(ctx, s.rdb, id)
}

// finalFiles freezes version v of r: the content hash goes on r, and the
// canonical JSON, PDF and XLSX are rendered.
func (s *Store) finalFiles(r *report.Report, v *report.Version, render Renderer) ([]report.File, error) {
	c := report.ContentOf(r, v)
	canonical := c.Canonical()
	r.ContentHash = report.HashBytes(canonical)
	files := []report.File{{Format: "json", Body: canonical}}
	if render != nil {
		more, err := render(r, c)
		if err != nil {
			return nil, err
		}
		files = append(files, more...)
	}
	return files, nil
}

func (s *Store) insertReportEvent(ctx context.Context, tx *sql.Tx, reportID int64, e *report.Event) error {
	var met any
	if e.Met != nil {
		met = *e.Met
	}
	return tx.QueryRowContext(ctx, `INSERT INTO report_events (report_id, action, step, actor_id, actor_name, actor_role, at, deadline_at, met, elapsed_ms, comment)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`, reportID, string(e.Action), string(e.Step), nullID(e.ActorID),
		e.ActorName, string(e.ActorRole), ms(e.At), msPtr(e.Deadline), met, e.Elapsed.Milliseconds(), e.Comment).Scan(&e.ID)
}

// compile computes the figures of r as of now, as JSON.
func (s *Store) compile(ctx context.Context, r *report.Report, now time.Time) (json.RawMessage, error) {
	var v any
	var err error
	if r.Kind == report.Daily {
		v, err = s.compileDaily(ctx, r.OwnerID, r.OwnerName, r.Day, now)
	} else {
		v, err = s.compileMonthly(ctx, r.From, r.To, r.Filter, now)
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// ReportData compiles the figures of r now, for a draft's preview.
func (s *Store) ReportData(ctx context.Context, actor aduan.Actor, r *report.Report) (json.RawMessage, error) {
	if !report.CanSee(actor, r) {
		return nil, notFound("report")
	}
	return s.compile(ctx, r, s.Now())
}

// ReportFile returns a stored final document of a report (json, pdf, xlsx).
func (s *Store) ReportFile(ctx context.Context, actor aduan.Actor, id int64, format string) ([]byte, error) {
	if _, err := s.Report(ctx, actor, id); err != nil {
		return nil, err
	}
	var body []byte
	err := s.rdb.QueryRowContext(ctx, `SELECT body FROM report_files WHERE report_id = $1 AND format = $2`, id, format).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, notFound("report_file")
	}
	return body, mapErr(err)
}

// VerifyReport finds the final report whose stored document (canonical
// JSON, PDF or XLSX) has the SHA-256 sha, or whose content hash it is. It
// needs no log-in: anyone holding a copy may check it. Not found means the
// copy is not one the office issued (or it was altered).
func (s *Store) VerifyReport(ctx context.Context, sha string) (*report.Match, error) {
	sha = strings.ToLower(strings.TrimSpace(sha))
	if len(sha) != 64 || strings.Trim(sha, "0123456789abcdef") != "" {
		return nil, fieldErr("hash", "err.report.bad_hash")
	}
	var id int64
	var format string
	err := s.rdb.QueryRowContext(ctx, `SELECT report_id, format FROM report_files WHERE sha256 = $1 ORDER BY report_id LIMIT 1`, sha).Scan(&id, &format)
	if err == sql.ErrNoRows {
		err = s.rdb.QueryRowContext(ctx, `SELECT id FROM reports WHERE content_hash = $1 ORDER BY id LIMIT 1`, sha).Scan(&id)
		format = "content"
	}
	if err == sql.ErrNoRows {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.report.no_match")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	r, err := s.loadReport(ctx, s.rdb, id)
	if err != nil {
		return nil, err
	}
	return &report.Match{Report: r, Format: format}, nil
}

// MonthlyData compiles the figures of any period for a preview.
func (s *Store) MonthlyData(ctx context.Context, actor aduan.Actor, from, to time.Time, f report.Filter) (*report.MonthlyData, error) {
	if !report.CanList(actor, report.Monthly) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	return s.compileMonthly(ctx, from, to, f, s.Now())
}

// DailyData compiles an operator's figures of a day for a preview. An
// operator may see only their own.
func (s *Store) DailyData(ctx context.Context, actor aduan.Actor, operatorID int64, day string) (*report.DailyData, error) {
	if !report.CanList(actor, report.Daily) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if operatorID == 0 {
		operatorID = actor.UserID
	}
	if report.OnlyOwn(actor, report.Daily) && operatorID != actor.UserID {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if _, _, ok := report.DayRange(day); !ok {
		return nil, fieldErr("day", "err.field.date")
	}
	u, err := s.user(ctx, s.rdb, operatorID)
	if err != nil {
		return nil, err
	}
	return s.compileDaily(ctx, u.ID, u.Name, day, s.Now())
}

// compileDaily gathers an operator's events of one WIB day. An operator
// makes at most a few hundred events a day, so they are read whole.
func (s *Store) compileDaily(ctx context.Context, operatorID int64, name, day string, now time.Time) (*report.DailyData, error) {
	from, to, _ := report.DayRange(day)
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	d := &report.DailyData{Day: day, OperatorID: operatorID, OperatorName: name, CompiledAt: now.UTC(), DueAt: report.DailyDue(from, sc).UTC(),
		ByChannel: []report.Count{}, ForwardedTo: []report.Named{}, Steps: []report.StepCompliance{}, Complaints: []report.DailyLine{}}
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.complaint_id, e.action, e.step, e.met, e.details, c.number, c.channel, c.status, COALESCE(cat.name, '')
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
		switch aduan.Action(act) {
		case aduan.ActionCreate:
			d.Recorded++
			channels[channel]++
			if aduan.Status(status).Open() {
				d.StillOpen++
			}
		case aduan.ActionAnswer:
			if aduan.StepKey(step) == aduan.StepDirectAnswer {
				d.AnsweredDirect++
			} else {
				d.AnsweredLibrary++
			}
		case aduan.ActionForward:
			d.Forwarded++
			var det map[string]string
			if json.Unmarshal([]byte(details), &det) == nil {
				if id, err := strconv.ParseInt(det["agency_id"], 10, 64); err == nil {
					agencies[id]++
				}
			}
		case aduan.ActionReceiveAnswer:
			d.AnswersReceived++
		case aduan.ActionRelay:
			d.Relayed++
		case aduan.ActionClose:
			d.Closed++
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
	prevFrom, prevTo := from.Add(-to.Sub(from)), from
	if fr := from.In(aduan.WIB); fr.Day() == 1 && fr.Hour() == 0 && to.Equal(fr.AddDate(0, 1, 0)) {
		prevFrom = fr.AddDate(0, -1, 0)
	}
	m := &report.MonthlyData{From: from.UTC(), To: to.UTC(), PrevFrom: prevFrom.UTC(), PrevTo: prevTo.UTC(), Filter: fv, CompiledAt: now.UTC()}
	sc, err := s.standardClock(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	for _, step := range []func() error{
		func() error { return s.monthlyVolume(ctx, m, f) },
		func() error { return s.monthlyFCR(ctx, m, f) },
		func() error { return s.monthlyWork(ctx, m, f, sc) },
		func() error { return s.monthlyOpen(ctx, m, f, now) },
		func() error { return s.monthlyPlaces(ctx, m, f, now) },
		func() error { return s.monthlySatisfaction(ctx, m, f) },
		func() error { return s.monthlyDailyReports(ctx, m, now, sc) },
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
		byChannel[ch] += n
		byStatus[st] += n
		m.Volume.Total += n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return mapErr(err)
	}
	var pw where
	cohort(&pw, m.PrevFrom, m.PrevTo, f)
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
	rows, err = s.rdb.QueryContext(ctx, `SELECT (c.received_at + `+strconv.Itoa(wibOffsetMS)+`) / `+strconv.Itoa(dayMS)+` AS d, COUNT(*) FROM complaints c`+dw.sql()+
		` GROUP BY (c.received_at + `+strconv.Itoa(wibOffsetMS)+`) / `+strconv.Itoa(dayMS), dw.args...)
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
	for d := m.From.In(aduan.WIB); d.Before(m.To) && len(m.Volume.ByDay) < 400; d = d.AddDate(0, 0, 1) {
		key := (d.UnixMilli() + wibOffsetMS) / dayMS
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
	w.add(`c.status NOT IN ('duplicate', 'rejected')`)
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
	m.FCR.Base = m.Volume.Total - m.Volume.Duplicate - m.Volume.Rejected
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
	rows, err := s.rdb.QueryContext(ctx, `SELECT e.step, e.action, COALESCE(e.actor_id, 0), e.actor_role,
		CASE WHEN e.action = 'forward' THEN e.details ELSE '' END AS fwd, COUNT(*), SUM(CASE WHEN e.met THEN 1 ELSE 0 END)`+
		fromSQL+w.sql()+` GROUP BY e.step, e.action, e.actor_id, e.actor_role, CASE WHEN e.action = 'forward' THEN e.details ELSE '' END`, w.args...)
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
		var actor int64
		var n, k int
		if err := rows.Scan(&step, &act, &actor, &role, &fwd, &n, &k); err != nil {
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
		// The agency of a step is the agency of the user who took it: the
		// complaint's agency may have changed since (returned and forwarded
		// on).
		if u := users[actor]; u.agency != 0 && (step == string(aduan.StepAgencyReceive) || step == string(aduan.StepAgencyAnswer)) {
			a := agency(u.agency)
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
	rows, err = s.rdb.QueryContext(ctx, `SELECT e.step, COALESCE(e.actor_id, 0), e.elapsed_ms`+fromSQL+pw.sql()+` ORDER BY e.step, e.elapsed_ms`, pw.args...)
	if err != nil {
		return mapErr(err)
	}
	stepPct := map[string]*report.Percentiles{}
	agencyPct := map[int64]*report.Percentiles{}
	for rows.Next() {
		var step string
		var actor, v int64
		if err := rows.Scan(&step, &actor, &v); err != nil {
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
			if ag := users[actor].agency; ag != 0 {
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
		l.ReceivedAt, l.DueAt = fromMS(recv), fromMS(due)
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
	kecs, err := s.Kecamatans(ctx)
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
func (s *Store) SatisfactionFor(ctx context.Context, actor aduan.Actor, from, to time.Time) (report.Satisfaction, error) {
	if err := actor.Require(aduan.PermStatsRead); err != nil {
		return report.Satisfaction{}, err
	}
	var f report.Filter
	if actor.Role.AgencyBound() {
		f.AgencyID = actor.AgencyID
	}
	return s.satisfaction(ctx, from, to, f)
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
func (s *Store) DailyReportStatus(ctx context.Context, actor aduan.Actor, from, to time.Time) ([]report.DailyStatusLine, error) {
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
	f := from.In(aduan.WIB)
	first := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, aduan.WIB)
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
	rows, err = s.rdb.QueryContext(ctx, `SELECT DISTINCT e.actor_id, (e.at + `+strconv.Itoa(wibOffsetMS)+`) / `+strconv.Itoa(dayMS)+
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
		first.Format("2006-01-02"), to.In(aduan.WIB).Format("2006-01-02"))
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
			created := o.created.In(aduan.WIB)
			createdDay := time.Date(created.Year(), created.Month(), created.Day(), 0, 0, 0, 0, aduan.WIB)
			expected := worked[k] || sc.Office.Workday(d) && !d.Before(createdDay)
			r, has := reps[k]
			if !expected && !has {
				continue
			}
			l := report.DailyStatusLine{Day: day, OperatorID: o.id, OperatorName: o.name, DueAt: due.UTC(), Worked: worked[k]}
			if has {
				l.ReportID, l.SubmittedAt = r.id, r.submitted
			}
			l.State = report.DailyState(l.SubmittedAt, due, now)
			out = append(out, l)
		}
	}
	return out, nil
}

// EachComplaint calls fn for every complaint matching the list filter f
// that the actor may see, newest first, reading a page at a time so that
// neither memory nor a long-held read transaction grows with the export.
func (s *Store) EachComplaint(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter, fn func(*aduan.Complaint) error) error {
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	const page = 1000
	before := int64(0)
	for {
		w, err := s.complaintWhere(actor, f)
		if err != nil {
			return err
		}
		if before > 0 {
			w.add("c.id < ?", before)
		}
		rows, err := s.rdb.QueryContext(ctx, complaintSelect+w.sql()+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(page), w.args...)
		if err != nil {
			return mapErr(err)
		}
		// The page is read whole before it is handed out: its confidential
		// complaints' reads are audited first (listed).
		var cs []*aduan.Complaint
		for rows.Next() {
			c, err := scanComplaint(rows)
			if err != nil {
				rows.Close()
				return err
			}
			cs = append(cs, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		if err := s.listed(ctx, actor, f, cs); err != nil {
			return err
		}
		for _, c := range cs {
			before = c.ID
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(cs) < page {
			return nil
		}
	}
}

// CountComplaints counts the complaints matching the list filter that the
// actor may see, for an export's progress.
func (s *Store) CountComplaints(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) (int64, error) {
	if err := actor.Require(aduan.PermComplaintRead); err != nil {
		return 0, err
	}
	w, err := s.complaintWhere(actor, f)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM complaints c`+w.sql(), w.args...).Scan(&n)
	return n, mapErr(err)
}

// AuditExport records that the actor exported complaints with a filter.
func (s *Store) AuditExport(ctx context.Context, actor aduan.Actor, format string, filter any, rows int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "complaint.export", "complaint", 0, nil, map[string]any{"format": format, "filter": filter, "rows": rows})
	})
}

// ExportProgress is how far an export has got.
type ExportProgress struct {
	ID        string
	Format    string
	Total     int64
	Done      int64
	Finished  bool
	Failed    bool
	StartedAt time.Time
	UpdatedAt time.Time
}

// SetExportProgress records an export's progress for its user. It is kept
// in the database so that a poll reaching another instance sees it.
func (s *Store) SetExportProgress(ctx context.Context, userID int64, p ExportProgress) error {
	now := ms(s.Now())
	_, err := s.wdb.ExecContext(ctx, `INSERT INTO export_progress (user_id, id, format, total, done, finished, failed, started_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
		ON CONFLICT (user_id, id) DO UPDATE SET format = excluded.format, total = excluded.total, done = excluded.done,
		finished = excluded.finished, failed = excluded.failed, updated_at = excluded.updated_at`,
		userID, p.ID, p.Format, p.Total, p.Done, p.Finished, p.Failed, now)
	return mapErr(err)
}

// GetExportProgress returns the progress of one of the user's exports.
func (s *Store) GetExportProgress(ctx context.Context, userID int64, id string) (*ExportProgress, error) {
	var p ExportProgress
	var st, up int64
	err := s.rdb.QueryRowContext(ctx, `SELECT id, format, total, done, finished, failed, started_at, updated_at FROM export_progress
		WHERE user_id = $1 AND id = $2`, userID, id).Scan(&p.ID, &p.Format, &p.Total, &p.Done, &p.Finished, &p.Failed, &st, &up)
	if err == sql.ErrNoRows {
		return nil, notFound("export")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	p.StartedAt, p.UpdatedAt = fromMS(st), fromMS(up)
	return &p, nil
}

// PublicFigures returns a year's monthly volumes and step compliance, and
// each agency's compliance: figures for citizens, with no personal data.
func (s *Store) PublicFigures(ctx context.Context, year int) (*report.PublicFigures, error) {
	if year < 2000 || year > 9999 {
		return nil, fieldErr("year", "err.bad_param", "year")
	}
	p := &report.PublicFigures{Year: year, Months: []report.PublicMonth{}, Agencies: []report.Compliance{}}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, aduan.WIB)
	for i := 0; i < 12; i++ {
		from, to := start.AddDate(0, i, 0), start.AddDate(0, i+1, 0)
		pm := report.PublicMonth{Month: from.Format("2006-01")}
		if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.status = 'closed' THEN 1 ELSE 0 END), 0)
			FROM complaints c WHERE c.received_at >= $1 AND c.received_at < $2 AND c.status NOT IN ('duplicate', 'rejected')`,
			ms(from), ms(to)).Scan(&pm.Received, &pm.Closed); err != nil {
			return nil, mapErr(err)
		}
		if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN e.met THEN 1 ELSE 0 END), 0)
			FROM complaint_events e WHERE e.at >= $1 AND e.at < $2 AND e.step <> '' AND e.met IS NOT NULL`,
			ms(from), ms(to)).Scan(&pm.Steps, &pm.StepsMet); err != nil {
			return nil, mapErr(err)
		}
		pm.Rate = report.Rate(pm.StepsMet, pm.Steps)
		p.Months = append(p.Months, pm)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT u.agency_id, COUNT(*), SUM(CASE WHEN e.met THEN 1 ELSE 0 END)
		FROM complaint_events e JOIN users u ON u.id = e.actor_id
		WHERE e.at >= $1 AND e.at < $2 AND e.step IN ('agency_receive', 'agency_answer') AND e.met IS NOT NULL AND u.agency_id IS NOT NULL
		GROUP BY u.agency_id`, ms(start), ms(start.AddDate(1, 0, 0)))
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
