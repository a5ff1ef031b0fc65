package jobs

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/errctx"
	"github.com/kotakita/aduan/internal/i18n"
)

// PPIDRemindArgs reminds the atasan PPID of objections near or past their
// 30-working-day deadline (store.PPID.RemindObjections): a notice in the
// console, and an SMS and an e-mail where the atasan has a mobile number
// or an address.
type PPIDRemindArgs struct{}

// Kind implements river.JobArgs.
func (PPIDRemindArgs) Kind() string { return "aduan_ppid_remind" }

// PPIDRemindEvery is how often the objections are looked at: the deadlines
// are whole working days, so a quarter of an hour late is no loss.
const PPIDRemindEvery = 15 * time.Minute

// InsertOpts implements river.JobArgsWithInsertOpts: one run per period
// across the cluster.
func (PPIDRemindArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: PPIDRemindEvery}, MaxAttempts: 3}
}

func ppidRemindPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(PPIDRemindEvery), func() (river.JobArgs, *river.InsertOpts) { return PPIDRemindArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
}

type ppidRemindWorker struct {
	river.WorkerDefaults[PPIDRemindArgs]
	q *Queue
}

func (w *ppidRemindWorker) Work(ctx context.Context, job *river.Job[PPIDRemindArgs]) error {
	_, err := w.q.RemindObjections(ctx)
	return err
}

// RemindObjections runs the reminders now; it returns how many notices
// were new.
func (q *Queue) RemindObjections(ctx context.Context) (_ int, err error) {
	defer errctx.Wrap(&err, "Queue.RemindObjections()")
	settings, err := q.st.RefData().Settings(ctx)
	if err != nil {
		return 0, err
	}
	return q.st.PPID().RemindObjections(ctx, func(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, kind string, u aduan.User) error {
		return q.objectionReminder(ctx, tx, r, kind, u, settings)
	})
}

// objectionReminder enqueues the outside messages of one notice: the
// system's own text, naming the request and its deadline, with the link to
// the request's page in the console.
func (q *Queue) objectionReminder(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, kind string, u aduan.User, settings map[string]string) error {
	link := strings.TrimRight(settings["public_base_url"], "/") + "/ppid/" + strconv.FormatInt(r.ID, 10)
	body := i18n.T(i18n.ID, "msg.ppid."+kind, r.Number, i18n.DateTime(i18n.ID, *r.ObjectionDueAt), link)
	if u.Phone.Mobile() {
		m := &channel.Message{Channel: channel.SMS, Purpose: channel.PurposeSLAWarning, Template: kind, To: string(u.Phone), Body: body, UserID: u.ID}
		if checkSMSLength(m, map[string]string{}) == nil {
			if err := q.enqueue(ctx, tx, m); err != nil {
				return err
			}
		}
	}
	if u.Email != "" {
		m := &channel.Message{Channel: channel.Email, Purpose: channel.PurposeSLAWarning, Template: kind, To: u.Email, UserID: u.ID,
			Subject: i18n.T(i18n.ID, "msg.ppid.subject", r.Number), Body: body}
		if err := q.enqueue(ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}
