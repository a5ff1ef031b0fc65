package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// Reports holds the reports (daily, monthly, their approval, signing
// and files), the figures they are built from, exports and the
// dashboard.
type Reports struct {
	s *Store
}

// Reports returns the store's reports.
func (s *Store) Reports() *Reports { return &Reports{s: s} }

// Reports (SOP steps 11–14): compiling the figures from the event log,
// keeping each submitted version, and the review and paraf. The figures are
// aggregated in SQL that is the same on both databases (times are Unix
// milliseconds; a WIB day is (at + 7 h) / 1 day in integer arithmetic);
// medians and p90 are picked in Go from durations streamed in order, so
// memory stays flat however many complaints there are.

const dayMS = 86400000

// Renderer turns a report's frozen content into its final documents (PDF,
// XLSX). It runs before the transaction that stores them, so that a slow
// rendering never holds the write lock.
type Renderer func(r *report.Report, c *report.Content) ([]report.File, error)

const reportCols = `id, kind, status, owner_id, owner_name, day, period_from, period_to, filters, title, narrative, versions,
	due_at, created_at, updated_at, submitted_at, paraf_by, paraf_name, paraf_at, content_hash, version, corrects_id, superseded_by, superseded_at`

func scanReport(sc interface{ Scan(...any) error }) (*report.Report, error) {
	var r report.Report
	var kind, status, filters string
	var from, to, created, updated int64
	var due, submitted, parafAt, parafBy, corrects, supBy, supAt sql.NullInt64
	err := sc.Scan(&r.ID, &kind, &status, &r.OwnerID, &r.OwnerName, &r.Day, &from, &to, &filters, &r.Title, &r.Narrative, &r.Versions,
		&due, &created, &updated, &submitted, &parafBy, &r.ParafName, &parafAt, &r.ContentHash, &r.Version, &corrects, &supBy, &supAt)
	if err != nil {
		return nil, err
	}
	r.Kind, r.Status = report.Kind(kind), report.Status(status)
	r.From, r.To, r.CreatedAt, r.UpdatedAt = fromMS(from), fromMS(to), fromMS(created), fromMS(updated)
	r.DueAt, r.SubmittedAt, r.ParafAt, r.ParafBy = nullMS(due), nullMS(submitted), nullMS(parafAt), parafBy.Int64
	r.CorrectsID, r.SupersededBy, r.SupersededAt = corrects.Int64, supBy.Int64, nullMS(supAt)
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
	if r.Zone, err = s.zone(ctx, q); err != nil {
		return nil, err
	}
	r.From, r.To = r.From.In(r.Zone), r.To.In(r.Zone)
	return r, nil
}

// zone is the city's time zone (the time_zone setting), in which report
// periods, days and every time in the figures are counted and shown.
func (s *Store) zone(ctx context.Context, q queryer) (*time.Location, error) {
	sc, err := s.standardClock(ctx, q)
	if err != nil {
		return nil, err
	}
	return sc.Loc(), nil
}

// Zone is the city's time zone (the time_zone setting: WIB, WITA or WIT).
// The API and the consoles show every time in it.
//
// Every console page asks for it: it comes from the reference cache (its
// setting, like the standards and holidays, moves ref_version), not from
// three queries a page (issue 21).
func (s *Store) Zone(ctx context.Context) (_ *time.Location, err error) {
	defer wrap(&err, "Zone()")
	r, err := s.refsAt(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	sc, err := r.standardClock(ctx, s, s.rdb)
	if err != nil {
		return nil, err
	}
	return sc.Loc(), nil
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
func (rp *Reports) Report(ctx context.Context, actor aduan.Actor, id int64) (_ *report.Report, err error) {
	s := rp.s
	defer wrap(&err, "Report(%d)", id)
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
func (rp *Reports) Reports(ctx context.Context, actor aduan.Actor, f ReportFilter) (_ []*report.Report, _ int64, err error) {
	s := rp.s
	defer wrap(&err, "Reports()")
	kinds := []report.Kind{report.Daily, report.Monthly, report.Annual}
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
		case report.OnlyAgency(actor):
			own, err := json.Marshal(report.Filter{AgencyID: actor.AgencyID})
			if err != nil {
				return nil, 0, err
			}
			cond += " AND r.status <> 'draft' AND r.filters = " + w.arg(string(own))
		case k == report.Annual:
			// Drafts are their author's (report.CanSee).
			cond += " AND (r.status <> 'draft' OR r.owner_id = " + w.arg(actor.UserID) + ")"
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
func (rp *Reports) CreateReport(ctx context.Context, actor aduan.Actor, in report.NewReport) (_ *report.Report, err error) {
	s := rp.s
	defer wrap(&err, "CreateReport()")
	if !report.CanCreate(actor, in.Kind) {
		if !in.Kind.Valid() {
			return nil, fieldErr("kind", "err.field.choice")
		}
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	loc, err := s.zone(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	now := s.Now().In(loc)
	var old *report.Report
	if in.Corrects != 0 {
		// A correction takes the period and scope of the final report it
		// corrects.
		if old, err = s.correctable(ctx, actor, in); err != nil {
			return nil, err
		}
		in.Month, in.From, in.To, in.Filter = "", &old.From, &old.To, old.Filter
		if in.Kind == report.Annual {
			in.From, in.To, in.Year = nil, nil, old.From.In(loc).Year()
		}
	}
	from, to, err := in.Normalize(now)
	if err != nil {
		return nil, err
	}
	fv, err := s.filterView(ctx, in.Filter)
	if err != nil {
		return nil, err
	}
	r := &report.Report{Kind: in.Kind, Status: report.StatusDraft, OwnerID: actor.UserID, OwnerName: actor.Name, Day: in.Day, Zone: loc,
		From: from, To: to, Filter: in.Filter, Narrative: in.Narrative, CreatedAt: now, UpdatedAt: now, Version: 1}
	r.Title = report.Title(r.Kind, from, to, actor.Name, fv)
	if old != nil {
		r.CorrectsID = old.ID
		r.Title = report.CorrectionTitle(old)
	}
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
			versions, due_at, created_at, updated_at, version, corrects_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $12, 1, $13) RETURNING id`,
			string(r.Kind), string(r.Status), r.OwnerID, r.OwnerName, r.Day, ms(from), ms(to), string(filters), r.Title, r.Narrative,
			msPtr(r.DueAt), ms(now), nullID(r.CorrectsID)).Scan(&r.ID); err != nil {
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
func (rp *Reports) EditReport(ctx context.Context, actor aduan.Actor, id, version int64, narrative string) (_ *report.Report, err error) {
	s := rp.s
	defer wrap(&err, "EditReport(%d, %d)", id, version)
	narrative, err = report.CheckNarrative(narrative)
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
func (rp *Reports) ReportAction(ctx context.Context, actor aduan.Actor, id, version int64, act report.Action, comment string, render Renderer) (_ *report.Report, err error) {
	s := rp.s
	defer wrap(&err, "ReportAction(%d, %d)", id, version)
	return s.Reports().ReportActionTelling(ctx, actor, id, version, act, comment, render, nil)
}

// ReportActionTelling is ReportAction that, when the paraf makes the
// city's monthly report final, also runs tell for each Pimpinan PD in the
// paraf's transaction with its agency's figures of the month (the outbox
// messages to the heads; nil: the in-app notice only).
func (rp *Reports) ReportActionTelling(ctx context.Context, actor aduan.Actor, id, version int64, act report.Action, comment string, render Renderer, tell HeadTeller) (_ *report.Report, err error) {
	s := rp.s
	defer wrap(&err, "ReportActionTelling(%d, %d)", id, version)
	r, err := s.Reports().Report(ctx, actor, id)
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
	set, err := s.RefData().Settings(ctx)
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
		if r.Kind.Reviewed() && (act == report.ActionSubmit || act == report.ActionParaf) {
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
		if act == report.ActionParaf && r.CorrectsID != 0 {
			if err := supersede(ctx, tx, r, now); err != nil {
				return err
			}
		}
		if act == report.ActionSubmit && r.Kind.Reviewed() {
			if err := s.tellReviewers(ctx, tx, r, now); err != nil {
				return err
			}
		}
		if act == report.ActionParaf || act == report.ActionReturn {
			// Decided: the other reviewers' bells stop asking.
			if _, err := tx.ExecContext(ctx, `UPDATE notifications SET read_at = $1 WHERE report_id = $2 AND kind = 'report_paraf' AND read_at IS NULL`, ms(now), id); err != nil {
				return err
			}
		}
		if act == report.ActionParaf && r.Kind == report.Monthly && r.Filter.Empty() {
			if err := s.tellAgencyHeads(ctx, tx, &next, now, tell); err != nil {
				return err
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
	switch r.Kind {
	case report.Daily:
		v, err = s.compileDaily(ctx, r.OwnerID, r.OwnerName, r.Day, now)
	case report.Annual:
		v, err = s.PPID().computeAnnual(ctx, r.From.Year(), now)
	default:
		v, err = s.compileMonthly(ctx, r.From, r.To, r.Filter, now)
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// ReportData compiles the figures of r now, for a draft's preview.
func (rp *Reports) ReportData(ctx context.Context, actor aduan.Actor, r *report.Report) (_ json.RawMessage, err error) {
	s := rp.s
	defer wrap(&err, "ReportData()")
	if !report.CanSee(actor, r) {
		return nil, notFound("report")
	}
	return s.compile(ctx, r, s.Now())
}

// ReportFile returns a stored final document of a report (json, pdf, xlsx).
func (rp *Reports) ReportFile(ctx context.Context, actor aduan.Actor, id int64, format string) (_ []byte, err error) {
	s := rp.s
	defer wrap(&err, "ReportFile(%d)", id)
	if _, err := s.Reports().Report(ctx, actor, id); err != nil {
		return nil, err
	}
	var body []byte
	err = s.rdb.QueryRowContext(ctx, `SELECT body FROM report_files WHERE report_id = $1 AND format = $2`, id, format).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, notFound("report_file")
	}
	return body, mapErr(err)
}

// VerifyReport finds the final report whose stored document (canonical
// JSON, PDF or XLSX) has the SHA-256 sha, or whose content hash it is. It
// needs no log-in: anyone holding a copy may check it. Not found means the
// copy is not one the office issued (or it was altered).
func (rp *Reports) VerifyReport(ctx context.Context, sha string) (_ *report.Match, err error) {
	s := rp.s
	defer wrap(&err, "VerifyReport()")
	sha = strings.ToLower(strings.TrimSpace(sha))
	if len(sha) != 64 || strings.Trim(sha, "0123456789abcdef") != "" {
		return nil, fieldErr("hash", "err.report.bad_hash")
	}
	var id int64
	var format string
	err = s.rdb.QueryRowContext(ctx, `SELECT report_id, format FROM report_files WHERE sha256 = $1 ORDER BY report_id LIMIT 1`, sha).Scan(&id, &format)
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
