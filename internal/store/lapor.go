package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/lapor"
)

// Lapor is the store's part of SP4N-LAPOR!: the reports LAPOR!
// dispositioned to the city, each a complaint of the lapor channel with
// its tracking ID, and what goes back to LAPOR!.
type Lapor struct {
	s *Store
}

// Lapor returns the SP4N-LAPOR! store.
func (s *Store) Lapor() *Lapor { return &Lapor{s: s} }

// LaporReport is a complaint received through SP4N-LAPOR!, with LAPOR!'s
// deadlines beside the SOP's.
type LaporReport struct {
	ComplaintID   int64
	Number        string
	Status        aduan.Status
	TrackingID    string
	Category      string
	Dispositioned time.Time
	Source        string
	Deadlines     lapor.Deadlines
}

// Register records a report LAPOR! dispositioned to the city as a
// complaint of the lapor channel, with its tracking ID, in one
// transaction. A tracking ID already registered is refused, naming the
// complaint that holds it. source says how it came ("manual", or
// "import:<file>").
func (l *Lapor) Register(ctx context.Context, actor aduan.Actor, in lapor.Intake, source string) (c *aduan.Complaint, err error) {
	defer wrap(&err, "Lapor.Register()")
	defer func() {
		if err != nil {
			err = fmt.Errorf("lapor register %q: %w", in.TrackingID, err)
		}
	}()
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	var v aduan.Validation
	id, ok := lapor.NormalizeTrackingID(in.TrackingID)
	if !ok {
		v.Add("tracking_id", "lapor.err.tracking_id")
	}
	cat, ok := lapor.NormalizeCategory(in.Category)
	if !ok {
		v.Add("category", "lapor.err.category", in.Category)
	}
	now := l.s.Now()
	disp := in.Dispositioned
	if disp.IsZero() {
		disp = now
	}
	if disp.After(now.Add(time.Minute)) {
		v.Add("dispositioned_at", "lapor.err.future")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if number, err := l.holder(ctx, id); err != nil || number != "" {
		if err != nil {
			return nil, err
		}
		return nil, duplicateTracking(id, number)
	}
	nc := aduan.NewComplaint{Channel: aduan.ChannelLapor, Text: in.Text, Address: in.Address, ReceivedAt: &disp, Confidentiality: aduan.Public}
	switch {
	case in.Confidential:
		nc.Confidentiality = aduan.Confidential
	case in.Anonymous:
		nc.Confidentiality = aduan.Anonymous
	}
	if cz := (&aduan.CitizenInput{Name: in.Name, Phone: in.Phone, Email: in.Email}); !cz.Empty() {
		nc.Citizen = cz
	}
	if cat != "" {
		cats, err := l.s.RefData().Categories(ctx)
		if err != nil {
			return nil, err
		}
		maps := make([]string, len(cats))
		for i, c := range cats {
			if c.Active {
				maps[i] = c.LaporCategory
			}
		}
		if i := lapor.MatchCategory(cat, maps); i >= 0 {
			nc.CategoryID = cats[i].ID
		}
	}
	c, err = l.s.Complaints().CreateComplaint(ctx, actor, nc, func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO lapor_reports (complaint_id, tracking_id, category, dispositioned_at, source) VALUES ($1, $2, $3, $4, $5)`,
			c.ID, id, cat, ms(disp), source)
		return err
	})
	if e, ok := aduan.AsError(err); ok {
		// The complaint's received time is LAPOR!'s disposition here.
		for i := range e.Fields {
			if e.Fields[i].Field == "received_at" {
				e.Fields[i].Field = "dispositioned_at"
			}
		}
	}
	if aduan.ErrorCode(err) == aduan.ECONFLICT {
		// Registered by someone else in the meantime.
		if number, herr := l.holder(ctx, id); herr == nil && number != "" {
			return nil, duplicateTracking(id, number)
		}
	}
	return c, err
}

func duplicateTracking(id, number string) error {
	return &aduan.Error{Code: aduan.ECONFLICT, Key: "lapor.err.duplicate", Args: []any{id, number},
		Fields: []aduan.FieldError{{Field: "tracking_id", Key: "lapor.err.duplicate", Args: []any{id, number}}}}
}

// holder is the number of the complaint that holds a tracking ID, "" for
// none.
func (l *Lapor) holder(ctx context.Context, id string) (string, error) {
	var number string
	err := l.s.rdb.QueryRowContext(ctx, `SELECT c.number FROM lapor_reports l JOIN complaints c ON c.id = l.complaint_id WHERE l.tracking_id = $1`, id).Scan(&number)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return number, mapErr(err)
}

// LaporImportResult is what became of one row of an imported file.
type LaporImportResult struct {
	Row        int
	TrackingID string
	Number     string // the complaint made, "" when refused
	Err        error
}

// Import registers the reports of a LAPOR! export, each row on its own:
// a row refused (a duplicate tracking ID, a missing text) is reported
// with its reason and does not stop the others. rowErrs are the rows the
// file itself could not give (lapor.ParseFile).
func (l *Lapor) Import(ctx context.Context, actor aduan.Actor, file string, rows []lapor.Intake, rowErrs []lapor.RowError) (_ []LaporImportResult, err error) {
	defer wrap(&err, "Lapor.Import()")
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return nil, err
	}
	var out []LaporImportResult
	for _, re := range rowErrs {
		out = append(out, LaporImportResult{Row: re.Row, Err: &aduan.Error{Code: aduan.EINVALID, Key: re.Key, Args: re.Args}})
	}
	for _, in := range rows {
		res := LaporImportResult{Row: in.Row, TrackingID: in.TrackingID}
		c, err := l.Register(ctx, actor, in, "import:"+file)
		switch {
		case err == nil:
			res.Number = c.Number
		case aduan.ErrorCode(err) == aduan.EINTERNAL || aduan.ErrorCode(err) == aduan.EUNAVAILABLE:
			return out, err
		default:
			res.Err = err
		}
		out = append(out, res)
	}
	return out, nil
}

// ByTrackingID finds the complaint a LAPOR! tracking ID was registered as.
func (l *Lapor) ByTrackingID(ctx context.Context, actor aduan.Actor, trackingID string) (_ *LaporReport, err error) {
	defer wrap(&err, "Lapor.ByTrackingID(%s)", trackingID)
	id, _ := lapor.NormalizeTrackingID(trackingID)
	list, err := l.list(ctx, actor, "l.tracking_id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("lapor")
	}
	return &list[0], nil
}

// Report is one LAPOR! report by its tracking ID with all its follow-ups,
// oldest first: what the console's report page and the API's show.
func (l *Lapor) Report(ctx context.Context, actor aduan.Actor, trackingID string) (_ *LaporReport, _ []lapor.FollowUp, err error) {
	defer wrap(&err, "Lapor.Report(%s)", trackingID)
	rep, err := l.ByTrackingID(ctx, actor, trackingID)
	if err != nil {
		return nil, nil, err
	}
	fus, err := l.FollowUps(ctx, actor, time.Unix(0, 0), l.s.Now().Add(time.Minute), rep.ComplaintID)
	if err != nil {
		return nil, nil, err
	}
	return rep, fus, nil
}

// Of returns the LAPOR! side of a complaint; ENOTFOUND when it did not
// come through LAPOR!.
func (l *Lapor) Of(ctx context.Context, actor aduan.Actor, complaintID int64) (_ *LaporReport, err error) {
	defer wrap(&err, "Lapor.Of(%d)", complaintID)
	return l.of(ctx, l.s.rdb, actor, complaintID)
}

// OfTx is Of inside tx: the steps tx has written count (the answer that
// is LAPOR!'s follow-up, for the automatic close's timer).
func (l *Lapor) OfTx(ctx context.Context, tx *sql.Tx, actor aduan.Actor, complaintID int64) (_ *LaporReport, err error) {
	defer wrap(&err, "Lapor.OfTx(%d)", complaintID)
	return l.of(ctx, tx, actor, complaintID)
}

func (l *Lapor) of(ctx context.Context, q queryer, actor aduan.Actor, complaintID int64) (*LaporReport, error) {
	list, err := l.listOn(ctx, q, actor, "l.complaint_id = $1", complaintID)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("lapor")
	}
	return &list[0], nil
}

// Reports lists the LAPOR! reports, newest disposition first (at most
// 1000), with their deadlines.
func (l *Lapor) Reports(ctx context.Context, actor aduan.Actor) (_ []LaporReport, err error) {
	defer wrap(&err, "Lapor.Reports()")
	return l.list(ctx, actor, "")
}

// The events that answer LAPOR!'s deadlines: sent on (verified), and the
// follow-up with the answer.
var (
	laporVerified = []aduan.Action{aduan.ActionForward, aduan.ActionAnswer}
	laporFollowed = []aduan.Action{aduan.ActionAgencyAnswer, aduan.ActionAnswer}
)

func (l *Lapor) list(ctx context.Context, actor aduan.Actor, cond string, condArgs ...any) ([]LaporReport, error) {
	return l.listOn(ctx, l.s.rdb, actor, cond, condArgs...)
}

func (l *Lapor) listOn(ctx context.Context, db queryer, actor aduan.Actor, cond string, condArgs ...any) ([]LaporReport, error) {
	q := `SELECT l.complaint_id, c.number, c.status, c.agency_id, c.confidentiality, l.tracking_id, l.category, l.dispositioned_at, l.source, c.closed_at,
		(SELECT MIN(e.at) FROM complaint_events e WHERE e.complaint_id = l.complaint_id AND e.action IN ($A)),
		(SELECT MIN(e.at) FROM complaint_events e WHERE e.complaint_id = l.complaint_id AND e.action IN ($B))
		FROM lapor_reports l JOIN complaints c ON c.id = l.complaint_id`
	var args []any
	if cond != "" {
		q += " WHERE " + cond
		args = append(args, condArgs...)
	}
	q = strings.Replace(q, "$A", placeholders(len(args)+1, laporVerified), 1)
	args = append(args, actionArgs(laporVerified)...)
	q = strings.Replace(q, "$B", placeholders(len(args)+1, laporFollowed), 1)
	args = append(args, actionArgs(laporFollowed)...)
	q += " ORDER BY l.dispositioned_at DESC, l.complaint_id DESC LIMIT 1000"
	clock, err := l.s.workClock(ctx, db)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("lapor list: %w", mapErr(err))
	}
	defer rows.Close()
	var out []LaporReport
	for rows.Next() {
		var r LaporReport
		var st, conf string
		var agency sql.NullInt64
		var disp int64
		var ver, fol, closed sql.NullInt64
		if err := rows.Scan(&r.ComplaintID, &r.Number, &st, &agency, &conf, &r.TrackingID, &r.Category, &disp, &r.Source, &closed, &ver, &fol); err != nil {
			return nil, err
		}
		// Who may see the complaint may see its LAPOR! side.
		if !actor.CanSeeComplaint(&aduan.Complaint{ID: r.ComplaintID, AgencyID: agency.Int64, Confidentiality: aduan.Confidentiality(conf), Status: aduan.Status(st)}) {
			continue
		}
		r.Status, r.Dispositioned = aduan.Status(st), fromMS(disp)
		r.Deadlines = lapor.ComputeDeadlines(clock.Office, r.Dispositioned, msTime(ver), msTime(fol))
		r.Deadlines.ClosedAt = msTime(closed)
		out = append(out, r)
	}
	return out, rows.Err()
}

func placeholders(from int, acts []aduan.Action) string {
	ps := make([]string, len(acts))
	for i := range acts {
		ps[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(ps, ", ")
}

func actionArgs(acts []aduan.Action) []any {
	out := make([]any, len(acts))
	for i, a := range acts {
		out[i] = string(a)
	}
	return out
}

func msTime(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromMS(n.Int64)
	return &t
}

// The steps that LAPOR! must be told of, and what each tells it.
var followUpKinds = map[aduan.Action]lapor.FollowUpKind{
	aduan.ActionForward:      lapor.FollowProgress,
	aduan.ActionAcknowledge:  lapor.FollowProgress,
	aduan.ActionAgencyAnswer: lapor.FollowAnswer,
	aduan.ActionAnswer:       lapor.FollowCompletion,
	aduan.ActionRelay:        lapor.FollowCompletion,
	aduan.ActionClose:        lapor.FollowCompletion,
}

// FollowUps lists what goes back to LAPOR! for the reports' steps between
// from and to (for the daily export: one day), oldest first, each with its
// "tindak lanjut" text ready to paste and the addresses of the report's
// photos. complaintID, when not 0, keeps one report's.
func (l *Lapor) FollowUps(ctx context.Context, actor aduan.Actor, from, to time.Time, complaintID int64) (_ []lapor.FollowUp, err error) {
	defer wrap(&err, "Lapor.FollowUps(%d)", complaintID)
	acts := make([]aduan.Action, 0, len(followUpKinds))
	for a := range followUpKinds {
		acts = append(acts, a)
	}
	// The agency a forward names is in the event's details, read below.
	q := `SELECT l.complaint_id, c.number, c.agency_id, c.confidentiality, c.status, l.tracking_id, e.action, e.at, e.details, COALESCE(e.actor_id, 0)
		FROM lapor_reports l JOIN complaints c ON c.id = l.complaint_id JOIN complaint_events e ON e.complaint_id = l.complaint_id
		WHERE e.at >= $1 AND e.at < $2 AND e.action IN (` + placeholders(3, acts) + `)`
	args := append([]any{ms(from), ms(to)}, actionArgs(acts)...)
	if complaintID != 0 {
		q += " AND l.complaint_id = $" + strconv.Itoa(len(args)+1)
		args = append(args, complaintID)
	}
	q += " ORDER BY e.at, e.id"
	rows, err := l.s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("lapor follow-ups: %w", mapErr(err))
	}
	type row struct {
		f       lapor.FollowUp
		id      int64
		act     aduan.Action
		details map[string]string
	}
	var list []row
	for rows.Next() {
		var r row
		var agency sql.NullInt64
		var conf, st, act, det string
		var at, actorID int64
		if err := rows.Scan(&r.id, &r.f.Number, &agency, &conf, &st, &r.f.TrackingID, &act, &at, &det, &actorID); err != nil {
			rows.Close()
			return nil, err
		}
		if !actor.CanSeeComplaint(&aduan.Complaint{ID: r.id, AgencyID: agency.Int64, Confidentiality: aduan.Confidentiality(conf), Status: aduan.Status(st)}) {
			continue
		}
		r.act, r.f.At, r.f.Kind = aduan.Action(act), fromMS(at), followUpKinds[aduan.Action(act)]
		json.Unmarshal([]byte(det), &r.details)
		if r.act == aduan.ActionClose && actorID == 0 {
			// Only the automatic close (internal/jobs/autoclose.go) closes
			// an answered report without a person.
			r.act = actionAutoClose
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	ags, err := l.s.RefData().Agencies(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, a := range ags {
		names[a.ID] = a.Name
	}
	settings, err := l.s.Open311().PublicSettings(ctx)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(settings["public_base_url"], "/")
	photos := map[int64][]string{}
	out := make([]lapor.FollowUp, 0, len(list))
	for _, r := range list {
		r.f.Text = followUpText(r.act, r.details, names)
		if r.f.Kind != lapor.FollowProgress {
			if _, ok := photos[r.id]; !ok {
				as, err := l.s.Attachments().Attachments(ctx, actor, r.id)
				if err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND && aduan.ErrorCode(err) != aduan.EFORBIDDEN {
					return nil, err
				}
				photos[r.id] = []string{}
				for _, a := range as {
					photos[r.id] = append(photos[r.id], base+"/api/v1/attachments/"+strconv.FormatInt(a.ID, 10))
				}
			}
			r.f.Attachments = photos[r.id]
		}
		out = append(out, r.f)
	}
	return out, nil
}

// actionAutoClose marks, among the follow-ups, a close the system made
// on LAPOR!'s rule.
const actionAutoClose aduan.Action = "auto_close"

// followUpText is the "tindak lanjut" as LAPOR!'s page wants it, in
// Indonesian (LAPOR! is read in Indonesian whatever the operator's
// language).
func followUpText(act aduan.Action, d map[string]string, agencies map[int64]string) string {
	switch act {
	case aduan.ActionForward:
		id, _ := strconv.ParseInt(d["agency_id"], 10, 64)
		name := agencies[id]
		if name == "" {
			name = "Perangkat Daerah terkait"
		}
		return i18n.T(i18n.ID, "lapor.fu.forward", name)
	case aduan.ActionAcknowledge:
		return i18n.T(i18n.ID, "lapor.fu.acknowledge")
	case aduan.ActionAgencyAnswer:
		return i18n.T(i18n.ID, "lapor.fu.agency_answer", d["answer"])
	case aduan.ActionAnswer, aduan.ActionRelay:
		return i18n.T(i18n.ID, "lapor.fu.answer", d["answer"])
	case actionAutoClose:
		return i18n.T(i18n.ID, "lapor.fu.auto_close", lapor.AutoCloseDays)
	}
	return i18n.T(i18n.ID, "lapor.fu.close")
}
