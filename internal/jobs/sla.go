package jobs

import (
	"context"
	"database/sql"
	"github.com/kotakita/aduan/internal/errctx"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// warnAt is when the people responsible for the running step are warned:
// after the setting sla_warn_percent of the step's standard time (WarnAt
// when unset), counted in the open time of the party responsible
// (aduan.StandardClock.WarnAt).
func (q *Queue) warnAt(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) (time.Time, error) {
	var sc *aduan.StandardClock
	var settings map[string]string
	var err error
	if tx != nil {
		if sc, err = q.st.RefData().StandardClockTx(ctx, tx); err == nil {
			settings, err = q.st.RefData().SettingsTx(ctx, tx)
		}
	} else {
		if sc, err = q.st.RefData().StandardClock(ctx); err == nil {
			settings, err = q.st.RefData().Settings(ctx)
		}
	}
	if err != nil {
		return time.Time{}, err
	}
	// The warning's percent is a setting, per step (sla_warn_percent);
	// the service's WarnAt where it names none.
	return sc.WarnAt(c, aduan.WarnFraction(settings["sla_warn_percent"], c.Clock.Step, q.cfg.WarnAt)), nil
}

// scheduleSLA enqueues the warning and the breach check of the step now
// running, inside the change's transaction. Each is unique per step window,
// so edits that leave the clock alone schedule nothing new; a paused clock
// (waiting on the citizen) has no deadline and gets its checks when it
// resumes. A new complaint (created) cannot have checks yet, so its are
// inserted without the look-up for an existing one.
func (q *Queue) scheduleSLA(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, created bool) error {
	if err := q.scheduleAutoClose(ctx, tx, c); err != nil {
		return err
	}
	k := c.Clock
	if !c.Open() || k.Step == "" || k.Deadline == nil {
		return nil
	}
	now := q.st.Now()
	// Both in one statement: the job insert is the largest part of
	// recording a complaint.
	params := make([]river.InsertManyParams, 0, 2)
	for _, what := range []string{"warn", "breach"} {
		due := *k.Deadline
		if what == "warn" {
			var err error
			if due, err = q.warnAt(ctx, tx, c); err != nil {
				return err
			}
		}
		// River schedules by the real clock; the store's may be a test's.
		at := time.Now().Add(due.Sub(now))
		args := SLAArgs{ComplaintID: c.ID, Step: string(k.Step), WindowStart: k.StartedAt.UnixMilli(), What: what}
		params = append(params, river.InsertManyParams{Args: args, InsertOpts: &river.InsertOpts{ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}}})
	}
	if created {
		// Written with those of the other complaints recorded in the
		// same transaction (group commit), in one statement at its end.
		items := make([]any, len(params))
		for i := range params {
			items[i] = params[i]
		}
		return q.st.Defer(ctx, tx, newJobs{q}, items...)
	}
	_, err := q.client.InsertManyTx(ctx, tx, params)
	return err
}

// newJobs inserts, for store.Defer, jobs that cannot exist yet (the
// checks of a new complaint, a new message's send) without the look-up
// for existing ones: a unique job that might already exist is inserted
// with InsertManyTx instead.
type newJobs struct{ q *Queue }

func (n newJobs) Flush(ctx context.Context, tx *sql.Tx, items []any) error {
	params := make([]river.InsertManyParams, len(items))
	for i, it := range items {
		params[i] = it.(river.InsertManyParams)
	}
	_, err := n.q.client.InsertManyFastTx(ctx, tx, params)
	return err
}

type slaWorker struct {
	river.WorkerDefaults[SLAArgs]
	q *Queue
}

func (w *slaWorker) Work(ctx context.Context, job *river.Job[SLAArgs]) (err error) {
	defer errctx.Wrap(&err, "sla(complaint %d, %s, %s)", job.Args.ComplaintID, job.Args.Step, job.Args.What)
	q, a := w.q, job.Args
	c, err := q.st.Complaints().Complaint(ctx, aduan.System, a.ComplaintID)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return nil
		}
		return err
	}
	if a.What == whatAutoClose {
		return q.autoClose(ctx, c, a)
	}
	if a.What == whatWaitRemind || a.What == whatWaitClose {
		return q.citizenWait(ctx, c, a)
	}
	k := c.Clock
	if !c.Open() || string(k.Step) != a.Step || k.StartedAt.UnixMilli() != a.WindowStart || k.Deadline == nil {
		return nil // the step is done (or paused) since this check was scheduled
	}
	if a.What == whatEscalateKasi || a.What == whatEscalateCity {
		return q.escalate(ctx, c, a.What)
	}
	due := *k.Deadline
	if a.What == "warn" {
		if due, err = q.warnAt(ctx, nil, c); err != nil {
			return err
		}
	}
	if now := q.st.Now(); now.Before(due) {
		// A pause moved the deadline, or the clocks disagree: look again
		// then.
		return river.JobSnooze(due.Sub(now))
	}
	return q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		users, err := q.responsible(ctx, tx, c)
		if err != nil {
			return err
		}
		kind := "sla_warning"
		if a.What == "breach" {
			kind = "sla_breach"
			b := &store.Breach{ComplaintID: c.ID, Step: k.Step, WindowStart: k.StartedAt, Deadline: *k.Deadline, AgencyID: c.AgencyID}
			if _, err := q.st.Messages().RecordBreach(ctx, tx, b); err != nil {
				return err
			}
		}
		settings, err := q.st.RefData().SettingsTx(ctx, tx)
		if err != nil {
			return err
		}
		tpl, err := q.st.Messages().TemplateTx(ctx, tx, channel.TplSLAWarning)
		if err != nil {
			return err
		}
		for _, u := range users {
			dl := *k.Deadline
			n := &store.Notification{UserID: u.ID, ComplaintID: c.ID, Kind: kind, Step: k.Step, DueAt: &dl}
			fresh, err := q.st.Messages().InsertNotification(ctx, tx, n)
			if err != nil {
				return err
			}
			// A message too, to the warned person's phone: once per
			// warning, however often the job runs.
			if !fresh || a.What != "warn" || !u.Phone.Mobile() {
				continue
			}
			p := string(u.Phone)
			v := vars(c, settings, true)
			v["langkah"] = i18n.T(i18n.ID, "step."+string(k.Step))
			v["batas"] = i18n.DateTime(i18n.ID, dl)
			body, params := channel.Render(tpl.Body, v)
			subject, _ := channel.Render(tpl.Subject, v)
			m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Purpose: channel.PurposeSLAWarning, Template: tpl.Key,
				To: p, Body: body, Params: params, Subject: subject, WATemplate: tpl.WATemplate, UserID: u.ID}
			if u.Role.AgencyBound() {
				m.Channel, m.AgencyID = channel.WhatsApp, u.AgencyID
			} else if err := checkSMSLength(m, map[string]string{}); err != nil {
				continue
			}
			if err := q.enqueue(ctx, tx, m); err != nil {
				return err
			}
		}
		if a.What == "breach" {
			return q.onBreach(ctx, tx, c, settings)
		}
		return nil
	})
}

// responsible lists who answers for the running step: the agency's
// operators while the agency holds the complaint, else the operator who
// recorded it; and the coordinators, always.
func (q *Queue) responsible(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) ([]aduan.User, error) {
	var out []aduan.User
	seen := map[int64]bool{}
	add := func(us ...aduan.User) {
		for _, u := range us {
			if !seen[u.ID] && u.Active {
				seen[u.ID] = true
				out = append(out, u)
			}
		}
	}
	if c.Status.AtAgency() && c.AgencyID != 0 {
		ops, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleOperatorPD, c.AgencyID)
		if err != nil {
			return nil, err
		}
		add(ops...)
	} else if c.CreatedBy != 0 {
		u, err := q.st.Users().UserTx(ctx, tx, c.CreatedBy)
		if err == nil {
			add(*u)
		} else if aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return nil, err
		}
	}
	kos, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKoordinatorCC, 0)
	if err != nil {
		return nil, err
	}
	add(kos...)
	return out, nil
}
